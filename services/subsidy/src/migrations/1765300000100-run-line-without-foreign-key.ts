import { SchemaMigration } from '@shanyu/persistence';

/**
 * run_line.run_id without its foreign key: the key's check is one look-up of the run per line
 * (a province's month is a million lines), and it guards nothing here — lines are written only
 * by the run's worker, in a transaction that has locked the run's row first, and runs are never
 * deleted.
 */
export class RunLineWithoutForeignKey1765300000100 extends SchemaMigration {
  name = 'RunLineWithoutForeignKey1765300000100';

  protected readonly upSteps = [`ALTER TABLE run_line DROP CONSTRAINT IF EXISTS run_line_run_id_fkey`];

  protected readonly downSteps = [`ALTER TABLE run_line ADD CONSTRAINT run_line_run_id_fkey FOREIGN KEY (run_id) REFERENCES run (id)`];
}
