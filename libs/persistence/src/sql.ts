import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';

export type Db = EntityManager | DataSource;

/**
 * A table of the service's own schema, quoted, for raw SQL: each service's DataSource sets its
 * schema (tests use unique ones), and raw statements do not get TypeORM's prefixing.
 */
export function schemaTable(db: Db, name: string): string {
  const options = ('connection' in db ? db.connection : db).options as { schema?: string };
  if (!options.schema) throw new Error(`the DataSource for table ${name} has no schema`);
  return `"${options.schema}"."${name}"`;
}

/**
 * Inserts or updates a copy of another service's record (a replica, keyed by `id`) unless the
 * copy already holds a newer version: events may arrive again or out of order, and an older
 * version must never overwrite a newer one. `row` names the columns; `source_version` is the
 * record's version at the source. Returns whether the copy changed.
 */
export async function upsertNewerVersion(db: Db, table: string, row: { id: string; source_version: number } & Record<string, unknown>): Promise<boolean> {
  const columns = Object.keys(row);
  const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`);
  const changed: unknown[] = await db.query(
    `INSERT INTO ${table} AS r (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}, updated_at = now()
     WHERE r.source_version <= EXCLUDED.source_version
     RETURNING id`,
    Object.values(row),
  );
  return changed.length > 0;
}

/**
 * PostgreSQL 23505 (unique violation), on the named constraint or unique index when one is given:
 * a concurrent insert won the race, or the value is taken. Use cases turn it into their own refusal.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driverError = e.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
