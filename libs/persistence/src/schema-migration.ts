import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A statement, or code for what a fixed list of statements cannot say (a loop over stored rows). */
export type MigrationStep = string | ((q: QueryRunner) => Promise<void>);

/**
 * A migration of a service's own schema: it runs with the DataSource's schema on the search path,
 * so its statements name tables unqualified, then runs its steps in order, up or down.
 */
export abstract class SchemaMigration implements MigrationInterface {
  abstract readonly name: string;
  protected abstract readonly upSteps: readonly MigrationStep[];
  protected abstract readonly downSteps: readonly MigrationStep[];

  up(q: QueryRunner): Promise<void> {
    return runSteps(q, this.upSteps);
  }

  down(q: QueryRunner): Promise<void> {
    return runSteps(q, this.downSteps);
  }
}

export async function currentSchema(q: QueryRunner): Promise<string> {
  const schema = (q.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('service DataSource has no schema');
  return schema;
}

async function runSteps(q: QueryRunner, steps: readonly MigrationStep[]): Promise<void> {
  await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
  for (const step of steps) {
    if (typeof step === 'string') await q.query(step);
    else await step(q);
  }
}
