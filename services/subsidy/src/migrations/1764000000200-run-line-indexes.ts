import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Run lines are written in bulk (a province's month is millions of rows): keep only the indexes
 * that queries use. A line's id is md5(run id : line key), unique by construction, so its own
 * unique index goes; adjustments look lines up by institution and month, not by the original key.
 */
export class RunLineIndexes1764000000200 implements MigrationInterface {
  name = 'RunLineIndexes1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`ALTER TABLE run_line DROP CONSTRAINT IF EXISTS run_line_id_unique`);
    await q.query(`DROP INDEX IF EXISTS run_line_orig`);
    await q.query(`CREATE INDEX IF NOT EXISTS run_line_institution_period ON run_line (institution_id, period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP INDEX IF EXISTS run_line_institution_period`);
    await q.query(`CREATE INDEX IF NOT EXISTS run_line_orig ON run_line (orig_key)`);
    await q.query(`ALTER TABLE run_line ADD CONSTRAINT run_line_id_unique UNIQUE (id)`);
  }
}
