import { AuditHistoryRequest } from '../audit.contracts.js';
import type { ContractEntry, EventEntry } from '../catalog.js';
import { IndicatorsRequest } from '../registry/indicator.contracts.js';
import type { CareForm, ClassType } from '../registry/institution.contracts.js';
import {
  ApproveRunRequest, LedgerQuery, ListPoliciesRequest, ListRunsRequest, PublishPolicyBody, RosterRef, RunLinesRequest, RunRef, RunTotalsRequest,
  StartRunRequest, SubmitRosterRequest, type ApprovalStage, type RosterFlagCode, type RunTotals,
} from './subsidy.contracts.js';

/** NATS request subjects of the subsidy service (queue group `subsidy`). */
export const SubsidySubjects = {
  ping: 'subsidy.health.ping',
  computeIndicators: 'subsidy.indicators.compute',
  submitRoster: 'subsidy.roster.submit',
  getRoster: 'subsidy.roster.get',
  listPolicies: 'subsidy.policy.list',
  publishPolicy: 'subsidy.policy.publish',
  startRun: 'subsidy.run.start',
  getRun: 'subsidy.run.get',
  listRuns: 'subsidy.run.list',
  runLines: 'subsidy.run.lines',
  runTotals: 'subsidy.run.totals',
  approveRun: 'subsidy.run.approve',
  listLedger: 'subsidy.ledger.list',
} as const;

/** Events the subsidy service publishes to stream EVENTS. No event carries an ID number. */
export const SubsidyEvents = {
  rosterSubmitted: 'evt.subsidy.roster.submitted.v1',
  claimDuplicated: 'evt.subsidy.claim.duplicated.v1',
  runCompleted: 'evt.subsidy.run.completed.v1',
  runApproved: 'evt.subsidy.run.approved.v1',
  runReturned: 'evt.subsidy.run.returned.v1',
} as const;

/** evt.subsidy.roster.submitted.v1 — children per class type for staff ratios and indicators. */
export interface SubsidyRosterSubmittedData {
  rosterId: string;
  institutionId: string;
  divisionCode: string;
  ownerUserId: string | null;
  month: string;
  version: number;
  openDays: number;
  totalChildren: number;
  byClass: Record<ClassType, number>;
  byCareForm: Record<CareForm, number>;
  flags: RosterFlagCode[];
}

/**
 * evt.subsidy.claim.duplicated.v1 — the same child (by keyed hash) is on the current rosters of
 * two or more institutions in one month: every claim is held out of payment until resolved.
 */
export interface SubsidyClaimDuplicatedData {
  month: string;
  /** Keyed hash of the child's ID number (not reversible without the service's key). */
  childKey: string;
  institutions: { institutionId: string; divisionCode: string }[];
}

export interface SubsidyRunCompletedData {
  runId: string;
  month: string;
  divisionCode: string;
  attempt: number;
  totals: RunTotals;
}

export interface SubsidyRunApprovedData {
  runId: string;
  month: string;
  divisionCode: string;
  stage: ApprovalStage;
  /** The stage that waits next, or null once finance approved. */
  nextStage: ApprovalStage | null;
  /** True once finance approved: the run is posted to the ledger. */
  posted: boolean;
  payableFen: number;
  /** Per institution (posted runs only): what the ledger pays. */
  institutions: { institutionId: string; amountFen: number }[];
}

export interface SubsidyRunReturnedData {
  runId: string;
  month: string;
  divisionCode: string;
  stage: ApprovalStage;
  reason: string;
}

const SCOPE_ERRORS = ['VALIDATION', 'NOT_OWN_INSTITUTION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'];

export const SUBSIDY_REQUESTS: ContractEntry[] = [
  { subject: SubsidySubjects.ping, service: 'subsidy', summary: 'Liveness: replies {service, time}', request: null, reply: 'Ping' },
  { subject: SubsidySubjects.computeIndicators, service: 'subsidy', summary: '指标 from rosters and posted runs (merged by the gateway into GET /indicators): enrolled children, 托位使用率, children subsidised, amount paid (fen)', request: IndicatorsRequest, reply: 'IndicatorContribution', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'] },
  {
    subject: SubsidySubjects.submitRoster, service: 'subsidy',
    summary: '收托名册: the operator\'s monthly roster of a filed institution (replaces the month\'s earlier version; every row checked, errors name the row, nothing stored on error)',
    request: SubmitRosterRequest, reply: 'RosterView',
    errors: [...SCOPE_ERRORS, 'INSTITUTION_NOT_FOUND', 'INSTITUTION_NOT_FILED', 'ROSTER_MONTH_IN_FUTURE', 'ROSTER_OVER_CAPACITY'],
  },
  { subject: SubsidySubjects.getRoster, service: 'subsidy', summary: 'The current roster of an institution for a month', request: RosterRef, reply: 'RosterView', errors: [...SCOPE_ERRORS, 'INSTITUTION_NOT_FOUND', 'ROSTER_NOT_FOUND'] },
  { subject: SubsidySubjects.listPolicies, service: 'subsidy', summary: 'Subsidy policy versions (rules as data, each with its source)', request: ListPoliciesRequest, reply: 'PolicyVersionList', errors: ['VALIDATION'] },
  {
    subject: SubsidySubjects.publishPolicy, service: 'subsidy', summary: 'A new policy version (health or finance of the division): checked rule by rule; overlapping periods refused',
    request: PublishPolicyBody, reply: 'PolicyVersionView', errors: [...SCOPE_ERRORS, 'POLICY_INVALID', 'POLICY_VERSION_EXISTS', 'POLICY_PERIOD_OVERLAP', 'POLICY_PERIOD_POSTED'],
  },
  {
    subject: SubsidySubjects.startRun, service: 'subsidy', summary: 'Compute (or recompute) the run of a month and division; replies at once, progress on subsidy.run.get',
    request: StartRunRequest, reply: 'SubsidyRunView', errors: [...SCOPE_ERRORS, 'SUBSIDY_RUN_MONTH_IN_FUTURE', 'SUBSIDY_RUN_POSTED', 'SUBSIDY_RUN_OVERLAP'],
  },
  { subject: SubsidySubjects.getRun, service: 'subsidy', summary: 'A run with its progress (done / total), totals, budgets and approvals', request: RunRef, reply: 'SubsidyRunView', errors: [...SCOPE_ERRORS, 'SUBSIDY_RUN_NOT_FOUND'] },
  { subject: SubsidySubjects.listRuns, service: 'subsidy', summary: 'Runs in the caller\'s divisions', request: ListRunsRequest, reply: 'SubsidyRunList', errors: SCOPE_ERRORS },
  {
    subject: SubsidySubjects.runLines, service: 'subsidy', summary: 'Lines of a run (amount, policy version, inputs, Chinese explanation), paged; operators see their own institutions\' lines',
    request: RunLinesRequest, reply: 'RunLinePage', errors: [...SCOPE_ERRORS, 'SUBSIDY_RUN_NOT_FOUND'],
  },
  { subject: SubsidySubjects.runTotals, service: 'subsidy', summary: 'Per-institution totals of a run, paged', request: RunTotalsRequest, reply: 'RunInstitutionTotalPage', errors: [...SCOPE_ERRORS, 'SUBSIDY_RUN_NOT_FOUND'] },
  {
    subject: SubsidySubjects.approveRun, service: 'subsidy', summary: 'Approve or reject a run at its stage: street office → district health → finance (posts to the ledger, idempotent)',
    request: ApproveRunRequest, reply: 'SubsidyRunView',
    errors: [...SCOPE_ERRORS, 'SUBSIDY_RUN_NOT_FOUND', 'SUBSIDY_RUN_NOT_READY', 'SUBSIDY_RUN_STALE', 'SUBSIDY_APPROVAL_WRONG_STAGE', 'SUBSIDY_RUN_POSTED'],
  },
  { subject: SubsidySubjects.listLedger, service: 'subsidy', summary: 'Payment ledger entries (one per institution and posted run)', request: LedgerQuery, reply: 'LedgerPage', errors: SCOPE_ERRORS },
];

export const SUBSIDY_EVENTS: EventEntry[] = [
  { subject: SubsidyEvents.rosterSubmitted, service: 'subsidy', summary: '收托名册 submitted or replaced: children per class type and care form', data: 'SubsidyRosterSubmittedData' },
  { subject: SubsidyEvents.claimDuplicated, service: 'subsidy', summary: 'The same child is on two or more institutions\' rosters in one month: held out of payment', data: 'SubsidyClaimDuplicatedData' },
  { subject: SubsidyEvents.runCompleted, service: 'subsidy', summary: 'A run finished computing (totals)', data: 'SubsidyRunCompletedData' },
  { subject: SubsidyEvents.runApproved, service: 'subsidy', summary: 'A run was approved at a stage; posted=true once finance approved and the ledger holds it', data: 'SubsidyRunApprovedData' },
  { subject: SubsidyEvents.runReturned, service: 'subsidy', summary: 'A run was rejected at a stage and sent back with the reason', data: 'SubsidyRunReturnedData' },
];

export const SUBSIDY_AUDIT_REQUESTS: ContractEntry[] = [
  { subject: 'subsidy.audit.history', service: 'subsidy', summary: 'Audit entries of one entity (admin)', request: AuditHistoryRequest, reply: 'AuditEntryList', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED'] },
  { subject: 'subsidy.audit.verify', service: 'subsidy', summary: 'Recompute the audit hash chain (admin)', request: null, reply: 'AuditVerificationView', errors: ['DEPARTMENT_NOT_ALLOWED'] },
];
