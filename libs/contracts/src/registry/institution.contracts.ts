import { PageQuery } from '../page-query.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { Described, defineRpc, Nullable, PageOf, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate, IsUscc } from '../validators.js';

/** 机构性质: for-profit registers with market regulation (市场监管), non-profit with civil affairs / 编办 (《托育机构登记和备案办法（试行）》国卫办人口发〔2019〕25号). */
export const INSTITUTION_NATURES = ['for_profit', 'non_profit'] as const;
export type InstitutionNature = (typeof INSTITUTION_NATURES)[number];

/** 举办主体: 社区(公建民营) / 单位办托 / 社会兴办 / 幼儿园托班 / 家庭托育点 / 成长驿站 (the forms local policies name). */
export const OPERATOR_TYPES = ['community', 'employer', 'private', 'kindergarten', 'family', 'growth_station'] as const;
export type OperatorType = (typeof OPERATOR_TYPES)[number];

/** 服务形式: 全日托 / 半日托 / 临时托 / 计时托. */
export const CARE_FORMS = ['full_day', 'half_day', 'temporary', 'hourly'] as const;
export type CareForm = (typeof CARE_FORMS)[number];

/** 登记 registered → 备案申请 filing_submitted → 已备案 filed | 备案未通过 filing_rejected (may resubmit) → 注销 deregistered. */
export const INSTITUTION_STATUSES = ['registered', 'filing_submitted', 'filed', 'filing_rejected', 'deregistered'] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];

/** 班型 (国卫人口发〔2019〕58号): 乳儿班 6–12 months, 托小班 12–24, 托大班 24–36, 混龄班 18 months and older. */
export const CLASS_TYPES = ['infant', 'toddler', 'older', 'mixed'] as const;
export type ClassType = (typeof CLASS_TYPES)[number];
export const CLASS_TYPE_LABELS: Record<ClassType, string> = { infant: '乳儿班', toddler: '托小班', older: '托大班', mixed: '混龄班' };

const PLACES_MAX = 2_000;
/** At least two visible characters: a name of spaces is no name. */
const NOT_BLANK = /\S.*\S/s;

@JSONSchema({ description: '托位数 by class type (国卫人口发〔2019〕58号 class sizes)' })
export class PlacesByClass {
  @JSONSchema({ description: '乳儿班 6–12 months' })
  @IsInt()
  @Min(0)
  @Max(PLACES_MAX)
  infant: number = 0;

  @JSONSchema({ description: '托小班 12–24 months' })
  @IsInt()
  @Min(0)
  @Max(PLACES_MAX)
  toddler: number = 0;

  @JSONSchema({ description: '托大班 24–36 months' })
  @IsInt()
  @Min(0)
  @Max(PLACES_MAX)
  older: number = 0;

  @JSONSchema({ description: '混龄班 18 months and older' })
  @IsInt()
  @Min(0)
  @Max(PLACES_MAX)
  mixed: number = 0;
}

@JSONSchema({ description: '登记 an institution (registry.institution.register / POST /api/v1/institutions)' })
export class RegisterInstitutionRequest {
  @JSONSchema({ description: '机构名称', example: '西湖区三墩镇小星星托育园' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: '不能只含空白字符' })
  name: string;

  @JSONSchema({ description: '统一社会信用代码 (GB 32100-2015)', example: '91330106MA2H2X1234' })
  @IsUscc()
  uscc: string;

  @JSONSchema({ description: 'for_profit (营利性, 市场监管登记) or non_profit (非营利性, 民政/编办登记)' })
  @IsIn(INSTITUTION_NATURES)
  nature: InstitutionNature;

  @JSONSchema({ description: '举办主体类型' })
  @IsIn(OPERATOR_TYPES)
  operatorType: OperatorType;

  @JSONSchema({ description: '服务形式 (one or more)' })
  @IsIn(CARE_FORMS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  careForms: CareForm[];

  @JSONSchema({ description: '所在乡镇（街道）区划代码, 9 digits (GB/T 10114)', example: '330106109' })
  @IsDivisionCode({ level: 'street' })
  divisionCode: string;

  @JSONSchema({ description: '地址' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: '不能只含空白字符' })
  address: string;

  @JSONSchema({ description: 'Lowest floor of the infant rooms; negative = basement' })
  @IsInt()
  @Min(-5)
  @Max(60)
  floor: number;

  @JSONSchema({ description: '建筑面积 m²' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100_000)
  buildingAreaM2: number;

  @JSONSchema({ description: '户外活动场地面积 m²' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  outdoorAreaM2: number;

  // @IsDefined: @ValidateNested alone lets a missing object through (found by tests/fuzz).
  @IsDefined()
  @ValidateNested()
  @Type(() => PlacesByClass)
  places: PlacesByClass;

  @JSONSchema({
    description:
      '登记日期: the day on the business licence or registration certificate (default today; not in the future). Indicators of past months count the institution from this day',
    example: '2024-05-01',
  })
  @IsOptional()
  @IsIsoDate()
  registeredOn?: string;
}

export class UpdateInstitutionChanges {
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: '不能只含空白字符' })
  name?: string;

  @IsOptional()
  @IsIn(OPERATOR_TYPES)
  operatorType?: OperatorType;

  @IsOptional()
  @IsIn(CARE_FORMS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  careForms?: CareForm[];

  @IsOptional()
  @IsDivisionCode({ level: 'street' })
  divisionCode?: string;

  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: '不能只含空白字符' })
  address?: string;

  @IsOptional()
  @IsInt()
  @Min(-5)
  @Max(60)
  floor?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100_000)
  buildingAreaM2?: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  outdoorAreaM2?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => PlacesByClass)
  places?: PlacesByClass;
}

@JSONSchema({ description: 'Change an institution (PATCH). USCC and nature identify the registration and cannot change.' })
export class UpdateInstitutionBody extends UpdateInstitutionChanges {
  @JSONSchema({ description: '变更原因 (kept in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @JSONSchema({ description: 'Optimistic lock: the version the change was based on' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class UpdateInstitutionRequest extends UpdateInstitutionBody {
  @IsUUID()
  id: string;
}

export class GetInstitutionRequest {
  @JSONSchema({ description: 'Institution id (UUID)' })
  @IsUUID()
  id: string;
}

export class InstitutionByUsccRequest {
  @JSONSchema({ description: '统一社会信用代码 (GB 32100-2015), as on the business licence', example: '91330106MA2H2X1234' })
  @IsUscc()
  uscc: string;
}

export class ListInstitutionsRequest extends PageQuery {
  @JSONSchema({ description: 'County (6) or street (9) code: institutions inside it' })
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @IsIn(INSTITUTION_STATUSES)
  status?: InstitutionStatus;

  @IsOptional()
  @IsIn(INSTITUTION_NATURES)
  nature?: InstitutionNature;

  @JSONSchema({ description: 'Name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}

/** 普惠 accreditation in force. */
export const InclusiveStatus = t.Object(
  {
    priceCapFen: t.Integer({ description: 'Approved monthly price cap per child, in fen (普惠收费上限)' }),
    inclusivePlaces: t.Integer(),
    grantedOn: t.String({ format: 'date' }),
    decisionNo: Nullable(t.String()),
  },
  { $id: 'InclusiveStatus' },
);
export type InclusiveStatus = Static<typeof InclusiveStatus>;

/** 示范 designation of one year. */
export const DemonstrationRecord = t.Object(
  {
    year: t.Integer(),
    places: t.Integer({ description: 'Places when designated: the award tier depends on them' }),
    designatedOn: t.String({ format: 'date' }),
    decisionNo: Nullable(t.String()),
  },
  { $id: 'DemonstrationRecord' },
);
export type DemonstrationRecord = Static<typeof DemonstrationRecord>;

/** An institution as the register holds it. */
export const InstitutionView = t.Object(
  {
    id: t.String({ format: 'uuid' }),
    name: t.String(),
    uscc: t.String({ description: '统一社会信用代码' }),
    nature: StringEnum(INSTITUTION_NATURES),
    registrationAuthority: StringEnum(['market', 'civil'], { description: '登记机关: market (市场监管) for for-profit, civil (民政) for non-profit' }),
    operatorType: StringEnum(OPERATOR_TYPES),
    careForms: t.Array(StringEnum(CARE_FORMS)),
    divisionCode: t.String({ description: '9-digit street code' }),
    countyCode: t.String({ description: '6-digit county code' }),
    address: t.String(),
    floor: t.Integer(),
    buildingAreaM2: t.Number(),
    outdoorAreaM2: t.Number(),
    places: Described<PlacesByClass>('PlacesByClass'),
    totalPlaces: t.Integer(),
    status: StringEnum(INSTITUTION_STATUSES),
    registeredOn: t.String({ format: 'date', description: '登记日期: from when it counts as operating' }),
    deregisteredOn: Nullable(t.String({ format: 'date' }), { description: '注销: the day it stopped operating, once deregistered' }),
    receiptNo: Nullable(t.String(), { description: '备案回执编号 once filed' }),
    inclusive: Nullable(InclusiveStatus, { description: '普惠 accreditation in force, if any' }),
    demonstrations: t.Array(DemonstrationRecord, { description: '示范 designations, one per year' }),
    ownerUserId: Nullable(t.String(), { description: 'The operator account that registered it (its 举办者 on this platform), or null' }),
    version: t.Integer(),
    createdAt: t.String({ format: 'date-time' }),
    updatedAt: t.String({ format: 'date-time' }),
  },
  { $id: 'InstitutionView' },
);
export type InstitutionView = Static<typeof InstitutionView>;

export const InstitutionPage = PageOf(InstitutionView, 'InstitutionPage');
export type InstitutionPage = Static<typeof InstitutionPage>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** evt.registry.institution.registered.v1. */
export const InstitutionRegisteredData = t.Object({ institution: InstitutionView }, { $id: 'InstitutionRegisteredData' });
export type InstitutionRegisteredData = Static<typeof InstitutionRegisteredData>;

/** evt.registry.institution.updated.v1. */
export const InstitutionUpdatedData = t.Object(
  {
    institution: InstitutionView,
    changed: t.Array(t.String(), { description: 'Names of the fields that changed' }),
  },
  { $id: 'InstitutionUpdatedData' },
);
export type InstitutionUpdatedData = Static<typeof InstitutionUpdatedData>;

/** The request subjects of institutions (登记): part of RegistryRpc. */
export const InstitutionRpc = {
  registerInstitution: defineRpc({
    subject: 'registry.institution.register',
    summary: '登记 Register an institution',
    request: RegisterInstitutionRequest,
    reply: InstitutionView,
    errors: ['VALIDATION', 'INSTITUTION_USCC_TAKEN', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  }),
  getInstitution: defineRpc({
    subject: 'registry.institution.get',
    summary: 'One institution by id',
    request: GetInstitutionRequest,
    reply: InstitutionView,
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'],
    inspector: true,
  }),
  getInstitutionByUscc: defineRpc({
    subject: 'registry.institution.by-uscc',
    summary: 'One institution by its 统一社会信用代码 (the key department systems know it by)',
    request: InstitutionByUsccRequest,
    reply: InstitutionView,
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'],
  }),
  listInstitutions: defineRpc({
    subject: 'registry.institution.list',
    summary: "Institutions in the caller's divisions, filtered and paged",
    request: ListInstitutionsRequest,
    reply: InstitutionPage,
    errors: ['VALIDATION'],
  }),
  updateInstitution: defineRpc({
    subject: 'registry.institution.update',
    summary: 'Change an institution (audited)',
    request: UpdateInstitutionRequest,
    reply: InstitutionView,
    errors: [
      'VALIDATION',
      'INSTITUTION_NOT_FOUND',
      'DEPARTMENT_NOT_ALLOWED',
      'DIVISION_OUT_OF_SCOPE',
      'NOT_OWN_INSTITUTION',
      'INSTITUTION_VERSION_CONFLICT',
      'INSTITUTION_DEREGISTERED',
    ],
  }),
};
