import { SchemaMigration } from '@shanyu/persistence';

/**
 * Run lines are written in bulk (a province's month is millions of rows): keep only the indexes
 * that queries use. A line's id is md5(run id : line key), unique by construction, so its own
 * unique index goes; adjustments look lines up by institution and month, not by the original key.
 */
export class RunLineIndexes1764000000200 extends SchemaMigration {
  name = 'RunLineIndexes1764000000200';

  protected readonly upSteps = [
    `ALTER TABLE run_line DROP CONSTRAINT IF EXISTS run_line_id_unique`,
    `DROP INDEX IF EXISTS run_line_orig`,
    `CREATE INDEX IF NOT EXISTS run_line_institution_period ON run_line (institution_id, period)`,
  ];

  protected readonly downSteps = [
    `DROP INDEX IF EXISTS run_line_institution_period`,
    `CREATE INDEX IF NOT EXISTS run_line_orig ON run_line (orig_key)`,
    `ALTER TABLE run_line ADD CONSTRAINT run_line_id_unique UNIQUE (id)`,
  ];
}
