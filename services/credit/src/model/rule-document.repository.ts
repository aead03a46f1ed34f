import { type Db, schemaTable } from '@shanyu/persistence';
import type { CreditRuleDocument } from './credit-model.js';

export interface PublishedCreditDocument {
  id: string;
  document: CreditRuleDocument;
  publishedAt: Date;
  publishedBy: { department: string; userId: string };
}

/** The credit rule documents published through the API (`rule_document`): inserted once, never changed. Raw SQL, as the rest of the service. */
export class CreditRuleDocumentRepository {
  constructor(private readonly db: Db) {}

  /** What identifies the published set: the rows' ids in publication order (rows are only ever added). */
  async fingerprint(): Promise<string> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM ${this.table} ORDER BY published_at, id`);
    return rows.map((r) => r.id).join(',');
  }

  /** Every published version, by start and then publication. */
  async all(): Promise<PublishedCreditDocument[]> {
    const rows: { id: string; document: CreditRuleDocument; published_at: Date; published_by: { department: string; userId: string } }[] = await this.db.query(
      `SELECT id, document, published_at, published_by FROM ${this.table} ORDER BY effective_from, published_at, id`,
    );
    return rows.map((r) => ({ id: r.id, document: r.document, publishedAt: r.published_at, publishedBy: r.published_by }));
  }

  /**
   * Serialises publications of credit documents until the transaction ends: a new version is
   * checked against every other one (a whole model everywhere), so two may not pass the check side
   * by side. Raw SQL: an advisory lock has no entity form.
   */
  async lockPublications(): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('rule_document:credit:' || $1))`, [this.table]);
  }

  async add(row: PublishedCreditDocument): Promise<void> {
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

  private get table(): string {
    return schemaTable(this.db, 'rule_document');
  }
}
