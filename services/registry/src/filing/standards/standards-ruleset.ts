import { EDUCATION_LEVELS } from '@shanyu/contracts';

export interface StandardsRule {
  id: string;
  title: string;
  kind: RuleKind;
  params: Record<string, unknown>;
  source: string;
}

export interface StandardsRuleset {
  version: string;
  effectiveFrom: string;
  title: string;
  rules: StandardsRule[];
}

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
  'health_centre_signed',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const areaLimits = (v: unknown) =>
  !!v && typeof v === 'object' && ['perHundredHouseholdsM2', 'minBuildingM2', 'minOutdoorM2'].every((k) => num((v as Record<string, unknown>)[k]));

/** The parameters each evaluator needs; a ruleset that does not match fails loudly at load. */
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
  health_centre_signed: {},
};

export class RulesetError extends Error {
  override name = 'RulesetError';
}

/** Checks a ruleset's shape: unknown kinds, missing sources, wrong or unknown params all throw. */
export function loadRuleset(data: unknown): StandardsRuleset {
  const problems: string[] = [];
  const r = data as StandardsRuleset;
  if (!r || typeof r !== 'object') throw new RulesetError('ruleset is not an object');
  if (!str(r.version)) problems.push('version missing');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom ?? '')) problems.push('effectiveFrom must be YYYY-MM-DD');
  if (!Array.isArray(r.rules) || r.rules.length === 0) problems.push('rules missing');
  const ids = new Set<string>();
  for (const [i, rule] of (r.rules ?? []).entries()) {
    const at = `rules[${i}]${rule?.id ? ` (${rule.id})` : ''}`;
    if (!str(rule?.id)) problems.push(`${at}: id missing`);
    else if (ids.has(rule.id)) problems.push(`${at}: duplicate id`);
    else ids.add(rule.id);
    if (!str(rule?.title)) problems.push(`${at}: title missing`);
    if (!str(rule?.source)) problems.push(`${at}: source missing — every rule cites where it comes from`);
    const expected = PARAMS[rule?.kind as RuleKind];
    if (!expected) {
      problems.push(`${at}: unknown kind ${String(rule?.kind)}`);
      continue;
    }
    const params = (rule.params ?? {}) as Record<string, unknown>;
    for (const [key, ok] of Object.entries(expected)) if (!ok(params[key])) problems.push(`${at}: param ${key} missing or invalid`);
    // An unknown key is refused: a misplaced key silently ignored is how rules freeze for years.
    for (const key of Object.keys(params)) if (!(key in expected)) problems.push(`${at}: unknown param ${key}`);
  }
  if (problems.length) throw new RulesetError(`invalid standards ruleset ${r.version ?? ''}:\n  ${problems.join('\n  ')}`);
  return r;
}
