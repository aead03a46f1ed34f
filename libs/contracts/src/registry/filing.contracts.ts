import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { IsDivisionCode, IsIsoDate } from '../validators.js';
import { CLASS_TYPES, type ClassType } from './institution.contracts.js';

/** A document handed in with a filing: its reference (number, file id or URL) and date. */
@JSONSchema({ description: 'Reference to a document kept by the filer (number, file id or URL)' })
export class DocumentRef {
  @JSONSchema({ example: '91330106MA2CDX001P / 浙杭西营执字第 0001 号' })
  @IsString() @MinLength(1) @MaxLength(300)
  ref: string;

  @IsOptional() @IsIsoDate()
  issuedOn?: string;
}

@JSONSchema({ description: '场地证明: owned, or leased with its term' })
export class PremisesProof extends DocumentRef {
  @IsBoolean()
  owned: boolean;

  @JSONSchema({ description: 'Lease term in years when leased (备案办法: ≥ 3 years)' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(99)
  leaseYears?: number;
}

@JSONSchema({ description: '卫生评价报告 with its conclusion' })
export class HealthEvaluation extends DocumentRef {
  @JSONSchema({ description: '合格 (pass) or 不合格 (fail)' })
  @IsIn(['合格', '不合格'])
  result: '合格' | '不合格';
}

/** 备案材料 (国卫办人口发〔2019〕25号 第六条). Each is optional at submission: the check marks what is missing. */
export class FilingDocuments {
  @JSONSchema({ description: '营业执照或事业单位/民办非企业单位法人证书' })
  @IsOptional() @ValidateNested() @Type(() => DocumentRef)
  businessLicence?: DocumentRef;

  @IsOptional() @ValidateNested() @Type(() => PremisesProof)
  premisesProof?: PremisesProof;

  @JSONSchema({ description: '工作人员资格证明' })
  @IsOptional() @ValidateNested() @Type(() => DocumentRef)
  staffQualifications?: DocumentRef;

  @JSONSchema({ description: '工作人员健康合格证明' })
  @IsOptional() @ValidateNested() @Type(() => DocumentRef)
  staffHealthCertificates?: DocumentRef;

  @IsOptional() @ValidateNested() @Type(() => HealthEvaluation)
  healthEvaluation?: HealthEvaluation;

  @JSONSchema({ description: '消防验收或备案证明' })
  @IsOptional() @ValidateNested() @Type(() => DocumentRef)
  fireAcceptance?: DocumentRef;

  @JSONSchema({ description: '食品经营许可证 (when meals are served)' })
  @IsOptional() @ValidateNested() @Type(() => DocumentRef)
  foodLicence?: DocumentRef;
}

/** Facts only the filing holds; building and outdoor area, floor and places come from the register (change them there). */
export class FilingFacility {
  @JSONSchema({ description: 'Floor of each infant living room (生活用房); negative = basement' })
  @IsOptional() @IsInt({ each: true }) @Min(-5, { each: true }) @Max(60, { each: true }) @ArrayMaxSize(100)
  livingRoomFloors?: number[];

  @JSONSchema({ description: 'Any infant room in a basement or semi-basement' })
  @IsOptional() @IsBoolean()
  basementUse?: boolean;

  @JSONSchema({ description: '观察室 area m²' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(1_000)
  observationRoomM2?: number;

  @JSONSchema({ description: 'Households of the residential area the facility serves (配建)' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  householdsServed?: number;

  @JSONSchema({ description: 'new (新建居住区) or existing (老旧小区/已建成居住区)' })
  @IsOptional() @IsIn(['new', 'existing'])
  residentialArea?: 'new' | 'existing';
}


export class FilingClass {
  @JSONSchema({ description: 'infant 乳儿班 6–12m, toddler 托小班 12–24m, older 托大班 24–36m, mixed 混龄班 18m+' })
  @IsIn(CLASS_TYPES)
  type: ClassType;

  @JSONSchema({ description: 'Children in the class' })
  @IsInt() @Min(0) @Max(200)
  size: number;

  @JSONSchema({ description: 'Carers (保育人员) assigned to the class' })
  @IsInt() @Min(0) @Max(50)
  carers: number;
}

export const EDUCATION_LEVELS = ['below_high_school', 'high_school', 'vocational', 'junior_college', 'bachelor', 'master', 'doctorate'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export class FilingDirector {
  @JSONSchema({ description: 'Highest education; junior_college = 大专' })
  @IsIn(EDUCATION_LEVELS)
  education: EducationLevel;

  @JSONSchema({ description: 'Years of related management work (儿童保育教育、卫生健康等)' })
  @IsNumber({ maxDecimalPlaces: 1 }) @Min(0) @Max(60)
  managementYears: number;

  @JSONSchema({ description: '托育机构负责人岗位培训合格' })
  @IsBoolean()
  postTrainingCompleted: boolean;
}

export class FilingHealthWorker {
  @IsInt() @Min(0) @Max(100)
  fullTime: number;

  @IsInt() @Min(0) @Max(100)
  partTime: number;
}

export class FilingSurveillance {
  @JSONSchema({ description: 'Cameras cover every area infants use' })
  @IsBoolean()
  coversAllInfantAreas: boolean;

  @IsBoolean()
  runs24h: boolean;

  @JSONSchema({ description: 'Days recordings are kept' })
  @IsInt() @Min(0) @Max(3_650)
  retentionDays: number;
}

@JSONSchema({ description: '医育结合: the community health centre whose child-health doctor is signed to the institution (Hangzhou signs one to every institution)' })
export class FilingHealthCentre {
  @IsString() @MinLength(2) @MaxLength(100)
  name: string;

  @JSONSchema({ description: 'The signed child-health doctor (儿保医生)' })
  @IsOptional() @IsString() @MinLength(2) @MaxLength(50)
  doctorName?: string;

  @IsOptional() @IsIsoDate()
  signedOn?: string;
}

@JSONSchema({ description: '备案申请 (POST /api/v1/institutions/:id/filings). Missing facts are allowed: the automatic check marks them.' })
export class SubmitFilingBody {
  @IsOptional() @ValidateNested() @Type(() => FilingDocuments)
  documents?: FilingDocuments;

  @IsOptional() @ValidateNested() @Type(() => FilingFacility)
  facility?: FilingFacility;

  @IsOptional() @ValidateNested({ each: true }) @Type(() => FilingClass) @ArrayMaxSize(100)
  classes?: FilingClass[];

  @IsOptional() @ValidateNested() @Type(() => FilingDirector)
  director?: FilingDirector;

  @IsOptional() @ValidateNested() @Type(() => FilingHealthWorker)
  healthWorker?: FilingHealthWorker;

  @IsOptional() @ValidateNested() @Type(() => FilingSurveillance)
  surveillance?: FilingSurveillance;

  @JSONSchema({ description: '一键式紧急报警 linked to the police' })
  @IsOptional() @IsBoolean()
  oneKeyAlarmLinked?: boolean;

  @IsOptional() @IsBoolean()
  mealsServed?: boolean;

  @IsOptional() @ValidateNested() @Type(() => FilingHealthCentre)
  healthCentre?: FilingHealthCentre;
}

export class SubmitFilingRequest extends SubmitFilingBody {
  @IsUUID()
  institutionId: string;
}

export class FilingIdRequest {
  @IsUUID()
  id: string;
}

export class DecisionReason {
  @JSONSchema({ description: 'The standards rule the reason refers to, if any (e.g. CLASS_INFANT)' })
  @IsOptional() @IsString() @MaxLength(60)
  ruleId?: string;

  @IsString() @MinLength(2) @MaxLength(500)
  text: string;
}

@JSONSchema({ description: '备案审核决定 by the district health bureau' })
export class FilingDecisionBody {
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @JSONSchema({ description: 'Required to reject: each reason tied to a rule or free text' })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => DecisionReason) @ArrayMaxSize(50)
  reasons?: DecisionReason[];

  @IsOptional() @IsString() @MaxLength(1_000)
  comment?: string;
}

export class FilingDecisionRequest extends FilingDecisionBody {
  @IsUUID()
  id: string;
}

export const FILING_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export class ListFilingsRequest {
  @IsOptional() @IsIn(FILING_STATUSES)
  status?: FilingStatus;

  @JSONSchema({ description: 'Only undecided filings past their deadline (5 working days, 15 when the check found failures)' })
  @IsOptional() @Type(() => String) @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @IsOptional() @IsDivisionCode()
  divisionCode?: string;

  @IsOptional() @IsUUID()
  institutionId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  page?: number = 1;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number = 20;
}

export class ReceiptNoRequest {
  @JSONSchema({ example: '330106-2026-0001' })
  @IsString() @MinLength(6) @MaxLength(40)
  receiptNo: string;
}

export type CheckOutcome = 'pass' | 'fail' | 'needs_review';

export interface StandardsCheckResult {
  ruleId: string;
  title: string;
  outcome: CheckOutcome;
  /** What was measured (or null when the fact is missing). */
  measured: unknown;
  /** The limit the rule applies, in words and numbers. */
  limit: string;
  message: string;
  source: string;
}

export interface StandardsCheck {
  rulesetVersion: string;
  checkedAt: string;
  summary: { pass: number; fail: number; needs_review: number };
  results: StandardsCheckResult[];
}

export interface FilingView {
  id: string;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  status: FilingStatus;
  submittedAt: string;
  submittedBy: { department: string; userId: string };
  /** Working-day deadlines from submission (备案办法: 5 for a receipt, 15 to notify non-compliance). */
  receiptDueBy: string;
  noticeDueBy: string;
  /** The deadline that applies now: 5 working days, or 15 when the check found failures. */
  dueBy: string;
  overdue: boolean;
  submission: SubmitFilingBody;
  check: StandardsCheck;
  /** Earlier runs of the check (after changes to a filed institution). */
  recheckCount: number;
  decision: null | {
    decision: 'approve' | 'reject';
    decidedAt: string;
    decidedBy: { department: string; userId: string };
    reasons: { ruleId?: string; text: string }[];
    comment: string | null;
  };
  receiptNo: string | null;
}

export interface ReceiptView {
  receiptNo: string;
  filingId: string;
  institutionId: string;
  institutionName: string;
  uscc: string;
  address: string;
  divisionCode: string;
  divisionName: string;
  issuedOn: string;
  issuingBureau: string;
  /** `valid` while the institution stays filed; `revoked` after deregistration. */
  status: 'valid' | 'revoked';
}

export interface ReceiptVerification {
  receiptNo: string;
  genuine: boolean;
  current: boolean;
  message: string;
  receipt: Omit<ReceiptView, 'uscc' | 'filingId'> | null;
}
