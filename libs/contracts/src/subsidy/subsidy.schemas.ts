import { CREDIT_GRADES } from '../credit/credit.contracts.js';
import { CARE_FORMS, CLASS_TYPES } from '../registry/institution.contracts.js';
import {
  APPROVAL_STAGES, BUDGET_METHODS, ELIGIBILITY_CHECKS, LINE_KINDS, LINE_STATUSES, POLICY_RULE_KINDS, ROSTER_FLAGS, RUN_STATUSES,
} from './subsidy.contracts.js';

/** JSON Schemas of the subsidy service's replies and event data (merged into REPLY_SCHEMAS). */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const fen = { type: 'integer', description: 'fen (分)' };
const uuid = { type: 'string', format: 'uuid' };
const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' };
const dateTime = { type: 'string', format: 'date-time' };
const who = { type: 'object', required: ['department', 'userId'], properties: { department: str, userId: str } };
const obj = (required: string[], properties: Record<string, object>) => ({ type: 'object', required, properties });
const countsOf = (keys: readonly (string | number)[]) => obj(keys.map(String), Object.fromEntries(keys.map((k) => [String(k), int])));
const paged = (item: string, extra: Record<string, object> = {}) =>
  obj(['items', 'total', 'page', 'pageSize', ...Object.keys(extra)], { items: { type: 'array', items: ref(item) }, total: int, page: int, pageSize: int, ...extra });

const sourced = obj(['source'], { source: str });

export const SUBSIDY_REPLY_SCHEMAS: Record<string, object> = {
  RosterFlag: obj(['code', 'message'], {
    code: { type: 'string', enum: ROSTER_FLAGS }, message: str, classType: { type: 'string', enum: CLASS_TYPES }, children: int, places: int, runId: uuid,
  }),
  RosterChildView: obj(['lineNo', 'rowNumber', 'childKey', 'birthMonth', 'birthOrder', 'classType', 'careForm', 'daysAttended', 'ref'], {
    lineNo: int, rowNumber: { type: ['integer', 'null'] }, childKey: { type: 'string', description: 'Keyed hash (HMAC-SHA256) of the child\'s ID number' },
    birthMonth: month, birthOrder: { type: 'integer', enum: [1, 2, 3] }, classType: { type: 'string', enum: CLASS_TYPES }, careForm: { type: 'string', enum: CARE_FORMS },
    daysAttended: int, ref: nullableStr,
  }),
  DuplicateClaimView: obj(['childKey', 'month', 'institutionIds', 'lineNo'], { childKey: str, month, institutionIds: { type: 'array', items: uuid }, lineNo: int }),
  RosterView: obj(
    ['id', 'institutionId', 'institutionName', 'divisionCode', 'month', 'version', 'openDays', 'totalChildren', 'byClass', 'byCareForm', 'byBirthOrder', 'flags',
      'overCapacityReason', 'duplicates', 'submittedAt', 'submittedBy', 'children'],
    {
      id: uuid, institutionId: uuid, institutionName: str, divisionCode: str, month, version: int, openDays: int, totalChildren: int,
      byClass: countsOf(CLASS_TYPES), byCareForm: countsOf(CARE_FORMS), byBirthOrder: countsOf([1, 2, 3]),
      flags: { type: 'array', items: ref('RosterFlag') }, overCapacityReason: nullableStr,
      duplicates: { type: 'array', items: ref('DuplicateClaimView') }, submittedAt: dateTime, submittedBy: who,
      children: { type: 'array', items: ref('RosterChildView') },
    },
  ),
  PolicyRuleView: obj(['id', 'kind', 'title', 'params', 'requires', 'source'], {
    id: str, kind: { type: 'string', enum: POLICY_RULE_KINDS }, title: str, params: { type: 'object', description: 'Parameters of the kind (fen, basis points)' },
    requires: { type: 'array', items: { type: 'string', enum: ELIGIBILITY_CHECKS } }, source: str,
  }),
  PolicyVersionView: obj(
    ['id', 'policyKey', 'version', 'divisionCode', 'title', 'source', 'effectiveFrom', 'effectiveTo', 'effectiveUntil', 'eligibility', 'rules', 'budget', 'origin', 'publishedAt', 'publishedBy'],
    {
      id: uuid, policyKey: str, version: str, divisionCode: str, title: str, source: str, effectiveFrom: month,
      effectiveTo: { ...month, type: ['string', 'null'] }, effectiveUntil: { ...month, type: ['string', 'null'], description: 'Last month in force (null: open)' },
      eligibility: obj([], {
        filed: sourced, inclusive: sourced, noOpenCriticalFinding: sourced,
        creditGrade: obj(['excluded', 'source'], { excluded: { type: 'array', items: { type: 'string', enum: CREDIT_GRADES } }, source: str }),
        certificateRate: obj(['minBp', 'source'], { minBp: int, source: str }),
      }),
      rules: { type: 'array', items: ref('PolicyRuleView') },
      budget: {
        oneOf: [{ type: 'null' }, obj(['annualCapFen', 'rules', 'method', 'source'], {
          annualCapFen: fen, rules: { type: 'array', items: str }, method: { type: 'string', enum: BUDGET_METHODS }, source: str,
        })],
      },
      origin: { type: 'string', enum: ['built-in', 'published'] }, publishedAt: dateTime, publishedBy: who,
    },
  ),
  PolicyVersionList: { type: 'array', items: ref('PolicyVersionView') },
  RunTotals: obj(
    ['lines', 'payableLines', 'ineligibleLines', 'heldLines', 'adjustmentLines', 'institutions', 'children', 'payableFen', 'heldFen', 'adjustmentFen', 'cappedAwayFen'],
    {
      lines: int, payableLines: int, ineligibleLines: int, heldLines: int, adjustmentLines: int, institutions: int, children: int,
      payableFen: { ...fen, description: 'What the run pays (adjustments included), fen' }, heldFen: fen, adjustmentFen: fen, cappedAwayFen: fen,
    },
  ),
  RunBudgetView: obj(['policyVersion', 'year', 'rules', 'annualCapFen', 'committedBeforeFen', 'requestedFen', 'grantedFen', 'capped', 'source'], {
    policyVersion: str, year: int, rules: { type: 'array', items: str }, annualCapFen: fen, committedBeforeFen: fen, requestedFen: fen, grantedFen: fen,
    capped: { type: 'boolean' }, source: str,
  }),
  RunApprovalView: obj(['round', 'stage', 'decision', 'department', 'userId', 'divisionCodes', 'reason', 'comment', 'at'], {
    round: int, stage: { type: 'string', enum: APPROVAL_STAGES }, decision: { type: 'string', enum: ['approve', 'reject'] }, department: str, userId: str,
    divisionCodes: { type: 'array', items: str }, reason: nullableStr, comment: nullableStr, at: dateTime,
  }),
  SubsidyRunView: obj(
    ['id', 'month', 'divisionCode', 'status', 'stage', 'streetsPending', 'attempt', 'progress', 'stale', 'totals', 'budgets', 'approvals', 'returned', 'createdAt', 'createdBy', 'computedAt', 'postedAt'],
    {
      id: uuid, month, divisionCode: str, status: { type: 'string', enum: RUN_STATUSES },
      stage: { type: ['string', 'null'], enum: [...APPROVAL_STAGES, null] }, streetsPending: { type: 'array', items: str }, attempt: int,
      progress: obj(['phase', 'done', 'total'], { phase: str, done: int, total: int }), stale: { type: 'boolean' },
      totals: { oneOf: [{ type: 'null' }, ref('RunTotals')] }, budgets: { type: 'array', items: ref('RunBudgetView') },
      approvals: { type: 'array', items: ref('RunApprovalView') },
      returned: { oneOf: [{ type: 'null' }, obj(['stage', 'reason', 'by', 'at'], { stage: { type: 'string', enum: APPROVAL_STAGES }, reason: str, by: who, at: dateTime })] },
      createdAt: dateTime, createdBy: who, computedAt: { type: ['string', 'null'], format: 'date-time' }, postedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  ),
  SubsidyRunList: { type: 'array', items: ref('SubsidyRunView') },
  RunLineView: obj(
    ['id', 'lineKey', 'kind', 'period', 'institutionId', 'institutionName', 'divisionCode', 'childKey', 'rosterLineNo', 'policyKey', 'policyVersion', 'ruleId', 'ruleKind',
      'ruleTitle', 'ruleSource', 'status', 'baseFen', 'amountFen', 'capped', 'reasonCode', 'explanation', 'inputs', 'adjustsLineId'],
    {
      id: uuid, lineKey: str, kind: { type: 'string', enum: LINE_KINDS }, period: month, institutionId: uuid, institutionName: str, divisionCode: str,
      childKey: nullableStr, rosterLineNo: { type: ['integer', 'null'] }, policyKey: str, policyVersion: str, ruleId: str,
      ruleKind: { type: 'string', enum: POLICY_RULE_KINDS }, ruleTitle: str, ruleSource: { type: 'string', description: 'The document the rule comes from' }, status: { type: 'string', enum: LINE_STATUSES },
      baseFen: fen, amountFen: fen, capped: { type: 'boolean' }, reasonCode: nullableStr,
      explanation: { type: 'string', description: 'Chinese, generated from the inputs and the rule (e.g. 二孩保育费补助 300.00 元 × 22/22 天 = 300.00 元)' },
      inputs: { type: 'object', description: 'Everything the amount was computed from' },
      adjustsLineId: { type: ['string', 'null'], format: 'uuid' },
    },
  ),
  RunLinePage: paged('RunLineView', { nextCursor: nullableStr }),
  RunInstitutionTotalView: obj(['institutionId', 'institutionName', 'divisionCode', 'lines', 'children', 'payableFen', 'adjustmentFen', 'heldLines', 'ineligibleLines'], {
    institutionId: uuid, institutionName: str, divisionCode: str, lines: int, children: int, payableFen: fen, adjustmentFen: fen, heldLines: int, ineligibleLines: int,
  }),
  RunInstitutionTotalPage: paged('RunInstitutionTotalView'),
  LedgerEntryView: obj(['id', 'runId', 'month', 'institutionId', 'institutionName', 'divisionCode', 'amountFen', 'lines', 'postedAt', 'postedBy'], {
    id: uuid, runId: uuid, month, institutionId: uuid, institutionName: str, divisionCode: str, amountFen: fen, lines: int, postedAt: dateTime, postedBy: who,
  }),
  LedgerPage: paged('LedgerEntryView'),
  // Event data
  SubsidyRosterSubmittedData: obj(['rosterId', 'institutionId', 'divisionCode', 'ownerUserId', 'month', 'version', 'openDays', 'totalChildren', 'byClass', 'byCareForm', 'flags'], {
    rosterId: uuid, institutionId: uuid, divisionCode: str, ownerUserId: nullableStr, month, version: int, openDays: int, totalChildren: int,
    byClass: countsOf(CLASS_TYPES), byCareForm: countsOf(CARE_FORMS), flags: { type: 'array', items: { type: 'string', enum: ROSTER_FLAGS } },
  }),
  SubsidyClaimDuplicatedData: obj(['month', 'childKey', 'institutions'], {
    month, childKey: str,
    institutions: { type: 'array', items: obj(['institutionId', 'divisionCode'], { institutionId: uuid, divisionCode: str }) },
  }),
  SubsidyRunCompletedData: obj(['runId', 'month', 'divisionCode', 'attempt', 'totals'], { runId: uuid, month, divisionCode: str, attempt: int, totals: ref('RunTotals') }),
  SubsidyRunApprovedData: obj(['runId', 'month', 'divisionCode', 'stage', 'nextStage', 'posted', 'payableFen', 'institutions'], {
    runId: uuid, month, divisionCode: str, stage: { type: 'string', enum: APPROVAL_STAGES }, nextStage: { type: ['string', 'null'], enum: [...APPROVAL_STAGES, null] },
    posted: { type: 'boolean' }, payableFen: fen,
    institutions: { type: 'array', items: obj(['institutionId', 'amountFen'], { institutionId: uuid, amountFen: fen }) },
  }),
  SubsidyRunReturnedData: obj(['runId', 'month', 'divisionCode', 'stage', 'reason'], { runId: uuid, month, divisionCode: str, stage: { type: 'string', enum: APPROVAL_STAGES }, reason: str }),
};
