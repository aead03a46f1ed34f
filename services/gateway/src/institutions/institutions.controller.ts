import type { Actor } from '@shanyu/common';
import {
  DemonstrationBody,
  DeregistrationBody,
  InclusiveBody,
  type InstitutionView,
  ListInstitutionsRequest,
  type Page,
  RegisterInstitutionRequest,
  RegistryRpc,
  UpdateInstitutionBody,
  GetInstitutionRequest,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments, ForInspectors } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';

/**
 * 登记: institutions, forwarded to the registry service over NATS. A path parameter the registry
 * takes as it is (an id, a USCC) is not validated here as well: the registry validates its request
 * (GetInstitutionRequest, InstitutionByUsccRequest) and its 400 VALIDATION reaches the caller unchanged.
 */
@ApiTags('institutions 机构登记')
@ApiBearerAuth()
@Controller('api/v1/institutions')
export class InstitutionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @Departments('market', 'civil', 'operator', 'admin')
  @ApiOperation({ summary: '登记托育机构 (for-profit by 市场监管, non-profit by 民政, or the operator itself)' })
  @ApiBody({ schema: { $ref: '#/components/schemas/RegisterInstitutionRequest' } })
  @RpcReply(RegistryRpc.registerInstitution, 201)
  register(@Body() body: RegisterInstitutionRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InstitutionView> {
    return this.rpc.call(RegistryRpc.registerInstitution, body, { actor, requestId });
  }

  @Get()
  @ApiOperation({ summary: "机构列表 inside the caller's divisions (operators: their own)" })
  @ApiQuery({ name: 'divisionCode', required: false, description: 'County (6 digits) or street (9 digits)' })
  @ApiQuery({ name: 'status', required: false, enum: ['registered', 'filed', 'deregistered'] })
  @ApiQuery({ name: 'nature', required: false, enum: ['for_profit', 'non_profit'] })
  @ApiQuery({ name: 'q', required: false, description: 'Name contains' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 } })
  @RpcReply(RegistryRpc.listInstitutions)
  list(@Query() query: ListInstitutionsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<Page<InstitutionView>> {
    return this.rpc.call(RegistryRpc.listInstitutions, query, { actor, requestId });
  }

  @Get('by-uscc/:uscc')
  @ApiOperation({ summary: '按统一社会信用代码查机构 (the key on the business licence, as department systems hold it)' })
  @ApiParam({ name: 'uscc', example: '91330106MA2H2X1234' })
  @RpcReply(RegistryRpc.getInstitutionByUscc)
  byUscc(@Param('uscc') uscc: string, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InstitutionView> {
    return this.rpc.call(RegistryRpc.getInstitutionByUscc, { uscc }, { actor, requestId });
  }

  @Get(':id')
  @ForInspectors()
  @ApiOperation({ summary: '机构详情' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(RegistryRpc.getInstitution)
  get(@Param('id') id: string, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InstitutionView> {
    return this.rpc.call(RegistryRpc.getInstitution, { id }, { actor, requestId });
  }

  @Patch(':id')
  @Departments('market', 'civil', 'operator', 'admin')
  @ApiOperation({ summary: '登记变更 (audited with before/after and reason)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { $ref: '#/components/schemas/UpdateInstitutionBody' } })
  @RpcReply(RegistryRpc.updateInstitution)
  update(
    @Param() params: GetInstitutionRequest,
    @Body() body: UpdateInstitutionBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InstitutionView> {
    return this.rpc.call(RegistryRpc.updateInstitution, { ...body, id: params.id }, { actor, requestId });
  }

  @Post(':id/inclusive')
  @HttpCode(200)
  @Departments('health')
  @ApiOperation({ summary: '普惠认定 grant (price cap in fen, inclusive places) or revoke — district health bureau, filed institutions only' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { $ref: '#/components/schemas/InclusiveBody' } })
  @RpcReply(RegistryRpc.setInclusive)
  inclusive(
    @Param() params: GetInstitutionRequest,
    @Body() body: InclusiveBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InstitutionView> {
    return this.rpc.call(RegistryRpc.setInclusive, { ...body, institutionId: params.id }, { actor, requestId });
  }

  @Post(':id/demonstration')
  @HttpCode(200)
  @Departments('health')
  @ApiOperation({
    summary:
      '示范 designation for a year — district health bureau; records the places at that time; credit grade A or B only (422 DEMONSTRATION_GRADE_TOO_LOW)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { $ref: '#/components/schemas/DemonstrationBody' } })
  @RpcReply(RegistryRpc.designateDemonstration)
  demonstration(
    @Param() params: GetInstitutionRequest,
    @Body() body: DemonstrationBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InstitutionView> {
    return this.rpc.call(RegistryRpc.designateDemonstration, { ...body, institutionId: params.id }, { actor, requestId });
  }

  @Post(':id/deregistration')
  @HttpCode(200)
  @Departments('market', 'civil', 'health', 'operator', 'admin')
  @ApiOperation({ summary: '注销: ends the institution; its receipt no longer verifies as current' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { $ref: '#/components/schemas/DeregistrationBody' } })
  @RpcReply(RegistryRpc.deregisterInstitution)
  deregister(
    @Param() params: GetInstitutionRequest,
    @Body() body: DeregistrationBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InstitutionView> {
    return this.rpc.call(RegistryRpc.deregisterInstitution, { ...body, institutionId: params.id }, { actor, requestId });
  }
}
