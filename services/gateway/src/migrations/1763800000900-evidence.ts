import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Evidence1763800000900 implements MigrationInterface {
  name = 'Evidence1763800000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`
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
      )`);
    await q.query(`CREATE INDEX evidence_inspection ON evidence (inspection_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP TABLE evidence`);
  }
}
