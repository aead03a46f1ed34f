import {
  CHECKLIST_KINDS,
  DISCRETION_LEVELS,
  type DiscretionItem,
  ITEM_COMPOSITIONS,
  type ChecklistKind,
  FORM_AREAS,
  INSPECTION_DEPARTMENTS,
  INSTITUTION_NATURES,
  type InspectionDepartment,
  type InspectionItem,
  OPERATOR_TYPES,
  FINE_BASES,
  PENALTY_CIRCUMSTANCES,
  PENALTY_KINDS,
  type PenaltyItem,
  SEVERITIES,
} from '@shanyu/contracts';
import { isIsoDate, isKnownDivision, jurisdictionChain, jurisdictionName, NATIONAL_JURISDICTION, type RuleSource } from '@shanyu/common';
import { fineBounds, fineRuleProblems } from '../penalties/fine-rules.js';

/** An item of a list above that stops applying in the list's jurisdiction, and why. */
export interface DisabledItem {
  code: string;
  reason: string;
}

/**
 * One version of one department's list for one jurisdiction (national, or a province, city,
 * county or street), as data — built-in files and published versions alike. A local list applies
 * only inside its jurisdiction, on top of the lists above: its items add to them or replace the
 * item of the same code, `disabledItems` stop items from above applying there, `inheritedItems`
 * confirm them.
 */
export interface ChecklistData {
  kind: ChecklistKind;
  department: InspectionDepartment;
  /** NATIONAL_JURISDICTION (全国) or a division code. */
  jurisdiction: string;
  /** `<department>/<year>.<n>` (national) or `<department>-<jurisdiction>/<year>.<n>`. */
  version: string;
  effectiveFrom: string;
  title: string;
  /** The publishing document as one line of text. */
  source: string;
  /** The documents the list rests on (依据), as citations. */
  sources: RuleSource[];
  inspectionItems: InspectionItem[];
  penaltyItems: PenaltyItem[];
  /** 裁量基准 entries (kind `discretion` only). */
  discretionItems: DiscretionItem[];
  disabledItems: DisabledItem[];
  inheritedItems: string[];
}

/** A list as written in a data file: nothing disabled or confirmed unless it says so. */
export type ChecklistFile = Omit<ChecklistData, 'discretionItems' | 'disabledItems' | 'inheritedItems'> &
  Partial<Pick<ChecklistData, 'discretionItems' | 'disabledItems' | 'inheritedItems'>>;

/** The version prefix a list of this department and jurisdiction must carry. */
export function versionPrefixOf(department: string, jurisdiction: string): string {
  return jurisdiction === NATIONAL_JURISDICTION ? department : `${department}-${jurisdiction}`;
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

export const INSPECTION_ITEM: Record<string, FieldCheck> = {
  code: required((v) => typeof v === 'string' && ITEM_CODE.test(v), 'a code like FIRE-01'),
  area: required(oneOf(FORM_AREAS), `one of ${FORM_AREAS.join(', ')}`),
  category: required(str, 'text'),
  text: required(str, 'text'),
  legalBasis: required(str, 'the legal basis — every item cites where it comes from'),
  riskWeight: required(intIn(1, 5), 'an integer 1–5'),
  severity: required(oneOf(SEVERITIES), SEVERITIES.join(' / ')),
  appliesTo: required(listOf(oneOf(OPERATOR_TYPES)), 'a list of operator types (empty = all)'),
  basic: required((v) => typeof v === 'boolean', 'true or false'),
  appliesToNatures: optional(listOf(oneOf(INSTITUTION_NATURES)), `a list of ${INSTITUTION_NATURES.join(', ')} (empty = all)`),
  source: optional(str, 'text'),
  composition: optional(oneOf(ITEM_COMPOSITIONS), ITEM_COMPOSITIONS.join(' / ')),
};

export const PENALTY_ITEM: Record<string, FieldCheck> = {
  code: required((v) => typeof v === 'string' && ITEM_CODE.test(v), 'a code like PFIRE-01'),
  violation: required(str, 'text'),
  legalBasis: required(str, 'the legal basis'),
  kinds: required(listOf(oneOf(PENALTY_KINDS), 1), `a non-empty list of ${PENALTY_KINDS.join(', ')}`),
  fineMinFen: optional(fen, 'a non-negative integer amount in fen'),
  fineMaxFen: optional(fen, 'a non-negative integer amount in fen'),
  fine: optional((v) => !!v && typeof v === 'object' && !Array.isArray(v), 'the fine as the law writes it: {basis, tiers}'),
  relatedItems: required(
    listOf((v) => typeof v === 'string' && ITEM_CODE.test(v), 1),
    'a non-empty list of inspection item codes',
  ),
  note: optional(str, 'text'),
  composition: optional(oneOf(ITEM_COMPOSITIONS), ITEM_COMPOSITIONS.join(' / ')),
};

export const DISCRETION_ITEM: Record<string, FieldCheck> = {
  code: required((v) => typeof v === 'string' && ITEM_CODE.test(v), 'a code like DMKT-00'),
  title: required(str, 'text'),
  penaltyItems: required(
    listOf((v) => typeof v === 'string' && ITEM_CODE.test(v)),
    'a list of penalty item codes (empty = every fine item of the department without its own entry)',
  ),
  bands: required((v) => Array.isArray(v) && v.length === 3, 'the three levels lenient, ordinary, severe'),
  legalBasis: required(str, 'the benchmark document and article'),
  note: optional(str, 'text'),
  composition: optional(oneOf(ITEM_COMPOSITIONS), ITEM_COMPOSITIONS.join(' / ')),
};

const DISCRETION_BAND: Record<string, FieldCheck> = {
  level: required(oneOf(DISCRETION_LEVELS), DISCRETION_LEVELS.join(' / ')),
  fromPercent: required(intIn(0, 100), 'an integer 0–100'),
  toPercent: required(intIn(0, 100), 'an integer 0–100'),
  circumstances: required(str, 'when the level applies (情形)'),
};

/** Problems of a 裁量基准 entry beyond its fields: 从轻, 一般, 从重 in that order, covering 0–100 percent without gaps. */
export function checkDiscretionItem(d: Partial<DiscretionItem> | undefined, at: string, problems: { field: string; message: string }[]): void {
  if (!Array.isArray(d?.bands) || d.bands.length !== 3) return;
  const before = problems.length;
  d.bands.forEach((b, i) => checkFields(b, DISCRETION_BAND, `${at}.bands.${i}`, problems));
  if (problems.length > before) return;
  const bands = d.bands;
  if (bands.map((b) => b.level).join() !== DISCRETION_LEVELS.join())
    problems.push({ field: `${at}.bands`, message: `levels in order ${DISCRETION_LEVELS.join(', ')} (从轻、一般、从重)` });
  bands.forEach((b, i) => {
    if (b.fromPercent >= b.toPercent) problems.push({ field: `${at}.bands.${i}`, message: 'fromPercent must be below toPercent' });
    const expectedFrom = i === 0 ? 0 : bands[i - 1]!.toPercent;
    if (b.fromPercent !== expectedFrom)
      problems.push({ field: `${at}.bands.${i}.fromPercent`, message: `must be ${expectedFrom}: the levels cover the range without gaps` });
  });
  if (bands[2]!.toPercent !== 100) problems.push({ field: `${at}.bands.2.toPercent`, message: 'must be 100: 从重 reaches the maximum' });
}

const FINE_RULE: Record<string, FieldCheck> = {
  basis: required(oneOf(FINE_BASES), FINE_BASES.join(' / ')),
  tiers: required((v) => Array.isArray(v) && v.length >= 1 && v.length <= 10, 'a list of 1–10 ranges'),
};

const FINE_TIER: Record<string, FieldCheck> = {
  basisFromFen: optional(fen, 'a non-negative integer amount in fen'),
  basisBelowFen: optional(fen, 'a non-negative integer amount in fen'),
  circumstance: optional(oneOf(PENALTY_CIRCUMSTANCES), PENALTY_CIRCUMSTANCES.join(' / ')),
  minFen: optional(fen, 'a non-negative integer amount in fen'),
  maxFen: optional(fen, 'a non-negative integer amount in fen'),
  minTimes: optional(intIn(0, 1000), 'an integer multiple'),
  maxTimes: optional(intIn(1, 1000), 'an integer multiple'),
  basisFloorFen: optional(fen, 'a non-negative integer amount in fen'),
  article: optional(str, 'text (article)'),
};

const SOURCE: Record<string, FieldCheck> = {
  title: required((v) => typeof v === 'string' && v.trim().length >= 4, 'the title of the document (at least 4 characters)'),
  documentNo: optional(str, 'text (文号)'),
  article: optional(str, 'text (article)'),
};

const DISABLED_ITEM: Record<string, FieldCheck> = {
  code: required((v) => typeof v === 'string' && ITEM_CODE.test(v), 'an item code like MKT-11'),
  reason: required((v) => typeof v === 'string' && v.trim().length >= 4, 'the reason (at least 4 characters)'),
};

export function checkFields(item: unknown, shape: Record<string, FieldCheck>, at: string, problems: { field: string; message: string }[]): void {
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
 * Problems of a penalty item beyond its fields: a fine needs its legal range — `fine` as the law
 * writes it, or a fixed fineMinFen–fineMaxFen; beside `fine`, fineMinFen/fineMaxFen may only
 * repeat its bounds (as replies show them).
 */
export function checkPenaltyItem(p: Partial<PenaltyItem> | undefined, at: string, problems: { field: string; message: string }[]): void {
  const fines = Array.isArray(p?.kinds) && p.kinds.includes('fine');
  if (p?.fine && typeof p.fine === 'object') {
    const before = problems.length;
    checkFields(p.fine, FINE_RULE, `${at}.fine`, problems);
    if (Array.isArray(p.fine.tiers)) p.fine.tiers.forEach((t, i) => checkFields(t, FINE_TIER, `${at}.fine.tiers.${i}`, problems));
    if (problems.length > before) return;
    problems.push(...fineRuleProblems(p.fine, `${at}.fine`));
    if (!fines) problems.push({ field: `${at}.fine`, message: 'a fine rule without the fine kind' });
    const bounds = fineBounds(p.fine);
    if ((p.fineMinFen !== undefined && p.fineMinFen !== bounds.fineMinFen) || (p.fineMaxFen !== undefined && p.fineMaxFen !== bounds.fineMaxFen))
      problems.push({
        field: at,
        message: `beside fine, fineMinFen/fineMaxFen may only repeat its bounds (${bounds.fineMinFen}–${bounds.fineMaxFen ?? '∞'}) or be left out`,
      });
    return;
  }
  if (fines && (!fen(p!.fineMinFen) || !fen(p!.fineMaxFen))) problems.push({ field: at, message: 'a fine needs fineMinFen and fineMaxFen (the legal range)' });
  if (fines && fen(p!.fineMinFen) && fen(p!.fineMaxFen) && p!.fineMinFen! > p!.fineMaxFen!)
    problems.push({ field: at, message: 'fineMinFen is above fineMaxFen' });
  if (!fines && (p?.fineMinFen !== undefined || p?.fineMaxFen !== undefined)) problems.push({ field: at, message: 'a fine range without the fine kind' });
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
  const national = c.jurisdiction === NATIONAL_JURISDICTION;
  if (typeof c.jurisdiction !== 'string' || (!national && !isKnownDivision(c.jurisdiction)))
    problems.push({ field: 'jurisdiction', message: `must be ${NATIONAL_JURISDICTION} (national) or a known division code` });
  const prefix = versionPrefixOf(String(c.department ?? 'fire'), String(c.jurisdiction ?? NATIONAL_JURISDICTION));
  if (typeof c.version !== 'string' || !/^[a-z]+(-\d{6}|-\d{9})?\/\d{4}\.\d{1,3}$/.test(c.version) || !c.version.startsWith(`${prefix}/`)) {
    problems.push({
      field: 'version',
      message: `版本号应为 ${prefix}/<年份>.<序号>（${national ? '全国清单：部门' : `${jurisdictionName(String(c.jurisdiction))}的清单：部门-区划代码`}），如 ${prefix}/2027.1`,
    });
  }
  if (!isIsoDate(c.effectiveFrom)) problems.push({ field: 'effectiveFrom', message: 'must be a date YYYY-MM-DD' });
  if (!str(c.title)) problems.push({ field: 'title', message: 'missing' });
  if (!str(c.source)) problems.push({ field: 'source', message: 'missing — a list names the document that publishes it' });
  const sources = (c.sources ?? (str(c.source) ? [{ title: c.source }] : [])) as unknown[];
  if (!Array.isArray(sources) || sources.length === 0)
    problems.push({ field: 'sources', message: 'at least one document the list rests on (title, 文号, article)' });
  else sources.forEach((s, i) => checkFields(s, SOURCE, `sources.${i}`, problems));
  const known = new Set([
    'kind',
    'department',
    'jurisdiction',
    'version',
    'effectiveFrom',
    'title',
    'source',
    'sources',
    'inspectionItems',
    'penaltyItems',
    'discretionItems',
    'disabledItems',
    'inheritedItems',
  ]);
  for (const key of Object.keys(c)) if (!known.has(key)) problems.push({ field: key, message: 'unknown field' });

  const inspectionItems = (c.inspectionItems ?? []) as unknown[];
  const penaltyItems = (c.penaltyItems ?? []) as unknown[];
  const discretionItems = (c.discretionItems ?? []) as unknown[];
  const disabledItems = (c.disabledItems ?? []) as unknown[];
  const inheritedItems = (c.inheritedItems ?? []) as unknown[];
  if (!Array.isArray(disabledItems)) problems.push({ field: 'disabledItems', message: 'must be a list' });
  else disabledItems.forEach((d, i) => checkFields(d, DISABLED_ITEM, `disabledItems.${i}`, problems));
  if (!Array.isArray(inheritedItems)) problems.push({ field: 'inheritedItems', message: 'must be a list' });
  else
    inheritedItems.forEach((code, i) => {
      if (typeof code !== 'string' || !ITEM_CODE.test(code)) problems.push({ field: `inheritedItems.${i}`, message: 'must be an item code like FIRE-01' });
    });
  const fromAbove = (Array.isArray(disabledItems) ? disabledItems.length : 0) + (Array.isArray(inheritedItems) ? inheritedItems.length : 0);
  if (!Array.isArray(inspectionItems) || !Array.isArray(penaltyItems) || !Array.isArray(discretionItems)) {
    problems.push({ field: 'items', message: 'inspectionItems, penaltyItems and discretionItems must be lists' });
  } else if (c.kind === 'discretion') {
    if (discretionItems.length + fromAbove === 0) problems.push({ field: 'discretionItems', message: 'a discretion benchmark needs at least one entry' });
    if (inspectionItems.length || penaltyItems.length)
      problems.push({ field: 'items', message: 'a discretion benchmark has only discretionItems (no inspection or penalty items)' });
    discretionItems.forEach((item, i) => {
      checkFields(item, DISCRETION_ITEM, `discretionItems.${i}`, problems);
      checkDiscretionItem(item as Partial<DiscretionItem>, `discretionItems.${i}`, problems);
    });
  } else if (c.kind === 'inspection') {
    if (inspectionItems.length + fromAbove === 0) problems.push({ field: 'inspectionItems', message: 'an inspection list needs at least one item' });
    if (penaltyItems.length) problems.push({ field: 'penaltyItems', message: 'an inspection list has no penalty items' });
    if (discretionItems.length) problems.push({ field: 'discretionItems', message: 'only a discretion benchmark has discretionItems' });
    inspectionItems.forEach((item, i) => checkFields(item, INSPECTION_ITEM, `inspectionItems.${i}`, problems));
  } else if (c.kind === 'penalty') {
    if (penaltyItems.length + fromAbove === 0) problems.push({ field: 'penaltyItems', message: 'a penalty list needs at least one item' });
    if (inspectionItems.length) problems.push({ field: 'inspectionItems', message: 'a penalty list has no inspection items' });
    if (discretionItems.length) problems.push({ field: 'discretionItems', message: 'only a discretion benchmark has discretionItems' });
    penaltyItems.forEach((item, i) => {
      checkFields(item, PENALTY_ITEM, `penaltyItems.${i}`, problems);
      checkPenaltyItem(item as Partial<PenaltyItem>, `penaltyItems.${i}`, problems);
    });
  }
  if (national) {
    // Nothing is above a national list: it can only add.
    if (fromAbove) problems.push({ field: 'disabledItems', message: '全国清单没有上级清单，不能停用或沿用上级事项' });
    [
      ...(Array.isArray(inspectionItems) ? inspectionItems : []),
      ...(Array.isArray(penaltyItems) ? penaltyItems : []),
      ...(Array.isArray(discretionItems) ? discretionItems : []),
    ].forEach((item) => {
      const code = (item as { code?: string; composition?: string })?.code;
      if ((item as { composition?: string })?.composition === 'replaces')
        problems.push({ field: String(code), message: '全国清单没有上级清单，不能替代上级事项' });
    });
  }
  const codes = [
    ...(Array.isArray(inspectionItems) ? inspectionItems : []),
    ...(Array.isArray(penaltyItems) ? penaltyItems : []),
    ...(Array.isArray(discretionItems) ? discretionItems : []),
    ...(Array.isArray(disabledItems) ? disabledItems : []),
  ].map((item) => (item as { code?: string })?.code);
  codes.push(...(Array.isArray(inheritedItems) ? (inheritedItems as string[]) : []));
  const seen = new Set<string>();
  codes.forEach((code) => {
    if (typeof code !== 'string') return;
    if (seen.has(code)) problems.push({ field: code, message: 'duplicate code in the list' });
    seen.add(code);
  });
  if (problems.length) {
    throw new ChecklistError(`invalid checklist ${String(c.version ?? '')}:\n  ${problems.map((p) => `${p.field}: ${p.message}`).join('\n  ')}`, problems);
  }
  return {
    kind: c.kind!,
    department: c.department!,
    jurisdiction: c.jurisdiction!,
    version: c.version!,
    effectiveFrom: c.effectiveFrom!,
    title: c.title!,
    source: c.source!,
    sources: (sources as RuleSource[]).map((s) => ({
      title: s.title,
      ...(s.documentNo ? { documentNo: s.documentNo } : {}),
      ...(s.article ? { article: s.article } : {}),
    })),
    inspectionItems: inspectionItems as InspectionItem[],
    penaltyItems: (penaltyItems as PenaltyItem[]).map(withFineBounds),
    discretionItems: discretionItems as DiscretionItem[],
    disabledItems: (disabledItems as DisabledItem[]).map((d) => ({ code: d.code, reason: d.reason })),
    inheritedItems: inheritedItems as string[],
  };
}

/** A penalty item with `fine` shows its bounds as fineMinFen/fineMaxFen too, for clients that read only those. */
function withFineBounds(item: PenaltyItem): PenaltyItem {
  if (!item.fine) return item;
  const { fineMinFen, fineMaxFen } = fineBounds(item.fine);
  const { fineMaxFen: _, ...rest } = item;
  return fineMaxFen === undefined ? { ...rest, fineMinFen } : { ...rest, fineMinFen, fineMaxFen };
}

const codesOf = (list: ChecklistData) => [
  ...list.inspectionItems.map((i) => i.code),
  ...list.penaltyItems.map((i) => i.code),
  ...list.discretionItems.map((i) => i.code),
  ...list.disabledItems.map((d) => d.code),
  ...list.inheritedItems,
];

/**
 * Rules across lists: an item code belongs to one department for ever (its results and
 * findings refer to it), and a penalty item names inspection items that exist (on a list of
 * some jurisdiction).
 */
export function checkCatalog(lists: ChecklistData[]): void {
  const problems: { field: string; message: string }[] = [];
  const owner = new Map<string, string>();
  for (const list of lists) {
    for (const code of codesOf(list)) {
      const before = owner.get(code);
      if (before && before !== list.department) problems.push({ field: code, message: `code used by ${before} and ${list.department}` });
      owner.set(code, list.department);
    }
  }
  const inspectionCodes = new Set(lists.flatMap((l) => l.inspectionItems.map((i) => i.code)));
  for (const list of lists) {
    for (const item of list.penaltyItems) {
      for (const code of item.relatedItems)
        if (!inspectionCodes.has(code)) problems.push({ field: `${list.version} ${item.code}`, message: `related item ${code} is on no inspection list` });
    }
  }
  const penaltyOwner = new Map(lists.flatMap((l) => l.penaltyItems.map((i) => [i.code, l.department] as const)));
  for (const list of lists) {
    for (const entry of list.discretionItems) {
      for (const code of entry.penaltyItems)
        if (penaltyOwner.get(code) !== list.department)
          problems.push({ field: `${list.version} ${entry.code}`, message: `penalty item ${code} is on no ${list.department} penalty list` });
    }
  }
  if (problems.length) throw new ChecklistError(`inconsistent checklists:\n  ${problems.map((p) => `${p.field}: ${p.message}`).join('\n  ')}`, problems);
}

/**
 * How a local list sits on the lists above it (the same kind and department, at the levels that
 * enclose its jurisdiction, any version): an item it adds is on none of them (replace it instead),
 * and an item it replaces, disables or confirms is on one of them. Fields name the list's own.
 */
export function checkPlacement(list: ChecklistData, catalog: readonly ChecklistData[]): void {
  if (list.jurisdiction === NATIONAL_JURISDICTION) return;
  const above = jurisdictionChain(list.jurisdiction).filter((j) => j !== list.jurisdiction);
  const lists = catalog.filter((l) => l.kind === list.kind && l.department === list.department && above.includes(l.jurisdiction));
  const where = new Map<string, string>();
  for (const l of lists)
    for (const item of [...l.inspectionItems, ...l.penaltyItems, ...l.discretionItems])
      if (!where.has(item.code)) where.set(item.code, jurisdictionName(l.jurisdiction));
  const problems: { field: string; message: string }[] = [];
  const field = ({ inspection: 'inspectionItems', penalty: 'penaltyItems', discretion: 'discretionItems' } as const)[list.kind];
  const items: { code: string; composition?: string }[] = list[field];
  items.forEach((item, i) => {
    const composition = item.composition ?? 'adds';
    if (composition === 'adds' && where.has(item.code))
      problems.push({
        field: `${field}.${i}.code`,
        message: `事项 ${item.code} 已在${where.get(item.code)}的清单中；在本地替代它请写明 composition: replaces`,
      });
    if (composition === 'replaces' && !where.has(item.code))
      problems.push({ field: `${field}.${i}.code`, message: `${jurisdictionName(list.jurisdiction)}的上级清单中没有事项 ${item.code}，无可替代` });
  });
  list.disabledItems.forEach((d, i) => {
    if (!where.has(d.code))
      problems.push({ field: `disabledItems.${i}.code`, message: `${jurisdictionName(list.jurisdiction)}的上级清单中没有事项 ${d.code}，无可停用` });
  });
  list.inheritedItems.forEach((code, i) => {
    if (!where.has(code))
      problems.push({ field: `inheritedItems.${i}`, message: `${jurisdictionName(list.jurisdiction)}的上级清单中没有事项 ${code}，无可沿用` });
  });
  if (problems.length)
    throw new ChecklistError(
      `checklist ${list.version} does not fit the lists above:\n  ${problems.map((p) => `${p.field}: ${p.message}`).join('\n  ')}`,
      problems,
    );
}
