import { randomUUID } from 'node:crypto';
import type { Actor } from '@shanyu/common';
import { type AnyEventDef, type DataOf, type EventEnvelope, RpcHeaders } from '@shanyu/contracts';
import { currentRequestId, traceHeaders } from '@shanyu/observability';
import { nextSequenceValues, OutboxRow } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

export interface NewEvent<T> {
  subject: string;
  actor: Actor;
  entityId: string;
  data: T;
}

/** An event by its definition, its data checked against it: for events gathered before they are recorded (publishMany, a sink). */
export function newEvent<D extends AnyEventDef>(def: D, event: Omit<NewEvent<DataOf<D>>, 'subject'>): NewEvent<DataOf<D>> {
  return { ...event, subject: def.subject };
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
    const { envelope, json } = envelopeOf(event);
    const table = manager.getRepository(OutboxRow).metadata.tablePath;
    await manager.query(`INSERT INTO ${table} (id, subject, envelope, headers) VALUES ($1, $2, $3::jsonb, $4::jsonb)`, [
      envelope.eventId,
      envelope.subject,
      json,
      currentHeaders(),
    ]);
    return envelope;
  }

  /**
   * Many events in one statement, relayed in the given order (bulk use cases). Each event is
   * checked against MAX_EVENT_BYTES on its own, as by `append`.
   */
  async appendMany(manager: EntityManager, events: NewEvent<unknown>[]): Promise<EventEnvelope<unknown>[]> {
    if (events.length <= 1) return Promise.all(events.map((e) => this.append(manager, e)));
    const built = events.map(envelopeOf);
    const table = manager.getRepository(OutboxRow).metadata.tablePath;
    const seqs = await nextSequenceValues(manager, table, built.length);
    // The envelopes go as one JSON array of the texts that were size-checked: no escaping of each for a text[] literal.
    await manager.query(
      `INSERT INTO ${table} (seq, id, subject, envelope, headers)
       SELECT t.seq, t.id, t.subject, e.envelope, $4::jsonb
       FROM unnest($1::bigint[], $2::uuid[], $3::text[]) WITH ORDINALITY AS t(seq, id, subject, n)
       JOIN jsonb_array_elements($5::jsonb) WITH ORDINALITY AS e(envelope, n) USING (n)`,
      [seqs, built.map((b) => b.envelope.eventId), built.map((b) => b.envelope.subject), currentHeaders(), `[${built.map((b) => b.json).join(',')}]`],
    );
    return built.map((b) => b.envelope);
  }
}

function envelopeOf<T>(event: NewEvent<T>): { envelope: EventEnvelope<T>; json: string } {
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
  return { envelope, json };
}

/** The writer's trace context and request id travel with the event (published as NATS headers). */
function currentHeaders(): string | null {
  const headers = traceHeaders();
  const requestId = currentRequestId();
  if (requestId) headers[RpcHeaders.requestId] = requestId;
  return Object.keys(headers).length ? JSON.stringify(headers) : null;
}
