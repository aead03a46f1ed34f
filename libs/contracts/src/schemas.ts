/**
 * JSON Schemas of replies and envelopes (request schemas are generated from the validated
 * classes). Used by the gateway's OpenAPI document and the AsyncAPI subject list.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const REPLY_SCHEMAS: Record<string, object> = {
  ErrorResponse: {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      code: { type: 'string', description: 'Stable English error code', example: 'VALIDATION' },
      message: { type: 'string', description: 'Chinese message for people', example: '请求参数有误：uscc' },
      details: { type: 'array', items: ref('FieldProblem') },
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
  InstitutionView: {
    type: 'object',
    required: ['id', 'name', 'uscc', 'nature', 'registrationAuthority', 'operatorType', 'careForms', 'divisionCode', 'countyCode', 'address', 'floor', 'buildingAreaM2', 'outdoorAreaM2', 'places', 'totalPlaces', 'status', 'version', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      uscc: { type: 'string', description: '统一社会信用代码' },
      nature: { type: 'string', enum: ['for_profit', 'non_profit'] },
      registrationAuthority: { type: 'string', enum: ['market', 'civil'], description: '登记机关' },
      operatorType: { type: 'string', enum: ['community', 'employer', 'private', 'kindergarten', 'family', 'growth_station'] },
      careForms: { type: 'array', items: { type: 'string', enum: ['full_day', 'half_day', 'temporary', 'hourly'] } },
      divisionCode: { type: 'string', description: '9-digit street code' },
      countyCode: { type: 'string', description: '6-digit county code' },
      address: { type: 'string' },
      floor: { type: 'integer' },
      buildingAreaM2: { type: 'number' },
      outdoorAreaM2: { type: 'number' },
      places: ref('PlacesByClass'),
      totalPlaces: { type: 'integer' },
      status: { type: 'string', enum: ['registered', 'filed', 'deregistered'] },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  InstitutionPage: {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: { items: { type: 'array', items: ref('InstitutionView') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
  },
  InstitutionRegisteredData: {
    type: 'object', required: ['institution'], properties: { institution: ref('InstitutionView') },
  },
  InstitutionUpdatedData: {
    type: 'object', required: ['institution', 'changed'],
    properties: { institution: ref('InstitutionView'), changed: { type: 'array', items: { type: 'string' } } },
  },
  Ping: {
    type: 'object', properties: { service: { type: 'string' }, time: { type: 'string', format: 'date-time' }, outboxBacklog: { type: 'integer' } },
  },
  Health: {
    type: 'object',
    required: ['status', 'checks'],
    properties: {
      status: { type: 'string', enum: ['ok', 'degraded'] },
      time: { type: 'string', format: 'date-time' },
      checks: { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] }, ms: { type: 'integer' }, error: { type: 'string' } } } },
    },
  },
  AuditEntryView: {
    type: 'object',
    properties: {
      seq: { type: 'string' }, occurredAt: { type: 'string', format: 'date-time' },
      actor: { type: 'object', properties: { department: { type: 'string' }, role: { type: 'string' }, userId: { type: 'string' }, clientId: { type: ['string', 'null'] } } },
      action: { type: 'string' }, entity: { type: 'string' }, entityId: { type: 'string' }, reason: { type: ['string', 'null'] },
      before: {}, after: {}, requestId: { type: ['string', 'null'] }, hash: { type: 'string' }, prevHash: { type: 'string' },
    },
  },
  AuditEntryList: { type: 'array', items: ref('AuditEntryView') },
  AuditVerificationView: {
    type: 'object', required: ['service', 'ok', 'entries'],
    properties: { service: { type: 'string' }, ok: { type: 'boolean' }, entries: { type: 'integer' }, brokenAt: { type: 'string' }, problem: { type: 'string', enum: ['hash_mismatch', 'broken_link'] } },
  },
  AuditVerificationList: { type: 'array', items: ref('AuditVerificationView') },
  CalendarYearView: {
    type: 'object', required: ['year', 'origin', 'entries', 'workingDays'],
    properties: {
      year: { type: 'integer' }, origin: { type: 'string', enum: ['loaded', 'built-in', 'none'] }, source: { type: ['string', 'null'] },
      entries: { type: 'array', items: ref('HolidayEntryInput') }, workingDays: { type: 'integer', description: 'working days in the year' },
    },
  },
  CalendarYearLoadedData: {
    type: 'object', required: ['year', 'source', 'entries'],
    properties: { year: { type: 'integer' }, source: { type: 'string' }, entries: { type: 'array', items: ref('HolidayEntryInput') } },
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
