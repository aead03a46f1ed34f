import { randomUUID } from 'node:crypto';
import type { CreditEventType } from '@shanyu/contracts';
import type { CreditModels } from '../model/credit-model.js';
import { judge, type LedgerEntry } from '../model/evaluate.js';
import { schemaTable, type Db } from '@shanyu/persistence';

/** A fact to record: the event it comes from and what it means. */
export interface NewLedgerEntry {
  institutionId: string;
  sourceEventId: string;
  subject: string;
  eventType: CreditEventType;
  occurredAt: string;
  occurredOn: string;
  ref: string | null;
  department: string | null;
  divisionCode: string | null;
  facts: Record<string, unknown>;
  /** The entry's id; a new one when absent. The replay passes the id the entry had before, so repairs still point at it. */
  id?: string;
}

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

const toEntry = (r: Row): LedgerEntry & { divisionCode: string | null } => ({
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

/** The append-only ledger: every credit fact with the rule, points, source and model version that judged it. */
export class Ledger {
  constructor(private readonly models: CreditModels) {}

  /**
   * Appends an entry judged by the model version in force on the fact's day. The same source
   * event, institution and type twice is one entry (returns null the second time).
   */
  async append(db: Db, fact: NewLedgerEntry): Promise<LedgerEntry | null> {
    const { model, rule } = judge(this.models, fact.eventType, fact.occurredOn);
    const id = fact.id ?? randomUUID();
    const rows: Row[] = await db.query(
      `INSERT INTO ${schemaTable(db, 'ledger_entry')} (id, institution_id, source_event_id, subject, event_type, occurred_at, occurred_on, ref, department,
         division_code, facts, rule_id, points, source, model_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15)
       ON CONFLICT (source_event_id, institution_id, event_type) DO NOTHING
       RETURNING ${COLUMNS}`,
      [id, fact.institutionId, fact.sourceEventId, fact.subject, fact.eventType, fact.occurredAt, fact.occurredOn, fact.ref, fact.department,
        fact.divisionCode, JSON.stringify(fact.facts), rule.id, rule.points, rule.source, model.version],
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async forInstitution(db: Db, institutionId: string): Promise<(LedgerEntry & { divisionCode: string | null })[]> {
    const rows: Row[] = await db.query(`SELECT ${COLUMNS} FROM ${schemaTable(db, 'ledger_entry')} WHERE institution_id = $1 ORDER BY seq`, [institutionId]);
    return rows.map(toEntry);
  }

  async byIds(db: Db, ids: string[]): Promise<LedgerEntry[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await db.query(`SELECT ${COLUMNS} FROM ${schemaTable(db, 'ledger_entry')} WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toEntry);
  }
}
