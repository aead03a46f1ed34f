import 'reflect-metadata';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { FOUNDATION_ENTITIES } from './foundation.entities.js';
import { FoundationTables1763800000000 } from './foundation.migration.js';
import { OutboxTraceHeaders1795338379070 } from './outbox-trace.migration.js';

export interface ServiceDataSourceOptions {
  /** postgres:// URL; every service may point at its own server. */
  url: string;
  /** The service's own schema: no service reads another's tables. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  /** Service migrations, oldest first; the shared outbox/inbox/audit tables are added first. */
  migrations: Function[];
  poolSize?: number;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** One DataSource per service, own schema and migrations table, `synchronize` always off. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: [...FOUNDATION_ENTITIES, ...(options.entities as Function[])],
    migrations: [FoundationTables1763800000000, OutboxTraceHeaders1795338379070, ...options.migrations],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: { max: options.poolSize ?? 10, application_name: `shanyu-${options.schema}` },
  });
}

/** Creates the schema when missing, then applies pending migrations (idempotent). */
export async function initializeAndMigrate(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const schema = (dataSource.options as { schema: string }).schema;
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations({ transaction: 'each' });
}
