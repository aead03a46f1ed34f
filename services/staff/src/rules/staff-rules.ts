import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  checkRuleDocument,
  ConfigError,
  DomainError,
  documentsInForce,
  type FieldProblem,
  formatRuleSource,
  type IsoDate,
  jurisdictionName,
  NATIONAL_JURISDICTION,
  resolveRules,
  type RuleDocument,
  type RuleDocumentRef,
  ruleDocumentRef,
  type RuleSource,
} from '@shanyu/common';
import { CLASS_TYPES, type ClassType, CREDENTIAL_TYPES, type CredentialType, STAFF_ROLES, type StaffRole } from '@shanyu/contracts';

/**
 * The staff rules as rule documents of the family `staff` (分级规则), so an official can see where
 * each comes from and a division's own rules apply only inside it: which role needs which
 * credential, carer-to-child ratios, vetting at hiring and the yearly re-check (national, with their
 * articles), and a division's 持证率 target (西湖区's district target, 330106). The file
 * (services/staff/rules/staff-rules.json) is checked at start; a file that does not check stops the
 * service with every problem listed (a key in the wrong place is an error, never ignored).
 *
 * Rule kinds (body.kind):
 * - `credential` (key `credential.<type>`): qualification or health certificate, and its validity;
 * - `role` (key `role.<role>`): the credentials a role needs, each group `anyOf`;
 * - `ratio` (key `ratio.<classType>`): children per carer;
 * - `family-point-ratio` (key `family-point.ratio`): children per carer in a family childcare point
   (家庭托育点), whatever the class type; where it is stricter it applies to such points only;
 * - `refusal` (keys `vetting.banned`, `vetting.criminal-record`): who may not be hired;
 * - `recheck` (key `vetting.record-check`): the criminal-record query interval;
 * - `certificate-target` (key `certificate-rate-target`): a division's 持证率 target. It is the
 *   division's own goal for its indicator and alerts; no institution is refused anything for it,
 *   and divisions without one have none.
 */
export interface CredentialRule {
  kind: 'qualification' | 'health';
  /** When set, a credential entered without an expiry date expires this many months after issue. */
  validityMonths: number | null;
  source: string;
}

export interface Requirement {
  /** Any one of these, valid on the day, meets the requirement. */
  anyOf: CredentialType[];
  source: string;
}

export interface CertificateRateTarget {
  /** A share (0.9 = 90%). */
  value: number;
  targetBp: number;
  byYear: number | null;
  source: string;
  /** The division whose target it is. */
  jurisdiction: string;
  jurisdictionName: string;
}

/** The staff rules composed for a division on a day. */
export interface StaffRules {
  /** The versions of the documents in force, national first, joined with `+`. */
  version: string;
  divisionCode: string;
  documents: RuleDocumentRef[];
  credentialTypes: Record<CredentialType, CredentialRule>;
  roleRequirements: { role: StaffRole; requires: Requirement[]; source: string }[];
  ratios: { classType: ClassType; childrenPerCarer: number; source: string }[];
  /** 家庭托育点: children per carer whatever the class type; null where no rule sets it. */
  familyPointRatio: { childrenPerCarer: number; source: string } | null;
  /** Null where neither the division nor a level above it has set one. */
  certificateRateTarget: CertificateRateTarget | null;
  vetting: { refuseBanned: boolean; refuseCriminalRecord: boolean; source: string };
  recheck: { intervalMonths: number; source: string };
  credentialExpiringDays: { value: number; source: string };
}

export type StaffRuleBody =
  | { kind: 'credential'; type: CredentialType; credentialKind: 'qualification' | 'health'; validityMonths: number | null }
  | { kind: 'role'; role: StaffRole; requires: CredentialType[][] }
  | { kind: 'ratio'; classType: ClassType; childrenPerCarer: number }
  | { kind: 'family-point-ratio'; childrenPerCarer: number }
  | { kind: 'refusal'; reason: 'BANNED' | 'CRIMINAL_RECORD' }
  | { kind: 'recheck'; intervalMonths: number }
  | { kind: 'certificate-target'; targetBp: number; byYear: number | null };

export type StaffRuleDocument = RuleDocument<StaffRuleBody>;

export const STAFF_RULES_FILE = fileURLToPath(new URL('../../rules/staff-rules.json', import.meta.url));

/** A ConfigError: the service stops at start with the message (every problem listed). */
export class StaffRulesError extends ConfigError {
  override name = 'StaffRulesError';

  /** @param problems what is wrong, in Chinese, for an official publishing a document (the message is for operators). */
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: Json, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

const BODY_KEYS: Record<StaffRuleBody['kind'], string[]> = {
  credential: ['kind', 'type', 'credentialKind', 'validityMonths'],
  role: ['kind', 'role', 'requires'],
  ratio: ['kind', 'classType', 'childrenPerCarer'],
  'family-point-ratio': ['kind', 'childrenPerCarer'],
  refusal: ['kind', 'reason'],
  recheck: ['kind', 'intervalMonths'],
  'certificate-target': ['kind', 'targetBp', 'byYear'],
};

/** The family's check of one rule body, as checkRuleDocument calls it: exact keys per kind, values. */
export function checkStaffRuleBody(body: StaffRuleBody, at: string, problems: FieldProblem[]): void {
  const add = (field: string, message: string): void => {
    problems.push({ field, code: 'RULE_DOCUMENT_INVALID', message });
  };
  if (!isObject(body)) return add(at, '规则内容应为对象');
  const expected = BODY_KEYS[body.kind as StaffRuleBody['kind']];
  if (!expected) return add(`${at}.kind`, `未知的从业人员规则类型 ${String(body.kind)}（允许：${Object.keys(BODY_KEYS).join('、')}）`);
  const raw = body as unknown as Record<string, Json>;
  for (const key of Object.keys(raw)) if (!expected.includes(key)) add(`${at}.${key}`, `未知的键 ${key}`);
  for (const key of expected) if (!(key in raw)) add(`${at}.${key}`, `缺少 ${key}`);
  const credential = (v: Json) => (CREDENTIAL_TYPES as readonly Json[]).includes(v);
  switch (body.kind) {
    case 'credential':
      if (!credential(raw.type)) add(`${at}.type`, `不是证书类型（${CREDENTIAL_TYPES.join('、')}）`);
      if (raw.credentialKind !== 'qualification' && raw.credentialKind !== 'health') add(`${at}.credentialKind`, '应为 qualification 或 health');
      if (raw.validityMonths !== null && !isInt(raw.validityMonths, 1, 240)) add(`${at}.validityMonths`, '应为 null 或 1–240 个月');
      break;
    case 'role':
      if (!(STAFF_ROLES as readonly Json[]).includes(raw.role)) add(`${at}.role`, `不是岗位（${STAFF_ROLES.join('、')}）`);
      if (!Array.isArray(raw.requires)) add(`${at}.requires`, '应为证书组的列表（每组任持其一）');
      else
        raw.requires.forEach((group, i) => {
          if (!Array.isArray(group) || group.length === 0) return add(`${at}.requires.${i}`, '每组至少一种证书');
          for (const t of group) if (!credential(t)) add(`${at}.requires.${i}`, `未知的证书类型 ${String(t)}`);
        });
      break;
    case 'ratio':
      if (!(CLASS_TYPES as readonly Json[]).includes(raw.classType)) add(`${at}.classType`, `不是班型（${CLASS_TYPES.join('、')}）`);
      if (!isInt(raw.childrenPerCarer, 1, 30)) add(`${at}.childrenPerCarer`, '应为 1–30 的整数');
      break;
    case 'family-point-ratio':
      if (!isInt(raw.childrenPerCarer, 1, 30)) add(`${at}.childrenPerCarer`, '应为 1–30 的整数');
      break;
    case 'refusal':
      if (raw.reason !== 'BANNED' && raw.reason !== 'CRIMINAL_RECORD') add(`${at}.reason`, '应为 BANNED 或 CRIMINAL_RECORD');
      break;
    case 'recheck':
      if (!isInt(raw.intervalMonths, 1, 60)) add(`${at}.intervalMonths`, '应为 1–60 个月');
      break;
    case 'certificate-target':
      if (!isInt(raw.targetBp, 1, 10_000)) add(`${at}.targetBp`, '应为 1–10000 的整数（万分比，9000 = 90%）');
      if (raw.byYear !== null && !isInt(raw.byYear, 2000, 2100)) add(`${at}.byYear`, '应为 null 或年份');
      break;
  }
}

const sourceText = (sources: readonly RuleSource[]) => sources.map(formatRuleSource).join('；');

/**
 * Every document, every version, and the rules a division has on a day: the national rules and
 * those of the province, city, district and street that enclose it, composed (resolveRules).
 */
export class StaffRuleBook {
  private readonly composed = new Map<string, StaffRules>();
  /** The first day the national rules make a whole set (earlier days are judged by it). */
  readonly firstDay: IsoDate;

  constructor(
    readonly documents: readonly StaffRuleDocument[],
    /** How many days ahead a credential counts as expiring (the rules file's, not a rule document's). */
    readonly expiring: { value: number; source: string },
  ) {
    const starts = [...new Set(documents.filter((d) => d.jurisdiction === NATIONAL_JURISDICTION).map((d) => d.effectiveFrom))].sort();
    const whole = starts.find((day) => this.problemsOn(NATIONAL_JURISDICTION, day).length === 0);
    if (!whole)
      throw new StaffRulesError(
        `the national staff rules never make a whole set:\n  ${this.problemsOn(NATIONAL_JURISDICTION, starts.at(-1) ?? '9999-12-31').join('\n  ')}`,
        this.problemsOn(NATIONAL_JURISDICTION, starts.at(-1) ?? '9999-12-31', true),
      );
    this.firstDay = whole;
  }

  /** The rules of the division (a county, a street, or 000000 for the national ones alone) on `on`. */
  for(divisionCode: string, on: IsoDate): StaffRules {
    const day = on < this.firstDay ? this.firstDay : on;
    const key = `${divisionCode}|${documentsInForce(this.documents, divisionCode, day)
      .map((d) => d.version)
      .join('|')}`;
    let rules = this.composed.get(key);
    if (!rules) {
      rules = this.assemble(divisionCode, day);
      this.composed.set(key, rules);
    }
    return rules;
  }

  /** What keeps the rules of a division on a day from being a whole set (`zh`: in Chinese). */
  problemsOn(divisionCode: string, on: IsoDate, zh = false): string[] {
    try {
      this.assemble(divisionCode, on);
      return [];
    } catch (e) {
      if (e instanceof StaffRulesError) return zh ? [...e.problems] : e.message.split('\n  ').slice(1);
      throw e;
    }
  }

  private assemble(divisionCode: string, on: IsoDate): StaffRules {
    const resolved = resolveRules('staff', this.documents, divisionCode, on);
    const problems: string[] = [];
    const zh: string[] = [];
    const problem = (en: string, chinese: string) => {
      problems.push(en);
      zh.push(chinese);
    };
    const of = <K extends StaffRuleBody['kind']>(kind: K) =>
      resolved.rules.filter((r) => r.body.kind === kind) as ((typeof resolved.rules)[number] & { body: Extract<StaffRuleBody, { kind: K }> })[];
    const once = <T>(what: string, list: T[], id: (t: T) => string) => {
      const seen = new Map<string, number>();
      for (const x of list) seen.set(id(x), (seen.get(id(x)) ?? 0) + 1);
      for (const [k, n] of seen)
        if (n > 1)
          problem(`${what} ${k}: ${n} rules in force (a lower level replaces, it does not add)`, `${k} 有 ${n} 条规则同时适用（下级应替代上级，而非增加）`);
    };

    const credentialRules = of('credential');
    once('credential', credentialRules, (r) => r.body.type);
    const credentialTypes = {} as Record<CredentialType, CredentialRule>;
    for (const r of credentialRules)
      credentialTypes[r.body.type] = { kind: r.body.credentialKind, validityMonths: r.body.validityMonths, source: sourceText(r.sources) };
    for (const t of CREDENTIAL_TYPES) if (!credentialTypes[t]) problem(`no rule for credential type ${t}`, `证书类型 ${t} 没有规则`);

    const roleRules = of('role');
    once('role', roleRules, (r) => r.body.role);
    const roleRequirements = roleRules.map((r) => ({
      role: r.body.role,
      requires: r.body.requires.map((anyOf) => ({ anyOf, source: sourceText(r.sources) })),
      source: sourceText(r.sources),
    }));
    for (const role of STAFF_ROLES) if (!roleRequirements.some((r) => r.role === role)) problem(`no rule for role ${role}`, `岗位 ${role} 没有持证要求规则`);
    for (const r of roleRequirements)
      for (const group of r.requires)
        for (const t of group.anyOf)
          if (!credentialTypes[t]) problem(`role ${r.role}: credential type ${t} has no rule`, `岗位 ${r.role} 要求的证书类型 ${t} 没有规则`);

    const ratioRules = of('ratio');
    once('ratio', ratioRules, (r) => r.body.classType);
    const ratios = CLASS_TYPES.flatMap((classType) => {
      const r = ratioRules.find((x) => x.body.classType === classType);
      if (!r) problem(`no ratio for class type ${classType}`, `班型 ${classType} 没有师生比规则`);
      return r ? [{ classType, childrenPerCarer: r.body.childrenPerCarer, source: sourceText(r.sources) }] : [];
    });

    const familyPointRatios = of('family-point-ratio');
    once('family-point ratio', familyPointRatios, () => 'family-point.ratio');
    const familyPoint = familyPointRatios[0];

    const refusals = of('refusal');
    const rechecks = of('recheck');
    once('recheck', rechecks, () => 'vetting.record-check');
    if (rechecks.length === 0) problem('no criminal-record re-check interval (recheck)', '没有违法犯罪记录复查周期规则（recheck）');

    const targets = of('certificate-target');
    once('certificate-rate target', targets, () => 'certificate-rate-target');

    if (problems.length)
      throw new StaffRulesError(
        `the staff rules in force in ${divisionCode} on ${on} are not a whole set:\n  ${problems.join('\n  ')}`,
        zh.map((p) => `${jurisdictionName(divisionCode)}自 ${on} 起：${p}`),
      );
    const target = targets[0];
    const recheck = rechecks[0]!;
    const documents = documentsInForce(this.documents, divisionCode, on).map(ruleDocumentRef);
    return {
      version: documents.map((d) => d.version).join('+'),
      divisionCode,
      documents,
      credentialTypes,
      roleRequirements,
      ratios,
      familyPointRatio: familyPoint ? { childrenPerCarer: familyPoint.body.childrenPerCarer, source: sourceText(familyPoint.sources) } : null,
      certificateRateTarget: target
        ? {
            value: target.body.targetBp / 10_000,
            targetBp: target.body.targetBp,
            byYear: target.body.byYear,
            source: `${sourceText(target.sources)}：${target.title}`,
            jurisdiction: target.from.jurisdiction,
            jurisdictionName: jurisdictionName(target.from.jurisdiction),
          }
        : null,
      vetting: {
        refuseBanned: refusals.some((r) => r.body.reason === 'BANNED'),
        refuseCriminalRecord: refusals.some((r) => r.body.reason === 'CRIMINAL_RECORD'),
        source: sourceText(refusals.flatMap((r) => r.sources)),
      },
      recheck: { intervalMonths: recheck.body.intervalMonths, source: sourceText(recheck.sources) },
      credentialExpiringDays: this.expiring,
    };
  }
}

/** Every problem of a parsed rules file; empty when it is valid. */
export function staffRulesProblems(file: Json): string[] {
  if (!isObject(file)) return ['the file is not a JSON object'];
  const problems: string[] = [];
  for (const key of Object.keys(file)) if (key !== 'credentialExpiringDays' && key !== 'documents') problems.push(`(root): unknown key "${key}"`);
  const expiring = file.credentialExpiringDays;
  if (!isObject(expiring)) problems.push('credentialExpiringDays: required object {value, note}');
  else {
    for (const key of Object.keys(expiring)) if (key !== 'value' && key !== 'note') problems.push(`credentialExpiringDays: unknown key "${key}"`);
    if (!isInt(expiring.value, 1, 365)) problems.push('credentialExpiringDays.value: whole days 1–365');
    if (typeof expiring.note !== 'string' || expiring.note.trim().length < 4) problems.push('credentialExpiringDays.note: required (why this many days)');
  }
  if (!Array.isArray(file.documents) || file.documents.length === 0) return [...problems, 'documents: required list of rule documents'];
  const versions = new Set<string>();
  for (const [i, doc] of (file.documents as StaffRuleDocument[]).entries()) {
    const where = `documents[${i}]${isObject(doc) && typeof doc.version === 'string' ? ` (${doc.version})` : ''}`;
    if (!isObject(doc)) {
      problems.push(`${where}: not an object`);
      continue;
    }
    for (const key of Object.keys(doc))
      if (!['family', 'documentKey', 'version', 'jurisdiction', 'title', 'sources', 'effectiveFrom', 'effectiveTo', 'rules'].includes(key))
        problems.push(`${where}: unknown key "${key}"`);
    if (doc.family !== 'staff') problems.push(`${where}.family: staff expected`);
    if (versions.has(doc.version)) problems.push(`${where}.version: ${doc.version} listed twice`);
    versions.add(doc.version);
    try {
      checkRuleDocument(doc, checkStaffRuleBody);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      for (const p of e.details ?? []) problems.push(`${where}.${p.field}: ${p.message}`);
    }
  }
  if (problems.length) return problems;
  return wholeSetProblems(file.documents as StaffRuleDocument[]);
}

/**
 * What keeps checked documents from making whole rule sets: the national rules alone from their
 * first whole day, and every jurisdiction with documents on every day the rules in force change (a
 * document starts, or the day after one ends). Empty when whole; `zh`: the problems in Chinese,
 * for an official publishing a document.
 */
export function wholeSetProblems(documents: readonly StaffRuleDocument[], zh = false): string[] {
  const problems: string[] = [];
  try {
    const book = new StaffRuleBook(documents, { value: 30, source: '' });
    const jurisdictions = [...new Set(documents.map((d) => d.jurisdiction))];
    const days = new Set(documents.flatMap((d) => (d.effectiveTo ? [d.effectiveFrom, addDays(d.effectiveTo, 1)] : [d.effectiveFrom])));
    for (const jurisdiction of jurisdictions)
      for (const day of days)
        if (day >= book.firstDay) problems.push(...book.problemsOn(jurisdiction, day, zh).map((p) => (zh ? p : `${jurisdiction} on ${day}: ${p}`)));
  } catch (e) {
    if (!(e instanceof StaffRulesError)) throw e;
    problems.push(...(zh ? e.problems : [e.message]));
  }
  return problems;
}

export function parseStaffRules(text: string, origin = 'staff rules'): StaffRuleBook {
  let file: Json;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw new StaffRulesError(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  const problems = staffRulesProblems(file);
  if (problems.length) throw new StaffRulesError(`${origin} 不符合规则格式 (invalid):\n  ${problems.join('\n  ')}`);
  const f = file as { credentialExpiringDays: { value: number; note: string }; documents: StaffRuleDocument[] };
  return new StaffRuleBook(f.documents, { value: f.credentialExpiringDays.value, source: f.credentialExpiringDays.note });
}

/** Loads and checks the shipped rules file (services/staff/rules/staff-rules.json). */
export function loadStaffRules(file = STAFF_RULES_FILE): StaffRuleBook {
  return parseStaffRules(fs.readFileSync(file, 'utf8'), file);
}

export function requirementsOf(rules: StaffRules, role: StaffRole): Requirement[] {
  return rules.roleRequirements.find((r) => r.role === role)?.requires ?? [];
}

/** The ratio a class type is judged by: in a family childcare point (operator type `family`) the point's own, where stricter. */
export function ratioOf(rules: StaffRules, classType: ClassType, operatorType: string | null = null): { childrenPerCarer: number; source: string } {
  const ratio = rules.ratios.find((r) => r.classType === classType);
  if (!ratio) throw new StaffRulesError(`no ratio for ${classType}`);
  const family = operatorType === 'family' ? rules.familyPointRatio : null;
  return family && family.childrenPerCarer < ratio.childrenPerCarer ? family : ratio;
}
