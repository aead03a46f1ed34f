import {
  checkRuleDocument,
  type FieldProblem,
  NATIONAL_JURISDICTION,
  type ResolvedRules,
  resolveRules,
  type RuleDocument,
  type RuleEntry,
} from '@shanyu/common';
import {
  CHECKLIST_KINDS,
  type ChecklistKind,
  type DiscretionItem,
  INSPECTION_DEPARTMENTS,
  type InspectionDepartment,
  type InspectionItem,
  type PenaltyItem,
} from '@shanyu/contracts';
import { type ChecklistData, checkDiscretionItem, checkFields, checkPenaltyItem, DISCRETION_ITEM, INSPECTION_ITEM, PENALTY_ITEM } from './checklist-schema.js';

/**
 * The two lists as rule documents of family `inspection`: each list version (one department,
 * one kind, one jurisdiction) is a document, each of its items a rule keyed by the item code.
 * Resolving the family for a division and a date gives the items in force there: the national
 * lists' items, plus and instead of them what the province, city, county and street lists add,
 * replace and disable.
 */
export type ChecklistRuleBody =
  | { kind: 'inspection'; department: InspectionDepartment; item: InspectionItem }
  | { kind: 'penalty'; department: InspectionDepartment; item: PenaltyItem }
  | { kind: 'discretion'; department: InspectionDepartment; item: DiscretionItem };

export type ChecklistRuleDocument = RuleDocument<ChecklistRuleBody>;

/** `fire-inspection` (national), `police-inspection-330106` (西湖区): one key per department, kind and jurisdiction. */
export function checklistDocumentKey(list: Pick<ChecklistData, 'kind' | 'department' | 'jurisdiction'>): string {
  const key = `${list.department}-${list.kind}`;
  return list.jurisdiction === NATIONAL_JURISDICTION ? key : `${key}-${list.jurisdiction}`;
}

/** `fire-inspection/2026.1` for the list version `fire/2026.1`. */
export function checklistRuleVersion(list: Pick<ChecklistData, 'kind' | 'department' | 'jurisdiction' | 'version'>): string {
  return `${checklistDocumentKey(list)}/${list.version.slice(list.version.indexOf('/') + 1)}`;
}

/** The list version as a rule document (its items as rules, with their composition). */
export function checklistRuleDocument(list: ChecklistData): ChecklistRuleDocument {
  const { department } = list;
  // Each item is a rule keyed by its code; its body is the item without how it composes.
  const itemRule = (body: ChecklistRuleBody, title: string): RuleEntry<ChecklistRuleBody> => {
    const { composition, ...item } = body.item;
    return { key: item.code, title, composition: composition ?? 'adds', sources: list.sources, body: { ...body, item } as ChecklistRuleBody };
  };
  const rules: RuleEntry<ChecklistRuleBody>[] = [
    ...list.inspectionItems.map((item) => itemRule({ kind: 'inspection', department, item }, item.category)),
    ...list.penaltyItems.map((item) => itemRule({ kind: 'penalty', department, item }, item.violation)),
    ...list.discretionItems.map((item) => itemRule({ kind: 'discretion', department, item }, item.title)),
    ...list.disabledItems.map((d): RuleEntry<ChecklistRuleBody> => ({
      key: d.code,
      title: `停用 ${d.code}`,
      composition: 'disables',
      reason: d.reason,
      sources: list.sources,
    })),
    ...list.inheritedItems.map((code): RuleEntry<ChecklistRuleBody> => ({ key: code, title: `沿用 ${code}`, composition: 'inherits', sources: [] })),
  ];
  return {
    family: 'inspection',
    documentKey: checklistDocumentKey(list),
    version: checklistRuleVersion(list),
    jurisdiction: list.jurisdiction,
    title: list.title,
    sources: list.sources,
    effectiveFrom: list.effectiveFrom,
    effectiveTo: null,
    rules,
  };
}

/** The body check of family `inspection`: the checklist's own item check (fields, kinds, fine ranges). */
export function checkChecklistRuleBody(body: ChecklistRuleBody, at: string, problems: FieldProblem[]): void {
  const found: { field: string; message: string }[] = [];
  if (!body || typeof body !== 'object') found.push({ field: at, message: 'not an object' });
  else {
    if (!(CHECKLIST_KINDS as readonly string[]).includes(body.kind)) found.push({ field: `${at}.kind`, message: `must be ${CHECKLIST_KINDS.join(' or ')}` });
    if (!(INSPECTION_DEPARTMENTS as readonly string[]).includes(body.department)) found.push({ field: `${at}.department`, message: 'unknown department' });
    if (body.kind === 'inspection') checkFields(body.item, INSPECTION_ITEM, `${at}.item`, found);
    if (body.kind === 'penalty') {
      checkFields(body.item, PENALTY_ITEM, `${at}.item`, found);
      checkPenaltyItem(body.item, `${at}.item`, found);
    }
    if (body.kind === 'discretion') {
      checkFields(body.item, DISCRETION_ITEM, `${at}.item`, found);
      checkDiscretionItem(body.item, `${at}.item`, found);
    }
  }
  problems.push(...found.map((p) => ({ field: p.field, code: 'RULE_DOCUMENT_INVALID', message: p.message })));
}

/** The one validation of a list as a rule document (envelope, compositions, every item); throws RULE_DOCUMENT_INVALID. */
export function checkChecklistDocument(list: ChecklistData): ChecklistRuleDocument {
  return checkRuleDocument(checklistRuleDocument(list), checkChecklistRuleBody);
}

/** One item in force in a division on a date, with the list version and jurisdiction it came from. */
export interface EffectiveChecklistItem<I = InspectionItem | PenaltyItem | DiscretionItem> {
  kind: ChecklistKind;
  department: InspectionDepartment;
  item: I;
  /** The list version (`police-330106/2026.1`). */
  checklistVersion: string;
  jurisdiction: string;
}

/**
 * The items in force in a division on a date. `lists` are every stored version; of two versions
 * of one list starting the same day the one published later counts (pass them in publication
 * order).
 */
export function effectiveChecklistItems(
  lists: readonly ChecklistData[],
  divisionCode: string,
  on: string,
): { resolved: ResolvedRules<ChecklistRuleBody>; items: EffectiveChecklistItem[] } {
  // documentsInForce keeps the first of two versions with the same start: newest publication first.
  const ordered = [...lists].reverse();
  const byRuleVersion = new Map(ordered.map((l) => [checklistRuleVersion(l), l]));
  const resolved = resolveRules('inspection', ordered.map(checklistRuleDocument), divisionCode, on);
  const items = resolved.rules.map((rule) => {
    const list = byRuleVersion.get(rule.from.version)!;
    return { kind: rule.body.kind, department: rule.body.department, item: rule.body.item, checklistVersion: list.version, jurisdiction: list.jurisdiction };
  });
  return { resolved, items };
}
