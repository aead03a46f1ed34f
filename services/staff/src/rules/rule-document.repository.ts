import type { IsoDate } from '@shanyu/common';
import { type Db, type PublishedRuleDocument, PublishedRuleDocumentRepository } from '@shanyu/persistence';
import type { StaffRuleDocument } from './staff-rules.js';

export type PublishedStaffDocument = PublishedRuleDocument<StaffRuleDocument>;

/** The staff rule documents published through the API (`rule_document`), and which were applied (`applied_on`). */
export class StaffRuleDocumentRepository extends PublishedRuleDocumentRepository<StaffRuleDocument> {
  constructor(db: Db) {
    super(db, 'staff');
  }

  /** Published versions in force by `today` whose jurisdiction's institutions were not judged again under them yet. */
  async unapplied(today: IsoDate): Promise<{ version: string; jurisdiction: string }[]> {
    return this.db.query(
      `SELECT version, jurisdiction FROM ${this.table} WHERE applied_on IS NULL AND effective_from <= $1 ORDER BY effective_from, published_at`,
      [today],
    );
  }

  async markApplied(version: string, today: IsoDate): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET applied_on = $2 WHERE version = $1`, [version, today]);
  }
}
