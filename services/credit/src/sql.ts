import type { DataSource, EntityManager } from 'typeorm';

export type Db = EntityManager | DataSource;

/** `"<schema>"."<table>"` for raw SQL: the service's DataSource carries its own schema. */
export function table(db: Db, name: string): string {
  const options = ('connection' in db ? db.connection : db).options as { schema?: string };
  if (!options.schema) throw new Error('credit DataSource has no schema');
  return `"${options.schema}"."${name}"`;
}

/** A `date` column as YYYY-MM-DD whatever the driver returned. */
export function isoDate(value: unknown): string {
  if (value instanceof Date) {
    const y = value.getFullYear();
    return `${String(y).padStart(4, '0')}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  }
  return String(value).slice(0, 10);
}
