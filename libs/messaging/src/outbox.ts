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
 * Records an event in the service's outbox inside the caller's transaction: the event exists
 * if and only if the change committed. The relay publishes it afterwards.
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
    const table = manager.getRepository(OutboxRow).metadata.tablePath;
    // The writer's trace context and request id travel with the event (published as NATS headers).
    const headers = traceHeaders();
    const requestId = currentRequestId();
    if (requestId) headers[RpcHeaders.requestId] = requestId;
    await manager.query(`INSERT INTO ${table} (id, subject, envelope, headers) VALUES ($1, $2, $3::jsonb, $4::jsonb)`, [
      envelope.eventId,
      envelope.subject,
      JSON.stringify(envelope),
      Object.keys(headers).length ? JSON.stringify(headers) : null,
    ]);
    return envelope;
  }
}

