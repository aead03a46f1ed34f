import { PageNumber, PageQuery, PageSize } from '../page-query.js';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import type { FieldProblem } from '@shanyu/common';
import { ActorRef, Described, Nullable, PageOf, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate, IsNotBefore, IsResidentId, ListOf } from '../validators.js';

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
  'childcare_worker',
  'infant_carer',
  'teacher_qualification',
  'health_certificate',
  'health_worker_training',
  'food_handler_health_certificate',
  'security_guard_licence',
  'driving_licence',
  'director_training',
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
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  name: string;

  @JSONSchema({
    description: '公民身份号码 (GB 11643-1999, check digit included). Encrypted at rest, masked in replies, never logged.',
    example: '330106199001011234',
  })
  @IsResidentId()
  idNumber: string;

  @JSONSchema({ description: '岗位' })
  @IsIn(STAFF_ROLES)
  role: StaffRole;

  @JSONSchema({ description: '用工形式 (default full_time)' })
  @IsOptional()
  @IsIn(EMPLOYMENT_TYPES)
  employmentType?: EmploymentType = 'full_time';

  @JSONSchema({ description: "所在班型 (counts towards that class type's carer ratio when the role is carer)" })
  @IsOptional()
  @IsIn(CLASS_TYPES)
  classType?: ClassType;

  @JSONSchema({ description: '班级名称', example: '托小一班' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
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
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rowNumber: number;

  @JSONSchema({ description: 'The row as an AddStaffBody; validated row by row, so one bad row does not fail the others' })
  @IsObject()
  // Made an AddStaffBody when the request is read (not validated then): the handler checks each row without copying it again.
  @Type(() => AddStaffBody)
  staff: Record<string, unknown>;
}

@JSONSchema({ description: '批量导入 staff of one institution: each row validated and vetted; nothing of a rejected row is stored' })
export class ImportStaffRequest {
  @IsUUID()
  institutionId: string;

  @ListOf(() => StaffImportRow, { min: 1, max: STAFF_IMPORT_MAX_ROWS })
  rows: StaffImportRow[];
}

export class InstitutionRef {
  @JSONSchema({ description: 'Institution id (UUID)' })
  @IsUUID()
  id: string;
}

export class ListStaffQuery {
  @JSONSchema({ description: 'active (default), ended or all' })
  @IsOptional()
  @IsIn(['active', 'ended', 'all'])
  status?: 'active' | 'ended' | 'all' = 'active';

  @PageNumber()
  page?: number = 1;

  @PageSize(500)
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

@JSONSchema({ description: "离职: ends the employment; the person's history (credentials, checks, vetting) stays" })
export class EndStaffBody {
  @JSONSchema({ description: '离职日期 YYYY-MM-DD' })
  @IsIsoDate()
  endDate: string;

  @JSONSchema({ description: '原因 (kept in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
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
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  number: string;

  @JSONSchema({ description: '发证机关', example: '杭州市西湖区妇幼保健院' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  issuer: string;

  @JSONSchema({ description: '发证日期 YYYY-MM-DD' })
  @IsIsoDate()
  issuedOn: string;

  @JSONSchema({ description: '有效期至 YYYY-MM-DD (after issuedOn); omit for credentials without expiry. Required for types the rules give a validity.' })
  @IsOptional()
  @IsIsoDate()
  @IsNotBefore('issuedOn', '发证日期', { strictlyAfter: true })
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
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  authority: string;

  @JSONSchema({ description: '查询结果文书编号' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  documentNo?: string;
}

export class RecordRecheckRequest extends RecordRecheckBody {
  @IsUUID()
  staffId: string;
}

@JSONSchema({ description: '公安机关录入的违法犯罪记录查询结果 for a person (before or after hiring); vetting uses the latest' })
export class EnterRecordCheckRequest extends RecordRecheckBody {
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  name: string;

  @IsResidentId()
  idNumber: string;
}

@JSONSchema({ description: '从业禁止 / 终身禁入 (public security or health only). Follows the person to every institution.' })
export class AddBanRequest {
  @IsString()
  @MinLength(2)
  @MaxLength(50)
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
  @IsIsoDate()
  @IsNotBefore('startsOn', '起始日期', { strictlyAfter: true })
  endsOn?: string;

  @JSONSchema({ description: '决定机关', example: '杭州市西湖区人民法院' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  authority: string;

  @JSONSchema({ description: '决定文书号', example: '（2026）浙0106刑初123号' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  documentNo: string;

  @JSONSchema({ description: '事由' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class ListBansRequest extends PageQuery {
  override pageSize?: number = 50;
}

@JSONSchema({ description: 'Shows one full resident ID number to a health official who states why (audited)' })
export class RevealIdNumberBody {
  @JSONSchema({ description: '查看事由 (kept in the audit log)', example: '核对健康检查名单' })
  @IsString()
  @MinLength(4)
  @MaxLength(200)
  reason: string;
}

export class RevealIdNumberRequest extends RevealIdNumberBody {
  @IsUUID()
  staffId: string;
}

export class CredentialAlertsQuery {
  @JSONSchema({ description: 'Days ahead that count as expiring (default from the staff rules, 30)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class CredentialAlertsRequest extends CredentialAlertsQuery {
  @IsUUID()
  institutionId: string;
}

export class OverdueRechecksRequest {
  @JSONSchema({ description: 'One institution (operators: their own)' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @JSONSchema({ description: "County (6) or street (9) code; default: the caller's divisions" })
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;
}

export class DivisionStaffStatsRequest {
  @JSONSchema({ description: 'County (6 digits) or street (9 digits)', example: '330106' })
  @IsDivisionCode()
  divisionCode: string;
}

// ---------------------------------------------------------------------------------------------
// Replies

const Uuid = t.String({ format: 'uuid' });
const Day = t.String({ format: 'date' });
const MaskedIdNumber = t.String({ description: 'Masked (330106********1234) unless idNumberDisclosure is full' });
const Disclosure = StringEnum(['masked', 'full']);

export const CredentialView = t.Object(
  {
    id: Uuid,
    type: StringEnum(CREDENTIAL_TYPES),
    label: t.String(),
    number: t.String(),
    issuer: t.String(),
    issuedOn: Day,
    expiresOn: Nullable(Day),
    status: StringEnum(['valid', 'expiring', 'expired'], { description: 'On the day the view was made (Asia/Shanghai)' }),
  },
  { $id: 'CredentialView' },
);
export type CredentialView = Static<typeof CredentialView>;

export const StaffFlagView = t.Object(
  {
    kind: StringEnum(STAFF_FLAG_KINDS),
    raisedAt: t.String({ format: 'date-time' }),
    refId: t.String({ format: 'uuid', description: 'The ban, the record check or the other employment behind the flag' }),
  },
  { $id: 'StaffFlagView' },
);
export type StaffFlagView = Static<typeof StaffFlagView>;

export const StaffView = t.Object(
  {
    id: Uuid,
    institutionId: Uuid,
    name: t.String(),
    idNumber: MaskedIdNumber,
    idNumberDisclosure: Disclosure,
    role: StringEnum(STAFF_ROLES),
    roleLabel: t.String(),
    employmentType: StringEnum(EMPLOYMENT_TYPES),
    classType: Nullable(StringEnum(CLASS_TYPES)),
    className: Nullable(t.String()),
    startDate: Day,
    endDate: Nullable(Day),
    status: StringEnum(STAFF_STATUSES),
    vetting: t.Object({ status: StringEnum(VETTING_STATUSES), reason: Nullable(StringEnum(VETTING_REASONS)), lastCheckedOn: Nullable(Day) }),
    recheck: t.Object({ lastCheckedOn: Nullable(Day), dueOn: Day, overdue: t.Boolean() }),
    flags: t.Array(StaffFlagView),
    credentials: t.Array(CredentialView),
    missingCredentials: t.Array(t.String(), {
      description: 'Credentials the role still lacks on that day, by requirement, each `type|type` (any one of them)',
    }),
    createdAt: t.String({ format: 'date-time' }),
  },
  { $id: 'StaffView' },
);
export type StaffView = Static<typeof StaffView>;

export const StaffPage = PageOf(StaffView, 'StaffPage');
export type StaffPage = Static<typeof StaffPage>;

export const StaffImportResult = t.Object(
  {
    institutionId: Uuid,
    total: t.Integer(),
    accepted: t.Array(t.Object({ rowNumber: t.Integer(), staff: StaffView })),
    rejected: t.Array(t.Object({ rowNumber: t.Integer(), problems: t.Array(Described<FieldProblem>('FieldProblem')) })),
  },
  { $id: 'StaffImportResult' },
);
export type StaffImportResult = Static<typeof StaffImportResult>;

export const RecordCheckView = t.Object(
  {
    id: Uuid,
    result: StringEnum(RECORD_CHECK_RESULTS),
    checkedOn: Day,
    authority: t.String(),
    documentNo: Nullable(t.String()),
    affectedStaff: t.Array(Uuid, { description: 'Employments whose vetting this result decided (pending → cleared, or flagged)' }),
  },
  { $id: 'RecordCheckView' },
);
export type RecordCheckView = Static<typeof RecordCheckView>;

export const BanView = t.Object(
  {
    id: Uuid,
    name: t.String(),
    idNumber: MaskedIdNumber,
    idNumberDisclosure: Disclosure,
    kind: StringEnum(BAN_KINDS),
    startsOn: Day,
    endsOn: Nullable(Day),
    authority: t.String(),
    documentNo: t.String(),
    reason: t.String(),
    addedBy: ActorRef,
    createdAt: t.String({ format: 'date-time' }),
    matchedStaff: t.Array(t.Object({ staffId: Uuid, institutionId: Uuid }), { description: 'Current employments the ban flagged when it was added' }),
  },
  { $id: 'BanView' },
);
export type BanView = Static<typeof BanView>;

export const BanPage = PageOf(BanView, 'BanPage');
export type BanPage = Static<typeof BanPage>;

export const RevealedIdNumber = t.Object({ staffId: Uuid, idNumber: t.String({ description: 'the full number' }) }, { $id: 'RevealedIdNumber' });
export type RevealedIdNumber = Static<typeof RevealedIdNumber>;

export const CredentialAlert = t.Object(
  {
    staffId: Uuid,
    name: t.String(),
    role: StringEnum(STAFF_ROLES),
    credentialId: Uuid,
    type: StringEnum(CREDENTIAL_TYPES),
    label: t.String(),
    expiresOn: Day,
    daysLeft: t.Integer({ description: 'negative once expired' }),
  },
  { $id: 'CredentialAlert' },
);
export type CredentialAlert = Static<typeof CredentialAlert>;

export const CredentialAlerts = t.Object(
  {
    institutionId: Uuid,
    today: Day,
    days: t.Integer(),
    expiring: t.Array(CredentialAlert),
    expired: t.Array(CredentialAlert),
  },
  { $id: 'CredentialAlerts' },
);
export type CredentialAlerts = Static<typeof CredentialAlerts>;

export const OverdueRecheck = t.Object(
  {
    staffId: Uuid,
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    name: t.String(),
    role: StringEnum(STAFF_ROLES),
    lastCheckedOn: Nullable(Day),
    dueOn: Day,
    daysOverdue: t.Integer(),
  },
  { $id: 'OverdueRecheck' },
);
export type OverdueRecheck = Static<typeof OverdueRecheck>;

export const OverdueRechecks = t.Object({ today: Day, items: t.Array(OverdueRecheck) }, { $id: 'OverdueRechecks' });
export type OverdueRechecks = Static<typeof OverdueRechecks>;

export const RatioView = t.Object(
  {
    classType: StringEnum(CLASS_TYPES),
    label: t.String(),
    children: t.Integer(),
    enrolmentSource: StringEnum(['roster', 'registered_places'], {
      description: 'Where `children` comes from: the latest roster (subsidy service) or the registered places',
    }),
    carers: t.Integer(),
    childrenPerCarer: t.Integer(),
    requiredCarers: t.Integer(),
    breached: t.Boolean(),
    source: t.String(),
  },
  { $id: 'RatioView' },
);
export type RatioView = Static<typeof RatioView>;

const rateFields = {
  required: t.Integer({ description: 'Staff the rate counts (whose role needs such a credential)' }),
  holding: t.Integer(),
  rate: Nullable(t.Number(), { description: 'holding / required, 4 decimals; null when nobody is counted' }),
};
export const RateView = t.Object(rateFields, { $id: 'RateView' });
export type RateView = Static<typeof RateView>;

export const InstitutionStaffStats = t.Object(
  {
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    asOf: Day,
    rulesVersion: t.String(),
    activeStaff: t.Integer(),
    byRole: t.Unsafe<Partial<Record<StaffRole, number>>>(t.Object({}, { additionalProperties: t.Integer(), description: 'Active staff per role' })),
    certificate: t.Object(
      {
        ...rateFields,
        target: Nullable(t.Number(), { description: "The 持证率 target of the institution's division (0.9 = 90%); null where no level has set one" }),
        meetsTarget: Nullable(t.Boolean(), { description: 'null without a rate or without a target' }),
        source: Nullable(t.String(), { description: 'The document that sets the target' }),
      },
      { description: "持证率: qualification certificates (职业资格), against the division's target where it has one (an alert, not a condition)" },
    ),
    healthCertificate: RateView,
    ratios: t.Array(RatioView),
    vetting: t.Object({ cleared: t.Integer(), pending: t.Integer(), rejected: t.Integer() }),
    flagged: t.Integer(),
    recheckOverdue: t.Integer(),
  },
  { $id: 'InstitutionStaffStats' },
);
export type InstitutionStaffStats = Static<typeof InstitutionStaffStats>;

export const DivisionStaffStats = t.Object(
  {
    divisionCode: t.String(),
    asOf: Day,
    rulesVersion: t.String(),
    institutions: t.Integer(),
    activeStaff: t.Integer(),
    certificate: t.Object({
      ...rateFields,
      target: Nullable(t.Number(), { description: 'The 持证率 target of this division (or one set above it); null where none is set' }),
      meetsTarget: Nullable(t.Boolean()),
      source: Nullable(t.String(), { description: 'The document that sets the target' }),
      institutionsBelowTarget: t.Integer({ description: 'Institutions whose rate is below the target of their division' }),
    }),
    healthCertificate: RateView,
    ratioBreaches: t.Array(
      t.Object({
        institutionId: Uuid,
        institutionName: t.String(),
        classType: StringEnum(CLASS_TYPES),
        children: t.Integer(),
        carers: t.Integer(),
        requiredCarers: t.Integer(),
      }),
    ),
    flagged: t.Integer(),
    recheckOverdue: t.Integer(),
    items: t.Array(InstitutionStaffStats),
  },
  { $id: 'DivisionStaffStats' },
);
export type DivisionStaffStats = Static<typeof DivisionStaffStats>;
