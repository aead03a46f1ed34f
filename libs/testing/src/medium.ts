// The medium test tier: one service's use cases against its real schema (its own migrations, on the
// run's PostgreSQL, a fresh schema per file) with the outbox captured where the use cases write it,
// and no NATS at all — no broker, no RPC server, no relay, no consumers. A use case's decisions,
// rows, events and audit entries are checked where they are made; what other services do with the
// events is the e2e tier's business (tests/e2e: flows that cross services).
//
// Use: `const db = await startMediumSchema(subsidyDataSource)`, then build the use case as the
// service's module does (`new SubmitRoster(db.unitOfWork, …)`), run it, and read `db.events()`.
import type { EventEnvelope } from '@shanyu/contracts';
import { Outbox, UnitOfWork } from '@shanyu/messaging';
import { AuditLog, initializeAndMigrate } from '@shanyu/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { uniqueSchema } from './factories.js';
import { testDatabaseUrl } from './infra-context.js';
import { personalDataWatch } from './personal-data-watch.js';

export interface MediumSchema {
  /** The service's DataSource on its fresh schema, migrated. */
  readonly dataSource: DataSource;
  readonly schema: string;
  /** Changes, outbox and audit entries in one transaction, as in the service; nothing relays the outbox. */
  readonly unitOfWork: UnitOfWork;
  /** The events the use cases recorded (the outbox, in order), optionally of one subject. */
  events<T = unknown>(subject?: string): Promise<EventEnvelope<T>[]>;
  /** A query on the schema: `$schema` in it names the schema. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` in a transaction (e.g. an event handler fed the way its consumer would). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * A fresh schema of a service (`dataSourceFor` is the service's own DataSource factory, e.g.
 * `subsidyDataSource`), migrated as the service migrates it at start.
 */
export async function startMediumSchema(dataSourceFor: (url: string, schema: string) => DataSource, prefix = 'medium'): Promise<MediumSchema> {
  const schema = uniqueSchema(prefix);
  const dataSource = dataSourceFor(testDatabaseUrl(), schema);
  await initializeAndMigrate(dataSource);
  const unitOfWork = new UnitOfWork(dataSource, new Outbox(), new AuditLog());
  const sql = <T>(query: string, params: unknown[] = []) => dataSource.query(query.replace(/\$schema\b/g, `"${schema}"`), params) as Promise<T[]>;
  const events = async <T>(subject?: string) => {
    const rows = await sql<{ envelope: EventEnvelope<T> }>(
      `SELECT envelope FROM $schema.outbox ${subject ? 'WHERE subject = $1 ' : ''}ORDER BY seq`,
      subject ? [subject] : [],
    );
    return rows.map((r) => r.envelope);
  };
  return {
    dataSource,
    schema,
    unitOfWork,
    sql,
    events,
    transaction: (work) => dataSource.transaction(work),
    async stop() {
      if (!dataSource.isInitialized) return;
      // What the relay would have published: the personal-data watch reads it as it reads every event of an e2e file.
      for (const envelope of await events()) personalDataWatch().scan('nats', JSON.stringify(envelope), `outbox ${envelope.subject} (medium)`, 'event');
      await dataSource.destroy();
    },
  };
}
