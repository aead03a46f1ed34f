import type { Actor } from '@shanyu/common';
import type { EventEnvelope } from '@shanyu/contracts';
import { AuditLog, type AuditEntryInput } from '@shanyu/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { Outbox, type NewEvent } from './outbox.js';

/** What a use case may do inside one transaction: change rows, record events and audit entries. */
export interface Transaction {
  manager: EntityManager;
  publish<T>(event: NewEvent<T>): Promise<EventEnvelope<T>>;
  audit(entry: AuditEntryInput): Promise<void>;
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
      const tx: Transaction = {
        manager,
        publish: (event) => {
          published = true;
          return this.outbox.append(manager, event);
        },
        audit: (entry) => this.auditLog.record(manager, entry),
      };
      return work(tx);
    });
    if (published) this.afterCommit();
    return result;
  }
}

export type { Actor };
