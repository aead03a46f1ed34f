import { SchemaMigration } from '@shanyu/persistence';

/**
 * Every value an inspector records for an item is kept (result_version): the record
 * (inspection_result) holds the current one with its version, and whether a write made on an
 * older version waits for a person's decision (in_conflict). Results recorded before this migration
 * become version 1 of their item.
 */
export class ResultVersions1764000000500 extends SchemaMigration {
  name = 'ResultVersions1764000000500';

  protected readonly upSteps = [
    `ALTER TABLE inspection_result ADD COLUMN version int NOT NULL DEFAULT 1, ADD COLUMN in_conflict boolean NOT NULL DEFAULT false`,
    `
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
      )`,
    `CREATE INDEX result_version_item ON result_version (inspection_id, item_code, received_at DESC)`,
    `CREATE INDEX result_version_late ON result_version (inspection_id) WHERE status IN ('late', 'accepted', 'rejected')`,
    `
      INSERT INTO result_version (id, inspection_id, item_code, department, version, result, note, evidence, inspector_id, recorded_at, received_at, status)
      SELECT gen_random_uuid(), inspection_id, item_code, department, 1, result, note, evidence, inspector_id, recorded_at, recorded_at, 'current' FROM inspection_result`,
  ];

  protected readonly downSteps = [`DROP TABLE result_version`, `ALTER TABLE inspection_result DROP COLUMN version, DROP COLUMN in_conflict`];
}
