import { randomUUID } from 'node:crypto';
import type { CreditEventType } from '@shanyu/contracts';
import type { CreditModelStore } from '../model/credit-rule-documents.js';
import { judge, type LedgerEntry } from '../model/evaluate.js';
import type { Db } from '@shanyu/persistence';
import { LedgerRepository, type StoredLedgerEntry } from './ledger.repository.js';

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

/** The append-only ledger: every credit fact with the rule, points, source and the model document version that judged it. */
export class Ledger {
  constructor(private readonly models: CreditModelStore) {}

  /**
   * Appends an entry judged by the model in force in the institution's division on the fact's
   * day; the entry keeps the version of the document its rule came from. The same source event,
   * institution and type twice is one entry (returns null the second time).
   */
  async append(db: Db, fact: NewLedgerEntry): Promise<LedgerEntry | null> {
    const { rule } = judge(await this.models.current(db), fact.eventType, fact.occurredOn, fact.divisionCode ?? '');
    const { id, ...rest } = fact;
    return new LedgerRepository(db).insert({
      ...rest,
      id: id ?? randomUUID(),
      ruleId: rule.id,
      points: rule.points,
      source: rule.source,
      modelVersion: rule.documentVersion,
    });
  }

  /** The institution's entries in the order they were recorded. */
  forInstitution(db: Db, institutionId: string): Promise<StoredLedgerEntry[]> {
    return new LedgerRepository(db).forInstitution(institutionId);
  }
}
