import { auditRpcs, indicatorsRpc, pingRpc, rulesRpcs, SCOPED_ERRORS } from '../service-rpcs.js';
import { type AnyEventDef, type AnyRpcDef, defineEvent, defineRpc, Described, subjectsOf } from '../contract.js';
import {
  ApproveRunRequest,
  LedgerQuery,
  ListPoliciesRequest,
  ListRunsRequest,
  PublishPolicyBody,
  RosterRef,
  RunLinesRequest,
  RunRef,
  RunTotalsRequest,
  StartRunRequest,
  SubmitRosterRequest,
} from './subsidy.contracts.js';
import { LedgerPage, type PolicyVersionView, RosterView, RunInstitutionTotalPage, RunLinePage, RunList, RunView } from './subsidy.contracts.js';
import {
  SubsidyClaimDuplicatedData,
  SubsidyRosterSubmittedData,
  SubsidyRunApprovedData,
  SubsidyRunCompletedData,
  SubsidyRunReturnedData,
} from './subsidy.events.js';

/** Every request subject of the subsidy service: one definition each. */
export const SubsidyRpc = {
  ping: pingRpc('subsidy'),
  computeIndicators: indicatorsRpc(
    'subsidy',
    '指标 from rosters and posted runs (merged by the gateway into GET /indicators): enrolled children counted once each (all operating institutions, and filed ones only; under 3), roster lines, 名册报送率, children subsidised, amount paid (fen)',
  ),
  submitRoster: defineRpc({
    subject: 'subsidy.roster.submit',
    summary:
      "收托名册: the operator's monthly roster of an operating institution, filed or not (replaces the month's earlier version; every row checked, errors name the row, nothing stored on error; payment still needs filing and 普惠, decided by the run)",
    request: SubmitRosterRequest,
    reply: RosterView,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND', 'INSTITUTION_DEREGISTERED', 'ROSTER_MONTH_IN_FUTURE', 'ROSTER_OVER_CAPACITY'],
  }),
  getRoster: defineRpc({
    subject: 'subsidy.roster.get',
    summary: 'The current roster of an institution for a month',
    request: RosterRef,
    reply: RosterView,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND', 'ROSTER_NOT_FOUND'],
  }),
  listPolicies: defineRpc({
    subject: 'subsidy.policy.list',
    summary: 'Subsidy policy versions (rules as data, each with its source)',
    request: ListPoliciesRequest,
    reply: Described<PolicyVersionView[]>('PolicyVersionList'),
    errors: ['VALIDATION'],
  }),
  publishPolicy: defineRpc({
    subject: 'subsidy.policy.publish',
    summary: 'A new policy version (health or finance of the division): checked rule by rule; overlapping periods refused',
    request: PublishPolicyBody,
    reply: Described<PolicyVersionView>('PolicyVersionView'),
    errors: [...SCOPED_ERRORS, 'POLICY_INVALID', 'POLICY_VERSION_EXISTS', 'POLICY_PERIOD_OVERLAP', 'POLICY_PERIOD_POSTED'],
  }),
  startRun: defineRpc({
    subject: 'subsidy.run.start',
    summary: 'Compute (or recompute) the run of a month and division; replies at once, progress on subsidy.run.get',
    request: StartRunRequest,
    reply: RunView,
    errors: [...SCOPED_ERRORS, 'SUBSIDY_RUN_MONTH_IN_FUTURE', 'SUBSIDY_RUN_POSTED', 'SUBSIDY_RUN_OVERLAP'],
  }),
  getRun: defineRpc({
    subject: 'subsidy.run.get',
    summary: 'A run with its progress (done / total), totals, budgets and approvals',
    request: RunRef,
    reply: RunView,
    errors: [...SCOPED_ERRORS, 'SUBSIDY_RUN_NOT_FOUND'],
  }),
  listRuns: defineRpc({
    subject: 'subsidy.run.list',
    summary: "Runs in the caller's divisions",
    request: ListRunsRequest,
    reply: RunList,
    errors: SCOPED_ERRORS,
  }),
  runLines: defineRpc({
    subject: 'subsidy.run.lines',
    summary: "Lines of a run (amount, policy version, inputs, Chinese explanation), paged; operators see their own institutions' lines",
    request: RunLinesRequest,
    reply: RunLinePage,
    errors: [...SCOPED_ERRORS, 'SUBSIDY_RUN_NOT_FOUND'],
  }),
  runTotals: defineRpc({
    subject: 'subsidy.run.totals',
    summary: 'Per-institution totals of a run, paged',
    request: RunTotalsRequest,
    reply: RunInstitutionTotalPage,
    errors: [...SCOPED_ERRORS, 'SUBSIDY_RUN_NOT_FOUND'],
  }),
  approveRun: defineRpc({
    subject: 'subsidy.run.approve',
    summary: 'Approve or reject a run at its stage: street office → district health → finance (posts to the ledger, idempotent)',
    request: ApproveRunRequest,
    reply: RunView,
    errors: [...SCOPED_ERRORS, 'SUBSIDY_RUN_NOT_FOUND', 'SUBSIDY_RUN_NOT_READY', 'SUBSIDY_RUN_STALE', 'SUBSIDY_APPROVAL_WRONG_STAGE', 'SUBSIDY_RUN_POSTED'],
  }),
  listLedger: defineRpc({
    subject: 'subsidy.ledger.list',
    summary: 'Payment ledger entries (one per institution and posted run)',
    request: LedgerQuery,
    reply: LedgerPage,
    errors: SCOPED_ERRORS,
  }),
  ...auditRpcs('subsidy'),
  ...rulesRpcs('subsidy'),
};

export const SubsidyEvt = {
  rosterSubmitted: defineEvent({
    subject: 'evt.subsidy.roster.submitted',
    version: 1,
    summary: '收托名册 submitted or replaced: children per class type and care form',
    data: SubsidyRosterSubmittedData,
  }),
  claimDuplicated: defineEvent({
    subject: 'evt.subsidy.claim.duplicated',
    version: 1,
    summary: "The same child is on two or more institutions' rosters in one month: held out of payment",
    data: SubsidyClaimDuplicatedData,
  }),
  runCompleted: defineEvent({
    subject: 'evt.subsidy.run.completed',
    version: 1,
    summary: 'A run finished computing (totals)',
    data: SubsidyRunCompletedData,
  }),
  runApproved: defineEvent({
    subject: 'evt.subsidy.run.approved',
    version: 1,
    summary: 'A run was approved at a stage; posted=true once finance approved and the ledger holds it',
    data: SubsidyRunApprovedData,
  }),
  runReturned: defineEvent({
    subject: 'evt.subsidy.run.returned',
    version: 1,
    summary: 'A run was rejected at a stage and sent back with the reason',
    data: SubsidyRunReturnedData,
  }),
};

/** NATS request subjects of the subsidy service (queue group `subsidy`). */
export const SubsidySubjects = subjectsOf(SubsidyRpc);
/** Events the subsidy service publishes to stream EVENTS. */
export const SubsidyEvents = subjectsOf(SubsidyEvt);
export const SUBSIDY_REQUESTS: readonly AnyRpcDef[] = Object.values(SubsidyRpc);
export const SUBSIDY_EVENTS: readonly AnyEventDef[] = Object.values(SubsidyEvt);
