import { SchemaMigration } from '@shanyu/persistence';

/**
 * Registered institutions not yet filed join the 双随机 pool as their own stratum (shanyu-draw/v2):
 * a pool row says whether its institution was filed at the commit, a drawn row (v2 plans only)
 * whether it was drawn from that stratum. Earlier plans' pools held filed institutions only.
 */
export class UnfiledInPool1764000000800 extends SchemaMigration {
  name = 'UnfiledInPool1764000000800';

  protected readonly upSteps = [`ALTER TABLE plan_pool ADD COLUMN filed boolean NOT NULL DEFAULT true`, `ALTER TABLE plan_draw ADD COLUMN filed boolean`];

  protected readonly downSteps = [`ALTER TABLE plan_draw DROP COLUMN filed`, `ALTER TABLE plan_pool DROP COLUMN filed`];
}
