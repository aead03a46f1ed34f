import { SchemaMigration } from '@shanyu/persistence';

/**
 * The credit service's tables: a replica of the register (from the registry's events), the
 * append-only ledger, the standing (projection of the ledger: score and grade today), repair
 * requests, and the events it could not use (also sent to the dead-letter subject).
 */
export class Credit1764000000100 extends SchemaMigration {
  name = 'Credit1764000000100';

  protected readonly upSteps = [
    `
      CREATE TABLE institution (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        division_code text NOT NULL,
        owner_user_id text,
        status text NOT NULL,
        source_version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX institution_division ON institution (division_code text_pattern_ops)`,
    `
      CREATE TABLE ledger_entry (
        id uuid PRIMARY KEY,
        seq bigserial UNIQUE,
        institution_id uuid NOT NULL,
        source_event_id uuid NOT NULL,
        subject text NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        occurred_on date NOT NULL,
        ref text,
        department text,
        division_code text,
        facts jsonb NOT NULL,
        rule_id text NOT NULL,
        points int NOT NULL,
        source text NOT NULL,
        model_version text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source_event_id, institution_id, event_type)
      )`,
    `CREATE INDEX ledger_entry_institution ON ledger_entry (institution_id, occurred_on)`,
    // Append-only: an entry is never changed or removed (a repair is a new entry).
    `
      CREATE FUNCTION ledger_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger_entry is append-only'; END $$`,
    `
      CREATE TRIGGER ledger_entry_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entry
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_append_only()`,
    `
      CREATE TABLE standing (
        institution_id uuid PRIMARY KEY,
        division_code text NOT NULL,
        score int NOT NULL,
        grade char(1) NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
        model_version text NOT NULL,
        computed_on date NOT NULL,
        since date NOT NULL,
        reasons jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX standing_grade_division ON standing (grade, division_code text_pattern_ops)`,
    `CREATE INDEX standing_computed_on ON standing (computed_on)`,
    `
      CREATE TABLE repair_request (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        division_code text NOT NULL,
        entry_ids uuid[] NOT NULL,
        reason text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_by jsonb NOT NULL,
        requested_at timestamptz NOT NULL,
        decision text CHECK (decision IN ('approve', 'reject')),
        decision_reason text,
        decided_by jsonb,
        decided_at timestamptz,
        decided_on date,
        ledger_entry_id uuid
      )`,
    `CREATE INDEX repair_request_institution ON repair_request (institution_id, status)`,
    `
      CREATE TABLE rejected_event (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        subject text NOT NULL,
        code text NOT NULL,
        error text NOT NULL,
        envelope jsonb NOT NULL,
        rejected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
  ];

  protected readonly downSteps = [
    `DROP TABLE rejected_event`,
    `DROP TABLE repair_request`,
    `DROP TABLE standing`,
    `DROP TABLE ledger_entry`,
    `DROP FUNCTION ledger_entry_append_only`,
    `DROP TABLE institution`,
  ];
}
