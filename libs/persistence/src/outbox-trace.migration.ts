import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentSchema } from './foundation.migration.js';

/**
 * The trace context (W3C `traceparent`, `tracestate`) and request id of the call that wrote an
 * outbox row, so the relay publishes the event with them as NATS headers and the trace goes on
 * into the consumers. Null for rows written outside a traced call.
 */
export class OutboxTraceHeaders1795338379070 implements MigrationInterface {
  name = 'OutboxTraceHeaders1795338379070';

  async up(q: QueryRunner): Promise<void> {
    const schema = await currentSchema(q);
    await q.query(`SET LOCAL search_path TO "${schema}"`);
    await q.query(`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS headers jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    const schema = await currentSchema(q);
    await q.query(`SET LOCAL search_path TO "${schema}"`);
    await q.query(`ALTER TABLE outbox DROP COLUMN headers`);
  }
}
