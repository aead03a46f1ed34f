import { randomUUID } from 'node:crypto';
import type { Actor } from '@shanyu/common';
import { type EventEnvelope, RpcHeaders } from '@shanyu/contracts';
import { currentRequestId, traceHeaders } from '@shanyu/observability';
import { OutboxRow } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

export interface NewEvent<T> {
  subject: string;
  actor: Actor;
  entityId: string;
  data: T;
}

/**
 * The largest envelope the outbox accepts, in bytes of JSON: nats-server's default
 * `max_payload` (1 MB, deploy/nats/nats.conf) less room for the headers (trace context,
 * request id, Nats-Msg-Id). A larger event could never be published: the relay would retry it
 * forever and hold back every later event of the service.
 */
export const MAX_EVENT_BYTES = 1_000_000 - 16_384;

/** A use case tried to record an event too large for the broker: a programming error, not the client's. */
export class EventTooLargeError extends Error {
  override name = 'EventTooLargeError';
  constructor(
    readonly subject: string,
    readonly bytes: number,
  ) {
    super(`event ${subject} is ${bytes} bytes, over the ${MAX_EVENT_BYTES}-byte limit: publish it in parts or by reference`);
  }
}

/**
 * Records an event in the service's outbox inside the caller's transaction: the event exists
 * if and only if the change committed. The relay publishes it afterwards. An event over
 * MAX_EVENT_BYTES throws, so the change rolls back instead of committing an unpublishable event.
 */
export class Outbox {
  async append<T>(manager: EntityManager, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const envelope: EventEnvelope<T> = {
      eventId: randomUUID(),
      subject: event.subject,
      occurredAt: new Date().toISOString(),
      actor: event.actor,
      entityId: event.entityId,
      data: event.data,
    };
    const json = JSON.stringify(envelope);
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(envelope.subject, bytes);
    const table = manager.getRepository(OutboxRow).metadata.tablePath;
    // The writer's trace context and request id travel with the event (published as NATS headers).
    const headers = traceHeaders();
    const requestId = currentRequestId();
    if (requestId) headers[RpcHeaders.requestId] = requestId;
    await manager.query(`INSERT INTO ${table} (id, subject, envelope, headers) VALUES ($1, $2, $3::jsonb, $4::jsonb)`, [
      envelope.eventId,
      envelope.subject,
      json,
      Object.keys(headers).length ? JSON.stringify(headers) : null,
    ]);
    return envelope;
  }
}

