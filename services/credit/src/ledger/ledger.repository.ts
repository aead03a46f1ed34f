import type { CreditEventType } from '@shanyu/contracts';
import { type Db, schemaTable } from '@shanyu/persistence';
import type { LedgerEntry } from '../model/evaluate.js';

/** A judged fact as stored. */
export type StoredLedgerEntry = LedgerEntry & { divisionCode: string | null };

const COLUMNS = `id, institution_id, source_event_id, subject, event_type, occurred_at, occurred_on::text AS occurred_on, ref, department,
  division_code, facts, rule_id, points, source, model_version`;

interface Row {
  id: string;
  institution_id: string;
  source_event_id: string;
  subject: string;
  event_type: CreditEventType;
  occurred_at: Date;
  occurred_on: string;
  ref: string | null;
  department: string | null;
  division_code: string | null;
  facts: Record<string, unknown>;
  rule_id: string;
  points: number;
  source: string;
  model_version: string;
}

const toEntry = (r: Row): StoredLedgerEntry => ({
  id: r.id,
  institutionId: r.institution_id,
  sourceEventId: r.source_event_id,
  subject: r.subject,
  eventType: r.event_type,
  occurredAt: new Date(r.occurred_at).toISOString(),
  occurredOn: r.occurred_on,
  ref: r.ref,
  department: r.department,
  divisionCode: r.division_code,
  facts: r.facts,
  ruleId: r.rule_id,
  points: r.points,
  source: r.source,
  modelVersion: r.model_version,
});

/** Entries of the credit ledger (`ledger_entry`, append-only: a trigger refuses updates and deletes). */
export class LedgerRepository {
  constructor(private readonly db: Db) {}

  /** The same source event, institution and type twice is one entry: null the second time. */
  async insert(entry: StoredLedgerEntry): Promise<StoredLedgerEntry | null> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO ${this.table} (id, institution_id, source_event_id, subject, event_type, occurred_at, occurred_on, ref, department,
         division_code, facts, rule_id, points, source, model_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15)
       ON CONFLICT (source_event_id, institution_id, event_type) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        entry.id,
        entry.institutionId,
        entry.sourceEventId,
        entry.subject,
        entry.eventType,
        entry.occurredAt,
        entry.occurredOn,
        entry.ref,
        entry.department,
        entry.divisionCode,
        JSON.stringify(entry.facts),
        entry.ruleId,
        entry.points,
        entry.source,
        entry.modelVersion,
      ],
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /** The institution's entries in the order they were recorded. */
  async forInstitution(institutionId: string): Promise<StoredLedgerEntry[]> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM ${this.table} WHERE institution_id = $1 ORDER BY seq`, [institutionId]);
    return rows.map(toEntry);
  }

  /** Every institution with an entry. */
  async institutionIds(): Promise<string[]> {
    const rows: { institution_id: string }[] = await this.db.query(`SELECT DISTINCT institution_id FROM ${this.table} ORDER BY institution_id`);
    return rows.map((r) => r.institution_id);
  }

  async count(): Promise<number> {
    return Number((await this.db.query(`SELECT count(*) AS n FROM ${this.table}`))[0].n);
  }

  /** The entries derived from other services' events (not `evt.credit.*`): id by source event, institution and type. */
  async derived(): Promise<{ id: string; sourceEventId: string; institutionId: string; eventType: string }[]> {
    const rows: { id: string; source_event_id: string; institution_id: string; event_type: string }[] = await this.db.query(
      `SELECT id, source_event_id, institution_id, event_type FROM ${this.table} WHERE subject NOT LIKE 'evt.credit.%'`,
    );
    return rows.map((r) => ({ id: r.id, sourceEventId: r.source_event_id, institutionId: r.institution_id, eventType: r.event_type }));
  }

  /**
   * Deletes the entries derived from other services' events, for a rebuild: the append-only
   * trigger is off for that statement only, and back on before the transaction can commit.
   */
  async deleteDerived(): Promise<void> {
    await this.db.query(`ALTER TABLE ${this.table} DISABLE TRIGGER ledger_entry_no_change`);
    await this.db.query(`DELETE FROM ${this.table} WHERE subject NOT LIKE 'evt.credit.%'`);
    await this.db.query(`ALTER TABLE ${this.table} ENABLE TRIGGER ledger_entry_no_change`);
  }

  private get table(): string {
    return schemaTable(this.db, 'ledger_entry');
  }
}
