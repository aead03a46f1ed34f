import { SchemaMigration } from '@shanyu/persistence';

export class Evidence1763800000900 extends SchemaMigration {
  name = 'Evidence1763800000900';

  protected readonly upSteps = [
    `
      CREATE TABLE evidence (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL,
        size_bytes int NOT NULL,
        taken_at timestamptz NOT NULL,
        location text NOT NULL,
        inspection_id uuid,
        item_code text,
        uploaded_by_department text NOT NULL,
        uploaded_by_user text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        uploads int NOT NULL DEFAULT 1
      )`,
    `CREATE INDEX evidence_inspection ON evidence (inspection_id)`,
  ];

  protected readonly downSteps = [`DROP TABLE evidence`];
}
