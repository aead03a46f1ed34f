/**
 * Division codes (区划代码) and the scope rule built on them: an official whose token carries
 * a division may act on that division and everything inside it (6-digit GB/T 2260 codes for a
 * county/district, 9 digits — GB/T 10114, county code + 3 — for a street or township).
 *
 * Containment is decided from the code structure alone (GB/T 2260 §4: digits 1–2 province,
 * 3–4 prefecture-level city, 5–6 county; GB/T 10114: digits 7–9 street/township), so it also
 * works for codes outside the bundled table. Names and the known-code check use the table in
 * `division-table.ts`.
 */
import { DIVISION_TABLE, type DivisionLevel, type DivisionRow } from './division-table.js';

export { DIVISION_TABLE, DIVISION_TABLE_SOURCE, type DivisionLevel, type DivisionRow } from './division-table.js';

const CODE_FORMAT = /^\d{6}(\d{3})?$/;

/** True for 6 digits (GB/T 2260) or 9 digits (GB/T 10114). */
export function isDivisionCodeFormat(code: unknown): code is string {
  return typeof code === 'string' && CODE_FORMAT.test(code);
}

/**
 * The level a code denotes by its structure: 9 digits → street/township; `xx0000` →
 * province; `xxxx00` → prefecture-level city (or a municipality's 市辖区/县 grouping);
 * otherwise county. Undefined for a malformed code.
 */
export function divisionLevelOf(code: string): DivisionLevel | undefined {
  if (!isDivisionCodeFormat(code)) return undefined;
  if (code.length === 9) return 'street';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** Checks a table: formats, duplicates, levels matching the code, parents present and enclosing. */
export function checkDivisionTable(rows: readonly DivisionRow[]): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  for (const r of rows) {
    if (!isDivisionCodeFormat(r.code)) problems.push(`${r.code}: not a 6- or 9-digit code`);
    if (codes.has(r.code)) problems.push(`${r.code}: duplicate`);
    codes.add(r.code);
    if (!r.name || r.name.trim() !== r.name) problems.push(`${r.code}: bad name ${JSON.stringify(r.name)}`);
    if (divisionLevelOf(r.code) !== r.level) problems.push(`${r.code}: level ${r.level} does not match the code structure`);
  }
  for (const r of rows) {
    if (r.level === 'province') {
      if (r.parent !== null) problems.push(`${r.code}: a province has no parent`);
      continue;
    }
    if (r.parent === null || !codes.has(r.parent)) {
      problems.push(`${r.code}: parent ${String(r.parent)} is not in the table`);
      continue;
    }
    if (r.parent === r.code || !divisionContains(r.parent, r.code)) problems.push(`${r.code}: parent ${r.parent} does not enclose it`);
    if (r.level === 'street' && r.parent !== r.code.slice(0, 6)) problems.push(`${r.code}: a street's parent must be its county ${r.code.slice(0, 6)}`);
  }
  return problems;
}

const BY_CODE: ReadonlyMap<string, DivisionRow> = (() => {
  // A broken table stops the process at start, before any scope is decided on it.
  const problems = checkDivisionTable(DIVISION_TABLE);
  if (problems.length > 0) throw new Error(`division-table.ts is inconsistent:\n  ${problems.join('\n  ')}`);
  return new Map(DIVISION_TABLE.map((r) => [r.code, r]));
})();

/** The table row for a code, or undefined when the code is not in the bundled table. */
export function findDivision(code: string): DivisionRow | undefined {
  const r = BY_CODE.get(code);
  return r && { ...r };
}

export function isKnownDivision(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * The county-level division a code belongs to: a street's first 6 digits (GB/T 10114), a
 * county code itself; undefined for province- or city-level and malformed codes.
 */
export function parentCounty(code: string): string | undefined {
  const level = divisionLevelOf(code);
  if (level === 'street') return code.slice(0, 6);
  if (level === 'county') return code;
  return undefined;
}

/**
 * True when `code` is `scopeCode` or lies inside it: a province `330000` contains every
 * `33xxxx` and their streets, a city `330100` every `3301xx` and their streets, a county its
 * 9-digit streets; a street contains only itself. False for malformed codes.
 */
export function divisionContains(scopeCode: string, code: string): boolean {
  if (!isDivisionCodeFormat(scopeCode) || !isDivisionCodeFormat(code)) return false;
  if (scopeCode === code) return true;
  switch (divisionLevelOf(scopeCode)) {
    case 'province':
      return code.startsWith(scopeCode.slice(0, 2));
    case 'city':
      return code.startsWith(scopeCode.slice(0, 4));
    case 'county':
      return code.length === 9 && code.startsWith(scopeCode);
    default:
      return false;
  }
}

/** True when any of the scopes (e.g. an actor's `divisions`) contains the code. */
export function anyDivisionContains(scopeCodes: readonly string[], code: string): boolean {
  return scopeCodes.some((s) => divisionContains(s, code));
}

/** The streets and townships of a county in the bundled table, by code. */
export function streetsOf(countyCode: string): DivisionRow[] {
  return childrenOf(countyCode).filter((r) => r.level === 'street');
}

/** The rows whose parent is `code`, by code. */
export function childrenOf(code: string): DivisionRow[] {
  return DIVISION_TABLE.filter((r) => r.parent === code)
    .map((r) => ({ ...r }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The chain from the province down to the code (`浙江省 › 杭州市 › 西湖区 › 三墩镇`); empty when unknown. */
export function divisionPath(code: string): DivisionRow[] {
  const path: DivisionRow[] = [];
  for (let r = BY_CODE.get(code); r; r = r.parent === null ? undefined : BY_CODE.get(r.parent)) path.unshift({ ...r });
  return path;
}

/** Full name for documents such as filing receipts, e.g. `浙江省杭州市西湖区三墩镇`; undefined when unknown. */
export function divisionFullName(code: string): string | undefined {
  const path = divisionPath(code);
  return path.length > 0 ? path.map((r) => r.name).join('') : undefined;
}
