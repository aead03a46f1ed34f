import { JsonLogger } from '@shanyu/common';
import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { DurableEventConsumer, type EventHandler } from './event-consumer.js';

const envelope = { eventId: 'e1', subject: 'evt.test.thing.happened.v1', occurredAt: '2026-01-01T00:00:00Z', actor: null, entityId: 'x', data: {} };
const databaseGone = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const poison = () => new Error('poison: missing field');

/** One message as the server would (re)deliver it: the same stream sequence, a growing delivery count. */
function delivery(count: number) {
  return {
    seq: 7,
    subject: envelope.subject,
    headers: undefined,
    info: { deliveryCount: count },
    data: new TextEncoder().encode(JSON.stringify(envelope)),
    json: () => envelope,
    ack: vi.fn(),
    nak: vi.fn(),
    term: vi.fn(),
    working: vi.fn(),
  } as unknown as JsMsg & Record<'ack' | 'nak' | 'term' | 'working', ReturnType<typeof vi.fn>>;
}

/**
 * A consumer under test over `dataSource`, whose dead-letter publications land in `published`;
 * delivered at most 3 times, 10 ms apart.
 */
function unitConsumer(name: string, dataSource: DataSource, published: string[], handler: EventHandler): DurableEventConsumer {
  return new DurableEventConsumer({
    name,
    filterSubject: 'evt.test.>',
    dataSource,
    js: {
      publish: async (subject: string) => {
        published.push(subject);
      },
    } as never,
    jsm: {} as never,
    logger: new JsonLogger('unit', 'error', () => undefined),
    handler,
    maxDeliver: 3,
    backoffMs: [10],
  });
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
  const consumer = unitConsumer('unit-consumer', dataSource, published, async () => undefined);
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

/** A delivery of its own event (`entityId` tells the order the handler saw). */
function eventDelivery(eventId: string, seq: number, count = 1) {
  const event = { ...envelope, eventId, entityId: `entity-${seq}` };
  return {
    seq,
    subject: event.subject,
    headers: undefined,
    info: { deliveryCount: count },
    data: new TextEncoder().encode(JSON.stringify(event)),
    json: () => event,
    ack: vi.fn(),
    nak: vi.fn(),
    term: vi.fn(),
    working: vi.fn(),
  } as unknown as JsMsg & Record<'ack' | 'nak' | 'term' | 'working', ReturnType<typeof vi.fn>>;
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A consumer over an in-memory inbox: a transaction commits its inbox rows and effects only if
 * its work returns; `failures` make whole transactions fail (one each), `refuse` makes the handler throw.
 */
function batchingConsumer(options: { recorded?: string[]; failures?: (() => Error)[]; refuse?: (eventId: string) => Error | undefined } = {}) {
  const inbox = new Set(options.recorded ?? []);
  const effects: string[] = [];
  const calls: string[] = [];
  const commits: string[][] = [];
  const published: string[] = [];
  const failures = options.failures ?? [];
  const dataSource = {
    transaction: async (work: (manager: unknown) => Promise<unknown>) => {
      const next = failures.shift();
      if (next) throw next();
      const staged = new Set<string>();
      const stagedEffects: string[] = [];
      const manager = {
        effects: stagedEffects,
        getRepository: () => ({ metadata: { tablePath: 'inbox' } }),
        query: async (_sql: string, [, ids]: [string, string[]]) =>
          ids.filter((e) => !inbox.has(e) && !staged.has(e) && staged.add(e)).map((event_id) => ({ event_id })),
      };
      const result = await work(manager);
      staged.forEach((e) => inbox.add(e));
      effects.push(...stagedEffects);
      commits.push([...staged]);
      return result;
    },
  } as unknown as DataSource;
  const consumer = unitConsumer('unit-batch', dataSource, published, async (event, manager) => {
    calls.push(event.eventId);
    const refused = options.refuse?.(event.eventId);
    if (refused) throw refused;
    (manager as unknown as { effects: string[] }).effects.push(event.eventId);
  });
  return { consumer, effects, calls, commits, published, inbox };
}

describe('DurableEventConsumer: deliveries waiting together share one transaction', () => {
  it('handles a batch in one transaction, in stream order, and acks each after the commit', async () => {
    const { consumer, effects, commits } = batchingConsumer();
    const msgs = [1, 2, 3, 4].map((n) => eventDelivery(id(n), n));
    const outcomes = await Promise.all(msgs.map((m) => consumer.process(m)));
    expect(outcomes).toEqual(['done', 'done', 'done', 'done']);
    expect(commits).toEqual([[id(1), id(2), id(3), id(4)]]); // one transaction
    expect(effects).toEqual([id(1), id(2), id(3), id(4)]);
    for (const m of msgs) expect(m.ack).toHaveBeenCalledOnce();
    expect(consumer.processedCount).toBe(4);
  });

  it('skips the effect of an event already in the inbox, and of a second delivery of one in the same batch', async () => {
    const { consumer, effects, calls } = batchingConsumer({ recorded: [id(2)] });
    const msgs = [eventDelivery(id(1), 1), eventDelivery(id(2), 2, 2), eventDelivery(id(3), 3), eventDelivery(id(3), 3, 2)];
    const outcomes = await Promise.all(msgs.map((m) => consumer.process(m)));
    expect(outcomes).toEqual(['done', 'duplicate', 'done', 'duplicate']);
    expect(calls).toEqual([id(1), id(3)]);
    expect(effects).toEqual([id(1), id(3)]);
    for (const m of msgs) expect(m.ack).toHaveBeenCalledOnce();
  });

  it('a poison event rolls the batch back: the others commit without it, only it is retried, its handler runs once', async () => {
    const { consumer, effects, calls, commits } = batchingConsumer({ refuse: (e) => (e === id(3) ? poison() : undefined) });
    const msgs = [1, 2, 3, 4, 5].map((n) => eventDelivery(id(n), n));
    const outcomes = await Promise.all(msgs.map((m) => consumer.process(m)));
    expect(outcomes).toEqual(['done', 'done', 'retry', 'done', 'done']);
    expect(commits).toEqual([
      [id(1), id(2)],
      [id(4), id(5)],
    ]); // the failed batch committed nothing
    expect(effects).toEqual([id(1), id(2), id(4), id(5)]);
    expect(calls.filter((e) => e === id(3))).toHaveLength(1);
    expect(msgs[2]!.nak).toHaveBeenCalledWith(10);
    expect(msgs[2]!.ack).not.toHaveBeenCalled();
    for (const n of [0, 1, 3, 4]) expect(msgs[n]!.ack).toHaveBeenCalledOnce();
  });

  it('dead-letters only the poison event at its last delivery', async () => {
    const { consumer, effects, published } = batchingConsumer({ refuse: (e) => (e === id(1) ? poison() : undefined) });
    const msgs = [eventDelivery(id(1), 1, 3), eventDelivery(id(2), 2), eventDelivery(id(3), 3)];
    const outcomes = await Promise.all(msgs.map((m) => consumer.process(m)));
    expect(outcomes).toEqual(['dead', 'done', 'done']);
    expect(published).toEqual(['dlq.unit-batch']);
    expect(msgs[0]!.term).toHaveBeenCalledOnce();
    expect(effects).toEqual([id(2), id(3)]);
  });

  it('holds the whole batch while the database is unavailable, then commits it once', async () => {
    const { consumer, effects, commits } = batchingConsumer({ failures: [databaseGone, databaseGone] });
    const msgs = [1, 2, 3].map((n) => eventDelivery(id(n), n));
    const outcomes = await Promise.all(msgs.map((m) => consumer.process(m)));
    expect(outcomes).toEqual(['done', 'done', 'done']);
    expect(commits).toHaveLength(1);
    expect(effects).toEqual([id(1), id(2), id(3)]);
    for (const m of msgs) {
      expect(m.working).toHaveBeenCalledTimes(2);
      expect(m.nak).not.toHaveBeenCalled();
    }
  });

  it("a failure that is not one handler's (a deadlock) retries each delivery alone", async () => {
    const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const { consumer, effects, commits } = batchingConsumer({ failures: [deadlock] });
    const msgs = [1, 2, 3].map((n) => eventDelivery(id(n), n));
    expect(await Promise.all(msgs.map((m) => consumer.process(m)))).toEqual(['done', 'done', 'done']);
    expect(commits).toEqual([[id(1)], [id(2)], [id(3)]]);
    expect(effects).toEqual([id(1), id(2), id(3)]);
  });

  it('hands deliveries back (nak) once stopped, without handling them', async () => {
    const { consumer, calls } = batchingConsumer();
    await consumer.stop();
    const msgs = [1, 2].map((n) => eventDelivery(id(n), n));
    expect(await Promise.all(msgs.map((m) => consumer.process(m)))).toEqual(['retry', 'retry']);
    for (const m of msgs) expect(m.nak).toHaveBeenCalledOnce();
    expect(calls).toEqual([]);
  });
});
