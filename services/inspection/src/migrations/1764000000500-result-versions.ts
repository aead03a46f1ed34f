import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every value an inspector records for an item is kept (result_version): the record
 * (inspection_result) holds the current one with its version, and whether a write made on an
 * older version waits for a person's decision (in_conflict). Results recorded before this migration
 * become version 1 of their item.
 */
export class ResultVersions1764000000500 implements MigrationInterface {
  name = 'ResultVersions1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`ALTER TABLE inspection_result ADD COLUMN version int NOT NULL DEFAULT 1, ADD COLUMN in_conflict boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE result_version (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL,
        item_code text NOT NULL,
        department text NOT NULL,
        version int,
        base_version int,
        result text NOT NULL,
        note text,
        evidence jsonb NOT NULL,
        inspector_id uuid NOT NULL,
        device_id text,
        recorded_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        status text NOT NULL,
        decision jsonb
      )`);
    await q.query(`CREATE INDEX result_version_item ON result_version (inspection_id, item_code, received_at DESC)`);
    await q.query(`CREATE INDEX result_version_late ON result_version (inspection_id) WHERE status IN ('late', 'accepted', 'rejected')`);
    await q.query(`
      INSERT INTO result_version (id, inspection_id, item_code, department, version, result, note, evidence, inspector_id, recorded_at, received_at, status)
      SELECT gen_random_uuid(), inspection_id, item_code, department, 1, result, note, evidence, inspector_id, recorded_at, recorded_at, 'current' FROM inspection_result`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP TABLE result_version`);
    await q.query(`ALTER TABLE inspection_result DROP COLUMN version, DROP COLUMN in_conflict`);
  }
}
