import { SchemaMigration } from './schema-migration.js';

/**
 * Outbox, inbox and audit tables that every service has in its own schema. Runs with the
 * DataSource's schema on the search path, so the names are unqualified.
 */
export class FoundationTables1763800000000 extends SchemaMigration {
  name = 'FoundationTables1763800000000';

  protected readonly upSteps = [
    `
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0
      )`,
    `CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`,
    `
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
    `
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
      )`,
    `CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`,
    // Append-only: the application can insert, never change or remove an entry.
    `
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
    `
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  ];

  protected readonly downSteps = [`DROP TABLE audit_log`, `DROP FUNCTION audit_log_append_only`, `DROP TABLE inbox`, `DROP TABLE outbox`];
}
