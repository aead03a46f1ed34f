// The event path: a use case commits a change with its event in the outbox (UnitOfWork), the
// OutboxRelay publishes it to JetStream, a DurableEventConsumer of another schema (as another
// service would) records it in its inbox and applies its effect in one transaction, then acks.
// Everything comes from @shanyu/messaging and @shanyu/persistence as the services use them; the
// producer and the consumer run in this process (two DataSources, two schemas).
//
// Baseline in the same run: raw JetStream publish with ack (nats.js `js.publish`) to the same
// stream, 64 in flight (the broker's limit here) and one at a time (the relay's pattern).
// Measured: throughput from commit to effect when producers commit as fast as they can
// (BENCH_EVENTS events, default 20,000), and commit-to-effect latency at a fixed offered load of
// BENCH_EVENT_RATE (default 1,000) events/s for BENCH_SECONDS (default 10), split at the moment
// the event is in the stream (a plain subscription sees it). BENCH_EVENT_SIZES (comma-separated,
// default 10000,100000) repeats the throughput run at each size to show growth.
// Also CPU time per event of this process, PostgreSQL and nats-server, for each stage and for raw
// publishing: on a shared machine a rate depends on what else runs, CPU per event much less.
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { JsonLogger } from '../libs/common/dist/index.js';
import { DurableEventConsumer, ensureEventStreams, Outbox, OutboxRelay, UnitOfWork } from '../libs/messaging/dist/index.js';
import { AuditLog, createServiceDataSource, initializeAndMigrate } from '../libs/persistence/dist/index.js';
import { closedLoop, percentile } from './lib/measure.mjs';
import { note as noteFor, row, startInfra, writeResult } from './lib/infra.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const SIZES = (process.env.BENCH_EVENT_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n !== EVENTS);
const RATE = Number(process.env.BENCH_EVENT_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PRODUCERS = 16;
const note = noteFor('events');
const logger = new JsonLogger('bench-events', 'warn');
const actor = { department: 'admin', role: 'admin', userId: 'bench', divisions: [] };
const data = {
  institutionId: '00000000-0000-4000-8000-000000000001',
  divisionCode: '330106109',
  note: '基准事件',
  places: { infant: 10, toddler: 20, older: 20, mixed: 0 },
};

const infra = await startInfra('events');
const producerDs = createServiceDataSource({ url: infra.pg.url, schema: 'benchproducer', entities: [], migrations: [], poolSize: 20 });
const consumerDs = createServiceDataSource({ url: infra.pg.url, schema: 'benchconsumer', entities: [], migrations: [], poolSize: 10 });
await initializeAndMigrate(producerDs);
await initializeAndMigrate(consumerDs);
await producerDs.query('CREATE TABLE benchproducer.thing (id uuid PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
await consumerDs.query('CREATE TABLE benchconsumer.effect (event_id uuid PRIMARY KEY, entity_id uuid NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');

const nc = await connect({ servers: infra.nats.url });
const jsm = await jetstreamManager(nc);
await ensureEventStreams(jsm, { replicas: 1 });
const js = jetstream(nc);
const relay = new OutboxRelay({ dataSource: producerDs, js, logger });
const unitOfWork = new UnitOfWork(producerDs, new Outbox(), new AuditLog(), () => relay.notify());
const effects = new Map(); // eventId → ms when the effect committed and the event was acked
const inStream = new Map(); // eventId → ms when a plain subscriber saw the event (stored in the stream)
const consumer = new DurableEventConsumer({
  name: 'bench-consumer',
  filterSubject: 'evt.bench.>',
  dataSource: consumerDs,
  js,
  jsm,
  logger,
  handler: async (event, manager) => {
    await manager.query('INSERT INTO benchconsumer.effect (event_id, entity_id) VALUES ($1, $2)', [event.eventId, event.entityId]);
  },
});
const process_ = consumer.process.bind(consumer);
consumer.process = async (msg) => {
  const outcome = await process_(msg);
  effects.set(msg.json().eventId, performance.now());
  return outcome;
};

/** One use case: a row and its event, committed together. Returns [eventId, commit ms]. */
async function commitOne() {
  const id = randomUUID();
  const envelope = await unitOfWork.run(async (tx) => {
    await tx.manager.query('INSERT INTO benchproducer.thing (id, payload) VALUES ($1, $2::jsonb)', [id, JSON.stringify(data)]);
    return tx.publish({ subject: 'evt.bench.thing.created.v1', actor, entityId: id, data });
  });
  return [envelope.eventId, performance.now()];
}

async function waitForEffects(ids, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  // Effects stay recorded, so a cursor keeps each check cheap (a scan of 100,000 ids every 20 ms
  // would take CPU from the consumer it measures).
  let cursor = 0;
  for (;;) {
    while (cursor < ids.length && effects.has(ids[cursor])) cursor++;
    if (cursor === ids.length) return;
    if (performance.now() > deadline) throw new Error(`only ${ids.filter((id) => effects.has(id)).length}/${ids.length} effects after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Producers commit `events` as fast as they can; returns commit, relay and end-to-end rates. */
async function throughputRun(events) {
  let next = 0;
  const committed = [];
  const relayTarget = relay.publishedCount + events;
  let relayDoneAt = NaN;
  const sampler = setInterval(() => {
    if (Number.isNaN(relayDoneAt) && relay.publishedCount >= relayTarget) relayDoneAt = performance.now();
  }, 5);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next++ < events) committed.push(await commitOne());
    }),
  );
  const commitDone = performance.now();
  await waitForEffects(
    committed.map(([id]) => id),
    600_000,
  );
  clearInterval(sampler);
  let lastEffect = 0;
  for (const [id] of committed) lastEffect = Math.max(lastEffect, effects.get(id));
  // The sampler may stop before its next tick sees the last publish; every event was relayed before its effect.
  if (Number.isNaN(relayDoneAt)) relayDoneAt = lastEffect;
  const result = {
    events,
    seconds: (lastEffect - t0) / 1000,
    commitsPerSecond: Math.round(events / ((commitDone - t0) / 1000)),
    relayPerSecond: Math.round(events / ((relayDoneAt - t0) / 1000)),
    throughput: events / ((lastEffect - t0) / 1000),
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
  };
  for (const [id] of committed) {
    effects.delete(id);
    inStream.delete(id);
  }
  return result;
}

/** Offers `rate` calls a second for `seconds` (every 10 ms a tick of rate/100), not waiting for answers. */
async function openLoop(rate, seconds, call) {
  const pending = [];
  const perTick = rate / 100;
  const started = performance.now();
  let issued = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate) + perTick;
    while (issued < due) {
      issued++;
      pending.push(call());
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return Promise.all(pending);
}

/** CPU µs per event since `before` (infra.cpu()), by process and in all. */
function cpuPerEvent(before, events) {
  const after = infra.cpu();
  const per = (name) => Math.round(((after[name] - before[name]) / events) * 1e6);
  const result = { node: per('node'), postgres: per('postgres'), nats: per('nats') };
  return { ...result, total: result.node + result.postgres + result.nats };
}
const cpuText = (c) => `${c.total} µs CPU/event (node ${c.node}, postgres ${c.postgres}, nats ${c.nats})`;

const rows = [];
const extra = { cpu: {} };
try {
  // Baselines: raw JetStream publish with ack.
  let seq = 0;
  const rawPublish = () => js.publish('evt.benchraw.thing.created.v1', JSON.stringify({ eventId: randomUUID(), data }), { msgID: `raw-${seq++}` });
  const rawSerial = await closedLoop(rawPublish, { concurrency: 1, durationMs: 3_000 });
  const raw = await closedLoop(rawPublish, { concurrency: 64, durationMs: SECONDS * 1000 });
  let cpu = infra.cpu();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (sent++ < EVENTS) await rawPublish();
    }),
  );
  extra.cpu.raw = cpuPerEvent(cpu, EVENTS);
  note(
    `raw js.publish with ack: ${Math.round(raw.opsPerSec)}/s at 64 in flight (p99 ${raw.p99.toFixed(1)} ms), ${Math.round(rawSerial.opsPerSec)}/s one at a time; ${cpuText(extra.cpu.raw)}`,
  );
  const rawPaced = await openLoop(RATE, Math.min(SECONDS, 5), async () => {
    const t = performance.now();
    await rawPublish();
    return performance.now() - t;
  });
  rawPaced.sort((a, b) => a - b);
  note(`raw js.publish at ${RATE}/s: p50 ${percentile(rawPaced, 50).toFixed(1)} ms, p99 ${percentile(rawPaced, 99).toFixed(1)} ms`);

  // Each stage alone: commit STAGE events with the relay stopped, then time the relay on that
  // backlog (nothing else running), then the consumer on what the relay published. The first
  // WARM commits (connections opened, code compiled) are in the backlog but not in the commit time.
  const STAGE = Math.min(EVENTS, 5_000);
  const WARM = 500;
  const staged = [];
  let nextStaged = 0;
  let t;
  const commitStaged = (until) =>
    Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        while (nextStaged++ < until) staged.push(await commitOne());
      }),
    );
  await commitStaged(WARM);
  nextStaged = WARM;
  t = performance.now();
  cpu = infra.cpu();
  await commitStaged(WARM + STAGE);
  extra.commitAlonePerSecond = Math.round(STAGE / ((performance.now() - t) / 1000));
  extra.cpu.commit = cpuPerEvent(cpu, STAGE);
  cpu = infra.cpu();
  t = performance.now();
  relay.start();
  while (relay.publishedCount < staged.length) await new Promise((r) => setTimeout(r, 5));
  extra.relayAlonePerSecond = Math.round(staged.length / ((performance.now() - t) / 1000));
  extra.cpu.relay = cpuPerEvent(cpu, staged.length);
  cpu = infra.cpu();
  t = performance.now();
  await consumer.start();
  await waitForEffects(
    staged.map(([id]) => id),
    300_000,
  );
  extra.consumerAlonePerSecond = Math.round(staged.length / ((performance.now() - t) / 1000));
  extra.cpu.consumer = cpuPerEvent(cpu, staged.length);
  note(
    `stages alone (${STAGE} events): commit ${extra.commitAlonePerSecond}/s, relay ${extra.relayAlonePerSecond}/s, consumer ${extra.consumerAlonePerSecond}/s`,
  );
  for (const stage of ['commit', 'relay', 'consumer']) note(`  ${stage}: ${cpuText(extra.cpu[stage])}`);

  // Warm-up.
  const warm = await Promise.all(Array.from({ length: 200 }, commitOne));
  await waitForEffects(warm.map(([id]) => id));

  // Throughput: producers commit EVENTS as fast as they can; time until the last effect.
  cpu = infra.cpu();
  const main = await throughputRun(EVENTS);
  extra.cpu.endToEnd = cpuPerEvent(cpu, EVENTS);
  const throughput = main.throughput;
  extra.commitsPerSecond = main.commitsPerSecond;
  extra.relayPerSecond = main.relayPerSecond;
  extra.throughput = Math.round(throughput);
  note(
    `${EVENTS} events: committed at ${extra.commitsPerSecond}/s (${PRODUCERS} producers), relayed at ${extra.relayPerSecond}/s, effects at ${Math.round(throughput)}/s end to end; ${cpuText(extra.cpu.endToEnd)}`,
  );
  extra.growth = [main];
  for (const size of SIZES) {
    const run = await throughputRun(size);
    extra.growth.push(run);
    note(
      `${size} events: committed at ${run.commitsPerSecond}/s, relayed at ${run.relayPerSecond}/s, effects at ${Math.round(run.throughput)}/s end to end (${run.seconds.toFixed(1)} s, RSS ${run.rssMb} MB)`,
    );
  }
  extra.growth.sort((a, b) => a.events - b.events);

  // Latency at a fixed offered load.
  const watcher = nc.subscribe('evt.bench.>', {
    callback: (err, m) => {
      if (err) return;
      const { eventId } = m.json();
      if (!inStream.has(eventId)) inStream.set(eventId, performance.now());
    },
  });
  const paced = await openLoop(RATE, SECONDS, commitOne);
  await waitForEffects(
    paced.map(([id]) => id),
    300_000,
  );
  watcher.unsubscribe();
  const latencies = paced.map(([id, at]) => effects.get(id) - at).sort((a, b) => a - b);
  const toStream = paced
    .filter(([id]) => inStream.has(id))
    .map(([id, at]) => inStream.get(id) - at)
    .sort((a, b) => a - b);
  const fromStream = paced
    .filter(([id]) => inStream.has(id))
    .map(([id]) => effects.get(id) - inStream.get(id))
    .sort((a, b) => a - b);
  const first = Math.min(...paced.map(([, at]) => at));
  const last = Math.max(...paced.map(([id]) => effects.get(id)));
  const achieved = paced.length / ((last - first) / 1000);
  extra.paced = {
    offered: RATE,
    events: paced.length,
    achieved: Math.round(achieved),
    p50: latencies.length ? percentile(latencies, 50) : NaN,
    p99: percentile(latencies, 99),
    max: latencies.at(-1),
  };
  extra.paced.commitToStream = { p50: percentile(toStream, 50), p99: percentile(toStream, 99) };
  extra.paced.streamToEffect = { p50: percentile(fromStream, 50), p99: percentile(fromStream, 99) };
  note(
    `at ${RATE}/s offered: ${paced.length} events, effects at ${Math.round(achieved)}/s, commit→effect p50 ${extra.paced.p50.toFixed(1)} ms p99 ${extra.paced.p99.toFixed(1)} ms max ${extra.paced.max.toFixed(1)} ms`,
  );
  note(
    `  of which commit→in stream p50 ${extra.paced.commitToStream.p50.toFixed(1)} ms p99 ${extra.paced.commitToStream.p99.toFixed(1)} ms, in stream→effect p50 ${extra.paced.streamToEffect.p50.toFixed(1)} ms p99 ${extra.paced.streamToEffect.p99.toFixed(1)} ms`,
  );

  rows.push(
    row({
      name: 'Event path outbox → JetStream → consumer effect (throughput)',
      baselineName: 'raw js.publish with ack, 64 in flight',
      baseline: raw.opsPerSec,
      figure: throughput,
      unit: 'events/s',
      p99: raw.p99,
      goal: '≥ 30%',
      met: throughput / raw.opsPerSec >= 0.3,
    }),
  );
  rows.push(
    row({
      name: 'Event path (throughput)',
      baselineName: 'raw js.publish with ack, 1 in flight',
      baseline: rawSerial.opsPerSec,
      figure: throughput,
      unit: 'events/s',
      goal: 'information',
      met: null,
    }),
  );
  rows.push(
    row({
      name: 'Event path CPU per event, end to end (this process + PostgreSQL + nats-server)',
      baselineName: 'raw js.publish with ack, CPU per publish (µs)',
      baseline: extra.cpu.raw.total,
      figure: extra.cpu.endToEnd.total,
      unit: 'µs CPU',
      goal: 'information',
      met: null,
    }),
  );
  rows.push(
    row({
      name: 'Event path stage: OutboxRelay alone on a backlog',
      baselineName: 'raw js.publish with ack, 64 in flight',
      baseline: raw.opsPerSec,
      figure: extra.relayAlonePerSecond,
      unit: 'events/s',
      goal: 'information',
      met: null,
    }),
  );
  rows.push(
    row({
      name: 'Event path stage: DurableEventConsumer alone on a backlog',
      baselineName: 'raw js.publish with ack, 64 in flight',
      baseline: raw.opsPerSec,
      figure: extra.consumerAlonePerSecond,
      unit: 'events/s',
      goal: 'information',
      met: null,
    }),
  );
  for (const run of extra.growth) {
    if (run.events === EVENTS) continue;
    rows.push(
      row({
        name: `Event path (throughput, ${run.events.toLocaleString('en-US')} events)`,
        baselineName: 'raw js.publish with ack, 64 in flight',
        baseline: raw.opsPerSec,
        figure: run.throughput,
        unit: 'events/s',
        goal: 'information',
        met: null,
      }),
    );
  }
  rows.push(
    row({
      name: `Event path commit → effect at ${RATE.toLocaleString('en-US')} events/s`,
      baselineName: `raw js.publish ack at ${RATE}/s (p99 ms)`,
      baseline: percentile(rawPaced, 99),
      figure: extra.paced.p99,
      unit: 'ms p99',
      p50: extra.paced.p50,
      p99: extra.paced.p99,
      goal: 'p99 ≤ 200 ms',
      met: extra.paced.p99 <= 200 && achieved >= RATE * 0.95,
    }),
  );
} finally {
  await consumer.stop().catch(() => undefined);
  await relay.stop();
  await nc.drain().catch(() => undefined);
  await producerDs.destroy();
  await consumerDs.destroy();
  await infra.stop();
}
writeResult('events', {
  benchmark: 'events',
  date: new Date().toISOString(),
  sizes: { events: EVENTS, rate: RATE, seconds: SECONDS, producers: PRODUCERS },
  ...extra,
  rows,
});
