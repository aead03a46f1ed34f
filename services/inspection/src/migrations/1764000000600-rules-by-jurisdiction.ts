import { SchemaMigration } from '@shanyu/persistence';

/**
 * Rules by jurisdiction. Each list version gets the jurisdiction it applies in (000000 = national,
 * or a division code), its sources as citations, and the items of the lists above it disables or
 * confirms. Versions published before this migration applied everywhere, so they stay national;
 * their one-line source becomes their one citation. The built-in versions are the platform's
 * shipped data (no inspection, finding or penalty refers to a row: each keeps its own copy of the
 * items and the version label), so they are removed here and stored again at start, each at the
 * level its legal basis belongs to (national law national; a city's or district's own rules there).
 * Published supervision policies (rule family `supervision`) get their own table.
 */
export class RulesByJurisdiction1764000000600 extends SchemaMigration {
  name = 'RulesByJurisdiction1764000000600';

  protected readonly upSteps = [
    `ALTER TABLE checklist_version
       ADD COLUMN jurisdiction text NOT NULL DEFAULT '000000',
       ADD COLUMN sources jsonb NOT NULL DEFAULT '[]',
       ADD COLUMN disabled_items jsonb NOT NULL DEFAULT '[]',
       ADD COLUMN inherited_items jsonb NOT NULL DEFAULT '[]'`,
    `UPDATE checklist_version SET sources = jsonb_build_array(jsonb_build_object('title', source))`,
    `DELETE FROM checklist_version WHERE origin = 'built-in'`,
    // From now on every list names its jurisdiction.
    `ALTER TABLE checklist_version ALTER COLUMN jurisdiction DROP DEFAULT, ALTER COLUMN sources DROP DEFAULT`,
    `
      CREATE TABLE rule_document (
        id uuid PRIMARY KEY,
        family text NOT NULL,
        document_key text NOT NULL,
        version text NOT NULL,
        jurisdiction text NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        document jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        published_by jsonb NOT NULL,
        UNIQUE (family, version)
      )`,
  ];

  protected readonly downSteps = [
    `DROP TABLE rule_document`,
    `ALTER TABLE checklist_version DROP COLUMN jurisdiction, DROP COLUMN sources, DROP COLUMN disabled_items, DROP COLUMN inherited_items`,
  ];
}
