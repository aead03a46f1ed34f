import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarYears1763800000300 implements MigrationInterface {
  name = 'CalendarYears1763800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`
      CREATE TABLE calendar_year (
        year int PRIMARY KEY,
        source text NOT NULL,
        entries jsonb NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP TABLE calendar_year`);
  }
}
