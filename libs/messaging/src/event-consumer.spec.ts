import { JsonLogger } from '@shanyu/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { DurableEventConsumer } from './event-consumer.js';

const envelope = { eventId: 'e1', subject: 'evt.test.thing.happened.v1', occurredAt: '2026-01-01T00:00:00Z', actor: null, entityId: 'x', data: {} };
const databaseGone = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const poison = () => new Error('poison: missing field');

/** One message as the server would (re)deliver it: the same stream sequence, a growing delivery count. */
function delivery(count: number) {
  return {
    seq: 7, subject: envelope.subject, headers: undefined, info: { deliveryCount: count },
    data: new TextEncoder().encode(JSON.stringify(envelope)),
    json: () => envelope, ack: vi.fn(), nak: vi.fn(), term: vi.fn(), working: vi.fn(),
  } as unknown as JsMsg & Record<'ack' | 'nak' | 'term' | 'working', ReturnType<typeof vi.fn>>;
}

/** A consumer whose transactions fail as told, one failure per attempt, then run the handler. */
function consumerFailingWith(failures: (() => Error)[]) {
  const published: string[] = [];
  let attempts = 0;
  const dataSource = {
    transaction: async () => {
      attempts++;
      const next = failures.shift();
      if (next) throw next();
      return 'done';
    },
  } as unknown as DataSource;
  const consumer = new DurableEventConsumer({
    name: 'unit-consumer', filterSubject: 'evt.test.>', dataSource,
    js: { publish: async (subject: string) => { published.push(subject); } } as never,
    jsm: {} as never,
    logger: new JsonLogger('unit', 'error', () => undefined),
    handler: async () => undefined, maxDeliver: 3, backoffMs: [10],
  });
  return { consumer, published, attempts: () => attempts };
}

describe('DurableEventConsumer: only handler failures count toward the dead-letter limit', () => {
  it('waits out a database outage longer than maxDeliver attempts on the same delivery, then handles the event once', async () => {
    const { consumer, published, attempts } = consumerFailingWith([databaseGone, databaseGone, databaseGone, databaseGone]);
    const msg = delivery(1);
    expect(await consumer.process(msg)).toBe('done');
    expect(attempts()).toBe(5);
    expect(msg.working).toHaveBeenCalledTimes(4); // the message is held, not given back to the server
    expect(msg.nak).not.toHaveBeenCalled();
    expect(msg.ack).toHaveBeenCalledOnce();
    expect(published).toEqual([]); // nothing dead-lettered
    expect(consumer.processedCount).toBe(1);
  });

  it('dead-letters after maxDeliver handler failures, not counting the outage between them', async () => {
    const { consumer, published } = consumerFailingWith([poison, databaseGone, databaseGone, poison, poison]);
    const msgs = [1, 2, 3].map(delivery);
    const outcomes = [];
    for (const msg of msgs) outcomes.push(await consumer.process(msg));
    expect(outcomes).toEqual(['retry', 'retry', 'dead']);
    expect(msgs[1]!.working).toHaveBeenCalledTimes(2);
    expect(published).toEqual(['dlq.unit-consumer']);
    expect(msgs[2]!.term).toHaveBeenCalledOnce();
  });

  it('dead-letters a data failure at maxDeliver as before', async () => {
    const { consumer, published } = consumerFailingWith([poison, poison, poison]);
    const outcomes = [];
    for (let n = 1; n <= 3; n++) outcomes.push(await consumer.process(delivery(n)));
    expect(outcomes).toEqual(['retry', 'retry', 'dead']);
    expect(published).toEqual(['dlq.unit-consumer']);
  });
});
