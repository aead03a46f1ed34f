import { SchemaMigration } from '@shanyu/persistence';

export class Filings1763800000400 extends SchemaMigration {
  name = 'Filings1763800000400';

  protected readonly upSteps = [
    `ALTER TABLE institution ADD COLUMN receipt_no text, ADD COLUMN inclusive jsonb, ADD COLUMN demonstrations jsonb NOT NULL DEFAULT '[]'::jsonb`,
    `
      CREATE TABLE filing (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institution(id),
        institution_name text NOT NULL,
        division_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected')),
        submission jsonb NOT NULL,
        "check" jsonb NOT NULL,
        check_history jsonb NOT NULL DEFAULT '[]'::jsonb,
        submitted_at timestamptz NOT NULL,
        submitted_by jsonb NOT NULL,
        receipt_due_by date NOT NULL,
        notice_due_by date NOT NULL,
        decision jsonb,
        receipt_no text UNIQUE,
        receipt_issued_on date,
        version int NOT NULL
      )`,
    `CREATE INDEX filing_institution ON filing (institution_id, submitted_at DESC)`,
    `CREATE INDEX filing_open ON filing (division_code text_pattern_ops, receipt_due_by) WHERE status = 'submitted'`,
    // At most one undecided filing per institution, whatever races happen.
    `CREATE UNIQUE INDEX filing_one_open_per_institution ON filing (institution_id) WHERE status = 'submitted'`,
    `
      CREATE TABLE receipt_sequence (
        county char(6) NOT NULL,
        year int NOT NULL,
        last int NOT NULL,
        PRIMARY KEY (county, year)
      )`,
    `
      CREATE TABLE calendar_year (
        year int PRIMARY KEY,
        source text NOT NULL,
        entries jsonb NOT NULL,
        loaded_at timestamptz NOT NULL
      )`,
  ];

  protected readonly downSteps = [
    `DROP TABLE calendar_year`,
    `DROP TABLE receipt_sequence`,
    `DROP TABLE filing`,
    `ALTER TABLE institution DROP COLUMN receipt_no, DROP COLUMN inclusive, DROP COLUMN demonstrations`,
  ];
}
