import { PageNumber, PageSize } from '../page-query.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { ActorRef, Nullable, PageOf, StringEnum } from '../contract.js';
import { CREDIT_GRADES, type CreditGrade } from '../credit/credit.contracts.js';
import { CARE_FORMS, CLASS_TYPES, type CareForm, type ClassType } from '../registry/institution.contracts.js';
import { IsDivisionCode, IsResidentId, ListOf } from '../validators.js';
import { RULE_COMPOSITIONS, type RuleComposition } from '@shanyu/common';
import { countsOf, Month, rosterFigures, Uuid } from './subsidy.fragments.js';

/**
 * 补助: monthly enrolment rosters (收托名册), subsidy policies as versioned data,
 * monthly runs with one explained line per institution × child × rule, three-department
 * approval and a payment ledger. Amounts are integer fen; months are `YYYY-MM`.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = { message: '月份格式应为 YYYY-MM，如 2026-03' };

/** 孩次: 1 = first child, 2 = second, 3 = third or later (二孩、三孩保育费补助, 山东省《优化生育政策促进人口长期均衡发展实施方案》). */
export const BIRTH_ORDERS = [1, 2, 3] as const;
export type BirthOrder = (typeof BIRTH_ORDERS)[number];
export const BIRTH_ORDER_LABELS: Record<BirthOrder, string> = { 1: '一孩', 2: '二孩', 3: '三孩及以上' };
export const CARE_FORM_LABELS: Record<CareForm, string> = { full_day: '全日托', half_day: '半日托', temporary: '临时托', hourly: '计时托' };

/** Largest roster one request carries (an institution has at most a few hundred children; NATS messages stay under 1 MB). */
export const ROSTER_MAX_CHILDREN = 2_000;

// ---------------------------------------------------------------------------------------------
// 收托名册 (monthly enrolment roster)

@JSONSchema({
  description: 'One enrolled child of a monthly roster. Only a keyed hash of the ID number is kept (the number itself is never stored or logged).',
})
export class RosterChildInput {
  @JSONSchema({ description: "The row in the operator's sheet (uploads set it), so errors name the row the operator sees" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rowNumber?: number;

  @JSONSchema({ description: "儿童公民身份号码 (GB 11643-1999); only its keyed hash is kept, as the child's pseudonymous key", example: '330106202401010015' })
  @IsResidentId()
  idNumber: string;

  @JSONSchema({ description: '出生年月 YYYY-MM (default: from the ID number; must agree with it)', example: '2024-01' })
  @IsOptional()
  @Matches(MONTH, MONTH_MESSAGE)
  birthMonth?: string;

  @JSONSchema({ description: '孩次: 1 一孩, 2 二孩, 3 三孩及以上', enum: [1, 2, 3] })
  @IsIn(BIRTH_ORDERS)
  birthOrder: BirthOrder;

  @JSONSchema({ description: '班型: infant 乳儿班, toddler 托小班, older 托大班, mixed 混龄班' })
  @IsIn(CLASS_TYPES)
  classType: ClassType;

  @JSONSchema({ description: '托育形式: full_day 全日托, half_day 半日托, temporary 临时托, hourly 计时托' })
  @IsIn(CARE_FORMS)
  careForm: CareForm;

  @JSONSchema({ description: '本月出勤天数 (0 … openDays)' })
  @IsInt()
  @Min(0)
  @Max(31)
  daysAttended: number;

  @JSONSchema({ description: '机构内部编号 (optional; not a name, not an ID number)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  ref?: string;
}

@JSONSchema({ description: '收托名册 of one institution for one month (replaces an earlier version; audited)' })
export class RosterBody {
  @JSONSchema({ description: '本月开园天数: the days the institution was open; attendance is pro-rated against it', example: 22 })
  @IsInt()
  @Min(1)
  @Max(31)
  openDays: number;

  @JSONSchema({
    description: 'The enrolled children, each a RosterChildInput (rows are checked one by one; errors name the row)',
    items: { $ref: '#/components/schemas/RosterChildInput' },
  })
  @IsArray()
  @ArrayMaxSize(ROSTER_MAX_CHILDREN)
  @IsObject({ each: true })
  children: Record<string, unknown>[];

  @JSONSchema({ description: 'Required when a class type has more children than registered places: the roster is then stored flagged (超额收托)' })
  @IsOptional()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  overCapacityReason?: string;

  @JSONSchema({ description: '更正原因 when replacing an earlier version (kept in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class SubmitRosterRequest extends RosterBody {
  @IsUUID()
  institutionId: string;

  @JSONSchema({ example: '2026-03' })
  @Matches(MONTH, MONTH_MESSAGE)
  month: string;
}

export class RosterRef {
  @JSONSchema({ description: 'Institution id (UUID)' })
  @IsUUID()
  institutionId: string;

  @JSONSchema({ example: '2026-03' })
  @Matches(MONTH, MONTH_MESSAGE)
  month: string;
}

export class RosterPathParams {
  @IsUUID()
  id: string;

  @Matches(MONTH, MONTH_MESSAGE)
  month: string;
}

@JSONSchema({ description: 'Query of a roster upload (.xlsx / .csv in form field `file`)' })
export class RosterUploadQuery {
  @JSONSchema({ description: '本月开园天数' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(31)
  openDays: number;

  @IsOptional()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  overCapacityReason?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export const ROSTER_FLAGS = ['over_capacity', 'duplicate_claim', 'corrects_posted_run'] as const;
export type RosterFlagCode = (typeof ROSTER_FLAGS)[number];

// ---------------------------------------------------------------------------------------------
// Policies (rules as data)

/**
 * Rule kinds a policy may use; each has its own parameters (checked by the subsidy service's
 * loader, which refuses missing, wrong and unknown parameters):
 * - `per_child_by_class` — per enrolled child per month, amount by class type (杭州普惠运营补助 300–900 元, 《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》);
 * - `per_child_by_birth_order` — per child per month by birth order (二孩、三孩保育费补助 ≥ 300 元, 山东省《优化生育政策促进人口长期均衡发展实施方案》);
 * - `childcare_allowance` — per child under the age limit per month (育儿补贴 3,600 元/年 = 300 元/月, 《育儿补贴制度实施方案》 2025);
 * - `opening_grant` — once per institution in the month it is accredited 普惠 (一次性开办补助 3 万元, 《威海市普惠托育服务建设实施方案》);
 * - `demonstration_award` — once per designation, by place tier (示范综合奖补 5–15 万元, 《杭州市示范性婴幼儿照护服务机构奖补实施方案（2021—2023年）》).
 */
export const POLICY_RULE_KINDS = ['per_child_by_class', 'per_child_by_birth_order', 'childcare_allowance', 'opening_grant', 'demonstration_award'] as const;
export type PolicyRuleKind = (typeof POLICY_RULE_KINDS)[number];

/**
 * Conditions a rule may require of the institution, judged on the last day of the month.
 * `not_seriously_listed`: not in the publication period of a serious-breach listing (严重失信主体名单,
 * decided by the credit service after notice and statement). `credit_grade` refuses grades (a
 * supervision class, not a finding of 失信): only where the policy's own document says so.
 */
export const ELIGIBILITY_CHECKS = ['filed', 'inclusive', 'credit_grade', 'no_open_critical_finding', 'certificate_rate', 'not_seriously_listed'] as const;
export type EligibilityCheck = (typeof ELIGIBILITY_CHECKS)[number];

export const BUDGET_METHODS = ['pro_rata_largest_remainder'] as const;
export type BudgetMethod = (typeof BUDGET_METHODS)[number];

/** Whether the rule carries its own content (it adds to or replaces a rule from above) rather than disabling or inheriting one. */
const hasContent = (rule: PolicyRuleInput) => rule.composition === undefined || rule.composition === 'adds' || rule.composition === 'replaces';

@JSONSchema({ description: 'One rule of a policy: its kind, parameters and the document it comes from, and how it composes with the levels above' })
export class PolicyRuleInput {
  @JSONSchema({ example: 'OPERATING' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: '规则编号应为大写字母、数字和下划线，如 OPERATING' })
  id: string;

  @JSONSchema({
    description:
      'Key shared with the rules of the levels above (国家、省、市、区县、街道) that this rule composes with; default the rule id. A district policy whose rule has key OPERATING and composition replaces takes the place of the city rule OPERATING in that district.',
    example: 'OPERATING',
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: '规则标识应为大写字母、数字和下划线，如 OPERATING' })
  key?: string;

  @JSONSchema({
    description:
      'How the rule composes with the rules of the same key from the levels above: adds (default; paid beside them), replaces (paid instead of them), disables (they stop applying here; reason required, no kind or params), inherits (they apply unchanged; no kind or params)',
  })
  @IsOptional()
  @IsIn(RULE_COMPOSITIONS)
  composition?: RuleComposition;

  @JSONSchema({ description: 'Why a rule from above is disabled (required with composition disables)' })
  @ValidateIf((rule: PolicyRuleInput) => rule.composition === 'disables' || rule.reason !== undefined)
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  reason?: string;

  @ValidateIf(hasContent)
  @IsIn(POLICY_RULE_KINDS)
  kind: PolicyRuleKind;

  @JSONSchema({ example: '普惠托育运营补助' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  title: string;

  @JSONSchema({ description: 'Parameters of the kind (amounts in fen, factors in basis points of 10,000); unknown keys are refused' })
  @ValidateIf(hasContent)
  @IsObject()
  params: Record<string, unknown>;

  @JSONSchema({ description: "Eligibility conditions this rule requires (each defined in the policy's eligibility)" })
  @ValidateIf(hasContent)
  @IsIn(ELIGIBILITY_CHECKS, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(ELIGIBILITY_CHECKS.length)
  requires: EligibilityCheck[];

  @JSONSchema({ description: 'Document, article and figure the rule comes from' })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  source: string;
}

@JSONSchema({ description: 'A sourced eligibility condition' })
export class EligibilitySourceInput {
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  source: string;
}

export class CreditGradeEligibilityInput extends EligibilitySourceInput {
  @JSONSchema({
    description:
      "Grades that are refused, where the policy's own document refuses them (a grade is a supervision class, not a finding of 失信: a serious-breach listing is `notSeriouslyListed`)",
  })
  @IsIn(CREDIT_GRADES, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  excluded: CreditGrade[];
}

export class CertificateRateEligibilityInput extends EligibilitySourceInput {
  @JSONSchema({ description: 'Lowest staff certificate rate in basis points (9000 = 90%)' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  minBp: number;
}

@JSONSchema({ description: 'Eligibility conditions of a policy, each with its source; rules name the ones they require' })
export class PolicyEligibilityInput {
  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilitySourceInput)
  filed?: EligibilitySourceInput;

  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilitySourceInput)
  inclusive?: EligibilitySourceInput;

  @IsOptional()
  @ValidateNested()
  @Type(() => CreditGradeEligibilityInput)
  creditGrade?: CreditGradeEligibilityInput;

  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilitySourceInput)
  noOpenCriticalFinding?: EligibilitySourceInput;

  @IsOptional()
  @ValidateNested()
  @Type(() => CertificateRateEligibilityInput)
  certificateRate?: CertificateRateEligibilityInput;

  @JSONSchema({ description: "机构不在严重失信主体名单公示期内 on the last day of the month (the credit service's listings, evt.credit.listing.*)" })
  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilitySourceInput)
  notSeriouslyListed?: EligibilitySourceInput;
}

@JSONSchema({ description: "Annual budget cap and what happens when a month's amounts exceed what is left of it" })
export class PolicyBudgetInput {
  @JSONSchema({ description: 'Budget for a calendar year, in fen' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  annualCapFen: number;

  @JSONSchema({ description: 'Rule ids of this policy the cap covers' })
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  rules: string[];

  @JSONSchema({
    description:
      'pro_rata_largest_remainder: every capped line gets the same share of what is left; fen are rounded down and the remaining fen go to the largest remainders (ties by line key), so the lines sum exactly to what is left',
  })
  @IsIn(BUDGET_METHODS)
  method: BudgetMethod;

  @IsString()
  @MinLength(4)
  @MaxLength(300)
  source: string;
}

@JSONSchema({ description: 'A new version of a subsidy policy. Versions are never edited: a change is a new version, starting after the latest one.' })
export class PublishPolicyBody {
  @JSONSchema({ description: 'Stable key of the policy across versions', example: 'xihu-inclusive-childcare' })
  @Matches(/^[a-z][a-z0-9-]{2,60}$/, { message: '政策标识应为小写字母、数字和连字符' })
  policyKey: string;

  @JSONSchema({ example: 'xihu-inclusive-childcare/2027.1' })
  @Matches(/^[a-z][a-z0-9-]{2,60}\/\d{4}\.\d{1,3}$/, { message: '版本号格式应为 <policyKey>/2027.1' })
  version: string;

  @JSONSchema({ description: 'Division the policy applies in (province, city, county or street code): institutions inside it', example: '330106' })
  @IsDivisionCode()
  divisionCode: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @JSONSchema({ description: 'The document that sets the policy' })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  source: string;

  @JSONSchema({ description: 'First month in force (YYYY-MM)' })
  @Matches(MONTH, MONTH_MESSAGE)
  effectiveFrom: string;

  @JSONSchema({ description: 'Last month in force (YYYY-MM); omitted: until the next version starts' })
  @IsOptional()
  @Matches(MONTH, MONTH_MESSAGE)
  effectiveTo?: string;

  @ValidateNested()
  @Type(() => PolicyEligibilityInput)
  eligibility: PolicyEligibilityInput;

  @ListOf(() => PolicyRuleInput, { min: 1, max: 30 })
  rules: PolicyRuleInput[];

  @IsOptional()
  @ValidateNested()
  @Type(() => PolicyBudgetInput)
  budget?: PolicyBudgetInput;
}

export class ListPoliciesRequest {
  @JSONSchema({ description: 'Policies that apply inside this division (and those of the divisions above it)' })
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @JSONSchema({ description: 'Only versions in force in this month' })
  @IsOptional()
  @Matches(MONTH, MONTH_MESSAGE)
  month?: string;

  @IsOptional()
  @IsString()
  @MaxLength(61)
  policyKey?: string;
}

/** A policy document as stored (the body of a version). */
export type PolicyDocument = Omit<PublishPolicyBody, 'effectiveTo' | 'budget'> & { effectiveTo: string | null; budget: PolicyBudgetInput | null };

export interface PolicyVersionView extends PolicyDocument {
  id: string;
  /** The last month in force: effectiveTo, or the month before the next version starts, or null (open). */
  effectiveUntil: string | null;
  origin: 'built-in' | 'published';
  publishedAt: string;
  publishedBy: { department: string; userId: string };
}

// ---------------------------------------------------------------------------------------------
// Runs

export const RUN_STATUSES = ['computing', 'computed', 'returned', 'posted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Approval order: 镇街 (street office) → 区卫健 (district health) → 区财政 (finance, posts to the ledger). */
export const APPROVAL_STAGES = ['street', 'health', 'finance'] as const;
export type ApprovalStage = (typeof APPROVAL_STAGES)[number];
export const APPROVAL_STAGE_LABELS: Record<ApprovalStage, string> = { street: '镇街审核', health: '卫健部门审核', finance: '财政部门审核' };

export const LINE_KINDS = ['regular', 'adjustment'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export const LINE_STATUSES = ['payable', 'ineligible', 'held'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** Why a line pays nothing or less (RunLineView.reasonCode), as people read it in a statement or workbook. */
export const LINE_REASON_LABELS: Readonly<Record<string, string>> = {
  NOT_FILED: '未备案',
  NOT_INCLUSIVE: '非普惠托育机构',
  CREDIT_GRADE: '信用等级不符合条件',
  OPEN_CRITICAL_FINDING: '严重问题尚未整改',
  CERTIFICATE_RATE: '从业人员持证率未达标',
  SERIOUSLY_LISTED: '列入严重失信主体名单',
  CLASS_NOT_COVERED: '班型不在补助范围',
  CARE_FORM_NOT_COVERED: '托育形式不在补助范围',
  NO_ATTENDANCE: '本月未出勤',
  AGE_LIMIT: '超过补助年龄',
  DUPLICATE_CLAIM: '同一儿童重复申领',
  ALREADY_PAID: '已发放过',
  ADJUSTMENT: '更正以前月份',
};

@JSONSchema({ description: 'Compute (or recompute, if not yet posted) the subsidy run of one month and division' })
export class StartRunRequest {
  @JSONSchema({ example: '2026-03' })
  @Matches(MONTH, MONTH_MESSAGE)
  month: string;

  @JSONSchema({ description: 'County (6 digits) or street (9 digits) code', example: '330106' })
  @IsDivisionCode()
  divisionCode: string;
}

export class RunRef {
  @JSONSchema({ description: 'Run id (UUID)' })
  @IsUUID()
  id: string;
}

export class ListRunsRequest {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @Matches(MONTH, MONTH_MESSAGE)
  month?: string;

  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;
}

export class RunLinesQuery {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsIn(LINE_STATUSES)
  status?: LineStatus;

  @IsOptional()
  @IsIn(LINE_KINDS)
  kind?: LineKind;

  @JSONSchema({ description: "Keyset paging: lines after this cursor (the previous page's nextCursor)" })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  after?: string;

  @PageNumber()
  page?: number = 1;

  @PageSize(2_000)
  pageSize?: number = 100;
}

export class RunLinesRequest extends RunLinesQuery {
  @IsUUID()
  id: string;
}

export class RunTotalsQuery {
  @PageNumber()
  page?: number = 1;

  @PageSize(2_000)
  pageSize?: number = 200;
}

export class RunTotalsRequest extends RunTotalsQuery {
  @IsUUID()
  id: string;
}

@JSONSchema({
  description: 'Approve or reject a run at its current stage (street office → district health → finance); finance approval posts it to the ledger',
})
export class ApproveRunBody {
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @JSONSchema({ description: 'Required when rejecting: why the run goes back' })
  // Checked whenever given: an approval stores it too (run_approval.reason), so it must not go unchecked.
  @ValidateIf((o) => o.decision === 'reject' || o.reason !== undefined)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class ApproveRunRequest extends ApproveRunBody {
  @IsUUID()
  id: string;
}

export class LedgerQuery {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @Matches(MONTH, MONTH_MESSAGE)
  month?: string;

  @PageNumber()
  page?: number = 1;

  @PageSize(500)
  pageSize?: number = 100;
}

// ---------------------------------------------------------------------------------------------
// Replies (rosters, runs, ledger)

const Fen = (description = 'fen (分)') => t.Integer({ description });
const DateTime = t.String({ format: 'date-time' });

export const RosterFlag = t.Object(
  {
    code: StringEnum(ROSTER_FLAGS),
    message: t.String(),
    classType: t.Optional(StringEnum(CLASS_TYPES)),
    children: t.Optional(t.Integer()),
    places: t.Optional(t.Integer()),
    runId: t.Optional(Uuid),
  },
  { $id: 'RosterFlag' },
);
export type RosterFlag = Static<typeof RosterFlag>;

export const RosterChildView = t.Object(
  {
    lineNo: t.Integer(),
    rowNumber: Nullable(t.Integer()),
    childKey: t.String({ description: "Keyed hash (HMAC-SHA256, hex) of the child's ID number: the same child has the same key everywhere" }),
    birthMonth: Month,
    birthOrder: t.Unsafe<BirthOrder>({ type: 'integer', enum: [...BIRTH_ORDERS] }),
    classType: StringEnum(CLASS_TYPES),
    careForm: StringEnum(CARE_FORMS),
    daysAttended: t.Integer(),
    ref: Nullable(t.String()),
  },
  { $id: 'RosterChildView' },
);
export type RosterChildView = Static<typeof RosterChildView>;

export const DuplicateClaimView = t.Object(
  {
    childKey: t.String(),
    month: Month,
    institutionIds: t.Array(Uuid, { description: 'Every institution whose current roster of the month lists the child' }),
    lineNo: t.Integer(),
  },
  { $id: 'DuplicateClaimView' },
);
export type DuplicateClaimView = Static<typeof DuplicateClaimView>;

export const RosterView = t.Object(
  {
    id: Uuid,
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    ...rosterFigures,
    byBirthOrder: countsOf(['1', '2', '3'] as const),
    flags: t.Array(RosterFlag),
    overCapacityReason: Nullable(t.String()),
    duplicates: t.Array(DuplicateClaimView),
    submittedAt: DateTime,
    submittedBy: ActorRef,
    children: t.Array(RosterChildView),
  },
  { $id: 'RosterView' },
);
export type RosterView = Static<typeof RosterView>;

export const RunTotals = t.Object(
  {
    lines: t.Integer(),
    payableLines: t.Integer(),
    ineligibleLines: t.Integer(),
    heldLines: t.Integer(),
    adjustmentLines: t.Integer(),
    institutions: t.Integer(),
    children: t.Integer(),
    payableFen: Fen('What the run pays (adjustments included), fen'),
    heldFen: Fen(),
    adjustmentFen: Fen(),
    cappedAwayFen: Fen(),
  },
  { $id: 'RunTotals' },
);
export type RunTotals = Static<typeof RunTotals>;

export const RunBudgetView = t.Object(
  {
    policyVersion: t.String(),
    year: t.Integer(),
    rules: t.Array(t.String()),
    annualCapFen: Fen(),
    committedBeforeFen: Fen('Already committed by other runs of the year, fen'),
    requestedFen: Fen('What the lines of this run asked for, fen'),
    grantedFen: Fen('What they got (= requested, or what was left of the cap), fen'),
    capped: t.Boolean(),
    source: t.String(),
  },
  { $id: 'RunBudgetView' },
);
export type RunBudgetView = Static<typeof RunBudgetView>;

export const RunApprovalView = t.Object(
  {
    round: t.Integer(),
    stage: StringEnum(APPROVAL_STAGES),
    decision: StringEnum(['approve', 'reject']),
    department: t.String(),
    userId: t.String(),
    divisionCodes: t.Array(t.String(), { description: 'For the street stage: the streets this approval covered' }),
    reason: Nullable(t.String()),
    comment: Nullable(t.String()),
    at: DateTime,
  },
  { $id: 'RunApprovalView' },
);
export type RunApprovalView = Static<typeof RunApprovalView>;

export const RunView = t.Object(
  {
    id: Uuid,
    month: Month,
    divisionCode: t.String(),
    status: StringEnum(RUN_STATUSES),
    stage: Nullable(StringEnum(APPROVAL_STAGES), { description: 'The stage waiting for a decision (computed runs), else null' }),
    streetsPending: t.Array(t.String(), { description: 'Streets whose office has not yet approved (street stage)' }),
    attempt: t.Integer({ description: 'Recomputations of this run (1 for the first)' }),
    progress: t.Object({ phase: t.String(), done: t.Integer(), total: t.Integer() }),
    stale: t.Boolean({ description: 'A roster or fact changed after the run was computed: recompute before approving' }),
    totals: Nullable(RunTotals),
    budgets: t.Array(RunBudgetView),
    approvals: t.Array(RunApprovalView),
    returned: Nullable(t.Object({ stage: StringEnum(APPROVAL_STAGES), reason: t.String(), by: ActorRef, at: DateTime })),
    createdAt: DateTime,
    createdBy: ActorRef,
    computedAt: Nullable(DateTime),
    postedAt: Nullable(DateTime),
  },
  { $id: 'SubsidyRunView' },
);
export type RunView = Static<typeof RunView>;

export const RunList = t.Array(RunView, { $id: 'SubsidyRunList' });

export const RunLineView = t.Object(
  {
    id: Uuid,
    lineKey: t.String(),
    kind: StringEnum(LINE_KINDS),
    period: t.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: "The month the amount is for (an adjustment's period is the corrected month)" }),
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    childKey: Nullable(t.String()),
    rosterLineNo: Nullable(t.Integer()),
    policyKey: t.String(),
    policyVersion: t.String(),
    ruleId: t.String(),
    ruleKind: StringEnum(POLICY_RULE_KINDS),
    ruleTitle: t.String(),
    ruleSource: t.String({ description: 'The document the rule comes from (from the policy version)' }),
    status: StringEnum(LINE_STATUSES),
    baseFen: Fen('The amount before budget capping and holds, fen'),
    amountFen: Fen(),
    capped: t.Boolean(),
    reasonCode: Nullable(t.String()),
    explanation: t.String({ description: 'Chinese, generated from the inputs and the rule (e.g. 二孩保育费补助 300.00 元 × 22/22 天 = 300.00 元)' }),
    inputs: t.Record(t.String(), t.Unknown(), { description: 'Everything the amount was computed from' }),
    adjustsLineId: Nullable(Uuid, { description: 'For adjustments: the line of the posted run it corrects (null for a child-month first claimed late)' }),
  },
  { $id: 'RunLineView' },
);
export type RunLineView = Static<typeof RunLineView>;

export const RunLinePage = t.Object(
  {
    items: t.Array(RunLineView),
    total: t.Integer(),
    page: t.Integer(),
    pageSize: t.Integer(),
    nextCursor: Nullable(t.String(), { description: 'Pass as `after` for the next page (keyset paging), null at the end' }),
  },
  { $id: 'RunLinePage' },
);
export type RunLinePage = Static<typeof RunLinePage>;

export const RunInstitutionTotalView = t.Object(
  {
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    lines: t.Integer(),
    children: t.Integer(),
    payableFen: Fen(),
    adjustmentFen: Fen(),
    heldLines: t.Integer(),
    ineligibleLines: t.Integer(),
  },
  { $id: 'RunInstitutionTotalView' },
);
export type RunInstitutionTotalView = Static<typeof RunInstitutionTotalView>;

export const RunInstitutionTotalPage = PageOf(RunInstitutionTotalView, 'RunInstitutionTotalPage');
export type RunInstitutionTotalPage = Static<typeof RunInstitutionTotalPage>;

export const LedgerEntryView = t.Object(
  {
    id: Uuid,
    runId: Uuid,
    month: Month,
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    amountFen: Fen(),
    lines: t.Integer(),
    postedAt: DateTime,
    postedBy: ActorRef,
  },
  { $id: 'LedgerEntryView' },
);
export type LedgerEntryView = Static<typeof LedgerEntryView>;

export const LedgerPage = PageOf(LedgerEntryView, 'LedgerPage');
export type LedgerPage = Static<typeof LedgerPage>;
