import { SchemaMigration } from '@shanyu/persistence';

/**
 * 备案标准 as rule documents by jurisdiction (family `filing`): the built-in documents, stored at
 * start, and those published since (POST /api/v1/filing-standards). A version is inserted once and
 * never changed; a filing is judged by the versions in force in its institution's division on its date.
 */
export class RuleDocuments1764100000100 extends SchemaMigration {
  name = 'RuleDocuments1764100000100';

  protected readonly upSteps = [
    `
      CREATE TABLE rule_document (
        id uuid PRIMARY KEY,
        family text NOT NULL,
        document_key text NOT NULL,
        version text NOT NULL UNIQUE,
        jurisdiction text NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        document jsonb NOT NULL,
        origin text NOT NULL CHECK (origin IN ('built-in', 'published')),
        published_at timestamptz NOT NULL,
        published_by jsonb NOT NULL
      )`,
    `CREATE INDEX rule_document_family_key ON rule_document (family, document_key, effective_from)`,
  ];

  protected readonly downSteps = [`DROP TABLE rule_document`];
}
