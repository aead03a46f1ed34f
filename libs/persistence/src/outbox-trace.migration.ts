import { SchemaMigration } from './schema-migration.js';

/**
 * The trace context (W3C `traceparent`, `tracestate`) and request id of the call that wrote an
 * outbox row, so the relay publishes the event with them as NATS headers and the trace goes on
 * into the consumers. Null for rows written outside a traced call.
 */
export class OutboxTraceHeaders1795338379070 extends SchemaMigration {
  name = 'OutboxTraceHeaders1795338379070';

  protected readonly upSteps = [`ALTER TABLE outbox ADD COLUMN IF NOT EXISTS headers jsonb`];

  protected readonly downSteps = [`ALTER TABLE outbox DROP COLUMN headers`];
}
