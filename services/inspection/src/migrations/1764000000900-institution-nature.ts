import { SchemaMigration } from '@shanyu/persistence';

/**
 * The institution copy keeps its 机构性质 (营利性 / 非营利性), so that items for non-profit institutions
 * registered with civil affairs (民办非企业单位) are left off other institutions' forms. Copies made
 * before have none until the institution's next registry event.
 */
export class InstitutionNature1764000000900 extends SchemaMigration {
  name = 'InstitutionNature1764000000900';

  protected readonly upSteps = [`ALTER TABLE institution ADD COLUMN nature text`];

  protected readonly downSteps = [`ALTER TABLE institution DROP COLUMN nature`];
}
