import type { Actor } from '@shanyu/common';
import type { AnyEventDef, DataOf, EventEnvelope } from '@shanyu/contracts';
import { AuditLog, type AuditEntryInput } from '@shanyu/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { Outbox, type NewEvent } from './outbox.js';

/** What a use case may do inside one transaction: change rows, record events and audit entries. */
export interface Transaction {
  manager: EntityManager;
  /** Records an event by its definition, its `data` checked against the definition's type. */
  publish<D extends AnyEventDef>(def: D, event: { actor: Actor; entityId: string; data: DataOf<D> }): Promise<EventEnvelope<DataOf<D>>>;
  /** Records an event named by its subject: prefer the definition. */
  publish<T>(event: NewEvent<T>): Promise<EventEnvelope<T>>;
  audit(entry: AuditEntryInput): Promise<void>;
  /** Many events in one insert, relayed in the given order (bulk use cases). */
  publishMany(events: NewEvent<unknown>[]): Promise<EventEnvelope<unknown>[]>;
  /** Many audit entries, chained in the given order, in one insert. */
  auditMany(entries: AuditEntryInput[]): Promise<void>;
}

/**
 * Runs a use case's changes, its events (outbox) and its audit entries in one transaction:
 * all or nothing. After commit the relay is nudged so events leave at once.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly auditLog: AuditLog,
    private readonly afterCommit: () => void = () => {},
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    let published = false;
    const result = await this.dataSource.transaction(async (manager) => {
      // Audit entries are written last, just before COMMIT: appending to the hash chain takes the
      // service-wide audit lock, and holding it through the use case's own statements made a
      // service's writes wait for each other (bench/README.md, "province").
      const auditEntries: AuditEntryInput[] = [];
      const tx = {
        manager,
        publish: (defOrEvent: AnyEventDef | NewEvent<unknown>, event?: Omit<NewEvent<unknown>, 'subject'>) => {
          published = true;
          return this.outbox.append(manager, event ? { ...event, subject: defOrEvent.subject } : (defOrEvent as NewEvent<unknown>));
        },
        audit: async (entry: AuditEntryInput) => {
          auditEntries.push(asRecordedNow(entry));
        },
        publishMany: (events: NewEvent<unknown>[]) => {
          if (events.length) published = true;
          return this.outbox.appendMany(manager, events);
        },
        auditMany: async (entries: AuditEntryInput[]) => {
          auditEntries.push(...entries.map(asRecordedNow));
        },
      };
      const value = await work(tx as Transaction);
      await this.auditLog.recordMany(manager, auditEntries);
      return value;
    });
    if (published) this.afterCommit();
    return result;
  }
}

/** The entry as it is now: a use case may change an object after auditing it. */
function asRecordedNow(entry: AuditEntryInput): AuditEntryInput {
  const copy = (value: unknown) => (value === undefined || value === null ? value : JSON.parse(JSON.stringify(value)));
  return { ...entry, before: copy(entry.before), after: copy(entry.after) };
}

export type { Actor };
