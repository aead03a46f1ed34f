import { PageNumber, PageQuery, PageSize } from '../page-query.js';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { ActorRef, Nullable, PageOf, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate } from '../validators.js';

/**
 * 信用等级 A–D (信用分级分类监管, 国办发〔2019〕35号), labelled as the national default model names them:
 * A 守信, B 基本守信, C 失信, D 严重失信 (a model's own labels are in its thresholds). The credit service
 * owns the grade; other services follow evt.credit.grade.changed.v1.
 */
export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];
export const CREDIT_GRADE_LABELS: Record<CreditGrade, string> = { A: '守信', B: '基本守信', C: '失信', D: '严重失信' };

/** 红名单 (守信激励, grade A) and 黑名单 (失信惩戒, grade D). */
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

@JSONSchema({ description: "红名单 (A, 守信激励) or 黑名单 (D, 失信惩戒) of a division; default: the caller's divisions" })
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

export class PublicCreditRequest {
  @IsUUID()
  id: string;
}

@JSONSchema({ description: '公示: grades of filed institutions, by division' })
export class PublicCreditListRequest {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

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

const Grade = StringEnum(CREDIT_GRADES, { description: 'A 守信 / B 基本守信 / C 失信 / D 严重失信' });

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

export const PublicCreditView = t.Object(
  {
    institutionId: t.String({ format: 'uuid' }),
    institutionName: t.String(),
    divisionCode: t.String(),
    grade: Grade,
    gradeLabel: t.String(),
    since: Nullable(t.String({ format: 'date' })),
    modelVersion: t.String(),
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
