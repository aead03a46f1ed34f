import {
  CHECKLIST_KINDS,
  type ChecklistKind,
  FORM_AREAS,
  INSPECTION_DEPARTMENTS,
  type InspectionDepartment,
  type InspectionItem,
  OPERATOR_TYPES,
  PENALTY_KINDS,
  type PenaltyItem,
  SEVERITIES,
} from '@shanyu/contracts';
import { isIsoDate } from '@shanyu/common';

/** One version of one department's list, as data (built-in files and published versions alike). */
export interface ChecklistData {
  kind: ChecklistKind;
  department: InspectionDepartment;
  version: string;
  effectiveFrom: string;
  title: string;
  source: string;
  inspectionItems: InspectionItem[];
  penaltyItems: PenaltyItem[];
}

export class ChecklistError extends Error {
  override name = 'ChecklistError';
  constructor(
    message: string,
    readonly problems: { field: string; message: string }[],
  ) {
    super(message);
  }
}

const ITEM_CODE = /^[A-Z]{2,10}-[A-Z0-9]{1,10}(-[A-Z0-9]{1,10})?$/;
const str = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);
const intIn = (min: number, max: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const fen = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const listOf =
  (ok: (v: unknown) => boolean, minLength = 0) =>
  (v: unknown) =>
    Array.isArray(v) && v.length >= minLength && v.every(ok) && new Set(v).size === v.length;

type FieldCheck = { ok: (v: unknown) => boolean; required: boolean; what: string };
const required = (ok: (v: unknown) => boolean, what: string): FieldCheck => ({ ok, required: true, what });
const optional = (ok: (v: unknown) => boolean, what: string): FieldCheck => ({ ok, required: false, what });

const INSPECTION_ITEM: Record<string, FieldCheck> = {
  code: required((v) => typeof v === 'string' && ITEM_CODE.test(v), 'a code like FIRE-01'),
  area: required(oneOf(FORM_AREAS), `one of ${FORM_AREAS.join(', ')}`),
  category: required(str, 'text'),
  text: required(str, 'text'),
  legalBasis: required(str, 'the legal basis — every item cites where it comes from'),
  riskWeight: required(intIn(1, 5), 'an integer 1–5'),
  severity: required(oneOf(SEVERITIES), SEVERITIES.join(' / ')),
  appliesTo: required(listOf(oneOf(OPERATOR_TYPES)), 'a list of operator types (empty = all)'),
  basic: required((v) => typeof v === 'boolean', 'true or false'),
  source: optional(str, 'text'),
};

const PENALTY_ITEM: Record<string, FieldCheck> = {
  code: required((v) => typeof v === 'string' && ITEM_CODE.test(v), 'a code like PFIRE-01'),
  violation: required(str, 'text'),
  legalBasis: required(str, 'the legal basis'),
  kinds: required(listOf(oneOf(PENALTY_KINDS), 1), `a non-empty list of ${PENALTY_KINDS.join(', ')}`),
  fineMinFen: optional(fen, 'a non-negative integer amount in fen'),
  fineMaxFen: optional(fen, 'a non-negative integer amount in fen'),
  relatedItems: required(
    listOf((v) => typeof v === 'string' && ITEM_CODE.test(v), 1),
    'a non-empty list of inspection item codes',
  ),
  note: optional(str, 'text'),
};

function checkFields(item: unknown, shape: Record<string, FieldCheck>, at: string, problems: { field: string; message: string }[]): void {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    problems.push({ field: at, message: 'not an object' });
    return;
  }
  const record = item as Record<string, unknown>;
  for (const [key, check] of Object.entries(shape)) {
    const value = record[key];
    if (value === undefined || value === null || value === '') {
      if (check.required) problems.push({ field: `${at}.${key}`, message: `missing (${check.what})` });
    } else if (!check.ok(value)) {
      problems.push({ field: `${at}.${key}`, message: `invalid: must be ${check.what}` });
    }
  }
  // A misplaced or misspelled key silently ignored is how rules freeze for years: refuse it.
  for (const key of Object.keys(record)) if (!(key in shape)) problems.push({ field: `${at}.${key}`, message: 'unknown field' });
}

/**
 * Checks one list version's shape; throws a ChecklistError listing every problem. A built-in
 * list that does not match stops the service at start; a published one is refused (400).
 */
export function loadChecklist(data: unknown): ChecklistData {
  const problems: { field: string; message: string }[] = [];
  const c = data as Partial<ChecklistData> & Record<string, unknown>;
  if (!c || typeof c !== 'object') throw new ChecklistError('checklist is not an object', [{ field: '(list)', message: 'not an object' }]);
  if (!oneOf(CHECKLIST_KINDS)(c.kind)) problems.push({ field: 'kind', message: `must be ${CHECKLIST_KINDS.join(' or ')}` });
  if (!oneOf(INSPECTION_DEPARTMENTS)(c.department)) problems.push({ field: 'department', message: 'unknown department' });
  if (typeof c.version !== 'string' || !/^[a-z]+\/\d{4}\.\d{1,3}$/.test(c.version) || !c.version.startsWith(`${c.department}/`)) {
    problems.push({ field: 'version', message: `must look like ${c.department ?? 'fire'}/2026.1 and start with the department` });
  }
  if (!isIsoDate(c.effectiveFrom)) problems.push({ field: 'effectiveFrom', message: 'must be a date YYYY-MM-DD' });
  if (!str(c.title)) problems.push({ field: 'title', message: 'missing' });
  if (!str(c.source)) problems.push({ field: 'source', message: 'missing — a list names the document that publishes it' });
  const known = new Set(['kind', 'department', 'version', 'effectiveFrom', 'title', 'source', 'inspectionItems', 'penaltyItems']);
  for (const key of Object.keys(c)) if (!known.has(key)) problems.push({ field: key, message: 'unknown field' });

  const inspectionItems = (c.inspectionItems ?? []) as unknown[];
  const penaltyItems = (c.penaltyItems ?? []) as unknown[];
  if (!Array.isArray(inspectionItems) || !Array.isArray(penaltyItems)) {
    problems.push({ field: 'items', message: 'inspectionItems and penaltyItems must be lists' });
  } else if (c.kind === 'inspection') {
    if (inspectionItems.length === 0) problems.push({ field: 'inspectionItems', message: 'an inspection list needs at least one item' });
    if (penaltyItems.length) problems.push({ field: 'penaltyItems', message: 'an inspection list has no penalty items' });
    inspectionItems.forEach((item, i) => checkFields(item, INSPECTION_ITEM, `inspectionItems.${i}`, problems));
  } else if (c.kind === 'penalty') {
    if (penaltyItems.length === 0) problems.push({ field: 'penaltyItems', message: 'a penalty list needs at least one item' });
    if (inspectionItems.length) problems.push({ field: 'inspectionItems', message: 'a penalty list has no inspection items' });
    penaltyItems.forEach((item, i) => {
      checkFields(item, PENALTY_ITEM, `penaltyItems.${i}`, problems);
      const p = item as Partial<PenaltyItem>;
      const fines = Array.isArray(p?.kinds) && p.kinds.includes('fine');
      if (fines && (!fen(p.fineMinFen) || !fen(p.fineMaxFen)))
        problems.push({ field: `penaltyItems.${i}`, message: 'a fine needs fineMinFen and fineMaxFen (the legal range)' });
      if (fines && fen(p.fineMinFen) && fen(p.fineMaxFen) && p.fineMinFen! > p.fineMaxFen!)
        problems.push({ field: `penaltyItems.${i}`, message: 'fineMinFen is above fineMaxFen' });
      if (!fines && (p?.fineMinFen !== undefined || p?.fineMaxFen !== undefined))
        problems.push({ field: `penaltyItems.${i}`, message: 'a fine range without the fine kind' });
    });
  }
  const items = [...(Array.isArray(inspectionItems) ? inspectionItems : []), ...(Array.isArray(penaltyItems) ? penaltyItems : [])] as { code?: string }[];
  const seen = new Set<string>();
  items.forEach((item) => {
    if (typeof item?.code !== 'string') return;
    if (seen.has(item.code)) problems.push({ field: item.code, message: 'duplicate code in the list' });
    seen.add(item.code);
  });
  if (problems.length) {
    throw new ChecklistError(`invalid checklist ${String(c.version ?? '')}:\n  ${problems.map((p) => `${p.field}: ${p.message}`).join('\n  ')}`, problems);
  }
  return {
    kind: c.kind!,
    department: c.department!,
    version: c.version!,
    effectiveFrom: c.effectiveFrom!,
    title: c.title!,
    source: c.source!,
    inspectionItems: inspectionItems as InspectionItem[],
    penaltyItems: penaltyItems as PenaltyItem[],
  };
}

/**
 * Rules across lists: an item code belongs to one department for ever (its results and
 * findings refer to it), and a penalty item names inspection items that exist.
 */
export function checkCatalog(lists: ChecklistData[]): void {
  const problems: { field: string; message: string }[] = [];
  const owner = new Map<string, string>();
  for (const list of lists) {
    for (const item of [...list.inspectionItems, ...list.penaltyItems]) {
      const before = owner.get(item.code);
      if (before && before !== list.department) problems.push({ field: item.code, message: `code used by ${before} and ${list.department}` });
      owner.set(item.code, list.department);
    }
  }
  const inspectionCodes = new Set(lists.flatMap((l) => l.inspectionItems.map((i) => i.code)));
  for (const list of lists) {
    for (const item of list.penaltyItems) {
      for (const code of item.relatedItems)
        if (!inspectionCodes.has(code)) problems.push({ field: `${list.version} ${item.code}`, message: `related item ${code} is on no inspection list` });
    }
  }
  if (problems.length) throw new ChecklistError(`inconsistent checklists:\n  ${problems.map((p) => `${p.field}: ${p.message}`).join('\n  ')}`, problems);
}
