/**
 * Rules by jurisdiction (分级规则). Childcare is governed by national rules that provinces,
 * cities, districts and streets refine; each refinement applies only inside its own division.
 * Every rule family of the platform (filing standards, inspection and penalty lists,
 * supervision/draw policy, credit model, staff rules, subsidy policies, and the development
 * targets (发展目标) a division's indicators are compared with) is published as rule
 * documents of one shape: a jurisdiction, a version, effective dates, its sources, and rules
 * that each say how they compose with the levels above:
 *
 * - `adds`: a rule in force beside whatever the levels above have under the same key;
 * - `replaces`: takes the place of the rules of the same key from the levels above (and earlier
 *   documents of its own level);
 * - `disables`: the rules of the same key from above stop applying here, for a stated reason;
 * - `inherits`: says explicitly that the rule from above applies unchanged (no body).
 *
 * Resolving for (division, date) walks national → province → city → county → street and
 * returns the effective rules, each with the document it came from and what it replaced.
 */
import { departmentNotAllowed } from './access.js';
import type { Actor, Department } from './actor.js';
import { DomainError, type FieldProblem } from './errors.js';
import { anyDivisionContains, divisionFullName, divisionLevelOf, isDivisionCodeFormat } from './divisions.js';

export const RULE_FAMILIES = ['filing', 'inspection', 'supervision', 'credit', 'staff', 'subsidy', 'target'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

export const RULE_FAMILY_NAMES: Record<RuleFamily, string> = {
  filing: '备案标准',
  inspection: '检查事项与处罚清单',
  supervision: '监管与抽查政策',
  credit: '信用评价模型',
  staff: '从业人员规则',
  subsidy: '补助政策',
  target: '发展目标',
};

export const RULE_COMPOSITIONS = ['inherits', 'replaces', 'adds', 'disables'] as const;
export type RuleComposition = (typeof RULE_COMPOSITIONS)[number];

export const RULE_COMPOSITION_NAMES: Record<RuleComposition, string> = {
  inherits: '沿用上级',
  replaces: '替代上级',
  adds: '增加',
  disables: '停用上级',
};

/** The jurisdiction of national documents (全国); every other jurisdiction is a division code. */
export const NATIONAL_JURISDICTION = '000000';

export const JURISDICTION_LEVELS = ['national', 'province', 'city', 'county', 'street'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

export const JURISDICTION_LEVEL_NAMES: Record<JurisdictionLevel, string> = {
  national: '国家',
  province: '省级',
  city: '市级',
  county: '区县',
  street: '街道（乡镇）',
};

/**
 * Which departments publish which families. Inspection lists are further limited to the
 * publisher's own department's items (checked where the list names its department).
 */
export const RULE_FAMILY_PUBLISHERS: Record<RuleFamily, readonly Department[]> = {
  filing: ['health'],
  inspection: ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street'],
  supervision: ['market', 'health'],
  credit: ['health'],
  staff: ['health', 'education', 'hrss'],
  subsidy: ['health', 'finance'],
  target: ['health'],
};

/** A document the rule cites: title, 文号 and article, so an official can look it up. */
export interface RuleSource {
  title: string;
  documentNo?: string;
  article?: string;
}

export interface RuleEntry<B = unknown> {
  /** Stable key: a lower level's rule of the same key replaces, disables or inherits this one. */
  key: string;
  title: string;
  composition: RuleComposition;
  /** Why a rule is disabled (required for `disables`). */
  reason?: string;
  sources: RuleSource[];
  /** The family's content of the rule; absent for `disables` and `inherits`. */
  body?: B;
}

export interface RuleDocument<B = unknown> {
  family: RuleFamily;
  documentKey: string;
  /** `<documentKey>/<year>.<n>`; versions of one key are never edited, a change is a new version. */
  version: string;
  /** NATIONAL_JURISDICTION or a division code (province, city, county or street). */
  jurisdiction: string;
  title: string;
  sources: RuleSource[];
  /** First day in force (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Last day in force (YYYY-MM-DD); null: until the document's next version. */
  effectiveTo: string | null;
  rules: RuleEntry<B>[];
}

/** Where an effective rule came from. */
export interface RuleDocumentRef {
  documentKey: string;
  version: string;
  title: string;
  jurisdiction: string;
  jurisdictionName: string;
  level: JurisdictionLevel;
  effectiveFrom: string;
  effectiveTo: string | null;
  sources: RuleSource[];
}

export interface EffectiveRule<B = unknown> {
  key: string;
  title: string;
  composition: Exclude<RuleComposition, 'inherits' | 'disables'>;
  sources: RuleSource[];
  body: B;
  from: RuleDocumentRef;
  /** Rules of the same key from above that this one took the place of. */
  replaced: { key: string; title: string; from: RuleDocumentRef }[];
  /** Lower-level documents that confirmed this rule applies unchanged. */
  inheritedBy: RuleDocumentRef[];
}

export interface DisabledRule {
  key: string;
  title: string;
  reason: string;
  by: RuleDocumentRef;
  /** The rules that stopped applying. */
  was: { title: string; from: RuleDocumentRef }[];
}

export interface ResolvedRules<B = unknown> {
  family: RuleFamily;
  divisionCode: string;
  date: string;
  /** The jurisdictions consulted, national first. */
  chain: { jurisdiction: string; name: string; level: JurisdictionLevel }[];
  rules: EffectiveRule<B>[];
  disabled: DisabledRule[];
}

export function jurisdictionLevel(jurisdiction: string): JurisdictionLevel | undefined {
  if (jurisdiction === NATIONAL_JURISDICTION) return 'national';
  return divisionLevelOf(jurisdiction);
}

export function jurisdictionName(jurisdiction: string): string {
  if (jurisdiction === NATIONAL_JURISDICTION) return '全国';
  return divisionFullName(jurisdiction) ?? jurisdiction;
}

/** National first, then the province, city, county and street that enclose (or are) the division. */
export function jurisdictionChain(divisionCode: string): string[] {
  const level = divisionLevelOf(divisionCode);
  if (!level) return [NATIONAL_JURISDICTION];
  const chain = [NATIONAL_JURISDICTION, `${divisionCode.slice(0, 2)}0000`];
  if (level !== 'province') chain.push(`${divisionCode.slice(0, 4)}00`);
  if (level === 'county' || level === 'street') chain.push(divisionCode.slice(0, 6));
  if (level === 'street') chain.push(divisionCode);
  return [...new Set(chain)];
}

/** True when a document of this jurisdiction applies to the division. */
export function jurisdictionCovers(jurisdiction: string, divisionCode: string): boolean {
  return jurisdictionChain(divisionCode).includes(jurisdiction);
}

export function isInForce(doc: Pick<RuleDocument, 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return doc.effectiveFrom <= date && (doc.effectiveTo === null || date <= doc.effectiveTo);
}

export function ruleDocumentRef(doc: RuleDocument): RuleDocumentRef {
  const level = jurisdictionLevel(doc.jurisdiction) ?? 'national';
  return {
    documentKey: doc.documentKey,
    version: doc.version,
    title: doc.title,
    jurisdiction: doc.jurisdiction,
    jurisdictionName: jurisdictionName(doc.jurisdiction),
    level,
    effectiveFrom: doc.effectiveFrom,
    effectiveTo: doc.effectiveTo,
    sources: doc.sources,
  };
}

/**
 * The version of each document key in force on `date` among the documents covering the
 * division — the latest version started by then, unless it has ended (an open-ended version
 * runs until the next one starts, so an ended later version does not revive an earlier one) —
 * ordered national first, then by start date: the order their rules compose in.
 */
export function documentsInForce<D extends RuleDocument>(documents: readonly D[], divisionCode: string, date: string): D[] {
  const chain = jurisdictionChain(divisionCode);
  const latest = new Map<string, D>();
  for (const doc of documents) {
    if (!chain.includes(doc.jurisdiction) || doc.effectiveFrom > date) continue;
    const seen = latest.get(doc.documentKey);
    if (!seen || seen.effectiveFrom < doc.effectiveFrom) latest.set(doc.documentKey, doc);
  }
  return [...latest.values()]
    .filter((doc) => isInForce(doc, date))
    .sort(
      (a, b) =>
        chain.indexOf(a.jurisdiction) - chain.indexOf(b.jurisdiction) ||
        a.effectiveFrom.localeCompare(b.effectiveFrom) ||
        a.documentKey.localeCompare(b.documentKey),
    );
}

/** The effective rule set of one family for a division on a date, each rule with its provenance. */
export function resolveRules<B>(family: RuleFamily, documents: readonly RuleDocument<B>[], divisionCode: string, date: string): ResolvedRules<B> {
  const byKey = new Map<string, EffectiveRule<B>[]>();
  const disabled: DisabledRule[] = [];
  for (const doc of documentsInForce(
    documents.filter((d) => d.family === family),
    divisionCode,
    date,
  )) {
    const ref = ruleDocumentRef(doc);
    for (const entry of doc.rules) {
      const above = byKey.get(entry.key) ?? [];
      switch (entry.composition) {
        case 'adds':
          byKey.set(entry.key, [...above, effective(entry, ref, [])]);
          break;
        case 'replaces':
          byKey.set(entry.key, [effective(entry, ref, above)]);
          break;
        case 'disables':
          byKey.delete(entry.key);
          disabled.push({
            key: entry.key,
            title: entry.title,
            reason: entry.reason ?? '',
            by: ref,
            was: above.map((r) => ({ title: r.title, from: r.from })),
          });
          break;
        case 'inherits':
          for (const rule of above) rule.inheritedBy.push(ref);
          break;
      }
    }
  }
  return {
    family,
    divisionCode,
    date,
    chain: jurisdictionChain(divisionCode).map((j) => ({ jurisdiction: j, name: jurisdictionName(j), level: jurisdictionLevel(j) ?? 'national' })),
    rules: [...byKey.values()].flat(),
    disabled,
  };
}

function effective<B>(entry: RuleEntry<B>, from: RuleDocumentRef, above: EffectiveRule<B>[]): EffectiveRule<B> {
  return {
    key: entry.key,
    title: entry.title,
    composition: entry.composition === 'replaces' ? 'replaces' : 'adds',
    sources: entry.sources,
    body: entry.body as B,
    from,
    replaced: above.map((r) => ({ key: r.key, title: r.title, from: r.from })),
    inheritedBy: [],
  };
}

export interface RuleSetDiff<B = unknown> {
  /** In the second set only. */
  added: EffectiveRule<B>[];
  /** In the first set only. */
  removed: EffectiveRule<B>[];
  /** The same key from another document version or with other content. */
  changed: { key: string; before: EffectiveRule<B>[]; after: EffectiveRule<B>[] }[];
  unchanged: number;
}

/** What differs between two resolved sets (two dates, or two divisions), key by key. */
export function diffRuleSets<B>(before: ResolvedRules<B>, after: ResolvedRules<B>): RuleSetDiff<B> {
  const group = (set: ResolvedRules<B>) => {
    const map = new Map<string, EffectiveRule<B>[]>();
    for (const r of set.rules) map.set(r.key, [...(map.get(r.key) ?? []), r]);
    return map;
  };
  const fingerprint = (rules: EffectiveRule<B>[]) => JSON.stringify(rules.map((r) => [r.from.version, r.body]));
  const a = group(before);
  const b = group(after);
  const diff: RuleSetDiff<B> = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [key, rules] of b) {
    const old = a.get(key);
    if (!old) diff.added.push(...rules);
    else if (fingerprint(old) !== fingerprint(rules)) diff.changed.push({ key, before: old, after: rules });
    else diff.unchanged++;
  }
  for (const [key, rules] of a) if (!b.has(key)) diff.removed.push(...rules);
  return diff;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z][a-z0-9-]{2,60}$/;
const RULE_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Checks a family's rule body; pushes problems with fields relative to `at`. */
export type RuleBodyCheck<B> = (body: B, at: string, problems: FieldProblem[]) => void;

/**
 * The one check every rule document passes before it is stored or used: the envelope
 * (family, key, version, jurisdiction, dates, sources), each rule's composition (a body for
 * `adds` and `replaces`, none and a reason for `disables`, none for `inherits`), unique rule
 * keys, and the family's own check of each body. Throws RULE_DOCUMENT_INVALID listing every
 * problem.
 */
export function checkRuleDocument<B>(doc: RuleDocument<B>, checkBody: RuleBodyCheck<B>): RuleDocument<B> {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, code: 'RULE_DOCUMENT_INVALID', message });
  if (!(RULE_FAMILIES as readonly string[]).includes(doc.family)) add('family', `未知的规则类别 ${String(doc.family)}（允许：${RULE_FAMILIES.join('、')}）`);
  if (typeof doc.documentKey !== 'string' || !KEY.test(doc.documentKey)) add('documentKey', '文件标识应为小写字母、数字和连字符（3–61 位）');
  if (typeof doc.version !== 'string' || !doc.version.startsWith(`${doc.documentKey}/`)) add('version', `版本号应以文件标识“${doc.documentKey}/”开头`);
  if (doc.jurisdiction !== NATIONAL_JURISDICTION && !isDivisionCodeFormat(doc.jurisdiction))
    add('jurisdiction', `适用地域应为 ${NATIONAL_JURISDICTION}（全国）或 6 位、9 位区划代码`);
  if (typeof doc.title !== 'string' || doc.title.trim().length < 2) add('title', '请写明文件名称');
  checkSources(doc.sources, 'sources', add);
  if (typeof doc.effectiveFrom !== 'string' || !DATE.test(doc.effectiveFrom)) add('effectiveFrom', '生效日期应为 YYYY-MM-DD');
  if (doc.effectiveTo !== null && (typeof doc.effectiveTo !== 'string' || !DATE.test(doc.effectiveTo))) add('effectiveTo', '截止日期应为 YYYY-MM-DD 或留空');
  else if (doc.effectiveTo !== null && doc.effectiveTo < doc.effectiveFrom) add('effectiveTo', `截止日期 ${doc.effectiveTo} 早于生效日期 ${doc.effectiveFrom}`);
  if (!Array.isArray(doc.rules) || doc.rules.length === 0) add('rules', '至少一条规则');
  const keys = new Set<string>();
  for (const [i, rule] of (Array.isArray(doc.rules) ? doc.rules : []).entries()) {
    const at = `rules.${i}`;
    if (typeof rule.key !== 'string' || !RULE_KEY.test(rule.key)) add(`${at}.key`, '规则标识应以字母开头，由字母、数字、_ . - 组成');
    else if (keys.has(rule.key)) add(`${at}.key`, `规则标识 ${rule.key} 在本文件中重复`);
    keys.add(rule.key);
    if (typeof rule.title !== 'string' || rule.title.trim().length < 2) add(`${at}.title`, '请写明规则名称');
    if (!(RULE_COMPOSITIONS as readonly string[]).includes(rule.composition)) {
      add(`${at}.composition`, `与上级规则的关系应为 ${RULE_COMPOSITIONS.join('、')} 之一`);
      continue;
    }
    const needsBody = rule.composition === 'adds' || rule.composition === 'replaces';
    if (needsBody && rule.body === undefined) add(`${at}.body`, `“${RULE_COMPOSITION_NAMES[rule.composition]}”的规则须写明规则内容`);
    if (!needsBody && rule.body !== undefined) add(`${at}.body`, `“${RULE_COMPOSITION_NAMES[rule.composition]}”的规则不写规则内容`);
    if (rule.composition === 'disables' && (typeof rule.reason !== 'string' || rule.reason.trim().length < 4)) add(`${at}.reason`, '停用上级规则须写明理由');
    if (rule.composition !== 'inherits') checkSources(rule.sources, `${at}.sources`, add);
    if (needsBody && rule.body !== undefined) checkBody(rule.body, `${at}.body`, problems);
  }
  if (problems.length) {
    throw new DomainError(
      'RULE_DOCUMENT_INVALID',
      `规则文件 ${doc.version ?? ''} 有误（${problems.length} 处）：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`,
      problems,
    );
  }
  return doc;
}

function checkSources(sources: unknown, at: string, add: (field: string, message: string) => void): void {
  if (!Array.isArray(sources) || sources.length === 0) return add(at, '至少写明一个依据（文件名称、文号、条款）');
  sources.forEach((s: Partial<RuleSource>, i) => {
    if (!s || typeof s.title !== 'string' || s.title.trim().length < 4) add(`${at}.${i}.title`, '依据须写明文件名称');
  });
}

/** 《title》文号 article — how a source is shown to people. */
export function formatRuleSource(source: RuleSource): string {
  const title = source.title.startsWith('《') || source.title.includes('/T') ? source.title : `《${source.title}》`;
  return [title, source.documentNo, source.article].filter(Boolean).join(' ');
}

/**
 * Who may publish a rule document: the platform admin for any jurisdiction (national ones only
 * by the admin); an official only for a jurisdiction inside its own divisions and for the
 * families its department publishes.
 */
export function assertMayPublishRules(actor: Actor, family: RuleFamily, jurisdiction: string): void {
  if (actor.department === 'admin') return;
  const what = `发布${RULE_FAMILY_NAMES[family]}`;
  if (actor.role !== 'official' || !RULE_FAMILY_PUBLISHERS[family].includes(actor.department))
    throw departmentNotAllowed(actor, what, RULE_FAMILY_PUBLISHERS[family]);
  if (jurisdiction === NATIONAL_JURISDICTION || !anyDivisionContains(actor.divisions, jurisdiction)) {
    throw new DomainError(
      'DIVISION_OUT_OF_SCOPE',
      `只能为本辖区（${actor.divisions.map(jurisdictionName).join('、')}）及其下级${what}，${jurisdictionName(jurisdiction)}不在其中${jurisdiction === NATIONAL_JURISDICTION ? '（全国性规则由平台管理员发布）' : ''}`,
      [{ field: 'jurisdiction', code: 'DIVISION_OUT_OF_SCOPE', message: `${jurisdictionName(jurisdiction)}不在本账号的管辖范围内` }],
    );
  }
}

const invalidField = (field: string, message: string) => new DomainError('RULE_DOCUMENT_INVALID', message, [{ field, code: 'RULE_DOCUMENT_INVALID', message }]);

/**
 * Where a new version of a document may go among the versions already kept (built-in and
 * published, of every family the service keeps): a version is never stored twice
 * (RULE_DOCUMENT_VERSION_EXISTS) — a change is a new version; a document key stays in its
 * jurisdiction and family; a new version starts after the latest one of its key (which then ends
 * the day before); and, given `notBefore` (today), it does not take effect in the past, so that
 * decisions already taken keep the rules they were taken under.
 */
export function checkNewVersion(doc: RuleDocument, kept: readonly RuleDocument[], notBefore?: string): void {
  if (kept.some((d) => d.version === doc.version)) {
    throw new DomainError('RULE_DOCUMENT_VERSION_EXISTS', `版本 ${doc.version} 已存在；版本一经发布不再修改，请发布新版本`, [
      { field: 'version', code: 'RULE_DOCUMENT_VERSION_EXISTS', message: `版本 ${doc.version} 已存在` },
    ]);
  }
  if (notBefore !== undefined && doc.effectiveFrom < notBefore) {
    throw invalidField('effectiveFrom', `生效日期 ${doc.effectiveFrom} 早于今天（${notBefore}）：规则不溯及既往，已作出的评价和判断按当时的规则`);
  }
  const versions = kept.filter((d) => d.documentKey === doc.documentKey).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const elsewhere = versions.find((v) => v.jurisdiction !== doc.jurisdiction);
  if (elsewhere)
    throw invalidField(
      'jurisdiction',
      `文件 ${doc.documentKey} 适用于${jurisdictionName(elsewhere.jurisdiction)}（${elsewhere.jurisdiction}），新版本不能改变适用地域；其他地域请使用新的文件标识`,
    );
  if (versions.some((v) => v.family !== doc.family)) throw invalidField('documentKey', `文件标识 ${doc.documentKey} 已被其他类别的规则使用`);
  const latest = versions.at(-1);
  if (latest && latest.effectiveFrom >= doc.effectiveFrom) {
    throw invalidField('effectiveFrom', `新版本须晚于现行版本 ${latest.version}（${latest.effectiveFrom} 起）生效`);
  }
}
