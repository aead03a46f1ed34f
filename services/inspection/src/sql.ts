import type { DataSource, EntityManager } from 'typeorm';

/** `"schema".table` of this service's own schema (raw SQL must not rely on search_path). */
export function tableOf(source: EntityManager | DataSource, table: string): string {
  const options = ('connection' in source ? source.connection : source).options as { schema: string };
  return `"${options.schema}".${table}`;
}
