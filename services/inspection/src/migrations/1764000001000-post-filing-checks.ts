import { SchemaMigration } from '@shanyu/persistence';

/** 备案后核查: per filed institution, the first on-site visit due after its filing, and the visit that made it. */
export class PostFilingChecks1764000001000 extends SchemaMigration {
  name = 'PostFilingChecks1764000001000';

  protected readonly upSteps = [
    `
      CREATE TABLE post_filing_check (
        institution_id uuid PRIMARY KEY,
        division_code text NOT NULL,
        filed_on date NOT NULL,
        due_on date NOT NULL,
        policy_version text NOT NULL,
        source text NOT NULL,
        inspection_id uuid,
        visited_on date
      )`,
    `CREATE INDEX post_filing_check_division ON post_filing_check (division_code text_pattern_ops, due_on)`,
  ];

  protected readonly downSteps = [`DROP TABLE post_filing_check`];
}
