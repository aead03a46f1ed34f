import { randomUUID } from 'node:crypto';
import type { ChecklistKind } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { type ChecklistData, checkCatalog } from './checklist-schema.js';
import type { ChecklistVersion } from './checklist-version.entity.js';
import { ChecklistRepository } from './checklist.repository.js';

/**
 * The catalog of list versions. A fact is judged by the version in force on its date: per kind
 * and department, the latest `effectiveFrom` not after the date.
 */
export class ChecklistCatalog {
  /** Inserts the built-in versions that are not there yet (they are never updated) and checks the whole catalog. */
  async seed(dataSource: DataSource, lists: ChecklistData[], now = new Date()): Promise<void> {
    await dataSource.transaction(async (manager) => {
      const checklists = new ChecklistRepository(manager);
      for (const list of lists) await checklists.addIfAbsent({ id: randomUUID(), ...list, origin: 'built-in', publishedAt: now, publishedBy: null });
      checkCatalog((await checklists.all()).map((v) => v.toData()));
    });
  }

  all(manager: EntityManager): Promise<ChecklistVersion[]> {
    return new ChecklistRepository(manager).all();
  }

  async inForce(manager: EntityManager, on: string, filter: { kind?: ChecklistKind; department?: string } = {}): Promise<ChecklistVersion[]> {
    const latest = new Map<string, ChecklistVersion>();
    for (const v of await this.all(manager)) {
      if (v.effectiveFrom > on) continue;
      if (filter.kind && v.kind !== filter.kind) continue;
      if (filter.department && v.department !== filter.department) continue;
      latest.set(`${v.kind}/${v.department}`, v); // ordered by effectiveFrom, then publication: the last wins
    }
    return [...latest.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.department.localeCompare(b.department));
  }

  /** The inspection lists in force on `on` for these departments. */
  async inspectionLists(manager: EntityManager, on: string, departments: readonly string[]): Promise<ChecklistData[]> {
    const lists = await this.inForce(manager, on, { kind: 'inspection' });
    return lists.filter((l) => departments.includes(l.department)).map((l) => l.toData());
  }
}
