import type { CreditEventType, CreditGrade } from './credit.contracts.js';

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
  from: CreditGrade;
  to: CreditGrade;
  /** Same as `to` (for consumers that read `grade`). */
  grade: CreditGrade;
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
