import type { ErrorCode } from '@shanyu/common';
import { auditRpcs, indicatorsRpc, pingRpc, rulesPublishedEvent, rulesPublishRpc, rulesRpcs } from '../service-rpcs.js';
import { type AnyEventDef, type AnyRpcDef, defineEvent, defineRpc, subjectsOf } from '../contract.js';
import {
  CreditListPage,
  CreditListRequest,
  CreditModelList,
  CreditView,
  DecideListingRequest,
  DecideRepairRequest,
  GetCreditRequest,
  ListingIdRequest,
  ListingPage,
  ListingStatementRequest,
  ListingView,
  ListListingsRequest,
  ListRepairRequestsRequest,
  PublicCreditListRequest,
  PublicCreditPage,
  PublicCreditRequest,
  PublicCreditView,
  RepairIdRequest,
  RepairRequestPage,
  RepairRequestView,
  RequestRepairRequest,
  StartListingRequest,
} from './credit.contracts.js';
import { GradeChangedData, ListingChangedData, RepairDecidedData, RepairRequestedData } from './credit.events.js';

/** What every credit subject scoped to the caller's institutions and divisions may answer, before its own codes. */
const SCOPED_ERRORS = ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'] as const satisfies readonly ErrorCode[];

/** Every request subject of the credit service: one definition each. */
export const CreditRpc = {
  ping: pingRpc('credit'),
  computeIndicators: indicatorsRpc(
    'credit',
    '指标 from credit standings (merged by the gateway into GET /indicators): grade distribution A–D, red and black list counts, repairs',
  ),
  getCredit: defineRpc({
    subject: 'credit.institution.get',
    summary: '信用 of one institution at a date (default today): score, grade, model version and every ledger entry with its rule and source, newest first',
    request: GetCreditRequest,
    reply: CreditView,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND', 'CREDIT_MODEL_NOT_IN_FORCE'],
  }),
  getList: defineRpc({
    subject: 'credit.list.get',
    summary:
      "Grade lists of a division in the caller's scope: list=red grade A (优, 守信激励), list=black grade D (差, 重点监管) — a supervision class, not the 严重失信主体名单 (credit.listing.list)",
    request: CreditListRequest,
    reply: CreditListPage,
    errors: SCOPED_ERRORS,
  }),
  listModels: defineRpc({
    subject: 'credit.model.list',
    summary:
      'The credit model as it applies in each jurisdiction with a scheme of its own (the national default first), per period, with its rules and sources',
    request: null,
    reply: CreditModelList,
  }),
  requestRepair: defineRpc({
    subject: 'credit.repair.request',
    summary: '信用修复申请 by the operator (own institution) or health: recorded, decided by health',
    request: RequestRepairRequest,
    reply: RepairRequestView,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND', 'CREDIT_ENTRY_NOT_FOUND', 'CREDIT_REPAIR_NOT_ALLOWED', 'CREDIT_REPAIR_PENDING'],
  }),
  decideRepair: defineRpc({
    subject: 'credit.repair.decide',
    summary: '信用修复决定 by the district health bureau, with a reason (audited)',
    request: DecideRepairRequest,
    reply: RepairRequestView,
    errors: [...SCOPED_ERRORS, 'CREDIT_REPAIR_NOT_FOUND', 'CREDIT_REPAIR_ALREADY_DECIDED', 'CREDIT_REPAIR_NOT_ALLOWED'],
  }),
  getRepair: defineRpc({
    subject: 'credit.repair.get',
    summary: 'One repair request',
    request: RepairIdRequest,
    reply: RepairRequestView,
    errors: [...SCOPED_ERRORS, 'CREDIT_REPAIR_NOT_FOUND'],
  }),
  listRepairs: defineRpc({
    subject: 'credit.repair.list',
    summary: "Repair requests in the caller's scope",
    request: ListRepairRequestsRequest,
    reply: RepairRequestPage,
    errors: SCOPED_ERRORS,
  }),
  startListing: defineRpc({
    subject: 'credit.listing.start',
    summary: '严重失信主体名单认定 — 告知 (district health bureau): facts and basis notified, the statement period opened',
    request: StartListingRequest,
    reply: ListingView,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND', 'CREDIT_ENTRY_NOT_FOUND', 'CREDIT_LISTING_NOT_GROUNDED', 'CREDIT_LISTING_PENDING'],
  }),
  stateListing: defineRpc({
    subject: 'credit.listing.statement',
    summary: '陈述申辩 by the operator of the institution, once, within the period of the notice',
    request: ListingStatementRequest,
    reply: ListingView,
    errors: [...SCOPED_ERRORS, 'CREDIT_LISTING_NOT_FOUND', 'CREDIT_LISTING_STATEMENT_CLOSED'],
  }),
  decideListing: defineRpc({
    subject: 'credit.listing.decide',
    summary: '认定决定 (district health bureau): list (publication from today, with its minimum and maximum periods) or not_list',
    request: DecideListingRequest,
    reply: ListingView,
    errors: [...SCOPED_ERRORS, 'CREDIT_LISTING_NOT_FOUND', 'CREDIT_LISTING_ALREADY_DECIDED', 'CREDIT_LISTING_STATEMENT_OPEN', 'CREDIT_LISTING_NOT_GROUNDED'],
  }),
  getListing: defineRpc({
    subject: 'credit.listing.get',
    summary: 'One serious-breach listing procedure',
    request: ListingIdRequest,
    reply: ListingView,
    errors: [...SCOPED_ERRORS, 'CREDIT_LISTING_NOT_FOUND'],
  }),
  listListings: defineRpc({
    subject: 'credit.listing.list',
    summary: "Serious-breach listing procedures in the caller's scope (operators: their own institutions), newest first",
    request: ListListingsRequest,
    reply: ListingPage,
    errors: SCOPED_ERRORS,
  }),
  publicGetGrade: defineRpc({
    subject: 'credit.public.grade.get',
    summary: '公示 The grade of one filed institution (no actor needed)',
    request: PublicCreditRequest,
    reply: PublicCreditView,
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND'],
  }),
  publicListGrades: defineRpc({
    subject: 'credit.public.grade.list',
    summary: '公示 Grades of filed institutions by division (no actor needed)',
    request: PublicCreditListRequest,
    reply: PublicCreditPage,
    errors: ['VALIDATION'],
  }),
  ...auditRpcs('credit'),
  ...rulesRpcs('credit'),
  publishRules: rulesPublishRpc(
    'credit',
    '发布信用评价模型 Publish a credit rule document (family credit: grading, scores, measures, listing) for a jurisdiction — national by the admin, local by the health bureau in its divisions; in force from a day not before today, and the rules in force must still make a whole model everywhere',
  ),
};

export const CreditEvt = {
  gradeChanged: defineEvent({
    subject: 'evt.credit.grade.changed',
    version: 1,
    summary: "An institution's credit grade changed (once per change): from, to, score, model version, reasons. Inspection and subsidy act on it",
    data: GradeChangedData,
  }),
  repairRequested: defineEvent({
    subject: 'evt.credit.repair.requested',
    version: 1,
    summary: '信用修复 requested for ledger entries of an institution',
    data: RepairRequestedData,
  }),
  listingNotified: defineEvent({
    subject: 'evt.credit.listing.notified',
    version: 1,
    summary: '严重失信主体名单认定: the institution was notified (facts, basis, statement period)',
    data: ListingChangedData,
  }),
  listingStated: defineEvent({
    subject: 'evt.credit.listing.stated',
    version: 1,
    summary: '严重失信主体名单认定: the institution stated its case (陈述申辩)',
    data: ListingChangedData,
  }),
  listingDecided: defineEvent({
    subject: 'evt.credit.listing.decided',
    version: 1,
    summary: '严重失信主体名单认定: decided — listed (publication periods) or not listed',
    data: ListingChangedData,
  }),
  listingRemoved: defineEvent({
    subject: 'evt.credit.listing.removed',
    version: 1,
    summary: 'An institution left the serious-breach list before the maximum period: its grounding entries were repaired (信用修复)',
    data: ListingChangedData,
  }),
  repairDecided: defineEvent({
    subject: 'evt.credit.repair.decided',
    version: 1,
    summary: '信用修复 decided by the health bureau (approve or reject, with the reason)',
    data: RepairDecidedData,
  }),
  rulesPublished: rulesPublishedEvent('credit'),
};

/** NATS request subjects of the credit service (queue group `credit`). */
export const CreditSubjects = subjectsOf(CreditRpc);
/** Events the credit service publishes to stream EVENTS. */
export const CreditEvents = subjectsOf(CreditEvt);
export const CREDIT_REQUESTS: readonly AnyRpcDef[] = Object.values(CreditRpc);
export const CREDIT_EVENTS: readonly AnyEventDef[] = Object.values(CreditEvt);
