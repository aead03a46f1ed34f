import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { IsDivisionCode, IsIsoDate } from '../validators.js';

/**
 * 信用等级 (守信联合激励、失信联合惩戒 as in Weihai's credit scheme; 京卫家庭〔2023〕14号 graded supervision): A 守信, B 基本守信, C 失信,
 * D 严重失信. The credit service owns the grade; other services follow evt.credit.grade.changed.v1.
 */
export const CREDIT_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type CreditLevel = (typeof CREDIT_LEVELS)[number];
export const CREDIT_LEVEL_LABELS: Record<CreditLevel, string> = { A: '守信', B: '基本守信', C: '失信', D: '严重失信' };

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
  @IsOptional() @IsIsoDate()
  at?: string;
}

@JSONSchema({ description: 'Score, grade and every event that moved it, at a date (default today)' })
export class GetCreditRequest {
  @IsUUID()
  id: string;

  @JSONSchema({ example: '2026-06-30' })
  @IsOptional() @IsIsoDate()
  at?: string;
}

@JSONSchema({ description: '红名单 (A, 守信激励) or 黑名单 (D, 失信惩戒) of a division; default: the caller\'s divisions' })
export class CreditListRequest {
  @IsIn(CREDIT_LISTS)
  list: CreditList;

  @IsOptional() @IsDivisionCode()
  divisionCode?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  page?: number = 1;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number = 50;
}

@JSONSchema({
  description:
    '信用修复申请: the ledger entries (negative, repairable under the model, past their minimum period) to repair, and why. ' +
    'The operator asks for its own institution (or health on its behalf); the district health bureau decides.',
})
export class RequestRepairBody {
  @JSONSchema({ description: 'Ledger entry ids (entryId in the credit explanation)' })
  @IsUUID('all', { each: true }) @ArrayMinSize(1) @ArrayMaxSize(50) @ArrayUnique()
  entryIds: string[];

  @JSONSchema({ description: 'What was corrected, and the evidence (整改情况、信用承诺)', example: '已辞退涉事人员并完成全员培训，整改报告见附件 2026-031 号' })
  @IsString() @MinLength(4) @MaxLength(2_000)
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

  @IsString() @MinLength(4) @MaxLength(2_000)
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

export class ListRepairRequestsRequest {
  @IsOptional() @IsUUID()
  institutionId?: string;

  @IsOptional() @IsIn(REPAIR_STATUSES)
  status?: RepairStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  page?: number = 1;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number = 20;
}

export class PublicCreditRequest {
  @IsUUID()
  id: string;
}

@JSONSchema({ description: '公示: grades of filed institutions, by division' })
export class PublicCreditListRequest {
  @IsOptional() @IsDivisionCode()
  divisionCode?: string;

  @IsOptional() @IsIn(CREDIT_LEVELS)
  grade?: CreditLevel;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  page?: number = 1;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  pageSize?: number = 20;
}

// ---------------------------------------------------------------------------------------------
// Replies

/** One ledger entry as it counts at the date asked for. */
export interface CreditEntryView {
  entryId: string;
  /** The event of the other service (its eventId), or the repair request for credit_repaired. */
  sourceEventId: string;
  subject: string;
  eventType: CreditEventType;
  /** The day the fact happened (Asia/Shanghai); the model in force that day judged it. */
  occurredOn: string;
  occurredAt: string;
  /** Finding, penalty, complaint, staff … id the event is about. */
  ref: string | null;
  department: string | null;
  ruleId: string;
  title: string;
  source: string;
  /** The model version that judged the event (in force on occurredOn). */
  modelVersion: string;
  /** Points the rule gives. */
  points: number;
  /** What the entry counts at the date asked for, after decay and repair. */
  effectivePoints: number;
  /** Why effectivePoints differs from points (decay after correction or time, repair), or null. */
  adjustment: string | null;
  /** This entry makes the institution D at the date asked for ("D from any department"). */
  dTriggerActive: boolean;
  repairedBy: string | null;
  facts: Record<string, unknown>;
}

export interface CreditMeasureView {
  department: string;
  measure: string;
  source: string;
}

export interface CreditView {
  institutionId: string;
  institutionName: string | null;
  divisionCode: string | null;
  at: string;
  score: number;
  grade: CreditLevel;
  gradeLabel: string;
  /** The model version in force at `at` (start score, thresholds, D rule). */
  modelVersion: string;
  startScore: number;
  thresholds: { grade: CreditLevel; label: string; minScore: number }[];
  /** In Chinese: why this grade (the D trigger, or the score against the thresholds). */
  explanation: string;
  dTriggers: { entryId: string; ruleId: string; title: string; source: string; occurredOn: string; activeUntil: string }[];
  /** What the grade means for the other departments (联合激励 / 联合惩戒), from the model. */
  measures: CreditMeasureView[];
  /** Every entry up to `at`, newest first. */
  entries: CreditEntryView[];
}

export interface CreditListItem {
  institutionId: string;
  institutionName: string | null;
  divisionCode: string;
  grade: CreditLevel;
  score: number;
  since: string;
  modelVersion: string;
  reasons: string[];
}

export interface CreditListPage {
  list: CreditList;
  grade: CreditLevel;
  divisionCode: string | null;
  items: CreditListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RepairRequestView {
  id: string;
  institutionId: string;
  divisionCode: string;
  entryIds: string[];
  reason: string;
  status: RepairStatus;
  requestedBy: { department: string; userId: string };
  requestedAt: string;
  decision: { decision: 'approve' | 'reject'; reason: string; decidedBy: { department: string; userId: string }; decidedAt: string; decidedOn: string } | null;
  /** The credit_repaired ledger entry an approval appended. */
  ledgerEntryId: string | null;
}

export interface PublicCreditView {
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  grade: CreditLevel;
  gradeLabel: string;
  since: string | null;
  modelVersion: string;
}

export interface CreditModelRuleView {
  id: string;
  eventType: CreditEventType;
  title: string;
  points: number;
  source: string;
  dTrigger: { days: number } | null;
  decay: { from: 'event' | 'correction'; steps: { afterDays: number; keep: number }[] } | null;
  repair: { allowed: boolean; minDays: number };
}

export interface CreditModelView {
  version: string;
  effectiveFrom: string;
  title: string;
  source: string;
  startScore: number;
  minScore: number;
  maxScore: number;
  grades: { grade: CreditLevel; label: string; minScore: number; source: string }[];
  rules: CreditModelRuleView[];
  measures: Record<CreditLevel, CreditMeasureView[]>;
  watchedSubjects: string[];
}
