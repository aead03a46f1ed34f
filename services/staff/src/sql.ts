import type { DataSource, EntityManager } from 'typeorm';

/** `"<schema>"."<table>"` for raw SQL: the service's DataSource carries its own schema. */
export function table(db: EntityManager | DataSource, name: string): string {
  const options = ('connection' in db ? db.connection : db).options as { schema?: string };
  if (!options.schema) throw new Error('staff DataSource has no schema');
  return `"${options.schema}"."${name}"`;
}
