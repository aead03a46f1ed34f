import {
  checkRuleDocument,
  DomainError,
  type FieldProblem,
  firstDayOfMonth,
  isMonth,
  lastDayOfMonth,
  resolveRules,
  RULE_COMPOSITIONS,
  type RuleComposition,
  type RuleDocument,
} from '@shanyu/common';
import {
  BIRTH_ORDERS,
  CARE_FORMS,
  CLASS_TYPES,
  ELIGIBILITY_CHECKS,
  POLICY_RULE_KINDS,
  type CareForm,
  type ClassType,
  type EligibilityCheck,
  type PolicyDocument,
  type PolicyRuleKind,
} from '@shanyu/contracts';

/**
 * Subsidy policies as data, so a district publishes its own without a release and every payment
 * can be explained from the version it used: a policy version names its
 * division, the months it is in force, the eligibility conditions (each with its source), its
 * rules (kind, parameters, source) and an optional annual budget cap. This module checks a
 * document's meaning — the parameters each rule kind needs, and nothing else — so a misplaced
 * key fails loudly instead of being ignored for years.
 */

export interface PerChildByClassParams {
  /** Monthly amount per child by class type, fen; a class type not listed is not covered. */
  amountFenByClass: Partial<Record<ClassType, number>>;
  /** Share paid per care form in basis points (10000 = all); a form not listed (or 0) is not covered. */
  careFormFactorBp: Partial<Record<CareForm, number>>;
  /** Pay days attended / days open of the amount. */
  attendanceProRata: boolean;
}

export interface PerChildByBirthOrderParams {
  /** Monthly amount by birth order ('1', '2', '3' = third or later), fen; orders not listed get no line. */
  amountFenByBirthOrder: Partial<Record<'1' | '2' | '3', number>>;
  careFormFactorBp: Partial<Record<CareForm, number>>;
  attendanceProRata: boolean;
}

export interface ChildcareAllowanceParams {
  /** Per month of age under the limit, fen (3,600 元 a year = 30000 fen a month). */
  monthlyFen: number;
  /** Months of age the allowance stops at (36: 不满 3 周岁). */
  maxAgeMonths: number;
}

export interface OpeningGrantParams {
  amountFen: number;
}

export interface DemonstrationAwardParams {
  /** Ascending by minPlaces, the first at 0: the award of the highest tier reached by the places at designation. */
  tiers: { minPlaces: number; amountFen: number }[];
}

export type RuleParams = {
  per_child_by_class: PerChildByClassParams;
  per_child_by_birth_order: PerChildByBirthOrderParams;
  childcare_allowance: ChildcareAllowanceParams;
  opening_grant: OpeningGrantParams;
  demonstration_award: DemonstrationAwardParams;
};

export interface PolicyRule<K extends PolicyRuleKind = PolicyRuleKind> {
  id: string;
  /** Shared with the rules of the levels above it composes with; default the id. */
  key?: string;
  /** adds (default), replaces, disables or inherits the rules of the same key from above. */
  composition?: RuleComposition;
  reason?: string;
  kind: K;
  title: string;
  params: RuleParams[K];
  requires: EligibilityCheck[];
  source: string;
}

/** A checked policy version. */
export interface Policy extends Omit<PolicyDocument, 'rules'> {
  rules: PolicyRule[];
}

/** Rule kinds paid per enrolled child per month (the others are per institution). */
export const CHILD_RULE_KINDS: readonly PolicyRuleKind[] = ['per_child_by_class', 'per_child_by_birth_order', 'childcare_allowance'];

const ELIGIBILITY_KEYS: Record<EligibilityCheck, keyof PolicyDocument['eligibility']> = {
  filed: 'filed',
  inclusive: 'inclusive',
  credit_grade: 'creditGrade',
  no_open_critical_finding: 'noOpenCriticalFinding',
  certificate_rate: 'certificateRate',
  not_seriously_listed: 'notSeriouslyListed',
};

export function eligibilityKey(check: EligibilityCheck): keyof PolicyDocument['eligibility'] {
  return ELIGIBILITY_KEYS[check];
}

type Check = (value: unknown, at: string, problems: FieldProblem[]) => void;

const problem = (problems: FieldProblem[], field: string, message: string, code = 'POLICY_INVALID') => problems.push({ field, code, message });
const isFenAmount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

const fenValue =
  (positive: boolean): Check =>
  (v, at, problems) => {
    if (!isFenAmount(v) || (positive && v === 0)) problem(problems, at, `金额应为${positive ? '正' : '非负'}整数（分），当前为 ${JSON.stringify(v)}`);
  };

const intValue =
  (min: number, max: number): Check =>
  (v, at, problems) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problem(problems, at, `应为 ${min}–${max} 的整数，当前为 ${JSON.stringify(v)}`);
  };

const bool: Check = (v, at, problems) => {
  if (typeof v !== 'boolean') problem(problems, at, `应为 true 或 false，当前为 ${JSON.stringify(v)}`);
};

/** An object whose keys are among `keys` (at least one), each value checked. */
const mapOf =
  (keys: readonly string[], value: Check, what: string): Check =>
  (v, at, problems) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return problem(problems, at, `应为对象（键：${keys.join('、')}）`);
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) problem(problems, at, `至少列出一个${what}`);
    for (const [key, inner] of entries) {
      if (!keys.includes(key)) problem(problems, `${at}.${key}`, `未知的${what}“${key}”（允许：${keys.join('、')}）`);
      else value(inner, `${at}.${key}`, problems);
    }
  };

const tiers: Check = (v, at, problems) => {
  if (!Array.isArray(v) || v.length === 0) return problem(problems, at, '至少一个档次 {minPlaces, amountFen}');
  let previous = -1;
  v.forEach((tier: unknown, i) => {
    const t = tier as Record<string, unknown>;
    if (!t || typeof t !== 'object') return problem(problems, `${at}.${i}`, '档次应为 {minPlaces, amountFen}');
    for (const key of Object.keys(t)) if (key !== 'minPlaces' && key !== 'amountFen') problem(problems, `${at}.${i}.${key}`, `未知参数 ${key}`);
    intValue(0, 100_000)(t.minPlaces, `${at}.${i}.minPlaces`, problems);
    fenValue(true)(t.amountFen, `${at}.${i}.amountFen`, problems);
    if (typeof t.minPlaces === 'number') {
      if (i === 0 && t.minPlaces !== 0) problem(problems, `${at}.0.minPlaces`, '第一档应从 0 个托位起');
      if (t.minPlaces <= previous) problem(problems, `${at}.${i}.minPlaces`, '档次应按托位数从小到大排列且不重复');
      previous = t.minPlaces;
    }
  });
};

const careFactors = mapOf(CARE_FORMS, intValue(0, 10_000), '托育形式');

/** The parameters each rule kind needs; every one is required and no other key is allowed. */
const PARAMS: { [K in PolicyRuleKind]: Record<keyof RuleParams[K], Check> } = {
  per_child_by_class: { amountFenByClass: mapOf(CLASS_TYPES, fenValue(false), '班型'), careFormFactorBp: careFactors, attendanceProRata: bool },
  per_child_by_birth_order: {
    amountFenByBirthOrder: mapOf(BIRTH_ORDERS.map(String), fenValue(false), '孩次'),
    careFormFactorBp: careFactors,
    attendanceProRata: bool,
  },
  childcare_allowance: { monthlyFen: fenValue(true), maxAgeMonths: intValue(1, 72) },
  opening_grant: { amountFen: fenValue(true) },
  demonstration_award: { tiers },
};

function monthRange(doc: PolicyDocument, problems: FieldProblem[]): void {
  if (!isMonth(doc.effectiveFrom)) problem(problems, 'effectiveFrom', '生效月份应为 YYYY-MM');
  if (doc.effectiveTo != null) {
    if (!isMonth(doc.effectiveTo)) problem(problems, 'effectiveTo', '截止月份应为 YYYY-MM');
    else if (doc.effectiveTo < doc.effectiveFrom) problem(problems, 'effectiveTo', `截止月份 ${doc.effectiveTo} 早于生效月份 ${doc.effectiveFrom}`);
  }
}

/**
 * Checks a policy document's meaning: version named after its key, month range, unique rule
 * ids, every rule's parameters for its kind (missing, wrong and unknown keys refused), the
 * eligibility conditions each rule requires defined with a source, and a budget that names
 * rules of the policy. Throws POLICY_INVALID listing every problem; returns the typed policy.
 */
export function loadPolicy(doc: PolicyDocument): Policy {
  const problems: FieldProblem[] = [];
  if (!doc || typeof doc !== 'object') throw new DomainError('POLICY_INVALID', '补助政策不是对象');
  if (typeof doc.version !== 'string' || !doc.version.startsWith(`${doc.policyKey}/`)) {
    problem(problems, 'version', `版本号应以政策标识“${doc.policyKey}/”开头`);
  }
  monthRange(doc, problems);
  const ids = new Set<string>();
  for (const [i, rule] of (doc.rules ?? []).entries()) {
    const at = `rules.${i}`;
    if (ids.has(rule.id)) problem(problems, `${at}.id`, `规则编号 ${rule.id} 重复`);
    ids.add(rule.id);
    if (typeof rule.source !== 'string' || rule.source.trim().length < 4) problem(problems, `${at}.source`, '每条规则都要写明依据（文件、条款）');
    const composition = rule.composition ?? 'adds';
    if (!(RULE_COMPOSITIONS as readonly string[]).includes(composition)) {
      problem(problems, `${at}.composition`, `与上级规则的关系应为 ${RULE_COMPOSITIONS.join('、')} 之一`);
      continue;
    }
    if (composition === 'disables' || composition === 'inherits') {
      if (composition === 'disables' && (typeof rule.reason !== 'string' || rule.reason.trim().length < 4))
        problem(problems, `${at}.reason`, '停用上级规则须写明理由');
      for (const key of ['kind', 'params', 'requires'] as const) {
        if (rule[key] !== undefined) problem(problems, `${at}.${key}`, `${composition === 'disables' ? '停用' : '沿用'}上级规则时不写 ${key}`);
      }
      continue;
    }
    const expected = PARAMS[rule.kind as PolicyRuleKind] as Record<string, Check> | undefined;
    if (!expected) {
      problem(problems, `${at}.kind`, `未知的规则类型 ${String(rule.kind)}（允许：${POLICY_RULE_KINDS.join('、')}）`);
      continue;
    }
    const params = (rule.params ?? {}) as Record<string, unknown>;
    for (const [key, check] of Object.entries(expected)) {
      if (!(key in params)) problem(problems, `${at}.params.${key}`, `规则 ${rule.id}（${rule.kind}）缺少参数 ${key}`);
      else check(params[key], `${at}.params.${key}`, problems);
    }
    // An unknown key is refused: a misplaced key silently ignored is how rules freeze for years.
    for (const key of Object.keys(params)) if (!(key in expected)) problem(problems, `${at}.params.${key}`, `规则 ${rule.id}（${rule.kind}）没有参数 ${key}`);
    for (const check of rule.requires ?? []) {
      if (!(ELIGIBILITY_CHECKS as readonly string[]).includes(check)) problem(problems, `${at}.requires`, `未知的资格条件 ${check}`);
      else if (!doc.eligibility?.[ELIGIBILITY_KEYS[check]])
        problem(problems, `${at}.requires`, `规则 ${rule.id} 要求的资格条件 ${check} 未在 eligibility.${ELIGIBILITY_KEYS[check]} 中定义（含依据）`);
    }
  }
  if (doc.budget) {
    const paying = new Set(doc.rules.filter((r) => r.kind !== undefined).map((r) => r.id));
    for (const [i, id] of doc.budget.rules.entries()) if (!paying.has(id)) problem(problems, `budget.rules.${i}`, `预算控制的规则 ${id} 不在本政策中`);
  }
  if (problems.length) {
    throw new DomainError(
      'POLICY_INVALID',
      `补助政策 ${doc.version ?? ''} 有误（${problems.length} 处）：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`,
      problems,
    );
  }
  const policy = doc as unknown as Policy;
  // The envelope every rule family shares (keys, jurisdiction, dates, sources, composition).
  checkRuleDocument(policyRuleDocument(policy), () => undefined);
  return policy;
}

/** A stored version with the month it is in force until (its own end, or the next version's start). */
export interface VersionPeriod {
  version: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/**
 * Versions of one policy may not overlap. A version without an end runs until the next one
 * starts, so a new version must start after every existing version's start and after the
 * explicit end of any of them; starting earlier would rewrite months already decided by it.
 */
export function assertNoOverlap(existing: readonly VersionPeriod[], next: VersionPeriod): void {
  const clashes = existing.filter((v) => next.effectiveFrom <= v.effectiveFrom || (v.effectiveTo !== null && next.effectiveFrom <= v.effectiveTo));
  if (clashes.length) {
    const list = clashes.map((v) => `${v.version}（${v.effectiveFrom}–${v.effectiveTo ?? '下一版本生效前'}）`).join('、');
    throw new DomainError(
      'POLICY_PERIOD_OVERLAP',
      `版本 ${next.version} 自 ${next.effectiveFrom} 起生效，与已有版本 ${list} 的期间重叠；新版本须晚于已有版本开始`,
      [{ field: 'effectiveFrom', code: 'POLICY_PERIOD_OVERLAP', message: `与 ${list} 重叠` }],
    );
  }
}

/** The version of each policy in force in `month`, given all stored versions (ordered or not). */
export function versionsInForce<T extends VersionPeriod & { policyKey: string }>(all: readonly T[], month: string): T[] {
  const byKey = new Map<string, T[]>();
  for (const v of all) byKey.set(v.policyKey, [...(byKey.get(v.policyKey) ?? []), v]);
  const out: T[] = [];
  for (const versions of byKey.values()) {
    const started = versions.filter((v) => v.effectiveFrom <= month).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
    const current = started[0];
    if (current && (current.effectiveTo === null || month <= current.effectiveTo)) out.push(current);
  }
  return out.sort((a, b) => (a.version < b.version ? -1 : 1));
}

/** A policy version as a rule document of the family `subsidy`: its division is its jurisdiction, its months the dates in force. */
export function policyRuleDocument(policy: Policy): RuleDocument<PolicyRule> {
  return {
    family: 'subsidy',
    documentKey: policy.policyKey,
    version: policy.version,
    jurisdiction: policy.divisionCode,
    title: policy.title,
    sources: [{ title: policy.source }],
    effectiveFrom: firstDayOfMonth(policy.effectiveFrom),
    effectiveTo: policy.effectiveTo ? lastDayOfMonth(policy.effectiveTo) : null,
    rules: policy.rules.map((rule) => {
      const composition = rule.composition ?? 'adds';
      const content = composition === 'adds' || composition === 'replaces';
      return {
        key: rule.key ?? rule.id,
        title: rule.title,
        composition,
        ...(rule.reason ? { reason: rule.reason } : {}),
        sources: [{ title: rule.source }],
        ...(content ? { body: rule } : {}),
      };
    }),
  };
}

/**
 * The policies that pay in a division in a month, each with only its rules in force there: the
 * rules of every level (national, province, city, county, street) composed — a district rule
 * that replaces the city's rule of the same key pays instead of it, one that disables it stops
 * it, one that adds pays beside it.
 */
export function effectivePolicies(policies: readonly Policy[], divisionCode: string, month: string): Policy[] {
  const resolved = resolveRules('subsidy', policies.map(policyRuleDocument), divisionCode, firstDayOfMonth(month));
  const inForce = new Set(resolved.rules.map((r) => `${r.from.version}|${r.key}`));
  return policies
    .map((policy) => ({ ...policy, rules: policy.rules.filter((rule) => inForce.has(`${policy.version}|${rule.key ?? rule.id}`)) }))
    .filter((policy) => policy.rules.length > 0);
}
