import { checkRuleDocument, DomainError, type FieldProblem, type RuleDocument } from '@shanyu/common';
import { EDUCATION_LEVELS } from '@shanyu/contracts';

/**
 * The body of a filing rule (family `filing`): which evaluator judges it (`kind`) and its
 * limits (`params`). Title, sources and composition are the rule document's (rule-documents.ts).
 */
export interface FilingRuleBody {
  kind: RuleKind;
  params: Record<string, unknown>;
}

export type FilingRuleDocument = RuleDocument<FilingRuleBody>;

export const RULE_KINDS = [
  'document_present',
  'premises',
  'health_evaluation_pass',
  'food_licence_when_meals',
  'class_limits',
  'director',
  'health_worker',
  'max_floor',
  'no_basement',
  'min_fact',
  'surveillance_coverage',
  'surveillance_retention',
  'must_be_true',
  'residential_facility',
  'residential_facility_floor',
  'health_centre_signed',
  'family_point_capacity',
  'family_point_ratio',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const areaLimits = (v: unknown) =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 3 &&
  ['perHundredHouseholdsM2', 'minBuildingM2', 'minOutdoorM2'].every((k) => num((v as Record<string, unknown>)[k]));

/** The parameters each evaluator needs; a document that does not match is refused (at start for built-ins, at publication otherwise). */
const PARAMS: Record<RuleKind, Record<string, (v: unknown) => boolean>> = {
  document_present: {
    document: (v) => ['businessLicence', 'staffQualifications', 'staffHealthCertificates', 'fireAcceptance', 'foodLicence'].includes(v as string),
  },
  premises: { minLeaseYears: num },
  health_evaluation_pass: {},
  food_licence_when_meals: {},
  class_limits: {
    classType: (v) => ['infant', 'toddler', 'older', 'mixed'].includes(v as string),
    maxSize: num,
    childrenPerCarer: (v) => v === null || num(v),
  },
  director: {
    minEducation: (v) => (EDUCATION_LEVELS as readonly string[]).includes(v as string),
    minManagementYears: num,
    trainingRequired: (v) => typeof v === 'boolean',
  },
  health_worker: { fullTimeFromChildren: num },
  max_floor: { maxFloor: num },
  no_basement: {},
  min_fact: { fact: (v) => ['observationRoomM2', 'outdoorAreaM2', 'buildingAreaM2'].includes(v as string), min: num, unit: str },
  surveillance_coverage: {},
  surveillance_retention: { minDays: num },
  must_be_true: { fact: (v) => ['oneKeyAlarmLinked'].includes(v as string) },
  residential_facility: { new: areaLimits, existing: areaLimits },
  residential_facility_floor: { maxFloor: num },
  health_centre_signed: {},
  family_point_capacity: { maxChildren: num },
  family_point_ratio: { childrenPerCarer: num },
};

/** The family's check of one rule body (for checkRuleDocument): a known kind, exactly its parameters, each valid. */
export function checkFilingRuleBody(body: FilingRuleBody, at: string, problems: FieldProblem[]): void {
  const add = (field: string, message: string): void => void problems.push({ field, code: 'RULE_DOCUMENT_INVALID', message });
  if (!body || typeof body !== 'object' || Array.isArray(body)) return add(at, '规则内容应为 {kind, params}');
  for (const key of Object.keys(body)) if (key !== 'kind' && key !== 'params') add(`${at}.${key}`, `未知的字段 ${key}（规则内容只有 kind 与 params）`);
  const expected = PARAMS[body.kind as RuleKind];
  if (!expected || !Object.hasOwn(PARAMS, body.kind)) return add(`${at}.kind`, `未知的核验方式 ${String(body.kind)}（允许：${RULE_KINDS.join('、')}）`);
  const params = body.params;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return add(`${at}.params`, '参数应为对象');
  for (const [key, ok] of Object.entries(expected)) if (!ok(params[key])) add(`${at}.params.${key}`, `参数 ${key} 缺失或取值无效`);
  // An unknown key is refused: a misplaced key silently ignored is how rules freeze for years.
  for (const key of Object.keys(params)) if (!Object.hasOwn(expected, key)) add(`${at}.params.${key}`, `未知的参数 ${key}`);
}

/** The one check of a filing rule document: the common envelope and each rule body. Throws RULE_DOCUMENT_INVALID. */
export function checkFilingDocument(doc: FilingRuleDocument): FilingRuleDocument {
  if (doc.family !== 'filing') {
    throw new DomainError('RULE_DOCUMENT_INVALID', `登记备案服务只保存备案标准（filing），不保存 ${String(doc.family)} 类规则`, [
      { field: 'family', code: 'RULE_DOCUMENT_INVALID', message: '规则类别应为 filing（备案标准）' },
    ]);
  }
  return checkRuleDocument(doc, checkFilingRuleBody);
}
