import { SchemaMigration } from '@shanyu/persistence';

/** Serious-breach listings (严重失信主体名单认定): notice, statement, decision, publication, removal. */
export class CreditListing1764000000200 extends SchemaMigration {
  name = 'CreditListing1764000000200';

  protected readonly upSteps = [
    `
      CREATE TABLE listing (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        division_code text NOT NULL,
        entry_ids uuid[] NOT NULL,
        facts text NOT NULL,
        basis text NOT NULL,
        model_version text NOT NULL,
        status text NOT NULL CHECK (status IN ('notified', 'listed', 'not_listed', 'removed')),
        notified_by jsonb NOT NULL,
        notified_at timestamptz NOT NULL,
        notice_text text NOT NULL,
        statement_due date NOT NULL,
        statement text,
        stated_by jsonb,
        stated_at timestamptz,
        decision text CHECK (decision IN ('list', 'not_list')),
        decision_no text,
        decision_reason text,
        decided_by jsonb,
        decided_at timestamptz,
        decided_on date,
        published_from date,
        repairable_from date,
        published_until date,
        removed_on date,
        removal_reason text
      )`,
    `CREATE INDEX listing_institution ON listing (institution_id, status)`,
    `CREATE INDEX listing_division ON listing (division_code text_pattern_ops)`,
  ];

  protected readonly downSteps = [`DROP TABLE listing`];
}
