import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox, inbox and audit tables that every service has in its own schema. Runs with the
 * DataSource's schema on the search path, so the names are unqualified.
 */
export class FoundationTables1763800000000 implements MigrationInterface {
  name = 'FoundationTables1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const schema = await currentSchema(q);
    await q.query(`SET LOCAL search_path TO "${schema}"`);
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_department text NOT NULL,
        actor_role text NOT NULL,
        actor_user text NOT NULL,
        actor_client text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        reason text,
        before jsonb,
        after jsonb,
        request_id text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`);
    // Append-only: the application can insert, never change or remove an entry.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = await currentSchema(q);
    await q.query(`SET LOCAL search_path TO "${schema}"`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TABLE outbox`);
  }
}

export async function currentSchema(q: QueryRunner): Promise<string> {
  const schema = (q.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('service DataSource has no schema');
  return schema;
}
