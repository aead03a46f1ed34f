// The event path end to end, on the run's real PostgreSQL and nats-server (no mocks):
// registry use case → outbox (same transaction) → OutboxRelay → JetStream EVENTS (Nats-Msg-Id =
// outbox id) → DurableEventConsumer (inbox, ack after commit, nak with backoff, dead letter).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { JsonLogger } from '@shanyu/common';
import { DEAD_LETTER_STREAM, deadLetterSubject, EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { connectNats, DurableEventConsumer, type DurableEventConsumerOptions, type EventHandler } from '@shanyu/messaging';
import { createServiceDataSource, initializeAndMigrate } from '@shanyu/persistence';
import { RegisterInstitution, startRegistry, type RunningRegistry } from '@shanyu/registry';
import { eventually, institutionRequest, natsControl, testActor, testDatabaseUrl, testNatsUrl, testServiceEnv, uniqueSchema } from '@shanyu/testing';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REGISTERED = 'evt.registry.institution.registered.v1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = Awaited<ReturnType<DurableEventConsumer['process']>>;

/** The library's consumer, recording what became of each delivery (nothing else changed). */
class ObservedConsumer extends DurableEventConsumer {
  readonly outcomes: { eventId: string; delivery: number; outcome: Outcome }[] = [];

  override async process(msg: JsMsg): Promise<Outcome> {
    const outcome = await super.process(msg);
    let eventId = '';
    try {
      eventId = msg.json<EventEnvelope>().eventId;
    } catch {
      /* not an envelope */
    }
    this.outcomes.push({ eventId, delivery: msg.info.deliveryCount, outcome });
    return outcome;
  }

  outcomesFor(eventId: string): Outcome[] {
    return this.outcomes.filter((o) => o.eventId === eventId).map((o) => o.outcome);
  }
}

describe('event path: outbox → relay → JetStream → durable consumer (real PostgreSQL and nats-server)', () => {
  let registry: RunningRegistry;
  let registrySchema: string;
  let consumerDs: DataSource;
  let consumerSchema: string;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const consumers: DurableEventConsumer[] = [];
  const extraConnections: NatsConnection[] = [];
  const logLines: string[] = [];
  const logger = new JsonLogger('event-path-test', 'debug', (line) => logLines.push(line));

  // The use case straight from the running Nest app: NATS RPC is down while the broker is dead.
  const register = async () => (await registry.app.get(RegisterInstitution).execute(institutionRequest() as never, testActor())).id;

  /** The outbox row (= event) of each institution registered in this file, by institution id. */
  const outboxEvents = async (): Promise<Map<string, { id: string; publishedAt: Date | null; attempts: number; envelope: EventEnvelope }>> => {
    const rows: { id: string; entity_id: string; published_at: Date | null; attempts: number; envelope: EventEnvelope }[] =
      await registry.runtime.dataSource.query(
        `SELECT id, envelope->>'entityId' AS entity_id, published_at, attempts, envelope FROM "${registrySchema}".outbox WHERE subject = $1 ORDER BY seq`,
        [REGISTERED],
      );
    return new Map(rows.map((r) => [r.entity_id, { id: r.id, publishedAt: r.published_at, attempts: r.attempts, envelope: r.envelope }]));
  };

  /** Effects per event id for one consumer (the effect table has no unique key: a double effect shows as 2). */
  const effectCounts = async (consumer: string): Promise<Map<string, number>> => {
    const rows: { event_id: string; n: number }[] = await consumerDs.query(
      `SELECT event_id, count(*)::int AS n FROM "${consumerSchema}".effect WHERE consumer = $1 GROUP BY event_id`,
      [consumer],
    );
    return new Map(rows.map((r) => [r.event_id, r.n]));
  };

  const inboxHas = async (consumer: string, eventId: string): Promise<boolean> => {
    const [row] = await consumerDs.query(`SELECT count(*)::int AS n FROM "${consumerSchema}".inbox WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
    return row.n === 1;
  };

  /** The handler of a well-behaved consumer: one effect row per event, in the consumer's transaction. */
  const recordEffect =
    (consumer: string): EventHandler =>
    async (event, manager) => {
      await manager.query(`INSERT INTO "${consumerSchema}".effect (consumer, event_id, entity_id) VALUES ($1, $2, $3)`, [
        consumer,
        event.eventId,
        event.entityId,
      ]);
    };

  const durableName = (purpose: string) => `event-path-${purpose}-${randomUUID().slice(0, 8)}`;

  const startConsumer = async (options: Partial<DurableEventConsumerOptions> & { name: string; handler: EventHandler }): Promise<ObservedConsumer> => {
    const consumer = new ObservedConsumer({ filterSubject: REGISTERED, dataSource: consumerDs, js, jsm, logger, ...options });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };

  beforeAll(async () => {
    registrySchema = uniqueSchema('registry');
    registry = await startRegistry({
      ...testServiceEnv('registry'),
      REGISTRY_DB_SCHEMA: registrySchema,
      LOG_LEVEL: 'error',
      RPC_TIMEOUT_MS: 5_000,
    });
    consumerSchema = uniqueSchema('evtconsumer');
    consumerDs = createServiceDataSource({ url: testDatabaseUrl(), schema: consumerSchema, entities: [], migrations: [], poolSize: 5 });
    await initializeAndMigrate(consumerDs);
    await consumerDs.query(`CREATE TABLE "${consumerSchema}".effect (
      n bigserial PRIMARY KEY, consumer text NOT NULL, event_id uuid NOT NULL, entity_id text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
    nc = await connectNats(testNatsUrl(), 'event-path-consumer');
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    if (natsControl().pid() === undefined) await natsControl().restart(); // a failed test left it dead
    for (const c of consumers) await c.stop().catch(() => undefined);
    for (const c of consumers) {
      await jsm?.consumers.delete(EVENT_STREAM, (c as unknown as { options: { name: string } }).options.name).catch(() => undefined);
    }
    await Promise.all(extraConnections.map((c) => c.close().catch(() => undefined)));
    await nc?.drain().catch(() => undefined);
    if (consumerDs?.isInitialized) await consumerDs.destroy();
    await registry?.stop();
  });

  describe('a durable consumer across kill -9 of nats-server', () => {
    const name = durableName('main');
    const registered: string[] = [];

    it('gets every institution registered before, during and after a broker crash exactly once', async () => {
      const started = Date.now();
      await startConsumer({ name, handler: recordEffect(name), ackWaitMs: 5_000, backoffMs: [200] });

      registered.push(await register(), await register());
      const before = await outboxEvents();
      // The live path works: both reach the consumer before the crash.
      await eventually('the first two effects', async () => {
        const effects = await effectCounts(name);
        return registered.every((id) => effects.get(before.get(id)!.id) === 1);
      });

      const control = natsControl();
      await control.kill9();
      // NATS RPC is down, so the use case is called directly; PostgreSQL still commits, with the
      // event in the outbox; the relay cannot publish and keeps retrying.
      const duringOutage: string[] = [];
      for (let i = 0; i < 3; i++) duringOutage.push(await register());
      registered.push(...duringOutage);
      await sleep(1_500); // the relay tries (and fails) while the broker is dead
      const stuck = await outboxEvents();
      expect(duringOutage.map((id) => stuck.get(id)!.publishedAt)).toEqual([null, null, null]);
      expect(await registry.runtime.relay.backlog()).toBe(3);

      await control.restart();
      registered.push(await register()); // one more right after the restart
      const restartedAt = Date.now();

      const events = await eventually(
        'every registration to have its effect',
        async () => {
          const outbox = await outboxEvents();
          const effects = await effectCounts(name);
          return registered.every((id) => effects.get(outbox.get(id)?.id ?? '') !== undefined) ? outbox : undefined;
        },
        30_000,
        200,
      );
      const deliveredAfterMs = Date.now() - restartedAt;
      await sleep(500); // a late redelivery would show up as a second effect

      const effects = await effectCounts(name);
      const ours = registered.map((id) => events.get(id)!.id);
      expect(new Set(ours).size).toBe(registered.length);
      expect(ours.map((eventId) => effects.get(eventId))).toEqual(registered.map(() => 1));
      expect([...effects.values()].filter((n) => n !== 1)).toEqual([]); // no double effect for any event
      expect(await registry.runtime.relay.backlog()).toBe(0);
      const [unpublished] = await registry.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${registrySchema}".outbox WHERE published_at IS NULL`);
      expect(unpublished.n).toBe(0);
      const info = await jsm.consumers.info(EVENT_STREAM, name);
      const mine = (consumers[0] as ObservedConsumer).outcomes.filter((o) => ours.includes(o.eventId));
      console.log(
        `[1a] registered ${registered.length} (2 before kill -9, 3 while dead, 1 after restart); ` +
          `effects for them ${ours.reduce((s, e) => s + (effects.get(e) ?? 0), 0)}; consumer effects in total ${effects.size} ` +
          `(incl. earlier events in the stream), duplicates 0; deliveries of ours ${mine.length} ` +
          `(${mine.filter((o) => o.outcome === 'duplicate').length} acked as duplicate); unpublished outbox rows ${unpublished.n}; ` +
          `all delivered ${deliveredAfterMs} ms after restart; consumer ack_pending ${info.num_ack_pending}; took ${Date.now() - started} ms`,
      );
    });

    it('a republish of already-published outbox rows is dropped by JetStream and has no second effect', async () => {
      expect(registered.length).toBeGreaterThan(0);
      const relay = registry.runtime.relay;
      await relay.stop(); // drive the relay by hand
      try {
        const before = await jsm.streams.info(EVENT_STREAM);
        const reset: [unknown[], number] = await registry.runtime.dataSource.query(
          `UPDATE "${registrySchema}".outbox SET published_at = NULL WHERE published_at IS NOT NULL`,
        );
        const resetCount = reset[1];
        expect(resetCount).toBeGreaterThanOrEqual(registered.length);
        const republished = await relay.publishBatch();
        expect(republished).toBe(resetCount);
        expect(await relay.backlog()).toBe(0);
        const after = await jsm.streams.info(EVENT_STREAM);
        // Nothing new in the stream: every message id was within the duplicate window.
        expect(after.state.last_seq).toBe(before.state.last_seq);
        expect(after.state.messages).toBe(before.state.messages);
        const outbox = await outboxEvents();
        expect(registered.map((id) => outbox.get(id)!.attempts >= 2)).toEqual(registered.map(() => true));

        await sleep(1_000);
        const info = await jsm.consumers.info(EVENT_STREAM, name);
        expect(info.num_pending).toBe(0);
        expect(info.num_ack_pending).toBe(0);
        const effects = await effectCounts(name);
        expect(registered.map((id) => effects.get(outbox.get(id)!.id))).toEqual(registered.map(() => 1));
        console.log(
          `[1b] reset ${resetCount} published rows, relay republished ${republished}; stream last_seq ${before.state.last_seq} → ${after.state.last_seq} ` +
            `(all ${republished} deduplicated); effects per registered event still ${[...new Set(registered.map((id) => effects.get(outbox.get(id)!.id)))].join(',')}`,
        );
      } finally {
        relay.start();
      }
    });
  });

  describe('a consumer killed in the middle of handling an event', () => {
    it('commits its effect but dies before the ack: the redelivery to a fresh instance is acked as a duplicate', async () => {
      const name = durableName('crash');
      // The doomed instance follows only new events (not every earlier file's registrations, which
      // with a 1.5 s ack_wait would be redelivered faster than one instance handles them), so it
      // exists before the target is registered and learns the target's id when it is known.
      let targetKnown!: (id: string) => void;
      const targetId = new Promise<string>((resolve) => (targetKnown = resolve));

      // The doomed instance has its own connection; right after its transaction commits (effect +
      // inbox row) it loses the connection and never gets to the ack, as a process killed there would.
      const doomedNc = await connectNats(testNatsUrl(), 'event-path-doomed');
      extraConnections.push(doomedNc);
      let killNow = false;
      let died!: () => void;
      const death = new Promise<void>((resolve) => (died = resolve));
      const dyingDataSource = new Proxy(consumerDs, {
        get(target, prop) {
          if (prop === 'transaction') {
            return async (...args: unknown[]) => {
              const result = await (target.transaction as (...a: unknown[]) => Promise<unknown>)(...args);
              if (killNow) {
                await doomedNc.close();
                died();
                return new Promise(() => undefined); // the code after the commit never runs
              }
              return result;
            };
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const handle = recordEffect(name);
      const doomed = new ObservedConsumer({
        name,
        filterSubject: REGISTERED,
        dataSource: dyingDataSource,
        js: jetstream(doomedNc),
        jsm: await jetstreamManager(doomedNc),
        logger,
        ackWaitMs: 1_500,
        backoffMs: [200],
        deliverFrom: 'new',
        handler: async (event, manager) => {
          await handle(event, manager);
          if (event.entityId === (await targetId)) killNow = true;
        },
      });
      await doomed.start(); // not in `consumers`: it is dead, nothing to stop
      const target = await register();
      targetKnown(target);
      const eventId = await eventually('the event to be published', async () => {
        const row = (await outboxEvents()).get(target);
        return row?.publishedAt ? row.id : undefined;
      });
      await eventually('the doomed consumer to die after its commit', () => death.then(() => true), 15_000);
      const diedAt = Date.now();

      // Its effect committed (with the inbox row), but the server never got an ack.
      expect((await effectCounts(name)).get(eventId)).toBe(1);
      expect(await inboxHas(name, eventId)).toBe(true);
      expect(doomed.outcomesFor(eventId)).toEqual([]);
      const pending = await jsm.consumers.info(EVENT_STREAM, name);
      expect(pending.num_ack_pending).toBeGreaterThanOrEqual(1);

      const fresh = await startConsumer({ name, handler: recordEffect(name), ackWaitMs: 1_500, backoffMs: [200] });
      // Usually ack_wait (1.5 s) later; nats-server 2.9 may first hand it to a pull request still open on the server, which then expires.
      const redelivery = await eventually('the redelivery to the fresh instance', () => fresh.outcomes.find((o) => o.eventId === eventId), 45_000, 50);
      const redeliveredAfterMs = Date.now() - diedAt;
      expect((await effectCounts(name)).get(eventId)).toBe(1); // no second effect
      expect(redelivery).toMatchObject({ outcome: 'duplicate' });
      expect(redelivery.delivery).toBeGreaterThanOrEqual(2);
      await eventually('the consumer to have nothing unacked', async () => (await jsm.consumers.info(EVENT_STREAM, name)).num_ack_pending === 0, 10_000);
      const effects = await effectCounts(name);
      expect(effects.get(eventId)).toBe(1);
      expect([...effects.values()].filter((n) => n !== 1)).toEqual([]);
      console.log(
        `[1c-i] effect committed then consumer died before ack; redelivered (delivery ${redelivery.delivery}) ${redeliveredAfterMs} ms later ` +
          `to a fresh instance → '${redelivery.outcome}'; effects for the event ${effects.get(eventId)}; ` +
          `fresh instance: ${fresh.outcomes.filter((o) => o.outcome === 'duplicate').length} duplicate(s), ${fresh.outcomes.filter((o) => o.outcome === 'done').length} done`,
      );
    }, 90_000);

    it('throws before its commit on the first delivery: the effect is rolled back and the redelivery has the one effect', async () => {
      const name = durableName('throw');
      const target = await register();
      const eventId = await eventually('the event to be published', async () => {
        const row = (await outboxEvents()).get(target);
        return row?.publishedAt ? row.id : undefined;
      });
      const handle = recordEffect(name);
      let calls = 0;
      const consumer = await startConsumer({
        name,
        ackWaitMs: 5_000,
        backoffMs: [1_000],
        handler: async (event, manager) => {
          await handle(event, manager); // the effect is written…
          if (event.eventId === eventId && ++calls === 1) throw new Error('crash in the middle of the handler'); // …then the handler fails
        },
      });
      await eventually('the failed first delivery', () => consumer.outcomesFor(eventId).length === 1, 15_000, 20);
      expect(consumer.outcomesFor(eventId)).toEqual(['retry']);
      // Rolled back: neither the effect nor the inbox row of the failed attempt exists.
      expect((await effectCounts(name)).get(eventId)).toBeUndefined();
      expect(await inboxHas(name, eventId)).toBe(false);

      await eventually('the redelivery to succeed', () => consumer.outcomesFor(eventId).includes('done'), 15_000, 50);
      await sleep(300);
      expect(consumer.outcomesFor(eventId)).toEqual(['retry', 'done']);
      expect(calls).toBe(2);
      expect((await effectCounts(name)).get(eventId)).toBe(1);
      expect(await inboxHas(name, eventId)).toBe(true);
      const deliveries = consumer.outcomes.filter((o) => o.eventId === eventId).map((o) => o.delivery);
      expect(deliveries).toEqual([1, 2]);
      console.log(`[1c-ii] handler threw on delivery 1 (effect rolled back: 0 rows), delivery 2 succeeded; handler calls ${calls}; effects for the event 1`);
    });
  });

  it('dead-letters an event its handler always refuses after maxDeliver, and stops redelivering it', async () => {
    const name = durableName('dlq');
    const target = await register();
    const row = await eventually('the event to be published', async () => {
      const r = (await outboxEvents()).get(target);
      return r?.publishedAt ? r : undefined;
    });
    const eventId = row.id;
    const calls = new Map<string, number>();
    const consumer = await startConsumer({
      name,
      maxDeliver: 3,
      backoffMs: [100],
      ackWaitMs: 1_000,
      handler: async (event) => {
        calls.set(event.eventId, (calls.get(event.eventId) ?? 0) + 1);
        throw new Error(`poison: cannot handle ${event.eventId}`);
      },
    });
    await eventually('the event to be dead-lettered', () => consumer.outcomesFor(eventId).includes('dead'), 15_000, 50);
    expect(consumer.outcomesFor(eventId)).toEqual(['retry', 'retry', 'dead']);

    // Read dlq.<name> from stream DEADLETTER.
    const subject = deadLetterSubject(name);
    const reader = await js.consumers.get(DEAD_LETTER_STREAM, { filter_subjects: subject });
    const letters: { subject: string; body: Record<string, unknown> }[] = [];
    for (;;) {
      const m = await reader.next({ expires: 1_000 });
      if (!m) break;
      letters.push({ subject: m.subject, body: m.json() });
      if (m.info.pending === 0) break;
    }
    await reader.delete().catch(() => undefined);
    const ours = letters.filter((l) => (l.body.event as EventEnvelope | undefined)?.eventId === eventId);
    expect(ours).toHaveLength(1);
    expect(ours[0].subject).toBe(subject);
    expect(ours[0].body).toMatchObject({ consumer: name, subject: REGISTERED, deliveries: 3, error: `poison: cannot handle ${eventId}` });
    expect(ours[0].body.event).toEqual(row.envelope); // the original event, unchanged

    // The server does not redeliver it any more (past backoff and ack wait).
    await sleep(1_500);
    expect(calls.get(eventId)).toBe(3);
    expect(consumer.outcomesFor(eventId)).toEqual(['retry', 'retry', 'dead']);
    const info = await jsm.consumers.info(EVENT_STREAM, name);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
    expect(await inboxHas(name, eventId)).toBe(false);
    console.log(
      `[1d] handler calls for the event ${calls.get(eventId)} (maxDeliver 3), outcomes ${consumer.outcomesFor(eventId).join('→')}; ` +
        `${letters.length} letter(s) on ${subject} (${ours.length} for this event; the rest are earlier events in the stream); ` +
        `no redelivery after 1.5 s; consumer ack_pending ${info.num_ack_pending}`,
    );
  });

  it('dead-letters an event even when the broker dies at its last delivery, and keeps consuming', async () => {
    const name = durableName('dlqcrash');
    const target = await register();
    const row = await eventually('the event to be published', async () => {
      const r = (await outboxEvents()).get(target);
      return r?.publishedAt ? r : undefined;
    });
    const eventId = row.id;
    const control = natsControl();
    const handle = recordEffect(name);
    let calls = 0;
    let killed!: () => void;
    const brokerKilled = new Promise<void>((resolve) => (killed = resolve));
    const consumer = await startConsumer({
      name,
      maxDeliver: 2,
      backoffMs: [100],
      ackWaitMs: 2_000,
      handler: async (event, manager) => {
        if (event.eventId !== eventId) return handle(event, manager);
        if (++calls === 2) {
          await control.kill9(); // the dead-letter publish that follows meets a dead broker
          killed();
        }
        throw new Error('poison');
      },
    });
    await brokerKilled;
    await sleep(1_000);
    await control.restart();
    const restartedAt = Date.now();

    const letter = await eventually(
      'the dead letter after the restart',
      async () => {
        const m = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { last_by_subj: deadLetterSubject(name) }).catch(() => null);
        return m ? m.json<{ event: EventEnvelope; deliveries: number; error: string }>() : undefined;
      },
      20_000,
      200,
    );
    expect(letter).toMatchObject({ deliveries: 2, error: 'poison' });
    expect(letter.event.eventId).toBe(eventId);
    await eventually('the consumer to record the dead letter', () => consumer.outcomesFor(eventId).includes('dead'), 10_000, 50);
    const outcomes = consumer.outcomesFor(eventId);
    // At least once: kill -9 may cost the server its record of the last delivery, so it can be
    // delivered (and dead-lettered) again; the dead letter's msg id makes that harmless.
    // When the restarted server has also lost the delivery count, it starts counting again: more
    // retries before the dead letter, still one letter on the DLQ subject (checked below).
    expect(outcomes[0]).toBe('retry');
    expect(outcomes.at(-1), outcomes.join('→')).toBe('dead');
    expect(
      outcomes.every((o) => o === 'retry' || o === 'dead'),
      outcomes.join('→'),
    ).toBe(true);
    const dlq = await jsm.streams.info(DEAD_LETTER_STREAM, { subjects_filter: deadLetterSubject(name) });
    expect(dlq.state.subjects).toEqual({ [deadLetterSubject(name)]: 1 });
    const deadLetteredAfterMs = Date.now() - restartedAt;

    // The consumer still works: a new event gets its effect.
    const next = await register();
    const nextEventId = await eventually(
      'the next event to be consumed',
      async () => {
        const r = (await outboxEvents()).get(next);
        return r && (await effectCounts(name)).get(r.id) === 1 ? r.id : undefined;
      },
      20_000,
      100,
    );
    // Every handler call has its outcome, including a redelivery that arrived after the snapshot above.
    await eventually('every handler call to have its outcome', () => consumer.outcomesFor(eventId).length === calls, 10_000, 50);
    const finalOutcomes = consumer.outcomesFor(eventId);
    expect(
      finalOutcomes.every((o) => o === 'retry' || o === 'dead'),
      finalOutcomes.join('→'),
    ).toBe(true);
    expect((await effectCounts(name)).get(eventId)).toBeUndefined();
    console.log(
      `[1e] broker killed at delivery 2 of 2, restarted 1 s later; dead letter stored ${deadLetteredAfterMs} ms after the restart ` +
        `(${letter.deliveries} deliveries, error '${letter.error}'); outcomes ${outcomes.join('→')}, 1 letter on the DLQ subject; consumer kept going: next event ${nextEventId.slice(0, 8)} effect 1`,
    );
  });
});
