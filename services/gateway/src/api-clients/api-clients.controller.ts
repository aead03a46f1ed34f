import type { Actor } from '@shanyu/common';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { errorResponses } from '../docs/error-responses.js';
import {
  ApiClientIdParam,
  type ApiClientView,
  CLIENT_DEPARTMENTS,
  CreateApiClientBody,
  type IssuedClientSecret,
  RevokeApiClientBody,
  RotateApiClientSecretBody,
} from './api-client.contracts.js';
import { CreateApiClient } from './create-api-client.use-case.js';
import { ListApiClients } from './list-api-clients.query.js';
import { RevokeApiClient } from './revoke-api-client.use-case.js';
import { RotateApiClientSecret, type RotatedClientSecret } from './rotate-api-client-secret.use-case.js';

const API_CLIENT_SCHEMA = {
  type: 'object',
  required: ['id', 'clientId', 'name', 'department', 'divisions', 'scopes', 'createdAt', 'createdBy', 'revokedAt', 'revokeReason', 'lastUsedAt', 'secrets'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    clientId: {
      type: 'string',
      example: 'fire-330106-k3x9q2',
      description: 'Public identifier: client_id of the token request, the part before the dot of X-Api-Key',
    },
    name: { type: 'string' },
    department: { type: 'string', enum: CLIENT_DEPARTMENTS },
    divisions: { type: 'array', items: { type: 'string' } },
    scopes: { type: 'array', items: { type: 'string', example: 'GET /api/v1/inspections/{id}' } },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
    revokeReason: { type: ['string', 'null'] },
    lastUsedAt: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'Last successful exchange of a secret (token request or a freshly verified API key)',
    },
    secrets: {
      type: 'array',
      description: 'Secret versions (never the secret or its hash); validUntil is null while current',
      items: {
        type: 'object',
        properties: {
          version: { type: 'integer' },
          createdAt: { type: 'string', format: 'date-time' },
          validUntil: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
  },
};
const SECRET_PROPERTIES = {
  clientSecret: { type: 'string', description: 'Shown only in this reply; only its scrypt hash is kept' },
  apiKey: { type: 'string', description: '`<clientId>.<clientSecret>`: the value of the X-Api-Key header' },
  version: { type: 'integer' },
};

/** 接口客户端: machine credentials of department systems (admin only). */
@ApiTags('admin 接口客户端')
@ApiBearerAuth()
@Controller('api/v1/admin/api-clients')
export class ApiClientsController {
  constructor(
    private readonly createClient: CreateApiClient,
    private readonly listClients: ListApiClients,
    private readonly rotateSecret: RotateApiClientSecret,
    private readonly revokeClient: RevokeApiClient,
  ) {}

  @Post()
  @Departments('admin')
  @ApiOperation({
    summary:
      '为部门系统创建接口客户端 (admin): scopes are routes as in this document, divisions where it acts. ' +
      'The reply carries the secret — the only time it is shown. Audited (entity api_client).',
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/CreateApiClientBody' } })
  @ApiResponse({
    status: 201,
    schema: { allOf: [API_CLIENT_SCHEMA, { type: 'object', required: ['clientSecret', 'apiKey', 'version'], properties: SECRET_PROPERTIES }] },
  })
  @errorResponses(400, 401, 403)
  create(@Body() body: CreateApiClientBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<ApiClientView & IssuedClientSecret> {
    return this.createClient.execute(body, actor, requestId);
  }

  @Get()
  @Departments('admin')
  @ApiOperation({ summary: '接口客户端列表 (admin), newest first; secrets are never shown again' })
  @ApiResponse({ status: 200, schema: { type: 'array', items: API_CLIENT_SCHEMA } })
  @errorResponses(401, 403)
  list(): Promise<ApiClientView[]> {
    return this.listClients.execute();
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @Departments('admin')
  @ApiOperation({
    summary:
      '轮换密钥 (admin): a new secret, shown once; the previous secret and the tokens issued with it keep working for overlapSeconds ' +
      '(default 86400, at most 2592000, 0 = end now), then get 401 INVALID_CLIENT / CLIENT_SECRET_EXPIRED.',
  })
  @ApiParam({ name: 'id', description: "The client's id (uuid), not its clientId" })
  @ApiBody({ required: false, schema: { $ref: '#/components/schemas/RotateApiClientSecretBody' } })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      required: ['clientId', 'version', 'clientSecret', 'apiKey', 'previousValidUntil'],
      properties: { clientId: { type: 'string' }, ...SECRET_PROPERTIES, previousValidUntil: { type: 'string', format: 'date-time' } },
    },
  })
  @ApiResponse({ status: 404, description: 'API_CLIENT_NOT_FOUND', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  @ApiResponse({ status: 409, description: 'API_CLIENT_ALREADY_REVOKED', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  @errorResponses(400, 401, 403)
  rotate(
    @Param() params: ApiClientIdParam,
    @Body() body: RotateApiClientSecretBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RotatedClientSecret> {
    return this.rotateSecret.execute(params.id, body, actor, requestId);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Departments('admin')
  @ApiOperation({
    summary:
      '吊销接口客户端 (admin): at once, on every gateway replica — its API key and every token already issued get 401 API_CLIENT_REVOKED on the next request. Audited.',
  })
  @ApiParam({ name: 'id', description: "The client's id (uuid), not its clientId" })
  @ApiBody({ required: false, schema: { $ref: '#/components/schemas/RevokeApiClientBody' } })
  @ApiResponse({ status: 200, schema: API_CLIENT_SCHEMA })
  @ApiResponse({ status: 404, description: 'API_CLIENT_NOT_FOUND', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  @ApiResponse({ status: 409, description: 'API_CLIENT_ALREADY_REVOKED', schema: { $ref: '#/components/schemas/ErrorResponse' } })
  @errorResponses(400, 401, 403)
  revoke(
    @Param() params: ApiClientIdParam,
    @Body() body: RevokeApiClientBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<ApiClientView> {
    return this.revokeClient.execute(params.id, body, actor, requestId);
  }
}
