import { randomUUID } from 'node:crypto';
import { JURISDICTION_LEVELS, jurisdictionCovers, jurisdictionLevel } from '@shanyu/common';
import type { ChecklistKind, DiscretionItem, InspectionItem, PenaltyItem } from '@shanyu/contracts';
import type { StoredRuleDocument } from '@shanyu/messaging';
import { canonicalJson } from '@shanyu/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { checklistDocumentKey, checklistRuleDocument, type EffectiveChecklistItem, effectiveChecklistItems } from './checklist-rules.js';
import { type ChecklistData, checkCatalog } from './checklist-schema.js';
import type { ChecklistVersion } from './checklist-version.entity.js';
import { ChecklistRepository } from './checklist.repository.js';

export interface InForceFilter {
  kind?: ChecklistKind;
  department?: string;
  /** Only the lists that apply in this division (national and the levels enclosing it). */
  divisionCode?: string;
  /** Only the lists of this jurisdiction. */
  jurisdiction?: string;
}

/**
 * The catalog of list versions. Each list (department, kind, jurisdiction) is in force on a date
 * in its latest version started by then; what applies to an institution is the lists of its
 * division's chain resolved as rule documents (national, then province, city, county, street).
 */
export class ChecklistCatalog {
  /**
   * Inserts the built-in versions that are not there yet (they are never updated) and checks the
   * whole catalog. Returns the built-in versions whose text differs from the stored version of the
   * same number: the stored text stays (decisions were judged by it), and the caller says so.
   */
  async seed(dataSource: DataSource, lists: ChecklistData[], now = new Date()): Promise<string[]> {
    return dataSource.transaction(async (manager) => {
      const checklists = new ChecklistRepository(manager);
      for (const list of lists) await checklists.addIfAbsent({ id: randomUUID(), ...list, origin: 'built-in', publishedAt: now, publishedBy: null });
      const stored = (await checklists.all()).map((v) => v.toData());
      checkCatalog(stored);
      const byNumber = new Map(stored.map((v) => [`${v.kind} ${v.department} ${v.version}`, canonicalJson(v)]));
      return lists.filter((l) => byNumber.get(`${l.kind} ${l.department} ${l.version}`) !== canonicalJson(l)).map((l) => `${l.kind} ${l.version}`);
    });
  }

  /** Every version, by effective date and then publication. */
  all(manager: EntityManager): Promise<ChecklistVersion[]> {
    return new ChecklistRepository(manager).all();
  }

  /** Every version as a rule document of family `inspection` (GET /api/v1/rules/documents). */
  async documents(manager: EntityManager): Promise<StoredRuleDocument[]> {
    return (await this.all(manager)).map((v) => ({ ...checklistRuleDocument(v.toData()), origin: v.origin }));
  }

  /** Per list (department, kind, jurisdiction), the version in force on `on`: the latest started by then, of two the later published. */
  async inForce(manager: EntityManager, on: string, filter: InForceFilter = {}): Promise<ChecklistVersion[]> {
    const latest = new Map<string, ChecklistVersion>();
    for (const v of await this.all(manager)) {
      if (v.effectiveFrom > on) continue;
      if (filter.kind && v.kind !== filter.kind) continue;
      if (filter.department && v.department !== filter.department) continue;
      if (filter.jurisdiction && v.jurisdiction !== filter.jurisdiction) continue;
      if (filter.divisionCode && !jurisdictionCovers(v.jurisdiction, filter.divisionCode)) continue;
      latest.set(checklistDocumentKey(v), v); // ordered by effectiveFrom, then publication: the last wins
    }
    const depth = (v: ChecklistVersion) => JURISDICTION_LEVELS.indexOf(jurisdictionLevel(v.jurisdiction) ?? 'national');
    return [...latest.values()].sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.department.localeCompare(b.department) || depth(a) - depth(b) || a.jurisdiction.localeCompare(b.jurisdiction),
    );
  }

  /** Every item in force in the division on `on`, each with its list version and jurisdiction. */
  async effectiveItems(manager: EntityManager, divisionCode: string, on: string): Promise<EffectiveChecklistItem[]> {
    return effectiveChecklistItems(
      (await this.all(manager)).map((v) => v.toData()),
      divisionCode,
      on,
    ).items;
  }

  /** The inspection items in force in the division on `on` for these departments (what a merged form is built from). */
  async inspectionItems(
    manager: EntityManager,
    divisionCode: string,
    on: string,
    departments: readonly string[],
  ): Promise<EffectiveChecklistItem<InspectionItem>[]> {
    return (await this.effectiveItems(manager, divisionCode, on)).filter(
      (e): e is EffectiveChecklistItem<InspectionItem> => e.kind === 'inspection' && departments.includes(e.department),
    );
  }

  /**
   * The penalty item of this code in force in the division on `on`, if any, with the 裁量基准
   * entries of every department in force there.
   */
  async penaltyRules(
    manager: EntityManager,
    divisionCode: string,
    on: string,
    code: string,
  ): Promise<{ penalty?: EffectiveChecklistItem<PenaltyItem>; discretion: EffectiveChecklistItem<DiscretionItem>[] }> {
    const items = await this.effectiveItems(manager, divisionCode, on);
    return {
      penalty: items.find((e): e is EffectiveChecklistItem<PenaltyItem> => e.kind === 'penalty' && e.item.code === code),
      discretion: items.filter((e): e is EffectiveChecklistItem<DiscretionItem> => e.kind === 'discretion'),
    };
  }
}
