import type { EntityManager } from 'typeorm';
import { ChecklistVersion } from './checklist-version.entity.js';

export type NewChecklistVersion = Omit<ChecklistVersion, 'toData' | 'toView'>;

/** 两张清单: every published version of every list (versions are never changed). */
export class ChecklistRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Every version, by effective date and then publication. */
  all(): Promise<ChecklistVersion[]> {
    return this.manager.getRepository(ChecklistVersion).find({ order: { effectiveFrom: 'ASC', publishedAt: 'ASC' } });
  }

  async add(fields: NewChecklistVersion): Promise<ChecklistVersion> {
    const row = this.manager.getRepository(ChecklistVersion).create(fields);
    await this.manager.save(row);
    return row;
  }

  /** Adds the version unless the list already has one of that number (kind, department, version). */
  async addIfAbsent(fields: NewChecklistVersion): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(ChecklistVersion).values(fields).orIgnore().execute();
  }
}
