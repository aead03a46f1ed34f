import type { RuleDocument } from '@shanyu/common';
import { type Db, schemaTable } from './sql.js';

export interface PublishedRuleDocument<D extends RuleDocument = RuleDocument> {
  id: string;
  document: D;
  publishedAt: Date;
  publishedBy: { department: string; userId: string };
}

/**
 * A service's rule documents published through the API (table `rule_document` of its schema):
 * each inserted once, its document never changed. Raw SQL: the services using it have no entities.
 */
export class PublishedRuleDocumentRepository<D extends RuleDocument = RuleDocument> {
  constructor(
    protected readonly db: Db,
    private readonly family: string,
  ) {}

  /** What identifies the published set: the rows' ids in publication order (rows are only ever added). */
  async fingerprint(): Promise<string> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM ${this.table} ORDER BY published_at, id`);
    return rows.map((r) => r.id).join(',');
  }

  /** Every published version, by start and then publication. */
  async all(): Promise<PublishedRuleDocument<D>[]> {
    const rows: { id: string; document: D; published_at: Date; published_by: { department: string; userId: string } }[] = await this.db.query(
      `SELECT id, document, published_at, published_by FROM ${this.table} ORDER BY effective_from, published_at, id`,
    );
    return rows.map((r) => ({ id: r.id, document: r.document, publishedAt: r.published_at, publishedBy: r.published_by }));
  }

  /**
   * Serialises publications of the family until the transaction ends: a new version is checked
   * against every other one (whole rule sets everywhere), so two may not pass the check side by
   * side. An advisory lock has no entity form.
   */
  async lockPublications(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('rule_document:' || $1 || ':' || $2))`, [this.family, this.table]);
  }

  async add(row: PublishedRuleDocument<D>): Promise<void> {
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

  protected get table(): string {
    return schemaTable(this.db, 'rule_document');
  }
}
