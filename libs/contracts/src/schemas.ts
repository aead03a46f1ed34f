/**
 * JSON Schemas of replies and envelopes (request schemas are generated from the validated
 * classes). Used by the gateway's OpenAPI document and the AsyncAPI subject list.
 */
import { STAFF_REPLY_SCHEMAS } from './staff/staff.schemas.js';
import { INSPECTION_REPLY_SCHEMAS } from './inspection/inspection.schemas.js';
import { CREDIT_REPLY_SCHEMAS } from './credit/credit.schemas.js';
import { SUBSIDY_REPLY_SCHEMAS } from './subsidy/subsidy.schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const REPLY_SCHEMAS: Record<string, object> = {
  ...SUBSIDY_REPLY_SCHEMAS,
  ...STAFF_REPLY_SCHEMAS,
  ...INSPECTION_REPLY_SCHEMAS,
  ...CREDIT_REPLY_SCHEMAS,
  ErrorResponse: {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      code: { type: 'string', description: 'Stable English error code', example: 'VALIDATION' },
      message: { type: 'string', description: 'Chinese message for people', example: '请求参数有误：uscc' },
      details: { type: 'array', items: ref('FieldProblem'), description: 'Each bad field, the first 20; then one entry {field: "(more)", code: "moreProblems"} counting the rest' },
      retryAt: { type: 'string', format: 'date-time', description: 'For 429 (LOGIN_DELAYED, ACCOUNT_LOCKED, TOO_MANY_LOGIN_ATTEMPTS): when to try again; also sent as Retry-After' },
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
      status: { type: 'string', enum: ['registered', 'filing_submitted', 'filed', 'filing_rejected', 'deregistered'] },
      receiptNo: { type: ['string', 'null'], description: '备案回执编号' },
      inclusive: { oneOf: [{ type: 'null' }, ref('InclusiveStatus')] },
      demonstrations: { type: 'array', items: ref('DemonstrationRecord') },
      ownerUserId: { type: ['string', 'null'], description: 'The operator account that registered it (举办者), or null' },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  InclusiveStatus: {
    type: 'object', required: ['priceCapFen', 'inclusivePlaces', 'grantedOn'],
    properties: { priceCapFen: { type: 'integer', description: 'fen' }, inclusivePlaces: { type: 'integer' }, grantedOn: { type: 'string', format: 'date' }, decisionNo: { type: ['string', 'null'] } },
  },
  DemonstrationRecord: {
    type: 'object', required: ['year', 'places', 'designatedOn'],
    properties: { year: { type: 'integer' }, places: { type: 'integer' }, designatedOn: { type: 'string', format: 'date' }, decisionNo: { type: ['string', 'null'] } },
  },
  InstitutionPage: {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: { items: { type: 'array', items: ref('InstitutionView') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
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
    properties: { service: { type: 'string' }, ok: { type: 'boolean' }, entries: { type: 'integer' }, brokenAt: { type: 'string' }, problem: { type: 'string', enum: ['hash_mismatch', 'broken_link', 'unavailable'] }, error: { type: 'string' } },
  },
  AuditVerificationList: { type: 'array', items: ref('AuditVerificationView') },
  PiiReencryptView: {
    type: 'object', required: ['service', 'keyId', 'dryRun', 'tables'],
    properties: {
      service: { type: 'string' }, keyId: { type: 'string', description: 'id of PII_KEY (8 hex characters)' }, dryRun: { type: 'boolean' },
      tables: {
        type: 'array',
        items: {
          type: 'object', required: ['column', 'rows', 'current', 'reencrypted', 'rehashed', 'failed', 'failedIds'],
          properties: {
            column: { type: 'string', example: 'person.id_cipher' }, rows: { type: 'integer' }, current: { type: 'integer' }, reencrypted: { type: 'integer' },
            rehashed: { type: 'integer' }, failed: { type: 'integer' }, failedIds: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
  StandardsCheckResult: {
    type: 'object', required: ['ruleId', 'title', 'outcome', 'measured', 'limit', 'message', 'source'],
    properties: {
      ruleId: { type: 'string', example: 'CLASS_INFANT' }, title: { type: 'string' },
      outcome: { type: 'string', enum: ['pass', 'fail', 'needs_review'] },
      measured: { description: 'The value measured (null when the fact was not provided)' },
      limit: { type: 'string' }, message: { type: 'string' }, source: { type: 'string', description: 'The rule\'s legal source' },
    },
  },
  StandardsCheck: {
    type: 'object', required: ['rulesetVersion', 'checkedAt', 'summary', 'results'],
    properties: {
      rulesetVersion: { type: 'string' }, checkedAt: { type: 'string', format: 'date-time' },
      summary: { type: 'object', properties: { pass: { type: 'integer' }, fail: { type: 'integer' }, needs_review: { type: 'integer' } } },
      results: { type: 'array', items: ref('StandardsCheckResult') },
    },
  },
  FilingView: {
    type: 'object',
    required: ['id', 'institutionId', 'status', 'submittedAt', 'receiptDueBy', 'noticeDueBy', 'dueBy', 'overdue', 'check', 'receiptNo'],
    properties: {
      id: { type: 'string', format: 'uuid' }, institutionId: { type: 'string', format: 'uuid' }, institutionName: { type: 'string' },
      divisionCode: { type: 'string' }, status: { type: 'string', enum: ['submitted', 'approved', 'rejected'] },
      submittedAt: { type: 'string', format: 'date-time' },
      submittedBy: { type: 'object', properties: { department: { type: 'string' }, userId: { type: 'string' } } },
      receiptDueBy: { type: 'string', format: 'date', description: '5 working days after submission' },
      noticeDueBy: { type: 'string', format: 'date', description: '15 working days after submission' },
      dueBy: { type: 'string', format: 'date', description: 'The deadline in force: 15 when the check found failures, else 5' },
      overdue: { type: 'boolean' },
      submission: ref('SubmitFilingBody'),
      check: ref('StandardsCheck'),
      recheckCount: { type: 'integer' },
      decision: {
        oneOf: [{ type: 'null' }, {
          type: 'object',
          properties: {
            decision: { type: 'string', enum: ['approve', 'reject'] }, decidedAt: { type: 'string', format: 'date-time' },
            decidedBy: { type: 'object' }, reasons: { type: 'array', items: ref('DecisionReason') }, comment: { type: ['string', 'null'] },
          },
        }],
      },
      receiptNo: { type: ['string', 'null'], example: '330106-2026-0001' },
    },
  },
  FilingPage: {
    type: 'object', required: ['items', 'total', 'page', 'pageSize'],
    properties: { items: { type: 'array', items: ref('FilingView') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
  },
  ReceiptView: {
    type: 'object',
    properties: {
      receiptNo: { type: 'string' }, filingId: { type: 'string' }, institutionId: { type: 'string' }, institutionName: { type: 'string' },
      uscc: { type: 'string' }, address: { type: 'string' }, divisionCode: { type: 'string' }, divisionName: { type: 'string' },
      issuedOn: { type: 'string', format: 'date' }, issuingBureau: { type: 'string' }, status: { type: 'string', enum: ['valid', 'revoked'] },
    },
  },
  ReceiptVerification: {
    type: 'object', required: ['receiptNo', 'genuine', 'current', 'message'],
    properties: {
      receiptNo: { type: 'string' }, genuine: { type: 'boolean' }, current: { type: 'boolean' }, message: { type: 'string' },
      receipt: { oneOf: [{ type: 'null' }, ref('ReceiptView')] },
    },
  },
  PublicInstitutionView: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, address: { type: 'string' }, divisionCode: { type: 'string' }, divisionName: { type: 'string' },
      operatorType: { type: 'string' }, careForms: { type: 'array', items: { type: 'string' } }, places: ref('PlacesByClass'), totalPlaces: { type: 'integer' },
      receiptNo: { type: 'string' }, filedOn: { type: ['string', 'null'], format: 'date' },
      inclusive: { oneOf: [{ type: 'null' }, { type: 'object', properties: { priceCapFen: { type: 'integer' }, inclusivePlaces: { type: 'integer' }, grantedOn: { type: 'string' } } }] },
      demonstrationYears: { type: 'array', items: { type: 'integer' } },
      creditGrade: { type: ['string', 'null'], enum: ['A', 'B', 'C', 'D', null], description: '信用等级; null: not yet graded (counts as B)' },
    },
  },
  PublicInstitutionPage: {
    type: 'object', required: ['items', 'total', 'page', 'pageSize'],
    properties: { items: { type: 'array', items: ref('PublicInstitutionView') }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
  },
  PopulationView: {
    type: 'object',
    properties: {
      divisionCode: { type: 'string' }, divisionName: { type: 'string' }, year: { type: 'integer' }, residentPopulation: { type: 'integer' },
      childrenUnder3: { type: 'integer' }, source: { type: 'string' }, loadedAt: { type: 'string', format: 'date-time' },
    },
  },
  PopulationList: { type: 'array', items: ref('PopulationView') },
  IndicatorValue: {
    type: 'object', required: ['key', 'label', 'value', 'unit', 'definition', 'source'],
    properties: {
      key: { type: 'string', example: 'placesPer1000' }, label: { type: 'string' }, value: { type: ['number', 'null'] }, unit: { type: 'string' },
      numerator: { type: 'number' }, denominator: { type: 'number' }, definition: { type: 'string' }, source: { type: 'string' }, group: { type: 'string', description: 'Dashboard section, e.g. 从业人员' },
    },
  },
  SupplyDemand: {
    type: 'object',
    properties: {
      residentPopulation: { type: ['integer', 'null'] }, childrenUnder3: { type: ['integer', 'null'] }, populationYear: { type: ['integer', 'null'] },
      places: { type: 'integer' }, inclusivePlaces: { type: 'integer' }, targetPerThousand: { type: 'number' },
      targetPlaces: { type: ['integer', 'null'] }, gap: { type: ['integer', 'null'] },
    },
  },
  DivisionIndicators: {
    type: 'object',
    properties: {
      divisionCode: { type: 'string' }, divisionName: { type: 'string' }, level: { type: 'string', enum: ['county', 'street'] },
      indicators: { type: 'array', items: ref('IndicatorValue') }, supply: ref('SupplyDemand'),
    },
  },
  IndicatorContribution: {
    type: 'object', description: 'A service\'s indicators per division, merged by the gateway into IndicatorsView',
    properties: { divisions: { type: 'array', items: { type: 'object', properties: { divisionCode: { type: 'string' }, indicators: { type: 'array', items: ref('IndicatorValue') } } } } },
  },
  IndicatorsView: {
    type: 'object',
    properties: { divisionCode: { type: 'string' }, month: { type: 'string' }, asOf: { type: 'string', format: 'date-time' }, divisions: { type: 'array', items: ref('DivisionIndicators') } },
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
