import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Population1763800000500 implements MigrationInterface {
  name = 'Population1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`
      CREATE TABLE population (
        division_code text NOT NULL,
        year int NOT NULL,
        resident_population int NOT NULL CHECK (resident_population >= 0),
        children_under3 int NOT NULL CHECK (children_under3 >= 0),
        source text NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL,
        PRIMARY KEY (division_code, year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP TABLE population`);
  }
}
