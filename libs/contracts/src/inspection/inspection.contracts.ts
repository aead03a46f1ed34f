import { JURISDICTION_LEVELS, NATIONAL_JURISDICTION } from '@shanyu/common';
import { PageNumber, PageQuery, PageSize } from '../page-query.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
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
import { Described, MapOf, Nullable, PageOf, StringEnum } from '../contract.js';
import { CREDIT_GRADES, type CreditGrade } from '../credit/credit.contracts.js';

const Uuid = t.String({ format: 'uuid' });
const Day = t.String({ format: 'date' });
const DateTime = t.String({ format: 'date-time' });

/** What waits for a person on a visit or a drawn institution. */
export const InspectionAlert = t.Object({
  code: t.String({
    description:
      'INSPECTION_REPEATED, INSPECTION_YEARLY_CAP … at creation; INSPECTION_RESULTS_IN_CONFLICT, LATE_RESULTS_WAITING while field results wait for a decision',
  }),
  message: t.String(),
  department: t.Optional(t.String()),
});
export type InspectionAlert = Static<typeof InspectionAlert>;
import { INSTITUTION_NATURES, type InstitutionNature, OPERATOR_TYPES, type OperatorType } from '../registry/institution.contracts.js';
import { IsDivisionCode, IsIsoDate, IsNotBefore, ListOf } from '../validators.js';
import { RuleSource, RuleSourceInput } from '../rules/rules.contracts.js';

/** Departments that keep the two lists (两张清单) and send inspectors to joint checks. */
export const INSPECTION_DEPARTMENTS = ['health', 'market', 'fire', 'police', 'education', 'hrss', 'civil', 'street'] as const;
export type InspectionDepartment = (typeof INSPECTION_DEPARTMENTS)[number];

/**
 * `inspection` 行政检查事项清单, `penalty` 行政处罚事项清单, and `discretion` 行政处罚裁量基准: how a
 * jurisdiction's department divides a fine's lawful range into 从轻 / 一般 / 从重.
 */
export const CHECKLIST_KINDS = ['inspection', 'penalty', 'discretion'] as const;
/** How an item of a local list joins the lists above; disabling and confirming are listed apart (disabledItems, inheritedItems). */
export const ITEM_COMPOSITIONS = ['adds', 'replaces'] as const;
export type ItemComposition = (typeof ITEM_COMPOSITIONS)[number];
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

/** What a failed item weighs: it sets the rectification deadline (working days, by policy). */
export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Areas the merged form (一表通查) is grouped by, in this order. */
export const FORM_AREAS = [
  'licences',
  'premises',
  'fire_safety',
  'security',
  'food_safety',
  'health_care',
  'staff',
  'daily_care',
  'fees',
  'environment',
] as const;
export type FormArea = (typeof FORM_AREAS)[number];
export const FORM_AREA_LABELS: Record<FormArea, string> = {
  licences: '证照与登记',
  premises: '场所设施',
  fire_safety: '消防安全',
  security: '安全防范',
  food_safety: '食品安全',
  health_care: '卫生保健',
  staff: '从业人员',
  daily_care: '保育管理',
  fees: '收费与价格',
  environment: '环境与垃圾分类',
};

/** 行政处罚的种类 (行政处罚法): warning, 通报批评, fine, confiscation, 责令停产停业/停止招生, revocation. */
export const PENALTY_KINDS = ['warning', 'criticism', 'fine', 'confiscation', 'suspension', 'revocation'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  criticism: '通报批评',
  fine: '罚款',
  confiscation: '没收违法所得',
  suspension: '责令停产停业（停止招生）',
  revocation: '吊销许可证件',
};

export const ITEM_RESULTS = ['pass', 'fail', 'not_applicable'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export const INSPECTION_KINDS = ['planned', 'adhoc', 'complaint', 'reinspection'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const FINDING_STATUSES = ['open', 'reported', 'corrected', 'not_corrected'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const COMPLAINT_CATEGORIES = ['safety', 'fire', 'food', 'health', 'fees', 'abuse', 'staff', 'security', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_STATUSES = ['received', 'accepted', 'rejected', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

const ITEM_CODE = /^[A-Z]{2,10}-[A-Z0-9]{1,10}(-[A-Z0-9]{1,10})?$/;

// ---------------------------------------------------------------------------------------------
// 两张清单: checklist versions

@JSONSchema({ description: 'One item of an administrative inspection list (行政检查事项清单)' })
export class InspectionItemInput {
  @JSONSchema({ description: 'Stable code, unique across all departments (FIRE-01)', example: 'FIRE-01' })
  @Matches(ITEM_CODE, { message: '事项编码格式应为 FIRE-01' })
  code: string;

  @JSONSchema({ description: 'Area of the merged form the item is grouped under' })
  @IsIn(FORM_AREAS)
  area: FormArea;

  @JSONSchema({ example: '疏散通道' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  category: string;

  @JSONSchema({ description: 'What is checked, in Chinese', example: '疏散通道、安全出口畅通，未被占用、堵塞、封闭' })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  text: string;

  @JSONSchema({ description: 'Legal basis (law, regulation, standard); article numbers only where certain' })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  legalBasis: string;

  @JSONSchema({ description: 'Risk weight 1 (low) … 5 (high), as Texas weighs each minimum standard' })
  @IsInt()
  @Min(1)
  @Max(5)
  riskWeight: number;

  @IsIn(SEVERITIES)
  severity: Severity;

  @JSONSchema({ description: 'Operator types the item applies to; empty = every type' })
  @IsIn(OPERATOR_TYPES, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(OPERATOR_TYPES.length)
  appliesTo: OperatorType[];

  @JSONSchema({ description: 'A basic item (基本项): failing it fails the institution on its own (one-vote veto)' })
  @IsBoolean()
  basic: boolean;

  @JSONSchema({ description: '机构性质 the item applies to (non_profit: registered with civil affairs as 民办非企业单位); absent or empty = every nature' })
  @IsOptional()
  @IsIn(INSTITUTION_NATURES, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(INSTITUTION_NATURES.length)
  appliesToNatures?: InstitutionNature[];

  @JSONSchema({ description: 'Where the item was taken from besides its legal basis (the joint checks or local practice it reflects)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string;

  @JSONSchema({
    description:
      'How the item joins the lists of the levels above (national → province → city → county → street): `adds` (default) a new item; ' +
      '`replaces` the item of the same code from above, in this jurisdiction only',
  })
  @IsOptional()
  @IsIn(ITEM_COMPOSITIONS)
  composition?: ItemComposition;
}

/** What a fine is counted from (罚款的计算基数): nothing (fixed amounts), 货值金额, 违法所得 or 违法经营额. */
export const FINE_BASES = ['none', 'goods_value', 'illegal_income', 'illegal_turnover', 'unpaid_contributions'] as const;
export type FineBasis = (typeof FINE_BASES)[number];
export const FINE_BASIS_LABELS: Record<FineBasis, string> = {
  none: '固定金额',
  goods_value: '货值金额',
  illegal_income: '违法所得',
  illegal_turnover: '违法经营额',
  unpaid_contributions: '应缴（欠缴）社会保险费数额',
};

/** Circumstances the law attaches a higher range to: 拒不改正 (after an order to correct), 情节严重. */
export const PENALTY_CIRCUMSTANCES = ['refused_to_correct', 'serious'] as const;
export type PenaltyCircumstance = (typeof PENALTY_CIRCUMSTANCES)[number];
export const PENALTY_CIRCUMSTANCE_LABELS: Record<PenaltyCircumstance, string> = { refused_to_correct: '拒不改正', serious: '情节严重' };

@JSONSchema({
  description:
    'One range of a fine as the article writes it: fixed amounts (minFen–maxFen) or multiples of the basis (minTimes–maxTimes × 货值金额/违法所得, the basis counted as at least basisFloorFen), applying when the basis lies in [basisFromFen, basisBelowFen) and, with `circumstance`, only when the decision finds it (e.g. 拒不改正)',
})
export class FineTierInput {
  @JSONSchema({ description: 'The tier applies when the basis amount is at least this (fen)', example: 1_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  basisFromFen?: number;

  @JSONSchema({ description: 'The tier applies when the basis amount is below this (fen)', example: 1_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  basisBelowFen?: number;

  @JSONSchema({ description: 'The tier applies only when the decision finds this circumstance' })
  @IsOptional()
  @IsIn(PENALTY_CIRCUMSTANCES)
  circumstance?: PenaltyCircumstance;

  @JSONSchema({ description: 'Lowest fixed fine (fen)', example: 5_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  minFen?: number;

  @JSONSchema({ description: 'Highest fixed fine (fen)', example: 10_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  maxFen?: number;

  @JSONSchema({ description: 'Lowest multiple of the basis', example: 10 })
  @IsOptional()
  @IsInt()
  @Min(0)
  minTimes?: number;

  @JSONSchema({ description: 'Highest multiple of the basis', example: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxTimes?: number;

  @JSONSchema({ description: 'A basis below this counts as this (e.g. 违法所得不足一万元的，按一万元计算), fen', example: 1_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  basisFloorFen?: number;

  @JSONSchema({ description: 'The article (and 款、项) the range is written in', example: '第一百二十二条第一款' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  article?: string;
}

@JSONSchema({ description: 'A fine as the law writes it (罚款幅度): its basis and its ranges' })
export class FineRuleInput {
  @IsIn(FINE_BASES)
  basis: FineBasis;

  @IsArray()
  @ListOf(() => FineTierInput, { min: 1, max: 10 })
  tiers: FineTierInput[];
}

@JSONSchema({ description: 'One item of an administrative penalty list (行政处罚事项清单)' })
export class PenaltyItemInput {
  @JSONSchema({ example: 'PFIRE-01' })
  @Matches(ITEM_CODE, { message: '事项编码格式应为 PFIRE-01' })
  code: string;

  @JSONSchema({ description: 'The violation, in Chinese' })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  violation: string;

  @IsString()
  @MinLength(4)
  @MaxLength(300)
  legalBasis: string;

  @JSONSchema({ description: 'Penalty kinds the item allows' })
  @IsIn(PENALTY_KINDS, { each: true })
  @ArrayUnique()
  @ArrayMinSize(1)
  kinds: PenaltyKind[];

  @JSONSchema({
    description:
      'Lowest fine in fen: a fixed range (fineMinFen–fineMaxFen) for a fine item without `fine`; in replies, the lowest fine any range of `fine` allows',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  fineMinFen?: number;

  @JSONSchema({
    description:
      'Highest fine in fen: a fixed range for a fine item without `fine`; in replies, the highest fine any range of `fine` allows, absent when a multiple of the basis has no upper bound',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  fineMaxFen?: number;

  @JSONSchema({
    description: 'The fine as the law writes it: fixed amounts, multiples of 货值金额 or 违法所得 with their thresholds, and ranges for 拒不改正 or 情节严重',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FineRuleInput)
  fine?: FineRuleInput;

  @JSONSchema({ description: 'Inspection items whose failure this penalty item may follow' })
  @Matches(ITEM_CODE, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  relatedItems: string[];

  @JSONSchema({ description: 'Conditions of the range (e.g. 拒不改正的), in Chinese' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string;

  @JSONSchema({
    description:
      'How the item joins the lists of the levels above (national → province → city → county → street): `adds` (default) a new item; ' +
      '`replaces` the item of the same code from above, in this jurisdiction only',
  })
  @IsOptional()
  @IsIn(ITEM_COMPOSITIONS)
  composition?: ItemComposition;
}

/** 行政处罚裁量 levels inside the lawful range (减轻处罚 below it is a separate legal decision, not a level). */
export const DISCRETION_LEVELS = ['lenient', 'ordinary', 'severe'] as const;
export type DiscretionLevel = (typeof DISCRETION_LEVELS)[number];
export const DISCRETION_LEVEL_LABELS: Record<DiscretionLevel, string> = { lenient: '从轻', ordinary: '一般', severe: '从重' };

@JSONSchema({ description: 'One level of a discretion benchmark: the share of the lawful range (min → max) a fine at this level lies in' })
export class DiscretionBandInput {
  @IsIn(DISCRETION_LEVELS)
  level: DiscretionLevel;

  @JSONSchema({ description: 'Lower edge, percent of the lawful range above its minimum (0 = the minimum)', example: 0 })
  @IsInt()
  @Min(0)
  @Max(100)
  fromPercent: number;

  @JSONSchema({ description: 'Upper edge, percent of the lawful range above its minimum (100 = the maximum)', example: 30 })
  @IsInt()
  @Min(0)
  @Max(100)
  toPercent: number;

  @JSONSchema({ description: 'When the level applies (情形), in Chinese', example: '初次违法、危害后果轻微并及时改正的' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  circumstances: string;
}

@JSONSchema({
  description:
    '行政处罚裁量基准 entry: for the penalty items it names (none = every fine item of the department without an entry of its own), ' +
    'the share of the lawful range each level (从轻/一般/从重) allows',
})
export class DiscretionItemInput {
  @JSONSchema({ example: 'DMKT-00' })
  @Matches(ITEM_CODE, { message: '事项编码格式应为 DMKT-00' })
  code: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @JSONSchema({ description: 'Penalty item codes this entry applies to; empty: every fine item of the department without its own entry', example: [] })
  @Matches(ITEM_CODE, { each: true, message: '事项编码格式应为 PMKT-01' })
  @ArrayUnique()
  @ArrayMaxSize(200)
  penaltyItems: string[];

  @JSONSchema({ description: 'The three levels, 从轻, 一般 and 从重, covering 0–100 percent in order without gaps' })
  @ListOf(() => DiscretionBandInput, { min: 3, max: 3 })
  bands: DiscretionBandInput[];

  @JSONSchema({ description: 'The benchmark document and article' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  legalBasis: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;

  @IsOptional()
  @IsIn(ITEM_COMPOSITIONS)
  composition?: ItemComposition;
}

@JSONSchema({ description: 'An item of a list above that stops applying in this jurisdiction (停用上级事项), with the reason' })
export class DisabledItemInput {
  @JSONSchema({ example: 'MKT-11' })
  @Matches(ITEM_CODE, { message: '事项编码格式应为 FIRE-01' })
  code: string;

  @JSONSchema({ example: '本区普惠机构收费由区发展改革部门另行核定' })
  @IsString()
  @MinLength(4)
  @MaxLength(300)
  reason: string;
}

/** `000000` (全国) or a known division code: where a list or policy applies. */
function IsJurisdiction() {
  return (target: object, propertyName: string) => {
    ValidateIf((o: Record<string, unknown>) => o[propertyName] !== NATIONAL_JURISDICTION)(target, propertyName);
    IsDivisionCode({ message: `适用地域应为 ${NATIONAL_JURISDICTION}（全国）或已知的 6 位、9 位区划代码` })(target, propertyName);
  };
}

@JSONSchema({
  description:
    "A new version of one department's inspection list, penalty list or discretion benchmark (裁量基准) for a jurisdiction (national or a division). Versions are never edited: " +
    'a change is a new version. A list applies only inside its jurisdiction, on top of the lists of the levels above.',
})
export class PublishChecklistBody {
  @IsIn(CHECKLIST_KINDS)
  kind: ChecklistKind;

  @IsIn(INSPECTION_DEPARTMENTS)
  department: InspectionDepartment;

  @JSONSchema({
    description: `Where the list applies: ${NATIONAL_JURISDICTION} (全国, platform admin only) or a province, city, county or street code inside the publisher's divisions`,
    example: '371002',
  })
  @IsJurisdiction()
  jurisdiction: string;

  @JSONSchema({
    description: 'National lists `<department>/<year>.<n>`; local lists `<department>-<jurisdiction>/<year>.<n>`',
    example: 'market-371002/2027.1',
  })
  @Matches(/^[a-z]+(-\d{6}|-\d{9})?\/\d{4}\.\d{1,3}$/, { message: '版本号格式应为 fire/2027.1（全国）或 fire-371002/2027.1（地方清单）' })
  version: string;

  @JSONSchema({ description: 'The day the version takes effect; facts are judged by the version in force on their date' })
  @IsIsoDate()
  effectiveFrom: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title: string;

  @JSONSchema({ description: 'The document that publishes the list, as text (e.g. 环翠区托育机构行政检查事项清单（2027 年版）)' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  source: string;

  @JSONSchema({ description: 'The documents the list rests on (依据), each with title, 文号 and article; default: `source` as one title' })
  @IsOptional()
  @ListOf(() => RuleSourceInput, { min: 1, max: 20 })
  sources?: RuleSourceInput[];

  @JSONSchema({ description: 'Required for kind=inspection (unless the list only disables or confirms items from above)' })
  @IsOptional()
  @ListOf(() => InspectionItemInput, { max: 500 })
  inspectionItems?: InspectionItemInput[];

  @JSONSchema({ description: 'Required for kind=penalty (unless the list only disables or confirms items from above)' })
  @IsOptional()
  @ListOf(() => PenaltyItemInput, { max: 500 })
  penaltyItems?: PenaltyItemInput[];

  @JSONSchema({ description: 'Required for kind=discretion (裁量基准): entries dividing the lawful ranges of the penalty items into 从轻/一般/从重' })
  @IsOptional()
  @ListOf(() => DiscretionItemInput, { max: 500 })
  discretionItems?: DiscretionItemInput[];

  @JSONSchema({ description: "Items of the levels above that do not apply in this jurisdiction (the department's own items only), each with the reason" })
  @IsOptional()
  @ListOf(() => DisabledItemInput, { max: 500 })
  disabledItems?: DisabledItemInput[];

  @JSONSchema({ description: 'Items of the levels above this list confirms apply here unchanged (沿用上级), by code' })
  @IsOptional()
  @Matches(ITEM_CODE, { each: true, message: '事项编码格式应为 FIRE-01' })
  @ArrayUnique()
  @ArrayMaxSize(500)
  inheritedItems?: string[];
}

export class ListChecklistsRequest {
  @IsOptional()
  @IsIn(CHECKLIST_KINDS)
  kind?: ChecklistKind;

  @IsOptional()
  @IsIn(INSPECTION_DEPARTMENTS)
  department?: InspectionDepartment;

  @JSONSchema({ description: 'The date the lists are in force on (default: today, Asia/Shanghai)' })
  @IsOptional()
  @IsIsoDate()
  on?: string;

  @JSONSchema({
    description: 'Only the lists that apply in this division: the national ones and those of the province, city, county and street enclosing it',
    example: '330106109',
  })
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @JSONSchema({ description: `Only the lists of this jurisdiction (${NATIONAL_JURISDICTION} = national)`, example: '330106' })
  @IsOptional()
  @IsJurisdiction()
  jurisdiction?: string;
}

export type InspectionItem = Omit<InspectionItemInput, never>;
export type PenaltyItem = Omit<PenaltyItemInput, never>;
export type DiscretionItem = Omit<DiscretionItemInput, never>;
export type DiscretionBand = Omit<DiscretionBandInput, never>;

export const ChecklistVersionView = t.Object(
  {
    id: Uuid,
    kind: StringEnum(CHECKLIST_KINDS),
    department: StringEnum(INSPECTION_DEPARTMENTS),
    version: t.String({ example: 'fire/2026.1' }),
    jurisdiction: t.String({ description: `${NATIONAL_JURISDICTION} (全国) or the division code the list applies in` }),
    jurisdictionName: t.String({ example: '浙江省杭州市西湖区' }),
    level: StringEnum(JURISDICTION_LEVELS, { description: 'national, province, city, county or street' }),
    documentKey: t.String({
      description: 'The rule document the list is (family inspection: GET /api/v1/rules/documents?family=inspection)',
      example: 'fire-inspection',
    }),
    effectiveFrom: Day,
    title: t.String(),
    source: t.String(),
    sources: t.Array(RuleSource, { description: 'The documents the list rests on (依据)' }),
    citations: t.Array(t.String(), { description: 'The same, as people read them: 《title》文号 article' }),
    origin: StringEnum(['built-in', 'published'], { description: 'built-in (shipped with the platform) or published through the API' }),
    publishedAt: DateTime,
    inspectionItems: t.Array(Described<InspectionItem>('InspectionItemInput')),
    penaltyItems: t.Array(Described<PenaltyItem>('PenaltyItemInput')),
    discretionItems: t.Array(Described<DiscretionItem>('DiscretionItemInput'), { description: '裁量基准 entries (kind discretion)' }),
    disabledItems: t.Array(t.Object({ code: t.String(), reason: t.String() }), { description: 'Items from above that do not apply here' }),
    inheritedItems: t.Array(t.String(), { description: 'Items from above confirmed to apply here unchanged' }),
  },
  { $id: 'ChecklistVersionView' },
);
export type ChecklistVersionView = Static<typeof ChecklistVersionView>;

export const ChecklistVersionList = t.Array(ChecklistVersionView, { $id: 'ChecklistVersionList' });

// ---------------------------------------------------------------------------------------------
// Inspectors and conflicts of interest

@JSONSchema({ description: "An inspector (执法人员) in a department's pool for random draws" })
export class AddInspectorBody {
  @JSONSchema({ description: "Defaults to the caller's department (admins must give it)" })
  @IsOptional()
  @IsIn(INSPECTION_DEPARTMENTS)
  department?: InspectionDepartment;

  @IsString()
  @MinLength(2)
  @MaxLength(50)
  name: string;

  @JSONSchema({ description: '执法证号', example: '浙A330106-0001' })
  @IsString()
  @MinLength(2)
  @MaxLength(50)
  badgeNo: string;

  @JSONSchema((schema) => ({
    ...schema,
    description: 'Divisions the inspector works in (county or street codes)',
    items: { type: 'string', pattern: '^\\d{6}(\\d{3})?$' },
  }))
  @IsString({ each: true })
  @IsDivisionCode({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  divisionCodes: string[];

  @JSONSchema({ description: 'Login of the inspector (gateway account); links results and sign-offs to the person' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  username?: string;
}

export class AddInspectorRequest extends AddInspectorBody {
  @JSONSchema({ description: 'The user id (token subject) of the linked account; the gateway resolves it from username' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  userId?: string;
}

export class ListInspectorsRequest {
  @IsOptional()
  @IsIn(INSPECTION_DEPARTMENTS)
  department?: InspectionDepartment;

  @JSONSchema({ description: 'Only inspectors who may work in this division' })
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;
}

@JSONSchema({ description: 'A conflict of interest (回避): the inspector is never drawn for the institution' })
export class AddConflictBody {
  @IsUUID()
  institutionId: string;

  @JSONSchema({ example: '近亲属在该机构任职' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  reason: string;
}

export class AddConflictRequest extends AddConflictBody {
  @IsUUID()
  inspectorId: string;
}

export const InspectorView = t.Object(
  {
    id: Uuid,
    department: StringEnum(INSPECTION_DEPARTMENTS),
    name: t.String(),
    badgeNo: t.String(),
    divisionCodes: t.Array(t.String()),
    userId: Nullable(t.String()),
    username: Nullable(t.String()),
    active: t.Boolean(),
    conflicts: t.Array(t.Object({ institutionId: Uuid, reason: t.String() })),
    createdAt: DateTime,
  },
  { $id: 'InspectorView' },
);
export type InspectorView = Static<typeof InspectorView>;

export const InspectorList = t.Array(InspectorView, { $id: 'InspectorList' });

// ---------------------------------------------------------------------------------------------
// 监管与抽查政策 (rule family supervision): 双随机 ratios, frequencies, deadlines by jurisdiction

/**
 * The parameters of the supervision policy; each is one rule of family `supervision`, keyed by its
 * name, its body `{parameter, value}` (published with POST /api/v1/supervision-policies as a rule document).
 */
export const SUPERVISION_PARAMETERS = [
  'samplingRatios',
  'minInspectorsPerDepartment',
  'yearlyCap',
  'capExemptKinds',
  'repeatWindowDays',
  'rectificationWorkingDays',
  'abbreviatedGrades',
  'abbreviatedMinRiskWeight',
  'unfiledSamplingRatio',
  'postFilingVisitDays',
] as const;
export type SupervisionParameter = (typeof SUPERVISION_PARAMETERS)[number];

// ---------------------------------------------------------------------------------------------
// 双随机 plans

@JSONSchema({
  description:
    'Sampling ratio per credit grade (0–1), and for registered institutions not yet filed (unfiled, their own stratum). Defaults from the supervision policy: A 0.05, B 0.10, C 0.30, D 1, unfiled 1',
})
export class GradeRatios {
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  A: number;

  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  B: number;

  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  C: number;

  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  D: number;

  @JSONSchema({
    description:
      'Registered institutions not yet filed (未备案), drawn as their own stratum whatever their grade; only where the policy in force sets unfiledSamplingRatio',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  unfiled?: number;
}

@JSONSchema({
  description:
    '双随机 plan, step 1 (commit): fixes the pool of operating institutions (filed ones by credit grade; registered ones not yet filed as their own stratum where the policy in force sets unfiledSamplingRatio) and of inspectors, the ratios, and publishes the SHA-256 ' +
    'of a secret seed. Step 2 (POST /inspection-plans/:id/draw) reveals the seed and draws.',
})
export class CommitPlanBody {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @JSONSchema({ description: 'County (6 digits) or street (9 digits) whose filed institutions form the pool' })
  @IsDivisionCode()
  divisionCode: string;

  @IsIsoDate()
  periodFrom: string;

  @IsIsoDate()
  @IsNotBefore('periodFrom', '开始日期')
  periodTo: string;

  @JSONSchema({ description: 'Departments taking part; each must have enough inspectors available for every institution in the pool' })
  @IsIn(INSPECTION_DEPARTMENTS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(INSPECTION_DEPARTMENTS.length)
  @ArrayUnique()
  departments: InspectionDepartment[];

  @JSONSchema({ description: 'Inspectors drawn per department and institution (at least 2: 执法人员不得少于两人)' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(10)
  inspectorsPerDepartment?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => GradeRatios)
  ratios?: GradeRatios;
}

export class DrawPlanBody {
  @JSONSchema({
    description:
      "Public entropy announced at the draw (e.g. a witness's number or a published lottery result); mixed into the committed seed " +
      'so that neither the platform nor the witness alone decides the outcome',
    example: '2026-10-12 福彩3D 第2026270期 5 8 1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  publicEntropy?: string;
}

export class DrawPlanRequest extends DrawPlanBody {
  @IsUUID()
  id: string;
}

export class PlanIdRequest {
  @IsUUID()
  id: string;
}

export class ListPlansRequest extends PageQuery {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;
}

/** A page of one plan's pool (`/pool`) or drawn institutions (`/draws`). */
export class PlanPageQuery {
  @PageNumber()
  page?: number = 1;

  @JSONSchema({ description: 'At most 500 entries per page' })
  @PageSize(500)
  pageSize?: number = 100;
}

export class PlanPageRequest extends PlanPageQuery {
  @IsUUID()
  id: string;
}

/** A page of the drawn plans that drew one institution (`/public/institutions/:id/inspection-plans`). */
export class InstitutionPlanDrawsQuery {
  @PageNumber()
  page?: number = 1;

  @PageSize(100)
  pageSize?: number = 20;
}

export class InstitutionPlanDrawsRequest extends InstitutionPlanDrawsQuery {
  @IsUUID()
  institutionId: string;
}

const Grade = StringEnum(CREDIT_GRADES);
const Ratios = Described<Record<CreditGrade, number>>('GradeRatios');
const ByDepartment = MapOf(t.Array(Uuid), { description: 'keyed by department' });

/** Exactly what the draw consumed: with the revealed seed anyone can re-run it (see draw.ts). */
export const DrawInput = t.Object(
  {
    algorithm: t.String({ description: 'Name of the documented generator, e.g. shanyu-draw/v1' }),
    departments: t.Array(t.String()),
    inspectorsPerDepartment: t.Integer(),
    ratios: Ratios,
    institutions: t.Array(
      t.Object({
        id: Uuid,
        grade: Grade,
        filed: t.Optional(t.Boolean({ description: 'shanyu-draw/v2: false for a registered institution not yet filed (its own stratum)' })),
      }),
      { description: 'The pool, sorted by id' },
    ),
    inspectors: MapOf(t.Array(Uuid), { description: 'Inspector pool per department, sorted by id' }),
    conflicts: MapOf(ByDepartment, { description: 'institution id → department → inspector ids in conflict (never drawn)' }),
    lastTime: MapOf(ByDepartment, { description: 'institution id → department → inspectors of the last inspection (avoided while enough others remain)' }),
  },
  { $id: 'DrawInput', description: 'Exactly what the draw consumed; with the revealed seed anyone can re-run it' },
);
export type DrawInput = Static<typeof DrawInput>;

const drawnFields = {
  institutionId: Uuid,
  grade: Grade,
  filed: t.Optional(t.Boolean({ description: 'shanyu-draw/v2: false when drawn from the stratum of registered institutions not yet filed' })),
  inspectors: ByDepartment,
};
export const DrawnInstitution = t.Object(drawnFields, { $id: 'DrawnInstitution' });
export type DrawnInstitution = Static<typeof DrawnInstitution>;

export type GradeCounts = Record<CreditGrade, number>;

const gradeCounts = (description: string) =>
  t.Object({
    institutions: t.Integer({ description }),
    byGrade: t.Object({ A: t.Integer(), B: t.Integer(), C: t.Integer(), D: t.Integer() }),
    unfiled: t.Optional(t.Integer({ description: 'Of which registered institutions not yet filed (shanyu-draw/v2 plans)' })),
  });

/**
 * The draw input as a plan view carries it: everything but the per-institution parts
 * (`institutions`, `conflicts`, `lastTime`), which come in pages from `/pool` (see draw.ts for
 * rebuilding the whole input). `pool` counts the institutions.
 */
export const PublishedDrawInput = t.Object(
  {
    algorithm: t.String({ description: 'Name of the documented generator, e.g. shanyu-draw/v1' }),
    departments: t.Array(t.String()),
    inspectorsPerDepartment: t.Integer(),
    ratios: Ratios,
    inspectors: ByDepartment,
    pool: gradeCounts('institutions in the pool'),
  },
  {
    $id: 'PublishedDrawInput',
    description:
      'The draw input without its per-institution parts (institutions, conflicts, lastTime: GET …/inspection-plans/:id/pool in pages). ' +
      'Rebuild the whole input as draw.ts documents; its canonical JSON hashes to poolHash',
  },
);
export type PublishedDrawInput = Static<typeof PublishedDrawInput>;

const planSummaryFields = {
  id: Uuid,
  title: t.String(),
  divisionCode: t.String(),
  periodFrom: Day,
  periodTo: Day,
  departments: t.Array(t.String()),
  status: StringEnum(['committed', 'drawn']),
  policyVersion: t.String(),
  seedCommitment: t.String({ description: 'SHA-256 hex of the seed, published before the draw' }),
  seed: Nullable(t.String(), { description: 'Revealed at the draw (64 hex characters)' }),
  publicEntropy: Nullable(t.String()),
  poolHash: t.String({ description: 'SHA-256 hex of the canonical JSON of the whole draw input (rebuilt from the plan and its pool pages, see draw.ts)' }),
  pool: gradeCounts('institutions in the pool'),
  result: Nullable(gradeCounts('institutions drawn (the list: GET …/inspection-plans/:id/draws)')),
  excludedTotal: t.Integer({ description: 'institutions left out of the pool (e.g. at the yearly cap)' }),
  committedAt: DateTime,
  drawnAt: Nullable(DateTime),
};

/** Plans as listed: bounded whatever the size of the pool (the pool and the result are paged sub-resources). */
export const PlanSummaryView = t.Object(planSummaryFields, {
  $id: 'PlanSummaryView',
  description: 'A plan as listed: counts only, bounded whatever the pool size',
});
export type PlanSummaryView = Static<typeof PlanSummaryView>;

export const PlanSummaryPage = PageOf(PlanSummaryView, 'PlanSummaryPage');

/** Most institutions left out of the pool that a plan view lists (`excludedTotal` counts them all). */
export const PLAN_EXCLUDED_SHOWN = 200;

/** One plan: the summary plus the bounded part of the draw input and the inspectors' names. */
export const PlanView = t.Object(
  {
    ...planSummaryFields,
    drawInput: PublishedDrawInput,
    names: t.Object({ inspectors: MapOf(t.String(), { description: 'inspector id → name' }) }),
    excluded: t.Array(t.Object({ institutionId: Uuid, name: t.String(), code: t.String(), reason: t.String() }), {
      description: 'Institutions left out of the pool, each with the code why (e.g. INSPECTION_YEARLY_CAP); the first 200 (excludedTotal counts all)',
    }),
  },
  { $id: 'PlanView', description: 'One plan. The pool and the drawn institutions are paged: GET …/inspection-plans/:id/pool and …/draws' },
);
export type PlanView = Static<typeof PlanView>;

/** One institution of a plan's pool, in pool order (sorted by id). */
export const PlanPoolEntryView = t.Object(
  {
    institutionId: Uuid,
    name: t.String(),
    grade: Grade,
    filed: t.Boolean({ description: 'false: registered, not yet filed (drawn in its own stratum by shanyu-draw/v2)' }),
    conflicts: MapOf(t.Array(Uuid), { description: 'department → inspectors in conflict (never drawn); empty when none' }),
    lastTime: MapOf(t.Array(Uuid), { description: 'department → inspectors of the last inspection (avoided while enough others remain); empty when none' }),
  },
  { $id: 'PlanPoolEntryView', description: 'One institution of the pool, in pool order (sorted by id)' },
);
export type PlanPoolEntryView = Static<typeof PlanPoolEntryView>;

export const PlanPoolEntryPage = PageOf(PlanPoolEntryView, 'PlanPoolEntryPage');

/** One drawn institution, in draw order. */
export const PlanDrawEntryView = t.Object(
  {
    ...drawnFields,
    name: t.String(),
    alerts: t.Array(InspectionAlert),
    inspectionId: Nullable(Uuid),
  },
  { $id: 'PlanDrawEntryView', description: 'One drawn institution, in draw order' },
);
export type PlanDrawEntryView = Static<typeof PlanDrawEntryView>;

export const PlanDrawEntryPage = PageOf(PlanDrawEntryView, 'PlanDrawEntryPage');

/** One drawn plan that drew an institution: the plan as listed and the institution's entry in its result. */
export const InstitutionPlanDrawView = t.Object(
  {
    plan: PlanSummaryView,
    position: t.Integer({ minimum: 1, description: "The institution's place in the plan's draw order (1 = drawn first, of `plan.result.institutions`)" }),
    drawn: PlanDrawEntryView,
  },
  { $id: 'InstitutionPlanDrawView', description: 'A drawn plan that drew the institution, with its entry in the result' },
);
export type InstitutionPlanDrawView = Static<typeof InstitutionPlanDrawView>;

export const InstitutionPlanDrawPage = PageOf(InstitutionPlanDrawView, 'InstitutionPlanDrawPage');

// ---------------------------------------------------------------------------------------------
// 综合查一次: joint inspections

export class DepartmentInspectorsInput {
  @IsIn(INSPECTION_DEPARTMENTS)
  department: InspectionDepartment;

  @JSONSchema({ description: 'At least two inspectors of that department' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  inspectorIds: string[];
}

@JSONSchema({
  description:
    'A joint inspection: from a drawn plan (planId + institutionId: the drawn inspectors), or ad hoc (institutionId + departments ' +
    "with their inspectors), or from an accepted complaint (kind=complaint + complaintId). Led by the caller's department (usually the street office).",
})
export class CreateInspectionBody {
  @IsOptional()
  @IsUUID()
  planId?: string;

  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @JSONSchema({ description: 'adhoc (default without planId) or complaint (outside the draw, needs complaintId)' })
  @IsOptional()
  @IsIn(['adhoc', 'complaint'])
  kind?: 'adhoc' | 'complaint';

  @IsOptional()
  @IsUUID()
  complaintId?: string;

  @IsOptional()
  @IsIsoDate()
  scheduledOn?: string;

  @IsOptional()
  @ListOf(() => DepartmentInspectorsInput, { max: INSPECTION_DEPARTMENTS.length })
  departments?: DepartmentInspectorsInput[];

  @JSONSchema({
    description: 'Why a repeated inspection (same department within the alert window) is needed; without it the inspection is refused (INSPECTION_REPEATED)',
  })
  @IsOptional()
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  repeatReason?: string;
}

/** `:id` of an inspector or complaint in a route. */
export class UuidParams {
  @IsUUID()
  id: string;
}

export class InspectionIdRequest {
  @IsUUID()
  id: string;
}

export class ListInspectionsRequest extends PageQuery {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsUUID()
  planId?: string;

  @IsOptional()
  @IsIn(['open', 'completed'])
  status?: 'open' | 'completed';

  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;
}

@JSONSchema({ description: 'Evidence of a result: a reference (photo id, document no.), when and where it was taken' })
export class EvidenceInput {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  ref: string;

  @JSONSchema({ description: 'ISO 8601 date-time', example: '2026-10-12T10:15:00+08:00' })
  @IsISO8601({ strict: true })
  takenAt: string;

  @JSONSchema({ example: '二楼午睡室东侧安全出口' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  location: string;
}

export class ItemResultInput {
  @Matches(ITEM_CODE, { message: '事项编码格式不正确' })
  itemCode: string;

  @IsIn(ITEM_RESULTS)
  result: ItemResult;

  @JSONSchema({ description: 'Required when the result is fail: what was found (it goes into the rectification notice)' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  note?: string;

  @IsOptional()
  @ListOf(() => EvidenceInput, { max: 20 })
  evidence?: EvidenceInput[];

  @JSONSchema({
    description:
      "The item's `version` the inspector saw when recording (0: no result yet). A write on an older version is kept and flagged as a conflict for people to resolve, never applied over the newer value",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  baseVersion?: number;

  @JSONSchema({
    description: 'When the inspector recorded it on the device (offline, it may be long before it reaches the server); ISO 8601',
    example: '2026-10-12T10:15:00+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  recordedAt?: string;

  @JSONSchema({ description: "The device it was recorded on (the inspector app's own id)" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  deviceId?: string;
}

@JSONSchema({ description: "Results of the caller's own department's items (an assigned inspector); all or nothing" })
export class RecordResultsBody {
  @ListOf(() => ItemResultInput, { min: 1, max: 500 })
  results: ItemResultInput[];
}

export class RecordResultsRequest extends RecordResultsBody {
  @IsUUID()
  id: string;
}

export class ResultItemRequest {
  @IsUUID()
  id: string;

  @Matches(ITEM_CODE, { message: '事项编码格式不正确' })
  itemCode: string;
}

@JSONSchema({ description: "A person resolves a conflict: the value the record keeps (one of the item's current or conflicting versions) and why" })
export class ResolveResultBody {
  @IsUUID()
  versionId: string;

  @IsString()
  @MinLength(2)
  @MaxLength(1_000)
  reason: string;
}

export class ResolveResultRequest extends ResolveResultBody {
  @IsUUID()
  id: string;

  @Matches(ITEM_CODE, { message: '事项编码格式不正确' })
  itemCode: string;
}

@JSONSchema({ description: 'The department decides a late result: accept it into the record (补正, an amendment) or reject it, with the reason' })
export class DecideLateResultBody {
  @IsIn(['accept', 'reject'])
  decision: 'accept' | 'reject';

  @IsString()
  @MinLength(2)
  @MaxLength(1_000)
  reason: string;
}

export class ResultVersionParams {
  @IsUUID()
  id: string;

  @IsUUID()
  versionId: string;
}

export class DecideLateResultRequest extends DecideLateResultBody {
  @IsUUID()
  id: string;

  @IsUUID()
  versionId: string;
}

export class SignOffBody {
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  comment?: string;
}

export class SignOffRequest extends SignOffBody {
  @IsUUID()
  id: string;
}

export class ReinspectionBody {
  @IsOptional()
  @IsIsoDate()
  scheduledOn?: string;
}

export class ReinspectionRequest extends ReinspectionBody {
  @IsUUID()
  id: string;
}

export const RESULT_VERSION_STATUSES = ['current', 'superseded', 'conflict', 'late', 'resolved', 'accepted', 'rejected'] as const;
/**
 * current: the record's value; superseded: an earlier value; conflict: written on an older version,
 * waiting; late: recorded before the department signed off but received after, waiting for its
 * decision; resolved: a conflict decided (chosen or not, see `decision`); accepted / rejected: a late
 * result taken into the record by an amendment (补正) or not.
 */
export type ResultVersionStatus = (typeof RESULT_VERSION_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Findings and rectification (整改)

export const POST_FILING_CHECK_STATUSES = ['due', 'overdue', 'done'] as const;
export type PostFilingCheckStatus = (typeof POST_FILING_CHECK_STATUSES)[number];

@JSONSchema({ description: "备案后核查 in the caller's divisions: due (within its period), overdue (past it, no visit yet), done (visited)" })
export class ListPostFilingChecksRequest extends PageQuery {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsIn(POST_FILING_CHECK_STATUSES)
  status?: PostFilingCheckStatus;
}

export const PostFilingCheckView = t.Object(
  {
    institutionId: t.String({ format: 'uuid' }),
    institutionName: Nullable(t.String()),
    divisionCode: t.String(),
    filedOn: t.String({ format: 'date', description: 'The day the filing was approved' }),
    dueOn: t.String({ format: 'date', description: 'The first on-site visit is due by this day' }),
    status: StringEnum(POST_FILING_CHECK_STATUSES),
    inspectionId: Nullable(t.String({ format: 'uuid' }), { description: 'The first inspection completed after the filing' }),
    visitedOn: Nullable(t.String({ format: 'date' })),
    policyVersion: t.String({ description: 'The supervision policy that set the period (postFilingVisitDays)' }),
    source: t.String({ description: 'Where the period comes from' }),
  },
  { $id: 'PostFilingCheckView' },
);
export type PostFilingCheckView = Static<typeof PostFilingCheckView>;

export const PostFilingCheckPage = PageOf(PostFilingCheckView, 'PostFilingCheckPage');

export class ListRectificationsRequest extends PageQuery {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @JSONSchema({ description: 'A finding status, or overdue (open or reported, past the deadline)' })
  @IsOptional()
  @IsIn([...FINDING_STATUSES, 'overdue'])
  status?: FindingStatus | 'overdue';

  @IsOptional()
  @IsIn(INSPECTION_DEPARTMENTS)
  department?: InspectionDepartment;
}

@JSONSchema({ description: "The finding's department checks the rectification on documents (书面核查) and closes it" })
export class VerifyRectificationBody {
  @IsIn(['corrected', 'not_corrected'])
  outcome: 'corrected' | 'not_corrected';

  @IsString()
  @MinLength(2)
  @MaxLength(1_000)
  note: string;
}

export class VerifyRectificationRequest extends VerifyRectificationBody {
  @IsUUID()
  id: string;
}

@JSONSchema({ description: 'The operator reports what was done (整改报告)' })
export class ReportRectificationBody {
  @IsString()
  @MinLength(2)
  @MaxLength(2_000)
  text: string;

  @IsOptional()
  @ListOf(() => EvidenceInput, { max: 20 })
  evidence?: EvidenceInput[];
}

export class ReportRectificationRequest extends ReportRectificationBody {
  @IsUUID()
  id: string;
}

export class FindingIdRequest {
  @IsUUID()
  id: string;
}

export const FindingView = t.Object(
  {
    id: Uuid,
    inspectionId: Uuid,
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    department: t.String(),
    itemCode: t.String(),
    itemText: t.String(),
    legalBasis: t.String(),
    severity: StringEnum(SEVERITIES),
    basic: t.Boolean(),
    note: Nullable(t.String()),
    recordedOn: Day,
    deadline: t.String({ format: 'date', description: 'Rectification deadline: working days by severity from the day the inspection completed' }),
    status: StringEnum(FINDING_STATUSES),
    overdue: t.Boolean(),
    report: Nullable(t.Object({ text: t.String(), reportedAt: DateTime })),
    closedOn: Nullable(Day),
    closure: Nullable(
      t.Object({
        by: StringEnum(['reinspection', 'verification']),
        inspectionId: Nullable(Uuid),
        department: t.String(),
        note: Nullable(t.String()),
      }),
      { description: 'How it was closed: by a re-inspection (its id) or a verification on documents' },
    ),
    reinspectionId: Nullable(Uuid),
  },
  { $id: 'FindingView' },
);
export type FindingView = Static<typeof FindingView>;

export const FindingPage = PageOf(FindingView, 'FindingPage');

export const RectificationNoticeView = t.Object(
  {
    noticeNo: t.String({ example: '330106-整改-2026-0001' }),
    inspectionId: Uuid,
    institutionId: Uuid,
    institutionName: t.String(),
    issuedOn: Day,
    departments: t.Array(t.String()),
    findings: t.Array(
      t.Object({
        findingId: Uuid,
        department: t.String(),
        itemText: t.String(),
        legalBasis: t.String(),
        note: Nullable(t.String()),
        severity: StringEnum(SEVERITIES),
        deadline: Day,
      }),
    ),
    text: t.String({ description: '整改意见书 as a person reads it' }),
  },
  { $id: 'RectificationNoticeView' },
);
export type RectificationNoticeView = Static<typeof RectificationNoticeView>;

// ---------------------------------------------------------------------------------------------
// Penalties

@JSONSchema({ description: "A penalty decision by the department holding the power, tied to a finding; a fine must lie in the item's legal range" })
export class IssuePenaltyBody {
  @IsUUID()
  findingId: string;

  @JSONSchema({ example: 'PFIRE-01' })
  @Matches(ITEM_CODE, { message: '事项编码格式不正确' })
  penaltyItemCode: string;

  @IsIn(PENALTY_KINDS, { each: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  kinds: PenaltyKind[];

  @JSONSchema({ description: 'Fine in fen; required when kinds include fine' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  fineFen?: number;

  @JSONSchema({ description: "The amount the fine is counted from (货值金额 or 违法所得, fen), as established; required when the item's fine depends on it" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  basisAmountFen?: number;

  @JSONSchema({ description: 'Circumstances found (拒不改正, 情节严重): the ranges the law attaches to them apply only when they are stated' })
  @IsOptional()
  @IsIn(PENALTY_CIRCUMSTANCES, { each: true })
  @ArrayUnique()
  circumstances?: PenaltyCircumstance[];

  @JSONSchema({
    description:
      "裁量 level of the fine (从轻/一般/从重): required where a discretion benchmark (裁量基准) of the department applies to the item; the fine must lie in that level's share of the lawful range",
  })
  @IsOptional()
  @IsIn(DISCRETION_LEVELS)
  discretionLevel?: DiscretionLevel;

  @JSONSchema({ description: '行政处罚决定书文号', example: '西消行罚决字〔2026〕0012号' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  decisionNo: string;

  @IsString()
  @MinLength(2)
  @MaxLength(2_000)
  reason: string;
}

export class ListPenaltiesRequest {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsUUID()
  findingId?: string;
}

export const PenaltyView = t.Object(
  {
    id: Uuid,
    findingId: Uuid,
    inspectionId: Uuid,
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    department: t.String(),
    penaltyItemCode: t.String(),
    violation: t.String(),
    legalBasis: t.String(),
    checklistVersion: t.String(),
    kinds: t.Array(StringEnum(PENALTY_KINDS)),
    fineFen: Nullable(t.Integer(), { description: 'fen' }),
    basisAmountFen: Nullable(t.Integer(), { description: '货值金额 or 违法所得 the fine was counted from (fen)' }),
    circumstances: t.Array(StringEnum(PENALTY_CIRCUMSTANCES), { description: 'Circumstances found (拒不改正, 情节严重)' }),
    fineRange: Nullable(t.Object({ minFen: t.Integer(), maxFen: t.Integer(), article: Nullable(t.String()) }), {
      description: 'The lawful range the fine was checked against, for the basis and circumstances stated',
    }),
    discretion: Nullable(
      t.Object({
        level: StringEnum(DISCRETION_LEVELS),
        minFen: t.Integer(),
        maxFen: t.Integer(),
        checklistVersion: t.String({ description: 'The 裁量基准 version applied', example: 'market/2026.1' }),
        itemCode: t.String({ example: 'DMKT-00' }),
        legalBasis: t.String(),
      }),
      { description: 'The 裁量基准 band the fine was checked against (null where no benchmark applies to the item)' },
    ),
    decisionNo: t.String(),
    reason: t.String(),
    issuedOn: Day,
  },
  { $id: 'PenaltyView' },
);
export type PenaltyView = Static<typeof PenaltyView>;

export const PenaltyList = t.Array(PenaltyView, { $id: 'PenaltyList' });

// ---------------------------------------------------------------------------------------------
// 自查 self-inspection

export class SelfInspectionResultInput {
  @Matches(ITEM_CODE, { message: '事项编码格式不正确' })
  itemCode: string;

  @IsIn(ITEM_RESULTS)
  result: ItemResult;

  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  note?: string;
}

@JSONSchema({ description: '举办者自查 against the same lists (not counted as an inspection; visible to inspectors)' })
export class SubmitSelfInspectionBody {
  @IsUUID()
  institutionId: string;

  @ListOf(() => SelfInspectionResultInput, { min: 1, max: 500 })
  results: SelfInspectionResultInput[];
}

export class InstitutionIdQuery {
  @IsUUID()
  institutionId: string;
}

export const SelfInspectionView = t.Object(
  {
    id: Uuid,
    institutionId: Uuid,
    submittedAt: DateTime,
    results: t.Array(t.Object({ itemCode: t.String(), result: StringEnum(ITEM_RESULTS), note: Nullable(t.String()) })),
    summary: t.Object({ pass: t.Integer(), fail: t.Integer(), notApplicable: t.Integer() }),
  },
  { $id: 'SelfInspectionView' },
);
export type SelfInspectionView = Static<typeof SelfInspectionView>;

export const SelfInspectionList = t.Array(SelfInspectionView, { $id: 'SelfInspectionList' });

// ---------------------------------------------------------------------------------------------
// 投诉举报 complaints

export class ComplaintContactInput {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name?: string;

  @JSONSchema({ example: '13800138000' })
  @IsOptional()
  @Matches(/^[0-9+\- ]{5,20}$/, { message: '电话号码格式不正确' })
  phone?: string;
}

@JSONSchema({ description: '投诉举报 from anyone (no login). Contact is optional, kept encrypted and never published.' })
export class FileComplaintBody {
  @IsUUID()
  institutionId: string;

  @IsIn(COMPLAINT_CATEGORIES)
  category: ComplaintCategory;

  @IsString()
  @MinLength(5)
  @MaxLength(2_000)
  description: string;

  @IsOptional()
  @IsIsoDate()
  occurredOn?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintContactInput)
  contact?: ComplaintContactInput;
}

export class ListComplaintsRequest extends PageQuery {
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  @IsOptional()
  @IsUUID()
  institutionId?: string;
}

export class TriageComplaintBody {
  @IsIn(['accept', 'reject'])
  decision: 'accept' | 'reject';

  @IsString()
  @MinLength(2)
  @MaxLength(1_000)
  reason: string;
}

export class TriageComplaintRequest extends TriageComplaintBody {
  @IsUUID()
  id: string;
}

export class ComplaintOutcomeBody {
  @IsBoolean()
  substantiated: boolean;

  @JSONSchema({ description: "What was found and done, published without the complainant's identity" })
  @IsString()
  @MinLength(4)
  @MaxLength(2_000)
  summary: string;

  @IsOptional()
  @IsUUID()
  inspectionId?: string;
}

export class ComplaintOutcomeRequest extends ComplaintOutcomeBody {
  @IsUUID()
  id: string;
}

/** How a closed complaint ended (null while open), as its complainant and the public see it. */
const ComplaintOutcome = Nullable(t.Object({ substantiated: t.Boolean(), summary: t.String(), closedOn: Day }));

export const ComplaintView = t.Object(
  {
    id: Uuid,
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    category: StringEnum(COMPLAINT_CATEGORIES),
    description: t.String(),
    occurredOn: Nullable(Day),
    department: t.String(),
    status: StringEnum(COMPLAINT_STATUSES),
    contact: Nullable(t.Object({ name: Nullable(t.String()), phone: Nullable(t.String({ description: 'masked' })) }), {
      description: 'Masked; the full contact is never returned',
    }),
    receivedAt: DateTime,
    triage: Nullable(t.Object({ decision: StringEnum(['accept', 'reject']), reason: t.String(), department: t.String(), at: DateTime })),
    inspectionId: Nullable(Uuid),
    outcome: ComplaintOutcome,
  },
  { $id: 'ComplaintView' },
);
export type ComplaintView = Static<typeof ComplaintView>;

export const ComplaintPage = PageOf(ComplaintView, 'ComplaintPage');

export const ComplaintReceipt = t.Object(
  { id: Uuid, status: StringEnum(COMPLAINT_STATUSES), department: t.String(), receivedAt: DateTime },
  { $id: 'ComplaintReceipt' },
);
export type ComplaintReceipt = Static<typeof ComplaintReceipt>;

// ---------------------------------------------------------------------------------------------
// 一公开: the public side

export class PublicInspectionsRequest {
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @PageNumber()
  page?: number = 1;

  @PageSize(100)
  pageSize?: number = 20;
}

export const PublicComplaintView = t.Object(
  {
    id: Uuid,
    institutionId: Uuid,
    institutionName: t.String(),
    category: StringEnum(COMPLAINT_CATEGORIES),
    department: t.String(),
    receivedOn: Day,
    status: StringEnum(COMPLAINT_STATUSES),
    outcome: ComplaintOutcome,
  },
  { $id: 'PublicComplaintView' },
);
export type PublicComplaintView = Static<typeof PublicComplaintView>;

export const PublicComplaintPage = PageOf(PublicComplaintView, 'PublicComplaintPage');

// ---------------------------------------------------------------------------------------------
// 综合查一次: the views of a joint inspection, its merged form and its results (after the findings they carry)

export const FormItemView = t.Object(
  {
    code: t.String(),
    department: t.String(),
    area: StringEnum(FORM_AREAS),
    category: t.String(),
    text: t.String(),
    legalBasis: t.String(),
    riskWeight: t.Integer(),
    severity: StringEnum(SEVERITIES),
    basic: t.Boolean(),
    checklistVersion: t.String(),
    jurisdiction: t.Optional(
      t.String({
        description: `The jurisdiction of the list the item came from (${NATIONAL_JURISDICTION} = national); absent on forms frozen before lists had one`,
      }),
    ),
  },
  { $id: 'FormItemView' },
);
export type FormItemView = Static<typeof FormItemView>;

const Evidence = t.Object({ ref: t.String(), takenAt: DateTime, location: t.String() });

export const ItemResultView = t.Object(
  {
    itemCode: t.String(),
    department: t.String(),
    result: StringEnum(ITEM_RESULTS),
    note: Nullable(t.String()),
    evidence: t.Array(Evidence),
    inspectorId: Uuid,
    recordedAt: DateTime,
    version: t.Integer({ description: 'Increases with every value the record takes; send it back as baseVersion' }),
    inConflict: t.Boolean({
      description: "A write made on an older version waits for a person's decision (GET …/results/{itemCode}/versions, POST …/resolution)",
    }),
  },
  { $id: 'ItemResultView' },
);
export type ItemResultView = Static<typeof ItemResultView>;

/** One value an inspector recorded for an item: every one is kept. */
export const ResultVersionView = t.Object(
  {
    id: Uuid,
    inspectionId: Uuid,
    itemCode: t.String(),
    department: t.String(),
    version: Nullable(t.Integer(), { description: "The record's version this value became; null while it waits (conflict, late) or when it was not taken" }),
    baseVersion: Nullable(t.Integer()),
    result: StringEnum(ITEM_RESULTS),
    note: Nullable(t.String()),
    evidence: t.Array(Evidence),
    inspectorId: Uuid,
    inspectorName: Nullable(t.String()),
    deviceId: Nullable(t.String()),
    recordedAt: t.String({ format: 'date-time', description: "When the inspector recorded it (the device's time, offline included)" }),
    receivedAt: DateTime,
    status: StringEnum(RESULT_VERSION_STATUSES),
    decision: Nullable(t.Object({ by: t.String(), at: DateTime, reason: t.String(), chosen: t.Boolean() })),
  },
  { $id: 'ResultVersionView' },
);
export type ResultVersionView = Static<typeof ResultVersionView>;

export const ResultVersionList = t.Array(ResultVersionView, { $id: 'ResultVersionList' });

/** What happened to each result of a write: recorded, kept as a conflict, or kept as a late result. */
export const ResultOutcome = t.Object({
  itemCode: t.String(),
  status: StringEnum(['recorded', 'conflict', 'late']),
  versionId: Uuid,
  version: t.Integer({ description: "The record's version after the write (recorded), or the one it conflicts with" }),
  message: t.String(),
});
export type ResultOutcome = Static<typeof ResultOutcome>;

export const InspectionDepartmentView = t.Object({
  department: t.String(),
  inspectors: t.Array(t.Object({ id: Uuid, name: t.String(), badgeNo: t.String() })),
  signedOffAt: Nullable(DateTime),
  signedOffBy: Nullable(t.String()),
  comment: Nullable(t.String()),
});
export type InspectionDepartmentView = Static<typeof InspectionDepartmentView>;

const FormKind = StringEnum(['full', 'abbreviated', 'reinspection'], {
  description: 'abbreviated = high-risk and basic items only (good grade); reinspection = open findings only',
});
const ResultSummary = t.Object({ items: t.Integer(), pass: t.Integer(), fail: t.Integer(), notApplicable: t.Integer(), pending: t.Integer() });

export const InspectionView = t.Object(
  {
    id: Uuid,
    kind: StringEnum(INSPECTION_KINDS),
    planId: Nullable(Uuid),
    complaintId: Nullable(Uuid),
    originalInspectionId: Nullable(Uuid),
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    grade: StringEnum(CREDIT_GRADES),
    formKind: FormKind,
    scheduledOn: Day,
    status: StringEnum(['open', 'completed']),
    leadDepartment: t.String(),
    departments: t.Array(InspectionDepartmentView),
    alerts: t.Array(InspectionAlert),
    policyVersion: t.String(),
    summary: ResultSummary,
    basicItemFailed: t.Boolean(),
    noticeNo: Nullable(t.String()),
    findings: t.Array(FindingView),
    createdAt: DateTime,
    completedAt: Nullable(DateTime),
  },
  { $id: 'InspectionView' },
);
export type InspectionView = Static<typeof InspectionView>;

export const InspectionPage = PageOf(InspectionView, 'InspectionPage');

const FormAreas = t.Array(
  t.Object({
    area: StringEnum(FORM_AREAS),
    label: t.String(),
    items: t.Array(t.Object({ ...FormItemView.properties, result: Nullable(ItemResultView), previousFinding: t.Optional(Uuid) })),
  }),
);

const inspectionFormFields = {
  inspectionId: Uuid,
  institutionId: Uuid,
  institutionName: t.String(),
  formKind: FormKind,
  areas: FormAreas,
  byDepartment: MapOf(t.Object({ items: t.Integer(), recorded: t.Integer(), signedOff: t.Boolean() }), { description: 'keyed by department' }),
  selfInspection: Nullable(
    t.Object({
      id: Uuid,
      submittedAt: DateTime,
      failed: t.Array(t.Object({ itemCode: t.String(), note: Nullable(t.String()) })),
    }),
    { description: "The operator's latest self-inspection (自查), for the inspectors' eyes" },
  ),
};

/** The merged form (一表通查): items grouped by area, no item twice, with results so far. */
export const InspectionFormView = t.Object(inspectionFormFields, { $id: 'InspectionFormView' });
export type InspectionFormView = Static<typeof InspectionFormView>;

/** The form after a write, with what happened to each result. */
export const RecordResultsView = t.Object({ ...inspectionFormFields, outcomes: t.Array(ResultOutcome) }, { $id: 'RecordResultsView' });
export type RecordResultsView = Static<typeof RecordResultsView>;

export const SelfInspectionFormView = t.Object({ institutionId: Uuid, institutionName: t.String(), areas: FormAreas }, { $id: 'SelfInspectionFormView' });
export type SelfInspectionFormView = Static<typeof SelfInspectionFormView>;

export const PublicInspectionView = t.Object(
  {
    id: Uuid,
    kind: StringEnum(INSPECTION_KINDS),
    planId: Nullable(Uuid),
    originalInspectionId: Nullable(Uuid),
    institutionId: Uuid,
    institutionName: t.String(),
    divisionCode: t.String(),
    departments: t.Array(t.Object({ department: t.String(), inspectors: t.Array(t.String()) })),
    completedOn: Day,
    summary: ResultSummary,
    basicItemFailed: t.Boolean(),
    items: t.Array(
      t.Object({
        code: t.String(),
        department: t.String(),
        area: StringEnum(FORM_AREAS),
        text: t.String(),
        result: Nullable(StringEnum(ITEM_RESULTS)),
        note: Nullable(t.String()),
      }),
      { description: 'Every item with its text and result (narratives, not only counts)' },
    ),
    findings: t.Array(
      t.Object({
        id: Uuid,
        department: t.String(),
        itemText: t.String(),
        note: Nullable(t.String()),
        deadline: Day,
        status: StringEnum(FINDING_STATUSES),
        statusLabel: t.String({ description: '整改中 / 已整改 (Corrected) / 未整改 (Not corrected) / 已逾期' }),
        closedOn: Nullable(Day),
      }),
    ),
    penalties: t.Array(
      t.Object({
        department: t.String(),
        violation: t.String(),
        kinds: t.Array(StringEnum(PENALTY_KINDS)),
        fineFen: Nullable(t.Integer()),
        decisionNo: t.String(),
        issuedOn: Day,
      }),
    ),
  },
  { $id: 'PublicInspectionView' },
);
export type PublicInspectionView = Static<typeof PublicInspectionView>;

export const PublicInspectionPage = PageOf(PublicInspectionView, 'PublicInspectionPage');
