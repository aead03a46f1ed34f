/**
 * JSON Schemas of replies and envelopes (request schemas are generated from the validated
 * classes). Used by the gateway's OpenAPI document and the AsyncAPI subject list.
 */
import { SUBSIDY_REPLY_SCHEMAS } from './subsidy/subsidy.schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const REPLY_SCHEMAS: Record<string, object> = {
  ...SUBSIDY_REPLY_SCHEMAS,
  ErrorResponse: {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      code: { type: 'string', description: 'Stable English error code', example: 'VALIDATION' },
      message: { type: 'string', description: 'Chinese message for people', example: '请求参数有误：uscc' },
      details: {
        type: 'array',
        items: ref('FieldProblem'),
        description: 'Each bad field, the first 20; then one entry {field: "(more)", code: "moreProblems"} counting the rest',
      },
      retryAt: {
        type: 'string',
        format: 'date-time',
        description: 'For 429 (LOGIN_DELAYED, ACCOUNT_LOCKED, TOO_MANY_LOGIN_ATTEMPTS): when to try again; also sent as Retry-After',
      },
    },
  },
  ErrorBody: {
    type: 'object',
    required: ['code', 'message'],
    properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: ref('FieldProblem') } },
  },
  FieldProblem: {
    type: 'object',
    required: ['field', 'code', 'message'],
    properties: {
      field: { type: 'string', example: 'uscc' },
      code: { type: 'string', example: 'isUscc' },
      message: { type: 'string', example: '统一社会信用代码校验位错误，应为 Y' },
    },
  },
  TokenResponse: {
    type: 'object',
    required: ['accessToken', 'expiresIn', 'tokenType'],
    properties: { accessToken: { type: 'string' }, expiresIn: { type: 'integer', description: 'seconds' }, tokenType: { type: 'string', enum: ['Bearer'] } },
  },
  IdentityTokenResponse: {
    type: 'object',
    required: ['identityToken', 'expiresIn', 'expiresAt', 'header'],
    properties: {
      identityToken: { type: 'string', description: 'JWS (EdDSA) naming department, role and divisions; send as NATS header shanyu-identity' },
      expiresIn: { type: 'integer', description: 'seconds' },
      expiresAt: { type: 'string', format: 'date-time' },
      header: { type: 'string', enum: ['shanyu-identity'] },
    },
  },
  Actor: {
    type: 'object',
    required: ['department', 'role', 'userId', 'divisions'],
    properties: {
      department: { type: 'string', enum: ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'operator', 'admin'] },
      role: { type: 'string', enum: ['official', 'inspector', 'operator', 'admin', 'system'] },
      userId: { type: 'string' },
      divisions: { type: 'array', items: { type: 'string' }, description: 'GB/T 2260 / 10114 codes the actor may act in' },
      clientId: { type: 'string' },
    },
  },
  Health: {
    type: 'object',
    required: ['status', 'checks'],
    properties: {
      status: { type: 'string', enum: ['ok', 'degraded'] },
      time: { type: 'string', format: 'date-time' },
      checks: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['up', 'down'] }, ms: { type: 'integer' }, error: { type: 'string' } },
        },
      },
    },
  },
  EventEnvelope: {
    type: 'object',
    required: ['eventId', 'subject', 'occurredAt', 'actor', 'entityId', 'data'],
    properties: {
      eventId: { type: 'string', format: 'uuid', description: 'Also the Nats-Msg-Id header: deduplicate on it' },
      subject: { type: 'string' },
      occurredAt: { type: 'string', format: 'date-time' },
      actor: ref('Actor'),
      entityId: { type: 'string' },
      data: { type: 'object' },
    },
  },
};
