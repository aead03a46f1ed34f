import { AuditHistoryRequest } from '../audit.contracts.js';
import type { ContractEntry, EventEntry } from '../catalog.js';
import { IndicatorsRequest } from '../registry/indicator.contracts.js';
import {
  CreditListRequest, type CreditEventType, type CreditLevel, DecideRepairRequest, GetCreditRequest, ListRepairRequestsRequest, PublicCreditListRequest,
  PublicCreditRequest, RepairIdRequest, RequestRepairRequest,
} from './credit.contracts.js';

/** NATS request subjects of the credit service (queue group `credit`). */
export const CreditSubjects = {
  ping: 'credit.health.ping',
  computeIndicators: 'credit.indicators.compute',
  getCredit: 'credit.institution.get',
  getList: 'credit.list.get',
  listModels: 'credit.model.list',
  requestRepair: 'credit.repair.request',
  decideRepair: 'credit.repair.decide',
  getRepair: 'credit.repair.get',
  listRepairs: 'credit.repair.list',
  publicGetGrade: 'credit.public.grade.get',
  publicListGrades: 'credit.public.grade.list',
} as const;

/** Events the credit service publishes to stream EVENTS. */
export const CreditEvents = {
  gradeChanged: 'evt.credit.grade.changed.v1',
  repairRequested: 'evt.credit.repair.requested.v1',
  repairDecided: 'evt.credit.repair.decided.v1',
} as const;

/** Why a grade is what it is: a D trigger (with its entry), or the score against the thresholds. */
export interface GradeReason {
  kind: 'd_trigger' | 'score';
  text: string;
  ruleId: string | null;
  entryId: string | null;
  source: string | null;
}

/**
 * evt.credit.grade.changed.v1 — exactly once per change of an institution's grade (an event that
 * moved it, a repair, or the passage of time: decay, a D trigger's end, a new model version).
 * Joint incentives and punishments (守信联合激励、失信联合惩戒) follow it: inspection sets sampling
 * ratios and the abbreviated checklist, subsidy refuses or reduces payments, 示范 needs A or B.
 */
export interface GradeChangedData {
  institutionId: string;
  divisionCode: string;
  /** The grade before (the model's start grade when the institution had no standing yet). */
  from: CreditLevel;
  to: CreditLevel;
  /** Same as `to` (for consumers that read `grade`). */
  grade: CreditLevel;
  score: number;
  modelVersion: string;
  /** The day the new grade holds from (Asia/Shanghai). */
  effectiveOn: string;
  reasons: GradeReason[];
}

export interface RepairRequestedData {
  requestId: string;
  institutionId: string;
  divisionCode: string;
  entryIds: string[];
  reason: string;
}

export interface RepairDecidedData extends RepairRequestedData {
  decision: 'approve' | 'reject';
  decisionReason: string;
  decidedOn: string;
  /** The credit_repaired ledger entry (approvals only). */
  ledgerEntryId: string | null;
  eventTypes: CreditEventType[];
}

const SCOPE = ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'];

export const CREDIT_REQUESTS: ContractEntry[] = [
  { subject: CreditSubjects.ping, service: 'credit', summary: 'Liveness: replies {service, time}', request: null, reply: 'Ping' },
  { subject: CreditSubjects.computeIndicators, service: 'credit', summary: '指标 from credit standings (merged by the gateway into GET /indicators): grade distribution A–D, red and black list counts, repairs', request: IndicatorsRequest, reply: 'IndicatorContribution', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'] },
  {
    subject: CreditSubjects.getCredit, service: 'credit',
    summary: '信用 of one institution at a date (default today): score, grade, model version and every ledger entry with its rule and source, newest first',
    request: GetCreditRequest, reply: 'CreditView', errors: [...SCOPE, 'INSTITUTION_NOT_FOUND', 'CREDIT_MODEL_NOT_IN_FORCE'],
  },
  {
    subject: CreditSubjects.getList, service: 'credit', summary: '红名单 (A) / 黑名单 (D) of a division in the caller\'s scope',
    request: CreditListRequest, reply: 'CreditListPage', errors: SCOPE,
  },
  { subject: CreditSubjects.listModels, service: 'credit', summary: 'Every scoring model version with its rules and sources', request: null, reply: 'CreditModelList', errors: [] },
  {
    subject: CreditSubjects.requestRepair, service: 'credit', summary: '信用修复申请 by the operator (own institution) or health: recorded, decided by health',
    request: RequestRepairRequest, reply: 'RepairRequestView',
    errors: [...SCOPE, 'INSTITUTION_NOT_FOUND', 'CREDIT_ENTRY_NOT_FOUND', 'CREDIT_REPAIR_NOT_ALLOWED', 'CREDIT_REPAIR_PENDING'],
  },
  {
    subject: CreditSubjects.decideRepair, service: 'credit', summary: '信用修复决定 by the district health bureau, with a reason (audited)',
    request: DecideRepairRequest, reply: 'RepairRequestView',
    errors: [...SCOPE, 'CREDIT_REPAIR_NOT_FOUND', 'CREDIT_REPAIR_ALREADY_DECIDED', 'CREDIT_REPAIR_NOT_ALLOWED'],
  },
  { subject: CreditSubjects.getRepair, service: 'credit', summary: 'One repair request', request: RepairIdRequest, reply: 'RepairRequestView', errors: [...SCOPE, 'CREDIT_REPAIR_NOT_FOUND'] },
  { subject: CreditSubjects.listRepairs, service: 'credit', summary: 'Repair requests in the caller\'s scope', request: ListRepairRequestsRequest, reply: 'RepairRequestPage', errors: SCOPE },
  {
    subject: CreditSubjects.publicGetGrade, service: 'credit', summary: '公示 The grade of one filed institution (no actor needed)',
    request: PublicCreditRequest, reply: 'PublicCreditView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND'],
  },
  {
    subject: CreditSubjects.publicListGrades, service: 'credit', summary: '公示 Grades of filed institutions by division (no actor needed)',
    request: PublicCreditListRequest, reply: 'PublicCreditPage', errors: ['VALIDATION'],
  },
];

export const CREDIT_EVENTS: EventEntry[] = [
  {
    subject: CreditEvents.gradeChanged, service: 'credit',
    summary: 'An institution\'s credit grade changed (once per change): from, to, score, model version, reasons. Inspection and subsidy act on it',
    data: 'GradeChangedData',
  },
  { subject: CreditEvents.repairRequested, service: 'credit', summary: '信用修复 requested for ledger entries of an institution', data: 'RepairRequestedData' },
  { subject: CreditEvents.repairDecided, service: 'credit', summary: '信用修复 decided by the health bureau (approve or reject, with the reason)', data: 'RepairDecidedData' },
];

export const CREDIT_AUDIT_REQUESTS: ContractEntry[] = [
  { subject: 'credit.audit.history', service: 'credit', summary: 'Audit entries of one entity (admin)', request: AuditHistoryRequest, reply: 'AuditEntryList', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED'] },
  { subject: 'credit.audit.verify', service: 'credit', summary: 'Recompute the audit hash chain (admin)', request: null, reply: 'AuditVerificationView', errors: ['DEPARTMENT_NOT_ALLOWED'] },
];

/** Dead letter body of an event the credit service could not use (`dlq.<consumer>`, stream DEADLETTER). */
export interface CreditDeadLetter {
  consumer: string;
  subject: string;
  eventId: string;
  /**
   * UNKNOWN_CREDIT_EVENT (a watched subject the model has no translation for), MALFORMED_CREDIT_EVENT,
   * or UNKNOWN_INSTITUTION (the event names no division and the credit service's copy of the register
   * does not know the institution yet). Once the cause is fixed, `dlq redrive` has the event recorded.
   */
  code: 'UNKNOWN_CREDIT_EVENT' | 'MALFORMED_CREDIT_EVENT' | 'UNKNOWN_INSTITUTION';
  error: string;
  failedAt: string;
  event: unknown;
}
