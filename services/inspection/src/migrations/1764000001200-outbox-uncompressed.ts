import { SchemaMigration } from '@shanyu/persistence';

/**
 * The service's outbox keeps envelopes uncompressed: a province's 双随机 result is published as
 * 33 evt.inspection.plan.drawn parts (12 MB of JSON), and compressing them (pglz) took as long as
 * the rest of writing them (bench/draw.mjs). An envelope is written once and read once by the relay.
 */
export class OutboxUncompressed1764000001200 extends SchemaMigration {
  name = 'OutboxUncompressed1764000001200';

  protected readonly upSteps = [`ALTER TABLE outbox ALTER COLUMN envelope SET STORAGE EXTERNAL`];

  protected readonly downSteps = [`ALTER TABLE outbox ALTER COLUMN envelope SET STORAGE EXTENDED`];
}
