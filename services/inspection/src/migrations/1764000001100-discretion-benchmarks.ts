import { SchemaMigration } from '@shanyu/persistence';

/**
 * 行政处罚裁量基准: a third kind of list version (its entries in discretion_items), and a penalty
 * decision keeps the 裁量 band its fine was checked against (none for decisions made before).
 */
export class DiscretionBenchmarks1764000001100 extends SchemaMigration {
  name = 'DiscretionBenchmarks1764000001100';

  protected readonly upSteps = [
    `ALTER TABLE checklist_version DROP CONSTRAINT checklist_version_kind_check`,
    `ALTER TABLE checklist_version ADD CONSTRAINT checklist_version_kind_check CHECK (kind IN ('inspection', 'penalty', 'discretion'))`,
    `ALTER TABLE checklist_version ADD COLUMN discretion_items jsonb NOT NULL DEFAULT '[]'`,
    `ALTER TABLE penalty ADD COLUMN discretion jsonb`,
  ];

  protected readonly downSteps = [
    `ALTER TABLE penalty DROP COLUMN discretion`,
    `ALTER TABLE checklist_version DROP COLUMN discretion_items`,
    `DELETE FROM checklist_version WHERE kind = 'discretion'`,
    `ALTER TABLE checklist_version DROP CONSTRAINT checklist_version_kind_check`,
    `ALTER TABLE checklist_version ADD CONSTRAINT checklist_version_kind_check CHECK (kind IN ('inspection', 'penalty'))`,
  ];
}
