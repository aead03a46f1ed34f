import { SchemaMigration } from '@shanyu/persistence';

/**
 * 从业人员规则 published through the API (POST /api/v1/staff/rules): rule documents of family
 * `staff` by jurisdiction, beside the built-in ones of services/staff/rules/staff-rules.json (not
 * stored). A version is inserted once and its document never changed; `applied_on` is the day
 * the reminder sweep first judged the jurisdiction's institutions again under it (ratios and
 * 持证率 from its first day), null until then.
 */
export class RuleDocuments1763900000400 extends SchemaMigration {
  name = 'RuleDocuments1763900000400';

  protected readonly upSteps = [
    `
      CREATE TABLE rule_document (
        id uuid PRIMARY KEY,
        family text NOT NULL CHECK (family = 'staff'),
        document_key text NOT NULL,
        version text NOT NULL UNIQUE,
        jurisdiction text NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        document jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        published_by jsonb NOT NULL,
        applied_on date
      )`,
    `CREATE INDEX rule_document_key ON rule_document (document_key, effective_from)`,
  ];

  protected readonly downSteps = [`DROP TABLE rule_document`];
}
