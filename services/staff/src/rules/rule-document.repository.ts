import type { IsoDate } from '@shanyu/common';
import { type Db, schemaTable } from '@shanyu/persistence';
import type { StaffRuleDocument } from './staff-rules.js';

export interface PublishedStaffDocument {
  id: string;
  document: StaffRuleDocument;
  publishedAt: Date;
  publishedBy: { department: string; userId: string };
}

/** The staff rule documents published through the API (`rule_document`): each inserted once, its document never changed. */
export class StaffRuleDocumentRepository {
  constructor(private readonly db: Db) {}

  /** What identifies the published set: the rows' ids in publication order (rows are only ever added). */
  async fingerprint(): Promise<string> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM ${this.table} ORDER BY published_at, id`);
    return rows.map((r) => r.id).join(',');
  }

  /** Every published version, by start and then publication. */
  async all(): Promise<PublishedStaffDocument[]> {
    const rows: { id: string; document: StaffRuleDocument; published_at: Date; published_by: { department: string; userId: string } }[] = await this.db.query(
      `SELECT id, document, published_at, published_by FROM ${this.table} ORDER BY effective_from, published_at, id`,
    );
    return rows.map((r) => ({ id: r.id, document: r.document, publishedAt: r.published_at, publishedBy: r.published_by }));
  }

  /**
   * Serialises publications of staff documents until the transaction ends: a new version is
   * checked against every other one (whole rule sets everywhere), so two may not pass the check
   * side by side.
   */
  async lockPublications(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('rule_document:staff:' || $1))`, [this.table]);
  }

  async add(row: PublishedStaffDocument): Promise<void> {
    const doc = row.document;
    await this.db.query(
      `INSERT INTO ${this.table} (id, family, document_key, version, jurisdiction, effective_from, effective_to, document, published_at, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb)`,
      [
        row.id,
        doc.family,
        doc.documentKey,
        doc.version,
        doc.jurisdiction,
        doc.effectiveFrom,
        doc.effectiveTo,
        JSON.stringify(doc),
        row.publishedAt,
        JSON.stringify(row.publishedBy),
      ],
    );
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

  private get table(): string {
    return schemaTable(this.db, 'rule_document');
  }
}
