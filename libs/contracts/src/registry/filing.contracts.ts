import { PageQuery } from '../page-query.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { ActorRef, Described, Nullable, PageOf, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate, ListOf } from '../validators.js';
import { CLASS_TYPES, type ClassType, InstitutionView } from './institution.contracts.js';
import { RuleDocumentRef, RuleSource } from '../rules/rules.contracts.js';

/** A document handed in with a filing: its reference (number, file id or URL) and date. */
@JSONSchema({ description: 'Reference to a document kept by the filer (number, file id or URL)' })
export class DocumentRef {
  @JSONSchema({ example: '91330106MA2CDX001P / 浙杭西营执字第 0001 号' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  ref: string;

  @IsOptional()
  @IsIsoDate()
  issuedOn?: string;
}

@JSONSchema({ description: '场地证明: owned, or leased with its term' })
export class PremisesProof extends DocumentRef {
  @IsBoolean()
  owned: boolean;

  @JSONSchema({ description: 'Lease term in years when leased (备案办法: ≥ 3 years)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(99)
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
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentRef)
  businessLicence?: DocumentRef;

  @IsOptional()
  @ValidateNested()
  @Type(() => PremisesProof)
  premisesProof?: PremisesProof;

  @JSONSchema({ description: '工作人员资格证明' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentRef)
  staffQualifications?: DocumentRef;

  @JSONSchema({ description: '工作人员健康合格证明' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentRef)
  staffHealthCertificates?: DocumentRef;

  @IsOptional()
  @ValidateNested()
  @Type(() => HealthEvaluation)
  healthEvaluation?: HealthEvaluation;

  @JSONSchema({ description: '消防验收或备案证明' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentRef)
  fireAcceptance?: DocumentRef;

  @JSONSchema({ description: '食品经营许可证 (when meals are served)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentRef)
  foodLicence?: DocumentRef;
}

/** Facts only the filing holds; building and outdoor area, floor and places come from the register (change them there). */
export class FilingFacility {
  @JSONSchema({ description: 'Floor of each infant living room (生活用房); negative = basement' })
  @IsOptional()
  @IsInt({ each: true })
  @Min(-5, { each: true })
  @Max(60, { each: true })
  @ArrayMaxSize(100)
  livingRoomFloors?: number[];

  @JSONSchema({ description: 'Any infant room in a basement or semi-basement' })
  @IsOptional()
  @IsBoolean()
  basementUse?: boolean;

  @JSONSchema({ description: '观察室 area m²' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1_000)
  observationRoomM2?: number;

  @JSONSchema({ description: 'Households of the residential area the facility serves (配建)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  householdsServed?: number;

  @JSONSchema({ description: 'new (新建居住区) or existing (老旧小区/已建成居住区)' })
  @IsOptional()
  @IsIn(['new', 'existing'])
  residentialArea?: 'new' | 'existing';
}

export class FilingClass {
  @JSONSchema({ description: 'infant 乳儿班 6–12m, toddler 托小班 12–24m, older 托大班 24–36m, mixed 混龄班 18m+' })
  @IsIn(CLASS_TYPES)
  type: ClassType;

  @JSONSchema({ description: 'Children in the class' })
  @IsInt()
  @Min(0)
  @Max(200)
  size: number;

  @JSONSchema({ description: 'Carers (保育人员) assigned to the class' })
  @IsInt()
  @Min(0)
  @Max(50)
  carers: number;
}

export const EDUCATION_LEVELS = ['below_high_school', 'high_school', 'vocational', 'junior_college', 'bachelor', 'master', 'doctorate'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export class FilingDirector {
  @JSONSchema({ description: 'Highest education; junior_college = 大专' })
  @IsIn(EDUCATION_LEVELS)
  education: EducationLevel;

  @JSONSchema({ description: 'Years of related management work (儿童保育教育、卫生健康等)' })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(60)
  managementYears: number;

  @JSONSchema({ description: '托育机构负责人岗位培训合格' })
  @IsBoolean()
  postTrainingCompleted: boolean;
}

export class FilingHealthWorker {
  @IsInt()
  @Min(0)
  @Max(100)
  fullTime: number;

  @IsInt()
  @Min(0)
  @Max(100)
  partTime: number;
}

export class FilingSurveillance {
  @JSONSchema({ description: 'Cameras cover every area infants use' })
  @IsBoolean()
  coversAllInfantAreas: boolean;

  @IsBoolean()
  runs24h: boolean;

  @JSONSchema({ description: 'Days recordings are kept' })
  @IsInt()
  @Min(0)
  @Max(3_650)
  retentionDays: number;
}

@JSONSchema({
  description: '医育结合: the community health centre whose child-health doctor is signed to the institution (Hangzhou signs one to every institution)',
})
export class FilingHealthCentre {
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name: string;

  @JSONSchema({ description: 'The signed child-health doctor (儿保医生)' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  doctorName?: string;

  @IsOptional()
  @IsIsoDate()
  signedOn?: string;
}

@JSONSchema({ description: '备案申请 (POST /api/v1/institutions/:id/filings). Missing facts are allowed: the automatic check marks them.' })
export class SubmitFilingBody {
  @IsOptional()
  @ValidateNested()
  @Type(() => FilingDocuments)
  documents?: FilingDocuments;

  @IsOptional()
  @ValidateNested()
  @Type(() => FilingFacility)
  facility?: FilingFacility;

  @IsOptional()
  @ListOf(() => FilingClass, { max: 100 })
  classes?: FilingClass[];

  @IsOptional()
  @ValidateNested()
  @Type(() => FilingDirector)
  director?: FilingDirector;

  @IsOptional()
  @ValidateNested()
  @Type(() => FilingHealthWorker)
  healthWorker?: FilingHealthWorker;

  @IsOptional()
  @ValidateNested()
  @Type(() => FilingSurveillance)
  surveillance?: FilingSurveillance;

  @JSONSchema({ description: '一键式紧急报警 linked to the police' })
  @IsOptional()
  @IsBoolean()
  oneKeyAlarmLinked?: boolean;

  @IsOptional()
  @IsBoolean()
  mealsServed?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => FilingHealthCentre)
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
  @IsOptional()
  @IsString()
  @MaxLength(60)
  ruleId?: string;

  @IsString()
  @MinLength(2)
  @MaxLength(500)
  text: string;
}

@JSONSchema({ description: '备案审核决定 by the district health bureau' })
export class FilingDecisionBody {
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';

  @JSONSchema({ description: 'Required to reject: each reason tied to a rule or free text' })
  @IsOptional()
  @ListOf(() => DecisionReason, { max: 50 })
  reasons?: DecisionReason[];

  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  comment?: string;
}

export class FilingDecisionRequest extends FilingDecisionBody {
  @IsUUID()
  id: string;
}

export const FILING_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export class ListFilingsRequest extends PageQuery {
  @IsOptional()
  @IsIn(FILING_STATUSES)
  status?: FilingStatus;

  @JSONSchema({ description: 'Only undecided filings past their deadline (5 working days, 15 when the check found failures)' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

export class ReceiptNoRequest {
  @JSONSchema({ example: '330106-2026-0001' })
  @IsString()
  @MinLength(6)
  @MaxLength(40)
  receiptNo: string;
}

export type CheckOutcome = 'pass' | 'fail' | 'needs_review';

const CheckSummary = t.Object({ pass: t.Integer(), fail: t.Integer(), needs_review: t.Integer() }, { description: 'Rules by outcome' });

export const StandardsCheckResult = t.Object(
  {
    ruleId: t.String({ example: 'CLASS_INFANT' }),
    title: t.String(),
    outcome: StringEnum(['pass', 'fail', 'needs_review']),
    measured: t.Unknown({ description: 'The value measured (null when the fact was not provided)' }),
    limit: t.String({ description: 'The limit the rule applies, in words and numbers' }),
    message: t.String(),
    source: t.String({ description: "The rule's legal sources as people read them: 《title》文号 article, several joined by ；" }),
    sources: t.Optional(
      t.Array(RuleSource, { description: "The rule's sources, each with title, 文号 and article (absent on checks made before rules by jurisdiction)" }),
    ),
    from: t.Optional(RuleDocumentRef),
  },
  { $id: 'StandardsCheckResult' },
);
export type StandardsCheckResult = Static<typeof StandardsCheckResult>;

export const StandardsCheck = t.Object(
  {
    rulesetVersion: t.String({ description: 'The versions of the rule documents applied, joined by +' }),
    checkedAt: t.String({ format: 'date-time' }),
    divisionCode: t.Optional(t.String({ description: "The institution's division the rules were resolved for" })),
    rulesDate: t.Optional(t.String({ format: 'date', description: 'The date the rules in force were taken from: the filing date (Asia/Shanghai)' })),
    documents: t.Optional(t.Array(RuleDocumentRef, { description: 'The rule documents in force there on that date, national first' })),
    disabled: t.Optional(
      t.Array(t.Object({ key: t.String(), title: t.String(), reason: t.String(), by: RuleDocumentRef }), {
        description: 'Rules from above that a lower level disabled there, with its reason',
      }),
    ),
    summary: CheckSummary,
    results: t.Array(StandardsCheckResult),
  },
  { $id: 'StandardsCheck' },
);
export type StandardsCheck = Static<typeof StandardsCheck>;

export const FilingView = t.Object(
  {
    id: t.String({ format: 'uuid' }),
    institutionId: t.String({ format: 'uuid' }),
    institutionName: t.String(),
    divisionCode: t.String(),
    status: StringEnum(FILING_STATUSES),
    submittedAt: t.String({ format: 'date-time' }),
    submittedBy: ActorRef,
    receiptDueBy: t.String({ format: 'date', description: '5 working days after submission (备案回执)' }),
    noticeDueBy: t.String({ format: 'date', description: '15 working days after submission (non-compliance notice)' }),
    dueBy: t.String({ format: 'date', description: 'The deadline in force: 15 when the check found failures, else 5' }),
    overdue: t.Boolean(),
    submission: Described<SubmitFilingBody>('SubmitFilingBody'),
    check: StandardsCheck,
    recheckCount: t.Integer({ description: 'Earlier runs of the check (after changes to a filed institution)' }),
    decision: Nullable(
      t.Object({
        decision: StringEnum(['approve', 'reject']),
        decidedAt: t.String({ format: 'date-time' }),
        decidedBy: ActorRef,
        reasons: t.Array(t.Object({ ruleId: t.Optional(t.String()), text: t.String() })),
        comment: Nullable(t.String()),
      }),
    ),
    receiptNo: Nullable(t.String(), { description: '备案回执编号, e.g. 330106-2026-0001' }),
  },
  { $id: 'FilingView' },
);
export type FilingView = Static<typeof FilingView>;

export const FilingPage = PageOf(FilingView, 'FilingPage');
export type FilingPage = Static<typeof FilingPage>;

const receiptFields = {
  receiptNo: t.String(),
  institutionId: t.String({ format: 'uuid' }),
  institutionName: t.String(),
  address: t.String(),
  divisionCode: t.String(),
  divisionName: t.String(),
  issuedOn: t.String({ format: 'date' }),
  issuingBureau: t.String(),
  status: StringEnum(['valid', 'revoked'], { description: '`valid` while the institution stays filed; `revoked` after deregistration' }),
};

export const ReceiptView = t.Object(
  {
    ...receiptFields,
    filingId: t.String({ format: 'uuid' }),
    uscc: t.String(),
    basis: t.Array(RuleDocumentRef, {
      description: 'The rule documents the filing was checked against (national first), each with its level and jurisdiction',
    }),
  },
  { $id: 'ReceiptView' },
);
export type ReceiptView = Static<typeof ReceiptView>;

/** A receipt number checked by anyone (the QR code): what the public may see of it. */
export const ReceiptVerification = t.Object(
  {
    receiptNo: t.String(),
    genuine: t.Boolean(),
    current: t.Boolean(),
    message: t.String(),
    receipt: Nullable(t.Object(receiptFields)),
  },
  { $id: 'ReceiptVerification' },
);
export type ReceiptVerification = Static<typeof ReceiptVerification>;

/** evt.registry.filing.submitted.v1: the check summary and the deadlines. */
export const FilingSubmittedData = t.Object(
  {
    filingId: t.String({ format: 'uuid' }),
    institutionId: t.String({ format: 'uuid' }),
    divisionCode: t.String(),
    summary: CheckSummary,
    receiptDueBy: t.String({ format: 'date' }),
    noticeDueBy: t.String({ format: 'date' }),
  },
  { $id: 'FilingSubmittedData' },
);
export type FilingSubmittedData = Static<typeof FilingSubmittedData>;

/** evt.registry.filing.approved.v1 / rejected.v1. */
export const FilingDecidedData = t.Object(
  {
    filingId: t.String({ format: 'uuid' }),
    institutionId: t.String({ format: 'uuid' }),
    divisionCode: t.String(),
    receiptNo: Nullable(t.String()),
    reasons: t.Array(t.Object({ ruleId: t.Optional(t.String()), text: t.String() })),
    institution: InstitutionView,
  },
  { $id: 'FilingDecidedData' },
);
export type FilingDecidedData = Static<typeof FilingDecidedData>;

/** evt.registry.filing.rechecked.v1: a change to the institution re-ran its filing's check. */
export const FilingRecheckedData = t.Object(
  {
    filingId: t.String({ format: 'uuid' }),
    institutionId: t.String({ format: 'uuid' }),
    summary: CheckSummary,
    changed: t.Array(t.String(), { description: 'The institution fields that changed' }),
  },
  { $id: 'FilingRecheckedData' },
);
export type FilingRecheckedData = Static<typeof FilingRecheckedData>;
