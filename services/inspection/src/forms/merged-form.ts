import {
  FORM_AREA_LABELS,
  FORM_AREAS,
  type FormArea,
  type FormItemView,
  type InspectionItem,
  type InstitutionNature,
  type OperatorType,
} from '@shanyu/contracts';
import type { EffectiveChecklistItem } from '../checklists/checklist-rules.js';

export type FormKind = 'full' | 'abbreviated' | 'reinspection';

export interface FormOptions {
  /**
   * The inspection items in force in the institution's division on the visit day for the
   * participating departments (national first, then the levels below), each with its list.
   */
  items: EffectiveChecklistItem<InspectionItem>[];
  operatorType: OperatorType;
  /** 机构性质; null when the copy predates it (items limited to a nature are then kept: the inspector marks them not applicable). */
  nature: InstitutionNature | null;
  kind: FormKind;
  /** Abbreviated: basic items and items of at least this risk weight. */
  abbreviatedMinRiskWeight?: number;
  /** Reinspection: only these item codes (the open findings' items). */
  onlyCodes?: ReadonlySet<string>;
}

/**
 * 一表通查: one merged form for the visit. Every participating department's items in force where
 * the institution is that apply to its type and nature, each item once (by code: of two from different
 * levels, the more local one), ordered by area, then department, then code.
 */
export function buildForm(options: FormOptions): FormItemView[] {
  const byCode = new Map<string, FormItemView>();
  for (const { department, item, checklistVersion, jurisdiction } of options.items) {
    if (item.appliesTo.length > 0 && !item.appliesTo.includes(options.operatorType)) continue;
    if (item.appliesToNatures?.length && options.nature && !item.appliesToNatures.includes(options.nature)) continue;
    if (options.kind === 'abbreviated' && !item.basic && item.riskWeight < (options.abbreviatedMinRiskWeight ?? 4)) continue;
    if (options.kind === 'reinspection' && !options.onlyCodes?.has(item.code)) continue;
    byCode.set(item.code, {
      code: item.code,
      department,
      area: item.area,
      category: item.category,
      text: item.text,
      legalBasis: item.legalBasis,
      riskWeight: item.riskWeight,
      severity: item.severity,
      basic: item.basic,
      checklistVersion,
      jurisdiction,
    });
  }
  const areaOrder = (a: FormArea) => FORM_AREAS.indexOf(a);
  return [...byCode.values()].sort((a, b) => areaOrder(a.area) - areaOrder(b.area) || a.department.localeCompare(b.department) || a.code.localeCompare(b.code));
}

/** The form grouped by area, in area order, empty areas left out. */
export function groupByArea<T extends { area: FormArea }>(items: T[]): { area: FormArea; label: string; items: T[] }[] {
  return FORM_AREAS.map((area) => ({ area, label: FORM_AREA_LABELS[area], items: items.filter((i) => i.area === area) })).filter((g) => g.items.length > 0);
}
