import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import type { FieldProblem } from '@shanyu/common';
import { IsDivisionCode, IsIsoDate, IsNotBefore, IsResidentId } from '../validators.js';

/**
 * 从业人员 (staff) contracts. Sources: 西政办函〔2021〕15号 §二(四)4 (终身禁入), §三(三)
 * (职业资格准入和持证上岗); Weihai's credit scheme for childcare institutions (污点禁入);
 * 未成年人保护法 第六十二条 (criminal-record query at hiring and every year). Which role needs which credential is data with sources in
 * services/staff/rules/staff-rules.json, not here: these lists only name the codes.
 */

/** 岗位: the roles the issue names (保育人员, teacher, health worker, cook, guard, cleaner, driver, director, investor). */
export const STAFF_ROLES = ['carer', 'teacher', 'health_worker', 'cook', 'guard', 'cleaner', 'driver', 'director', 'investor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  carer: '保育人员',
  teacher: '教师',
  health_worker: '卫生保健人员',
  cook: '炊事人员',
  guard: '保安员',
  cleaner: '保洁员',
  driver: '驾驶员',
  director: '机构负责人',
  investor: '举办者（投资人）',
};

/** 用工形式: only full-time employment at two institutions at once is flagged as concurrent. */
export const EMPLOYMENT_TYPES = ['full_time', 'part_time'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, string> = { full_time: '全职', part_time: '兼职' };

/** 班型, the same keys as PlacesByClass (国卫人口发〔2019〕58号 class types). */
// Class types are shared with registration (institution.contracts.ts): one definition.
import { CLASS_TYPES, CLASS_TYPE_LABELS, type ClassType } from '../registry/institution.contracts.js';
export { CLASS_TYPES, CLASS_TYPE_LABELS, type ClassType };

/** 证书类型. Unknown types are refused; which role needs which is in the staff rules file. */
export const CREDENTIAL_TYPES = [
  'childcare_worker', 'infant_carer', 'teacher_qualification', 'health_certificate', 'health_worker_training',
  'food_handler_health_certificate', 'security_guard_licence', 'driving_licence', 'director_training',
] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
export const CREDENTIAL_TYPE_LABELS: Record<CredentialType, string> = {
  childcare_worker: '保育师证书',
  infant_carer: '育婴员证书',
  teacher_qualification: '教师资格证书',
  health_certificate: '托育机构工作人员健康合格证明',
  health_worker_training: '卫生保健人员培训合格证明',
  food_handler_health_certificate: '食品从业人员健康证明',
  security_guard_licence: '保安员证',
  driving_licence: '机动车驾驶证',
  director_training: '托育机构负责人岗位培训合格证明',
};

/** Result of a criminal-record query (未成年人保护法 第六十二条) answered by public security. */
export const RECORD_CHECK_RESULTS = ['no_record', 'record_found'] as const;
export type RecordCheckResult = (typeof RECORD_CHECK_RESULTS)[number];

/** 终身禁入 lifetime, or a ban for a period (e.g. a 从业禁止 for a number of years). */
export const BAN_KINDS = ['lifetime', 'time_limited'] as const;
export type BanKind = (typeof BAN_KINDS)[number];

/** Vetting outcome: cleared, rejected (with a reason code) or pending (query not yet answered). */
export const VETTING_STATUSES = ['cleared', 'pending', 'rejected'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];
export const VETTING_REASONS = ['BANNED', 'CRIMINAL_RECORD', 'NO_RECENT_QUERY'] as const;
export type VettingReason = (typeof VETTING_REASONS)[number];

/** Why an employment needs a department's attention. */
export const STAFF_FLAG_KINDS = ['ban_matched', 'criminal_record', 'concurrent_employment'] as const;
export type StaffFlagKind = (typeof STAFF_FLAG_KINDS)[number];

export const STAFF_STATUSES = ['active', 'ended'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** Rows per import: an .xlsx or .csv of one institution's staff. */
export const STAFF_IMPORT_MAX_ROWS = 1_000;

// ---------------------------------------------------------------------------------------------
// Requests

@JSONSchema({ description: '从业人员登记 (POST /api/v1/institutions/:id/staff). Vetted against the ban list and the criminal-record query at once.' })
export class AddStaffBody {
  @JSONSchema({ description: '姓名', example: '王丽' })
  @IsString() @MinLength(2) @MaxLength(50)
  name: string;

  @JSONSchema({ description: '公民身份号码 (GB 11643-1999, check digit included). Encrypted at rest, masked in replies, never logged.', example: '330106199001011234' })
  @IsResidentId()
  idNumber: string;

  @JSONSchema({ description: '岗位' })
  @IsIn(STAFF_ROLES)
  role: StaffRole;

  @JSONSchema({ description: '用工形式 (default full_time)' })
  @IsOptional() @IsIn(EMPLOYMENT_TYPES)
  employmentType?: EmploymentType = 'full_time';

  @JSONSchema({ description: '所在班型 (counts towards that class type\'s carer ratio when the role is carer)' })
  @IsOptional() @IsIn(CLASS_TYPES)
  classType?: ClassType;

  @JSONSchema({ description: '班级名称', example: '托小一班' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(50)
  className?: string;

  @JSONSchema({ description: '入职日期 YYYY-MM-DD', example: '2026-03-01' })
  @IsIsoDate()
  startDate: string;
}

export class AddStaffRequest extends AddStaffBody {
  @JSONSchema({ description: 'Institution id' })
  @IsUUID()
  institutionId: string;
}

export class StaffImportRow {
  @JSONSchema({ description: 'Row number in the uploaded sheet (reported back with each rejection)' })
  @IsInt() @Min(1) @Max(1_000_000)
  rowNumber: number;

  @JSONSchema({ description: 'The row as an AddStaffBody; validated row by row, so one bad row does not fail the others' })
  @IsObject()
  staff: Record<string, unknown>;
}

@JSONSchema({ description: '批量导入 staff of one institution: each row validated and vetted; nothing of a rejected row is stored' })
export class ImportStaffRequest {
  @IsUUID()
  institutionId: string;

  @ValidateNested({ each: true }) @Type(() => StaffImportRow) @ArrayMinSize(1) @ArrayMaxSize(STAFF_IMPORT_MAX_ROWS)
  rows: StaffImportRow[];
}

export class InstitutionRef {
  @JSONSchema({ description: 'Institution id (UUID)' })
  @IsUUID()
  id: string;
}

export class ListStaffQuery {
  @JSONSchema({ description: 'active (default), ended or all' })
  @IsOptional() @IsIn(['active', 'ended', 'all'])
  status?: 'active' | 'ended' | 'all' = 'active';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  page?: number = 1;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  pageSize?: number = 50;
}

export class ListStaffRequest extends ListStaffQuery {
  @IsUUID()
  institutionId: string;
}

export class StaffRef {
  @JSONSchema({ description: 'Staff (employment) id' })
  @IsUUID()
  id: string;
}

@JSONSchema({ description: '离职: ends the employment; the person\'s history (credentials, checks, vetting) stays' })
export class EndStaffBody {
  @JSONSchema({ description: '离职日期 YYYY-MM-DD' })
  @IsIsoDate()
  endDate: string;

  @JSONSchema({ description: '原因 (kept in the audit log)' })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class EndStaffRequest extends EndStaffBody {
  @IsUUID()
  staffId: string;
}

@JSONSchema({ description: '资格证书 / 健康证明 of a staff member' })
export class AddCredentialBody {
  @JSONSchema({ description: '证书类型' })
  @IsIn(CREDENTIAL_TYPES)
  type: CredentialType;

  @JSONSchema({ description: '证书编号' })
  @IsString() @MinLength(1) @MaxLength(64)
  number: string;

  @JSONSchema({ description: '发证机关', example: '杭州市西湖区妇幼保健院' })
  @IsString() @MinLength(2) @MaxLength(100)
  issuer: string;

  @JSONSchema({ description: '发证日期 YYYY-MM-DD' })
  @IsIsoDate()
  issuedOn: string;

  @JSONSchema({ description: '有效期至 YYYY-MM-DD (after issuedOn); omit for credentials without expiry. Required for types the rules give a validity.' })
  @IsOptional() @IsIsoDate() @IsNotBefore('issuedOn', '发证日期', { strictlyAfter: true })
  expiresOn?: string;
}

export class AddCredentialRequest extends AddCredentialBody {
  @IsUUID()
  staffId: string;
}

@JSONSchema({ description: '违法犯罪记录查询 result for an employed person (未成年人保护法 第六十二条: at hiring and every year)' })
export class RecordRecheckBody {
  @JSONSchema({ description: '查询日期 YYYY-MM-DD (not in the future)' })
  @IsIsoDate()
  checkedOn: string;

  @JSONSchema({ description: 'no_record (无相关记录) or record_found (有性侵害、虐待、拐卖、暴力伤害等违法犯罪记录)' })
  @IsIn(RECORD_CHECK_RESULTS)
  result: RecordCheckResult;

  @JSONSchema({ description: '查询机关', example: '杭州市公安局西湖区分局' })
  @IsString() @MinLength(2) @MaxLength(100)
  authority: string;

  @JSONSchema({ description: '查询结果文书编号' })
  @IsOptional() @IsString() @MaxLength(64)
  documentNo?: string;
}

export class RecordRecheckRequest extends RecordRecheckBody {
  @IsUUID()
  staffId: string;
}

@JSONSchema({ description: '公安机关录入的违法犯罪记录查询结果 for a person (before or after hiring); vetting uses the latest' })
export class EnterRecordCheckRequest extends RecordRecheckBody {
  @IsString() @MinLength(2) @MaxLength(50)
  name: string;

  @IsResidentId()
  idNumber: string;
}

@JSONSchema({ description: '从业禁止 / 终身禁入 (public security or health only). Follows the person to every institution.' })
export class AddBanRequest {
  @IsString() @MinLength(2) @MaxLength(50)
  name: string;

  @IsResidentId()
  idNumber: string;

  @JSONSchema({ description: 'lifetime (终身禁入) or time_limited (endsOn required)' })
  @IsIn(BAN_KINDS)
  kind: BanKind;

  @JSONSchema({ description: '起始日期 YYYY-MM-DD' })
  @IsIsoDate()
  startsOn: string;

  @JSONSchema({ description: '截止日期 YYYY-MM-DD: required for time_limited, not allowed for lifetime' })
  @ValidateIf((o: AddBanRequest) => o.kind === 'time_limited' || o.endsOn !== undefined)
  @IsIsoDate() @IsNotBefore('startsOn', '起始日期', { strictlyAfter: true })
  endsOn?: string;

  @JSONSchema({ description: '决定机关', example: '杭州市西湖区人民法院' })
  @IsString() @MinLength(2) @MaxLength(100)
  authority: string;

  @JSONSchema({ description: '决定文书号', example: '（2026）浙0106刑初123号' })
  @IsString() @MinLength(2) @MaxLength(100)
  documentNo: string;

  @JSONSchema({ description: '事由' })
  @IsString() @MinLength(2) @MaxLength(500)
  reason: string;
}

export class ListBansRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  page?: number = 1;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number = 50;
}

@JSONSchema({ description: 'Shows one full resident ID number to a health official who states why (audited)' })
export class RevealIdNumberBody {
  @JSONSchema({ description: '查看事由 (kept in the audit log)', example: '核对健康检查名单' })
  @IsString() @MinLength(4) @MaxLength(200)
  reason: string;
}

export class RevealIdNumberRequest extends RevealIdNumberBody {
  @IsUUID()
  staffId: string;
}

export class CredentialAlertsQuery {
  @JSONSchema({ description: 'Days ahead that count as expiring (default from the staff rules, 30)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(365)
  days?: number;
}

export class CredentialAlertsRequest extends CredentialAlertsQuery {
  @IsUUID()
  institutionId: string;
}

export class OverdueRechecksRequest {
  @JSONSchema({ description: 'One institution (operators: their own)' })
  @IsOptional() @IsUUID()
  institutionId?: string;

  @JSONSchema({ description: 'County (6) or street (9) code; default: the caller\'s divisions' })
  @IsOptional() @IsDivisionCode()
  divisionCode?: string;
}

export class DivisionStaffStatsRequest {
  @JSONSchema({ description: 'County (6 digits) or street (9 digits)', example: '330106' })
  @IsDivisionCode()
  divisionCode: string;
}

// ---------------------------------------------------------------------------------------------
// Replies

export interface CredentialView {
  id: string;
  type: CredentialType;
  label: string;
  number: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  /** On the day the view was made (Asia/Shanghai). */
  status: 'valid' | 'expiring' | 'expired';
}

export interface StaffFlagView {
  kind: StaffFlagKind;
  raisedAt: string;
  /** The ban, the record check or the other employment behind the flag. */
  refId: string;
}

export interface StaffView {
  id: string;
  institutionId: string;
  name: string;
  /** Masked (`330106********1234`) unless the caller's role needs the full number. */
  idNumber: string;
  idNumberDisclosure: 'masked' | 'full';
  role: StaffRole;
  roleLabel: string;
  employmentType: EmploymentType;
  classType: ClassType | null;
  className: string | null;
  startDate: string;
  endDate: string | null;
  status: StaffStatus;
  vetting: { status: VettingStatus; reason: VettingReason | null; lastCheckedOn: string | null };
  recheck: { lastCheckedOn: string | null; dueOn: string; overdue: boolean };
  flags: StaffFlagView[];
  credentials: CredentialView[];
  /** Credentials the role still lacks on that day, by requirement (e.g. `childcare_worker|infant_carer`). */
  missingCredentials: string[];
  createdAt: string;
}

export interface StaffPage {
  items: StaffView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StaffImportResult {
  institutionId: string;
  total: number;
  accepted: { rowNumber: number; staff: StaffView }[];
  rejected: { rowNumber: number; problems: FieldProblem[] }[];
}

export interface RecordCheckView {
  id: string;
  result: RecordCheckResult;
  checkedOn: string;
  authority: string;
  documentNo: string | null;
  /** Employments whose vetting this result decided (pending → cleared, or flagged). */
  affectedStaff: string[];
}

export interface BanView {
  id: string;
  name: string;
  idNumber: string;
  idNumberDisclosure: 'masked' | 'full';
  kind: BanKind;
  startsOn: string;
  endsOn: string | null;
  authority: string;
  documentNo: string;
  reason: string;
  addedBy: { department: string; userId: string };
  createdAt: string;
  /** Current employments the ban flagged when it was added. */
  matchedStaff: { staffId: string; institutionId: string }[];
}

export interface BanPage {
  items: BanView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RevealedIdNumber {
  staffId: string;
  idNumber: string;
}

export interface CredentialAlert {
  staffId: string;
  name: string;
  role: StaffRole;
  credentialId: string;
  type: CredentialType;
  label: string;
  expiresOn: string;
  /** Negative once expired. */
  daysLeft: number;
}

export interface CredentialAlerts {
  institutionId: string;
  today: string;
  days: number;
  expiring: CredentialAlert[];
  expired: CredentialAlert[];
}

export interface OverdueRecheck {
  staffId: string;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  name: string;
  role: StaffRole;
  lastCheckedOn: string | null;
  dueOn: string;
  daysOverdue: number;
}

export interface OverdueRechecks {
  today: string;
  items: OverdueRecheck[];
}

export interface RatioView {
  classType: ClassType;
  label: string;
  children: number;
  /** Where `children` comes from: the latest roster (subsidy service) or the registered places. */
  enrolmentSource: 'roster' | 'registered_places';
  carers: number;
  childrenPerCarer: number;
  requiredCarers: number;
  breached: boolean;
  source: string;
}

export interface RateView {
  /** Staff the rate counts (whose role needs such a credential). */
  required: number;
  holding: number;
  /** holding / required, 4 decimals; null when nobody is counted. */
  rate: number | null;
}

export interface InstitutionStaffStats {
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  asOf: string;
  rulesVersion: string;
  activeStaff: number;
  byRole: Partial<Record<StaffRole, number>>;
  /** 持证率: qualification certificates (职业资格), against the target. */
  certificate: RateView & { target: number; meetsTarget: boolean | null; source: string };
  /** Valid health certificates (76号令: before work and every year). */
  healthCertificate: RateView;
  ratios: RatioView[];
  vetting: Record<VettingStatus, number>;
  flagged: number;
  recheckOverdue: number;
}

export interface DivisionStaffStats {
  divisionCode: string;
  asOf: string;
  rulesVersion: string;
  institutions: number;
  activeStaff: number;
  certificate: RateView & { target: number; meetsTarget: boolean | null; institutionsBelowTarget: number };
  healthCertificate: RateView;
  ratioBreaches: { institutionId: string; institutionName: string; classType: ClassType; children: number; carers: number; requiredCarers: number }[];
  flagged: number;
  recheckOverdue: number;
  items: InstitutionStaffStats[];
}
