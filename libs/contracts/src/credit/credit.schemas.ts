import { CREDIT_EVENT_TYPES, CREDIT_GRADES, CREDIT_LISTS, REPAIR_STATUSES } from './credit.contracts.js';

/** JSON Schemas of the credit service's replies and event data (merged into REPLY_SCHEMAS). */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const date = { type: 'string', format: 'date' };
const dateTime = { type: 'string', format: 'date-time' };
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const uuid = { type: 'string', format: 'uuid' };
const grade = { type: 'string', enum: CREDIT_GRADES, description: 'A 守信 / B 基本守信 / C 失信 / D 严重失信' };
const eventType = { type: 'string', enum: CREDIT_EVENT_TYPES };
const obj = (required: string[], properties: Record<string, object>) => ({ type: 'object', required, properties });
const page = (item: string, extra: Record<string, object> = {}) =>
  obj(['items', 'total', 'page', 'pageSize'], { ...extra, items: { type: 'array', items: ref(item) }, total: int, page: int, pageSize: int });
const who = obj(['department', 'userId'], { department: str, userId: str });

export const CREDIT_REPLY_SCHEMAS: Record<string, object> = {
  CreditEntryView: obj(
    ['entryId', 'sourceEventId', 'subject', 'eventType', 'occurredOn', 'occurredAt', 'ruleId', 'title', 'source', 'modelVersion', 'points', 'effectivePoints', 'adjustment', 'dTriggerActive'],
    {
      entryId: uuid, sourceEventId: { ...uuid, description: 'eventId of the other service\'s event (or the repair request id)' },
      subject: { type: 'string', example: 'evt.inspection.finding.recorded.v1' }, eventType,
      occurredOn: { ...date, description: 'The day of the fact (Asia/Shanghai): the model in force that day judged it' }, occurredAt: dateTime,
      ref: { ...nullableStr, description: 'Finding, penalty, complaint, staff … id the event is about' }, department: nullableStr,
      ruleId: str, title: str, source: { type: 'string', description: 'Where the rule comes from' },
      modelVersion: { type: 'string', description: 'The model version that judged the event' },
      points: int, effectivePoints: { type: 'integer', description: 'What the entry counts at the date asked for (decay, repair)' },
      adjustment: { ...nullableStr, description: 'Why effectivePoints differs from points' },
      dTriggerActive: { type: 'boolean', description: 'This entry makes the institution D at that date' },
      repairedBy: { ...nullableStr, description: 'Repair request that neutralised the entry' },
      facts: { type: 'object', description: 'The facts of the event the rule judged (severity, kinds, dates …)' },
    },
  ),
  CreditMeasureView: obj(['department', 'measure', 'source'], { department: str, measure: str, source: str }),
  CreditView: obj(
    ['institutionId', 'at', 'score', 'grade', 'gradeLabel', 'modelVersion', 'startScore', 'thresholds', 'explanation', 'dTriggers', 'measures', 'entries'],
    {
      institutionId: uuid, institutionName: nullableStr, divisionCode: nullableStr, at: date, score: int, grade, gradeLabel: str,
      modelVersion: { type: 'string', description: 'The model version in force at `at`', example: 'credit-model/2026.1' },
      startScore: int,
      thresholds: { type: 'array', items: obj(['grade', 'label', 'minScore'], { grade, label: str, minScore: int }) },
      explanation: { type: 'string', description: 'Why this grade, in Chinese' },
      dTriggers: {
        type: 'array',
        items: obj(['entryId', 'ruleId', 'title', 'source', 'occurredOn', 'activeUntil'], { entryId: uuid, ruleId: str, title: str, source: str, occurredOn: date, activeUntil: date }),
      },
      measures: { type: 'array', items: ref('CreditMeasureView') },
      entries: { type: 'array', items: ref('CreditEntryView'), description: 'Every entry up to `at`, newest first' },
    },
  ),
  CreditListItem: obj(['institutionId', 'divisionCode', 'grade', 'score', 'since', 'modelVersion', 'reasons'], {
    institutionId: uuid, institutionName: nullableStr, divisionCode: str, grade, score: int, since: date, modelVersion: str, reasons: { type: 'array', items: str },
  }),
  CreditListPage: page('CreditListItem', { list: { type: 'string', enum: CREDIT_LISTS }, grade, divisionCode: nullableStr }),
  CreditModelRuleView: obj(['id', 'eventType', 'title', 'points', 'source', 'dTrigger', 'decay', 'repair'], {
    id: str, eventType, title: str, points: int, source: str,
    dTrigger: { oneOf: [{ type: 'null' }, obj(['days'], { days: int })] },
    decay: {
      oneOf: [{ type: 'null' }, obj(['from', 'steps'], {
        from: { type: 'string', enum: ['event', 'correction'] },
        steps: { type: 'array', items: obj(['afterDays', 'keep'], { afterDays: int, keep: { type: 'number', minimum: 0, maximum: 1 } }) },
      })],
    },
    repair: obj(['allowed', 'minDays'], { allowed: { type: 'boolean' }, minDays: int }),
  }),
  CreditModelView: obj(['version', 'effectiveFrom', 'title', 'source', 'startScore', 'minScore', 'maxScore', 'grades', 'rules', 'measures', 'watchedSubjects'], {
    version: str, effectiveFrom: date, title: str, source: str, startScore: int, minScore: int, maxScore: int,
    grades: { type: 'array', items: obj(['grade', 'label', 'minScore', 'source'], { grade, label: str, minScore: int, source: str }) },
    rules: { type: 'array', items: ref('CreditModelRuleView') },
    measures: { type: 'object', additionalProperties: { type: 'array', items: ref('CreditMeasureView') }, description: 'Joint measures per grade' },
    watchedSubjects: { type: 'array', items: str, description: 'Subject prefixes that are credit-relevant: an unknown event under them is dead-lettered' },
  }),
  CreditModelList: { type: 'array', items: ref('CreditModelView') },
  RepairRequestView: obj(['id', 'institutionId', 'divisionCode', 'entryIds', 'reason', 'status', 'requestedBy', 'requestedAt', 'decision', 'ledgerEntryId'], {
    id: uuid, institutionId: uuid, divisionCode: str, entryIds: { type: 'array', items: uuid }, reason: str,
    status: { type: 'string', enum: REPAIR_STATUSES }, requestedBy: who, requestedAt: dateTime,
    decision: {
      oneOf: [{ type: 'null' }, obj(['decision', 'reason', 'decidedBy', 'decidedAt', 'decidedOn'], {
        decision: { type: 'string', enum: ['approve', 'reject'] }, reason: str, decidedBy: who, decidedAt: dateTime, decidedOn: date,
      })],
    },
    ledgerEntryId: { type: ['string', 'null'], format: 'uuid' },
  }),
  RepairRequestPage: page('RepairRequestView'),
  PublicCreditView: obj(['institutionId', 'institutionName', 'divisionCode', 'grade', 'gradeLabel', 'since', 'modelVersion'], {
    institutionId: uuid, institutionName: str, divisionCode: str, grade, gradeLabel: str, since: { type: ['string', 'null'], format: 'date' }, modelVersion: str,
  }),
  PublicCreditPage: page('PublicCreditView'),
  GradeReason: obj(['kind', 'text', 'ruleId', 'entryId', 'source'], {
    kind: { type: 'string', enum: ['d_trigger', 'score'] }, text: str, ruleId: nullableStr, entryId: { type: ['string', 'null'], format: 'uuid' }, source: nullableStr,
  }),
  GradeChangedData: obj(['institutionId', 'divisionCode', 'from', 'to', 'grade', 'score', 'modelVersion', 'effectiveOn', 'reasons'], {
    institutionId: uuid, divisionCode: str, from: grade, to: grade, grade: { ...grade, description: 'Same as to' }, score: int, modelVersion: str, effectiveOn: date,
    reasons: { type: 'array', items: ref('GradeReason') },
  }),
  RepairRequestedData: obj(['requestId', 'institutionId', 'divisionCode', 'entryIds', 'reason'], {
    requestId: uuid, institutionId: uuid, divisionCode: str, entryIds: { type: 'array', items: uuid }, reason: str,
  }),
  RepairDecidedData: obj(['requestId', 'institutionId', 'divisionCode', 'entryIds', 'reason', 'decision', 'decisionReason', 'decidedOn', 'ledgerEntryId', 'eventTypes'], {
    requestId: uuid, institutionId: uuid, divisionCode: str, entryIds: { type: 'array', items: uuid }, reason: str,
    decision: { type: 'string', enum: ['approve', 'reject'] }, decisionReason: str, decidedOn: date, ledgerEntryId: { type: ['string', 'null'], format: 'uuid' },
    eventTypes: { type: 'array', items: eventType },
  }),
  CreditDeadLetter: obj(['consumer', 'subject', 'eventId', 'code', 'error', 'failedAt', 'event'], {
    consumer: str, subject: str, eventId: str, code: { type: 'string', enum: ['UNKNOWN_CREDIT_EVENT', 'MALFORMED_CREDIT_EVENT', 'UNKNOWN_INSTITUTION'] }, error: str, failedAt: dateTime, event: {},
  }),
};
