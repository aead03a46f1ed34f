import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, isIsoDate } from '@shanyu/common';
import { CLASS_TYPES, type ClassType, CREDENTIAL_TYPES, type CredentialType, STAFF_ROLES, type StaffRole } from '@shanyu/contracts';

/**
 * The staff rules as data, so a district can change them without a release and an official can
 * see where each comes from: which role needs which credential, carer-to-child ratios, the
 * certificate-rate target and the re-check interval, each with the document it comes from. The file is checked against this shape at start; a file that does not
 * match stops the service with every problem listed (a key in the wrong place is an error, never
 * ignored).
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

export interface StaffRules {
  version: string;
  title: string;
  effectiveFrom: string;
  credentialTypes: Record<CredentialType, CredentialRule>;
  roleRequirements: { role: StaffRole; requires: Requirement[]; note?: string; source?: string }[];
  ratios: { classType: ClassType; childrenPerCarer: number; source: string }[];
  certificateRateTarget: { value: number; source: string };
  recheck: { intervalMonths: number; source: string };
  credentialExpiringDays: { value: number; source: string };
}

export const STAFF_RULES_FILE = fileURLToPath(new URL('../../rules/staff-rules.json', import.meta.url));

/** A ConfigError: the service stops at start with the message (every problem listed). */
export class StaffRulesError extends ConfigError {
  override name = 'StaffRulesError';
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
const isSource = (v: Json) => typeof v === 'string' && v.trim().length >= 4;

/** Every problem of a parsed rules document; empty when it is valid. */
export function staffRulesProblems(doc: Json): string[] {
  const problems: string[] = [];
  const onlyKeys = (where: string, value: Record<string, Json>, allowed: string[]) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) problems.push(`${where}: unknown key "${key}"`);
  };
  if (!isObject(doc)) return ['the document is not a JSON object'];
  onlyKeys('(root)', doc, [
    'version',
    'title',
    'effectiveFrom',
    'credentialTypes',
    'roleRequirements',
    'ratios',
    'certificateRateTarget',
    'recheck',
    'credentialExpiringDays',
  ]);
  if (typeof doc.version !== 'string' || !doc.version) problems.push('version: required text');
  if (typeof doc.title !== 'string') problems.push('title: required text');
  if (!isIsoDate(doc.effectiveFrom)) problems.push('effectiveFrom: must be a YYYY-MM-DD date');

  const types = doc.credentialTypes;
  if (!isObject(types)) problems.push('credentialTypes: required object');
  else {
    for (const [code, rule] of Object.entries(types)) {
      const where = `credentialTypes.${code}`;
      if (!(CREDENTIAL_TYPES as readonly string[]).includes(code))
        problems.push(`${where}: not a credential type of the contracts (${CREDENTIAL_TYPES.join(', ')})`);
      if (!isObject(rule)) {
        problems.push(`${where}: must be an object`);
        continue;
      }
      onlyKeys(where, rule, ['kind', 'validityMonths', 'source']);
      if (rule.kind !== 'qualification' && rule.kind !== 'health') problems.push(`${where}.kind: qualification or health`);
      if (
        rule.validityMonths !== null &&
        !(Number.isInteger(rule.validityMonths) && (rule.validityMonths as number) > 0 && (rule.validityMonths as number) <= 240)
      ) {
        problems.push(`${where}.validityMonths: null or a whole number of months (1–240)`);
      }
      if (!isSource(rule.source)) problems.push(`${where}.source: required (the document the rule comes from)`);
    }
    for (const code of CREDENTIAL_TYPES) if (!(code in types)) problems.push(`credentialTypes: missing ${code}`);
  }

  const roles = doc.roleRequirements;
  if (!Array.isArray(roles)) problems.push('roleRequirements: required list');
  else {
    const seen = new Set<string>();
    roles.forEach((entry, i) => {
      const where = `roleRequirements[${i}]`;
      if (!isObject(entry)) {
        problems.push(`${where}: must be an object`);
        return;
      }
      onlyKeys(where, entry, ['role', 'requires', 'note', 'source']);
      if (!(STAFF_ROLES as readonly string[]).includes(entry.role as string)) problems.push(`${where}.role: not a staff role (${STAFF_ROLES.join(', ')})`);
      else if (seen.has(entry.role as string)) problems.push(`${where}.role: ${String(entry.role)} listed twice`);
      seen.add(entry.role as string);
      if (!Array.isArray(entry.requires)) {
        problems.push(`${where}.requires: required list`);
        return;
      }
      if (entry.requires.length === 0 && !isSource(entry.source)) problems.push(`${where}.source: a role without requirements needs a source saying why`);
      entry.requires.forEach((req, j) => {
        const w = `${where}.requires[${j}]`;
        if (!isObject(req)) {
          problems.push(`${w}: must be an object`);
          return;
        }
        onlyKeys(w, req, ['anyOf', 'source']);
        if (!Array.isArray(req.anyOf) || req.anyOf.length === 0) problems.push(`${w}.anyOf: at least one credential type`);
        else for (const t of req.anyOf) if (!isObject(types) || !(String(t) in types)) problems.push(`${w}.anyOf: unknown credential type ${String(t)}`);
        if (!isSource(req.source)) problems.push(`${w}.source: required`);
      });
    });
    for (const role of STAFF_ROLES) if (!seen.has(role)) problems.push(`roleRequirements: missing role ${role}`);
  }

  const ratios = doc.ratios;
  if (!Array.isArray(ratios)) problems.push('ratios: required list');
  else {
    const seen = new Set<string>();
    ratios.forEach((entry, i) => {
      const where = `ratios[${i}]`;
      if (!isObject(entry)) {
        problems.push(`${where}: must be an object`);
        return;
      }
      onlyKeys(where, entry, ['classType', 'childrenPerCarer', 'source']);
      if (!(CLASS_TYPES as readonly string[]).includes(entry.classType as string))
        problems.push(`${where}.classType: not a class type (${CLASS_TYPES.join(', ')})`);
      else if (seen.has(entry.classType as string)) problems.push(`${where}.classType: ${String(entry.classType)} listed twice`);
      seen.add(entry.classType as string);
      if (!Number.isInteger(entry.childrenPerCarer) || (entry.childrenPerCarer as number) < 1 || (entry.childrenPerCarer as number) > 30)
        problems.push(`${where}.childrenPerCarer: a whole number 1–30`);
      if (!isSource(entry.source)) problems.push(`${where}.source: required`);
    });
    for (const c of CLASS_TYPES) if (!seen.has(c)) problems.push(`ratios: missing class type ${c}`);
  }

  const valued = (key: string, check: (v: Json) => boolean, what: string) => {
    const entry = doc[key];
    if (!isObject(entry)) {
      problems.push(`${key}: required object {value, source}`);
      return;
    }
    onlyKeys(key, entry, key === 'recheck' ? ['intervalMonths', 'source'] : ['value', 'source']);
    if (!check(key === 'recheck' ? entry.intervalMonths : entry.value)) problems.push(`${key}.${key === 'recheck' ? 'intervalMonths' : 'value'}: ${what}`);
    if (!isSource(entry.source)) problems.push(`${key}.source: required`);
  };
  valued('certificateRateTarget', (v) => typeof v === 'number' && v > 0 && v <= 1, 'a share between 0 and 1');
  valued('recheck', (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 60, 'whole months 1–60');
  valued('credentialExpiringDays', (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 365, 'whole days 1–365');
  return problems;
}

export function parseStaffRules(text: string, origin = 'staff rules'): StaffRules {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new StaffRulesError(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  const problems = staffRulesProblems(doc);
  if (problems.length) throw new StaffRulesError(`${origin} 不符合规则格式 (invalid):\n  ${problems.join('\n  ')}`);
  return doc as StaffRules;
}

/** Loads and checks the shipped rules file (services/staff/rules/staff-rules.json). */
export function loadStaffRules(file = STAFF_RULES_FILE): StaffRules {
  return parseStaffRules(fs.readFileSync(file, 'utf8'), file);
}

export function requirementsOf(rules: StaffRules, role: StaffRole): Requirement[] {
  return rules.roleRequirements.find((r) => r.role === role)?.requires ?? [];
}

export function ratioOf(rules: StaffRules, classType: ClassType): { childrenPerCarer: number; source: string } {
  const ratio = rules.ratios.find((r) => r.classType === classType);
  if (!ratio) throw new StaffRulesError(`no ratio for ${classType}`);
  return ratio;
}
