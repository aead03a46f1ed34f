import {
  checkRuleDocument,
  DomainError,
  type FieldProblem,
  formatRuleSource,
  JURISDICTION_LEVELS,
  NATIONAL_JURISDICTION,
  resolveRules,
  type RuleDocument,
  type RuleDocumentRef,
} from '@shanyu/common';
import {
  type CreditGrade,
  CREDIT_GRADES,
  INSPECTION_KINDS,
  type InspectionKind,
  SEVERITIES,
  type Severity,
  SUPERVISION_PARAMETERS,
  type SupervisionParameter,
} from '@shanyu/contracts';

/**
 * The numbers supervision runs on, as rule documents of family `supervision` with sources: the
 * national defaults, refined by a province, city, district or street for itself. A plan, draw
 * or inspection uses the policy in force in its division on its date and stores the versions it
 * used, so it can be recomputed and explained later.
 */
export interface SupervisionPolicy {
  /** The document versions the values came from, national first (`supervision-policy/2026.1 + supervision-policy-371002/2027.1`). */
  version: string;
  /** Sampling ratio per credit grade (0–1). */
  samplingRatios: Record<CreditGrade, number>;
  /** Inspectors per department per institution (law-enforcement visits need at least two). */
  minInspectorsPerDepartment: number;
  /** Maximum counted inspections per institution per calendar year. */
  yearlyCap: number;
  /** Inspection kinds not counted towards the yearly cap. */
  capExemptKinds: InspectionKind[];
  /** A second inspection by the same department within this many days raises INSPECTION_REPEATED. */
  repeatWindowDays: number;
  /** Rectification deadline by severity, in working days from the day the inspection completes. */
  rectificationWorkingDays: Record<Severity, number>;
  /** Grades that get the abbreviated checklist (differential monitoring). */
  abbreviatedGrades: CreditGrade[];
  /** The abbreviated checklist keeps basic items and items of at least this risk weight. */
  abbreviatedMinRiskWeight: number;
  /**
   * Sampling ratio of registered institutions not yet filed, drawn as their own stratum; null
   * where no policy in force sets it (the pool then holds filed institutions only, as before).
   */
  unfiledSamplingRatio: number | null;
  /** 备案后核查: the first visit after a filing is due within this many days of it; null where no policy in force sets it. */
  postFilingVisitDays: number | null;
  /** Per parameter, where its value comes from (readable citations). */
  sources: Record<SupervisionParameter, string>;
}

/** Parameters a national document need not set: set from a dated version on, absent before it. */
export const OPTIONAL_SUPERVISION_PARAMETERS: readonly SupervisionParameter[] = ['unfiledSamplingRatio', 'postFilingVisitDays'];

/** One rule of family `supervision`: a parameter and its value (the rule key is the parameter). */
export interface SupervisionRuleBody {
  parameter: SupervisionParameter;
  value: unknown;
}

export type SupervisionDocument = RuleDocument<SupervisionRuleBody>;

const ratio = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const posInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
const keysExactly = (v: unknown, keys: readonly string[]) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === keys.length;

/** What each parameter's value must be, in Chinese for the publisher. */
const VALUE_CHECKS: Record<SupervisionParameter, { ok: (v: unknown) => boolean; what: string }> = {
  samplingRatios: {
    ok: (v) => keysExactly(v, CREDIT_GRADES) && CREDIT_GRADES.every((g) => ratio((v as Record<string, unknown>)[g])),
    what: '各信用等级的抽查比例 {A,B,C,D}，每个 0–1',
  },
  minInspectorsPerDepartment: { ok: (v) => Number.isInteger(v) && (v as number) >= 2, what: '不少于 2 的整数（执法人员不得少于两人）' },
  yearlyCap: { ok: posInt, what: '正整数' },
  capExemptKinds: {
    ok: (v) => Array.isArray(v) && v.every((k) => (INSPECTION_KINDS as readonly string[]).includes(k)) && new Set(v).size === v.length,
    what: `检查类型列表（${INSPECTION_KINDS.join('、')}）`,
  },
  repeatWindowDays: { ok: posInt, what: '正整数（日）' },
  rectificationWorkingDays: {
    ok: (v) => keysExactly(v, SEVERITIES) && SEVERITIES.every((s) => posInt((v as Record<string, unknown>)[s])),
    what: '各严重程度的整改工作日 {critical,major,minor}，每个正整数',
  },
  abbreviatedGrades: {
    ok: (v) => Array.isArray(v) && v.every((g) => (CREDIT_GRADES as readonly string[]).includes(g)) && new Set(v).size === v.length,
    what: `信用等级列表（${CREDIT_GRADES.join('、')}）`,
  },
  abbreviatedMinRiskWeight: { ok: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5, what: '1–5 的整数' },
  unfiledSamplingRatio: { ok: ratio, what: '0–1 的比例（已登记未备案机构的抽查比例）' },
  postFilingVisitDays: { ok: (v) => posInt(v) && (v as number) <= 365, what: '1–365 的整数（备案后首次现场核查的期限，日）' },
};

/** The body check of family `supervision`: a known parameter and a value of its kind. */
export function checkSupervisionRuleBody(body: SupervisionRuleBody, at: string, problems: FieldProblem[]): void {
  const add = (field: string, message: string): void => void problems.push({ field, code: 'RULE_DOCUMENT_INVALID', message });
  if (!body || typeof body !== 'object') return add(at, '规则内容应为 {parameter, value}');
  for (const key of Object.keys(body)) if (key !== 'parameter' && key !== 'value') add(`${at}.${key}`, '未知字段');
  const check = VALUE_CHECKS[body.parameter];
  if (!check) return add(`${at}.parameter`, `未知的监管参数（允许：${SUPERVISION_PARAMETERS.join('、')}）`);
  if (!check.ok(body.value)) add(`${at}.value`, `${body.parameter} 应为${check.what}`);
}

/**
 * The one check of a supervision document: checkRuleDocument with the body check, and the
 * family's own rules — each rule's key is its parameter; the national document sets every
 * parameter (adds); a local one replaces or confirms (inherits) what is above, never removes it.
 */
export function checkSupervisionDocument(doc: SupervisionDocument): SupervisionDocument {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, code: 'RULE_DOCUMENT_INVALID', message });
  if (doc.family !== 'supervision') add('family', '监管政策的规则类别应为 supervision');
  const national = doc.jurisdiction === NATIONAL_JURISDICTION;
  const prefix = national ? 'supervision-policy' : `supervision-policy-${doc.jurisdiction}`;
  if (doc.documentKey !== prefix) add('documentKey', `文件标识应为 ${prefix}`);
  (Array.isArray(doc.rules) ? doc.rules : []).forEach((rule, i) => {
    if (rule.body && rule.body.parameter !== rule.key) add(`rules.${i}.body.parameter`, `规则内容的参数应与规则标识 ${rule.key} 一致`);
    if (!(SUPERVISION_PARAMETERS as readonly string[]).includes(rule.key)) add(`rules.${i}.key`, `未知的监管参数 ${rule.key}`);
    if (national && rule.composition !== 'adds') add(`rules.${i}.composition`, '全国监管政策没有上级，各参数只能是 adds');
    if (!national && rule.composition !== 'replaces' && rule.composition !== 'inherits')
      add(`rules.${i}.composition`, '地方监管政策只能替代（replaces）或沿用（inherits）上级参数，不能停用或并列增加');
  });
  if (national) {
    const keys = new Set((doc.rules ?? []).map((r) => r.key));
    const missing = SUPERVISION_PARAMETERS.filter((p) => !keys.has(p) && !OPTIONAL_SUPERVISION_PARAMETERS.includes(p));
    if (missing.length) add('rules', `全国监管政策须规定每个参数，缺少 ${missing.join('、')}`);
  }
  try {
    checkRuleDocument(doc, checkSupervisionRuleBody);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    problems.unshift(...(e.details ?? []));
  }
  if (problems.length) {
    throw new DomainError(
      'RULE_DOCUMENT_INVALID',
      `监管政策 ${doc.version ?? ''} 有误（${problems.length} 处）：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`,
      problems,
    );
  }
  return doc;
}

/**
 * The policy in force in a division on a date: every parameter from the most local document in
 * force that sets it. A gap (no national document in force) is a fault of the installation.
 */
export function resolveSupervisionPolicy(documents: readonly SupervisionDocument[], divisionCode: string, on: string): SupervisionPolicy {
  const resolved = resolveRules('supervision', documents, divisionCode, on);
  const values = new Map<SupervisionParameter, { value: unknown; source: string }>();
  const used = new Map<string, RuleDocumentRef>();
  for (const rule of resolved.rules) {
    // The rule's title says what the value rests on (e.g. a platform default where the documents set no number).
    values.set(rule.body.parameter, { value: rule.body.value, source: `${rule.title}：${rule.sources.map(formatRuleSource).join('；')}` });
    used.set(rule.from.version, rule.from);
  }
  const versions = [...used.values()]
    .sort((a, b) => JURISDICTION_LEVELS.indexOf(a.level) - JURISDICTION_LEVELS.indexOf(b.level) || a.effectiveFrom.localeCompare(b.effectiveFrom))
    .map((ref) => ref.version);
  const missing = SUPERVISION_PARAMETERS.filter((p) => !values.has(p) && !OPTIONAL_SUPERVISION_PARAMETERS.includes(p));
  if (missing.length) throw new Error(`no supervision policy in force for ${divisionCode} on ${on}: ${missing.join(', ')} not set`);
  const v = <T>(p: SupervisionParameter) => values.get(p)!.value as T;
  return {
    version: versions.join(' + '),
    samplingRatios: v('samplingRatios'),
    minInspectorsPerDepartment: v('minInspectorsPerDepartment'),
    yearlyCap: v('yearlyCap'),
    capExemptKinds: v('capExemptKinds'),
    repeatWindowDays: v('repeatWindowDays'),
    rectificationWorkingDays: v('rectificationWorkingDays'),
    abbreviatedGrades: v('abbreviatedGrades'),
    abbreviatedMinRiskWeight: v('abbreviatedMinRiskWeight'),
    unfiledSamplingRatio: (values.get('unfiledSamplingRatio')?.value as number | undefined) ?? null,
    postFilingVisitDays: (values.get('postFilingVisitDays')?.value as number | undefined) ?? null,
    sources: Object.fromEntries(SUPERVISION_PARAMETERS.map((p) => [p, values.get(p)?.source ?? '（未规定）'])) as Record<SupervisionParameter, string>,
  };
}
