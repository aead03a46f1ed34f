import { PageNumber, PageQuery, PageSize } from '../page-query.js';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { ActorRef, Nullable, PageOf, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate } from '../validators.js';

/**
 * 信用等级 A–D (信用分级分类监管, 国办发〔2019〕35号): supervision classes, labelled as the national
 * default model names them since 2026-12-01: A 优, B 良, C 中, D 差 (a model's own labels are in its
 * thresholds). A grade is not a finding of 失信: 严重失信 is stated only by a serious-breach listing
 * (严重失信主体名单) decided after notice and statement. The credit service owns the grade; other
 * services follow evt.credit.grade.changed.v1.
 */
export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];
export const CREDIT_GRADE_LABELS: Record<CreditGrade, string> = { A: '优', B: '良', C: '中', D: '差' };

/**
 * A serious-breach listing (严重失信主体名单认定) through its procedure: notified (告知, the
 * statement period running or a decision due), listed (公示中), not_listed (决定不予列入), removed
 * (移出: repaired), expired (the maximum publication period has passed).
 */
export const LISTING_STATUSES = ['notified', 'listed', 'not_listed', 'removed', 'expired'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Grade lists: red = grade A (优, 守信激励), black = grade D (差, 重点监管); the 严重失信主体名单 is the listings'. */
export const CREDIT_LISTS = ['red', 'black'] as const;
export type CreditList = (typeof CREDIT_LISTS)[number];

export const REPAIR_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/**
 * Ledger event types: what the credit service makes of other services' events. The model data
 * gives each its points, with the source; `credit_repaired` is the health bureau's repair act.
 */
export const CREDIT_EVENT_TYPES = [
  'filing_approved',
  'inclusive_granted',
  'inclusive_revoked',
  'demonstration_designated',
  'inspection_clean',
  'finding_recorded.minor',
  'finding_recorded.major',
  'finding_recorded.critical',
  'finding_corrected_on_time',
  'finding_corrected_late',
  'finding_uncorrected',
  'finding_overdue.minor',
  'finding_overdue.major',
  'finding_overdue.critical',
  'penalty_issued.warning',
  'penalty_issued.criticism',
  'penalty_issued.fine',
  'penalty_issued.confiscation',
  'penalty_issued.suspension',
  'penalty_issued.revocation',
  'complaint_substantiated',
  'staff_vetting_rejected.BANNED',
  'staff_vetting_rejected.CRIMINAL_RECORD',
  'staff_vetting_rejected.NO_RECENT_QUERY',
  'staff_ban_matched',
  'staff_ratio_breached',
  'subsidy_claim_duplicated',
  'credit_repaired',
] as const;
export type CreditEventType = (typeof CREDIT_EVENT_TYPES)[number];

// ---------------------------------------------------------------------------------------------
// Requests

export class CreditInstitutionParams {
  @JSONSchema({ description: 'Institution id' })
  @IsUUID()
  id: string;
}

@JSONSchema({ description: 'The date to recompute the score and grade at, with the model version in force then (default today, Asia/Shanghai)' })
export class CreditAtQuery {
  @JSONSchema({ example: '2026-06-30' })
  @IsOptional()
  @IsIsoDate()
  at?: string;
}

@JSONSchema({ description: 'Score, grade and every event that moved it, at a date (default today)' })
export class GetCreditRequest {
  @IsUUID()
  id: string;

  @JSONSchema({ example: '2026-06-30' })
  @IsOptional()
  @IsIsoDate()
  at?: string;
}

@JSONSchema({ description: "Grade list of a division (red: A 优; black: D 差, 重点监管 — not the 严重失信主体名单); default: the caller's divisions" })
export class CreditListRequest extends PageQuery {
  @IsIn(CREDIT_LISTS)
  list: CreditList;

  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  override pageSize?: number = 50;
}

@JSONSchema({
  description:
    '信用修复申请: the ledger entries (negative, repairable under the model, past their minimum period) to repair, and why. ' +
    'The operator asks for its own institution (or health on its behalf); the district health bureau decides.',
})
export class RequestRepairBody {
  @JSONSchema({ description: 'Ledger entry ids (entryId in the credit explanation)' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  entryIds: string[];

  @JSONSchema({ description: 'What was corrected, and the evidence (整改情况、信用承诺)', example: '已辞退涉事人员并完成全员培训，整改报告见附件 2026-031 号' })
  @IsString()
  @MinLength(4)
  @MaxLength(2_000)
  reason: string;
}

export class RequestRepairRequest extends RequestRepairBody {
  @IsUUID()
  institutionId: string;
}

@JSONSchema({ description: '信用修复决定 (district health bureau): approve neutralises the entries from today; the reason is required either way' })
export class DecideRepairBody {
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @IsString()
  @MinLength(4)
  @MaxLength(2_000)
  reason: string;
}

export class DecideRepairRequest extends DecideRepairBody {
  @IsUUID()
  id: string;
}

export class RepairIdRequest {
  @IsUUID()
  id: string;
}

export class ListRepairRequestsRequest extends PageQuery {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsIn(REPAIR_STATUSES)
  status?: RepairStatus;
}

@JSONSchema({
  description:
    '严重失信主体名单认定 — 告知: the district health bureau notifies the institution of the facts and their legal basis. ' +
    "The ledger entries must be the institution's, unrepaired and of an event type the model lets ground a listing (its `listing` rule); " +
    'the notice gives the period to state its case (陈述申辩).',
})
export class StartListingBody {
  @JSONSchema({ description: 'Ledger entry ids (entryId in the credit explanation) whose facts ground the listing' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  entryIds: string[];

  @JSONSchema({
    description: 'The facts as the notice states them (认定事实)',
    example: '2026年11月3日因聘用从业禁止人员被责令停止招生三个月（卫健罚〔2026〕12号）',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(4_000)
  facts: string;
}

export class StartListingRequest extends StartListingBody {
  @IsUUID()
  institutionId: string;
}

@JSONSchema({ description: '陈述申辩: what the institution says against the listing, once, within the period the notice gives' })
export class ListingStatementBody {
  @IsString()
  @MinLength(4)
  @MaxLength(4_000)
  statement: string;
}

export class ListingStatementRequest extends ListingStatementBody {
  @IsUUID()
  id: string;
}

@JSONSchema({
  description:
    '认定决定 (district health bureau): list (with the decision document number; publication starts today) or not_list. ' +
    'Refused while the statement period runs unless the institution has stated its case.',
})
export class DecideListingBody {
  @IsIn(['list', 'not_list'])
  decision: 'list' | 'not_list';

  @JSONSchema({ description: '认定决定书文号 (required to list)', example: '环卫健信〔2026〕3号' })
  @ValidateIf((o: DecideListingBody) => o.decision === 'list' || o.decisionNo !== undefined)
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  decisionNo?: string;

  @JSONSchema({ description: 'The reasons, answering the statement if there was one' })
  @IsString()
  @MinLength(4)
  @MaxLength(4_000)
  reason: string;
}

export class DecideListingRequest extends DecideListingBody {
  @IsUUID()
  id: string;
}

export class ListingIdRequest {
  @IsUUID()
  id: string;
}

export class ListListingsRequest extends PageQuery {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}

export class PublicCreditRequest {
  @IsUUID()
  id: string;
}

@JSONSchema({ description: '公示: grades of filed institutions, by division' })
export class PublicCreditListRequest {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @JSONSchema({ description: 'Only these institutions (e.g. the page of the public register being shown)' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(100)
  institutionIds?: string[];

  @IsOptional()
  @IsIn(CREDIT_GRADES)
  grade?: CreditGrade;

  @PageNumber()
  page?: number = 1;

  @PageSize(100)
  pageSize?: number = 20;
}

// ---------------------------------------------------------------------------------------------
// Replies

const Grade = StringEnum(CREDIT_GRADES, {
  description: 'A 优 / B 良 / C 中 / D 差 (labels: the model in force; before 2026-12-01 守信 / 基本守信 / 失信 / 严重失信)',
});

/** One ledger entry as it counts at the date asked for. */
export const CreditEntryView = t.Object(
  {
    entryId: t.String({ format: 'uuid' }),
    sourceEventId: t.String({ format: 'uuid', description: "eventId of the other service's event (or the repair request id for credit_repaired)" }),
    subject: t.String({ example: 'evt.inspection.finding.recorded.v1' }),
    eventType: StringEnum(CREDIT_EVENT_TYPES),
    occurredOn: t.String({ format: 'date', description: 'The day of the fact (Asia/Shanghai): the model in force that day judged it' }),
    occurredAt: t.String({ format: 'date-time' }),
    ref: Nullable(t.String(), { description: 'Finding, penalty, complaint, staff … id the event is about' }),
    department: Nullable(t.String()),
    ruleId: t.String(),
    title: t.String(),
    source: t.String({ description: 'Where the rule comes from' }),
    modelVersion: t.String({ description: 'The model version that judged the event (in force on occurredOn)' }),
    points: t.Integer({ description: 'Points the rule gives' }),
    effectivePoints: t.Integer({ description: 'What the entry counts at the date asked for, after decay and repair' }),
    adjustment: Nullable(t.String(), { description: 'Why effectivePoints differs from points (decay, repair)' }),
    dTriggerActive: t.Boolean({ description: 'This entry makes the institution D at that date ("D from any department")' }),
    repairedBy: Nullable(t.String(), { description: 'Repair request that neutralised the entry' }),
    facts: t.Record(t.String(), t.Unknown(), { description: 'The facts of the event the rule judged (severity, kinds, dates …)' }),
  },
  { $id: 'CreditEntryView' },
);
export type CreditEntryView = Static<typeof CreditEntryView>;

export const CreditMeasureView = t.Object({ department: t.String(), measure: t.String(), source: t.String() }, { $id: 'CreditMeasureView' });
export type CreditMeasureView = Static<typeof CreditMeasureView>;

/** A rule document a credit model was composed from. */
export const CreditModelDocumentRef = t.Object(
  {
    version: t.String({ example: 'weihai-credit-scheme/2023.1' }),
    title: t.String(),
    jurisdiction: t.String({ description: '000000 (全国) or a division code' }),
    jurisdictionName: t.String(),
    effectiveFrom: t.String({ format: 'date' }),
  },
  { $id: 'CreditModelDocumentRef' },
);
export type CreditModelDocumentRef = Static<typeof CreditModelDocumentRef>;

export const ListingProcedureView = t.Object(
  {
    groundedBy: t.Array(StringEnum(CREDIT_EVENT_TYPES), { description: 'The ledger event types that may ground a listing' }),
    statementDays: t.Integer({ description: 'Days the institution has to state its case (陈述申辩) after the notice' }),
    minPublicationDays: t.Integer({ description: 'Minimum publication: no repair before' }),
    maxPublicationDays: t.Integer({ description: 'Maximum publication: it ends by itself' }),
    source: t.String(),
    documentVersion: t.String(),
  },
  { $id: 'ListingProcedureView' },
);
export type ListingProcedureView = Static<typeof ListingProcedureView>;

export const CreditView = t.Object(
  {
    institutionId: t.String({ format: 'uuid' }),
    institutionName: Nullable(t.String()),
    divisionCode: Nullable(t.String()),
    at: t.String({ format: 'date' }),
    score: t.Integer(),
    grade: Grade,
    gradeLabel: t.String(),
    modelVersion: t.String({
      description: 'The version of the document the grading (start score, thresholds) came from, in force at `at`',
      example: 'credit-model/2026.1',
    }),
    modelJurisdiction: t.String({
      description: 'The jurisdiction of the model applied: 000000 (the national default) or the division whose own scheme is part of it',
      example: '371002',
    }),
    modelJurisdictionName: t.String({ example: '山东省威海市环翠区' }),
    modelDocuments: t.Array(CreditModelDocumentRef, {
      description: 'Every rule document the model was composed from, national first (GET /api/v1/rules/effective?family=credit)',
    }),
    startScore: t.Integer(),
    thresholds: t.Array(t.Object({ grade: Grade, label: t.String(), minScore: t.Integer() })),
    explanation: t.String({ description: 'Why this grade, in Chinese (the D trigger, or the score against the thresholds)' }),
    dTriggers: t.Array(
      t.Object({
        entryId: t.String({ format: 'uuid' }),
        ruleId: t.String(),
        title: t.String(),
        source: t.String(),
        occurredOn: t.String({ format: 'date' }),
        activeUntil: t.String({ format: 'date' }),
      }),
    ),
    measures: t.Array(CreditMeasureView, { description: 'What the grade means for the other departments (联合激励 / 联合惩戒), from the model' }),
    listingProcedure: Nullable(ListingProcedureView, {
      description: 'The serious-breach listing (严重失信主体名单) procedure of the model in force at `at` (null: the model provides none)',
    }),
    entries: t.Array(CreditEntryView, { description: 'Every entry up to `at`, newest first' }),
  },
  { $id: 'CreditView' },
);
export type CreditView = Static<typeof CreditView>;

export const CreditListItem = t.Object(
  {
    institutionId: t.String({ format: 'uuid' }),
    institutionName: Nullable(t.String()),
    divisionCode: t.String(),
    grade: Grade,
    score: t.Integer(),
    since: t.String({ format: 'date' }),
    modelVersion: t.String(),
    reasons: t.Array(t.String()),
  },
  { $id: 'CreditListItem' },
);
export type CreditListItem = Static<typeof CreditListItem>;

export const CreditListPage = t.Object(
  {
    list: StringEnum(CREDIT_LISTS),
    grade: Grade,
    divisionCode: Nullable(t.String()),
    items: t.Array(CreditListItem),
    total: t.Integer(),
    page: t.Integer(),
    pageSize: t.Integer(),
  },
  { $id: 'CreditListPage' },
);
export type CreditListPage = Static<typeof CreditListPage>;

export const RepairRequestView = t.Object(
  {
    id: t.String({ format: 'uuid' }),
    institutionId: t.String({ format: 'uuid' }),
    divisionCode: t.String(),
    entryIds: t.Array(t.String({ format: 'uuid' })),
    reason: t.String(),
    status: StringEnum(REPAIR_STATUSES),
    requestedBy: ActorRef,
    requestedAt: t.String({ format: 'date-time' }),
    decision: Nullable(
      t.Object({
        decision: StringEnum(['approve', 'reject']),
        reason: t.String(),
        decidedBy: ActorRef,
        decidedAt: t.String({ format: 'date-time' }),
        decidedOn: t.String({ format: 'date' }),
      }),
    ),
    ledgerEntryId: Nullable(t.String({ format: 'uuid' }), { description: 'The credit_repaired ledger entry an approval appended' }),
  },
  { $id: 'RepairRequestView' },
);
export type RepairRequestView = Static<typeof RepairRequestView>;

export const RepairRequestPage = PageOf(RepairRequestView, 'RepairRequestPage');

export const ListingView = t.Object(
  {
    id: t.String({ format: 'uuid' }),
    institutionId: t.String({ format: 'uuid' }),
    institutionName: Nullable(t.String()),
    divisionCode: t.String(),
    status: StringEnum(LISTING_STATUSES),
    entryIds: t.Array(t.String({ format: 'uuid' })),
    facts: t.String(),
    basis: t.String({ description: 'The legal basis: the rules of the grounding entries and of the listing procedure, with their sources' }),
    modelVersion: t.String({ description: 'The credit rule document whose `listing` rule the procedure follows' }),
    notice: t.Object({
      notifiedBy: ActorRef,
      notifiedAt: t.String({ format: 'date-time' }),
      text: t.String({ description: 'The notice (告知书) as the institution reads it: facts, basis, rights and the period' }),
      statementDue: t.String({ format: 'date', description: 'Last day to state its case (陈述申辩)' }),
    }),
    statement: Nullable(t.Object({ text: t.String(), statedBy: ActorRef, statedAt: t.String({ format: 'date-time' }) })),
    decision: Nullable(
      t.Object({
        decision: StringEnum(['list', 'not_list']),
        decisionNo: Nullable(t.String()),
        reason: t.String(),
        decidedBy: ActorRef,
        decidedAt: t.String({ format: 'date-time' }),
        decidedOn: t.String({ format: 'date' }),
      }),
    ),
    publication: Nullable(
      t.Object({
        from: t.String({ format: 'date' }),
        repairableFrom: t.String({ format: 'date', description: 'From this day repair (信用修复) may be requested (minimum publication period)' }),
        until: t.String({ format: 'date', description: 'The publication ends by itself on this day (maximum period)' }),
      }),
    ),
    removal: Nullable(t.Object({ on: t.String({ format: 'date' }), reason: t.String() })),
  },
  { $id: 'ListingView' },
);
export type ListingView = Static<typeof ListingView>;

export const ListingPage = PageOf(ListingView, 'ListingPage');

export const PublicCreditView = t.Object(
  {
    institutionId: t.String({ format: 'uuid' }),
    institutionName: t.String(),
    divisionCode: t.String(),
    grade: Grade,
    gradeLabel: t.String(),
    since: Nullable(t.String({ format: 'date' })),
    modelVersion: t.String(),
    seriousBreach: Nullable(
      t.Object({
        decisionNo: t.String(),
        facts: t.String(),
        basis: t.String(),
        from: t.String({ format: 'date' }),
        repairableFrom: t.String({ format: 'date' }),
        until: t.String({ format: 'date' }),
      }),
      { description: '严重失信主体名单 in publication (decided after notice and statement), null otherwise: a grade alone is never published as 失信' },
    ),
  },
  { $id: 'PublicCreditView' },
);
export type PublicCreditView = Static<typeof PublicCreditView>;

export const PublicCreditPage = PageOf(PublicCreditView, 'PublicCreditPage');

export const CreditModelRuleView = t.Object(
  {
    id: t.String(),
    documentVersion: t.String({ description: 'The rule document version the rule came from (what a ledger entry records as its model version)' }),
    jurisdiction: t.String({ description: 'Its jurisdiction: 000000 (全国) or a division code' }),
    eventType: StringEnum(CREDIT_EVENT_TYPES),
    title: t.String(),
    points: t.Integer(),
    source: t.String(),
    dTrigger: Nullable(t.Object({ days: t.Integer() })),
    decay: Nullable(
      t.Object({
        from: StringEnum(['event', 'correction']),
        steps: t.Array(t.Object({ afterDays: t.Integer(), keep: t.Number({ minimum: 0, maximum: 1 }) })),
      }),
    ),
    repair: t.Object({ allowed: t.Boolean(), minDays: t.Integer() }),
  },
  { $id: 'CreditModelRuleView' },
);
export type CreditModelRuleView = Static<typeof CreditModelRuleView>;

export const CreditModelView = t.Object(
  {
    version: t.String({ description: 'The version of the document the grading came from' }),
    effectiveFrom: t.String({ format: 'date', description: 'The day the latest of its documents took effect' }),
    title: t.String(),
    source: t.String(),
    jurisdiction: t.String({
      description: 'Where this model applies: 000000 (the national default, wherever no division has its own scheme) or a division code',
    }),
    jurisdictionName: t.String(),
    documents: t.Array(CreditModelDocumentRef, { description: 'The rule documents it is composed from, national first' }),
    startScore: t.Integer(),
    minScore: t.Integer(),
    maxScore: t.Integer(),
    grades: t.Array(t.Object({ grade: Grade, label: t.String(), minScore: t.Integer(), source: t.String() })),
    rules: t.Array(CreditModelRuleView),
    measures: t.Unsafe<Record<CreditGrade, CreditMeasureView[]>>(
      t.Object({}, { additionalProperties: t.Array(CreditMeasureView), description: 'Joint measures per grade (A–D)' }),
    ),
    watchedSubjects: t.Array(t.String(), { description: 'Subject prefixes that are credit-relevant: an unknown event under them is dead-lettered' }),
  },
  { $id: 'CreditModelView' },
);
export type CreditModelView = Static<typeof CreditModelView>;

export const CreditModelList = t.Array(CreditModelView, { $id: 'CreditModelList' });
