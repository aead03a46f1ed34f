import { SchemaMigration } from '@shanyu/persistence';

/**
 * 信用评价模型 published through the API (POST /api/v1/credit/models): rule documents of family
 * `credit` by jurisdiction, beside the built-in ones the service ships (credit-models.data.ts,
 * not stored). A version is inserted once and never changed; a ledger entry names the version its
 * rule came from, so a published version is never removed either.
 */
export class RuleDocuments1764000000400 extends SchemaMigration {
  name = 'RuleDocuments1764000000400';

  protected readonly upSteps = [
    `
      CREATE TABLE rule_document (
        id uuid PRIMARY KEY,
        family text NOT NULL CHECK (family = 'credit'),
        document_key text NOT NULL,
        version text NOT NULL UNIQUE,
        jurisdiction text NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        document jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        published_by jsonb NOT NULL
      )`,
    `CREATE INDEX rule_document_key ON rule_document (document_key, effective_from)`,
  ];

  protected readonly downSteps = [`DROP TABLE rule_document`];
}
