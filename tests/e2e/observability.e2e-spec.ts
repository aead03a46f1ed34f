// Metrics and tracing through the real stack (gateway → NATS → registry → outbox → JetStream →
// credit): the named Prometheus series after some traffic, and one trace id from the HTTP request
// into the registry's log lines, the outbox row, the published event's NATS headers and the log
// line of the credit service's own durable consumer that handled the event.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { JsonLogger } from '@shanyu/common';
import { CreditSubjects, EVENT_STREAM, type EventEnvelope, RpcHeaders } from '@shanyu/contracts';
import { creditConsumerName, type RunningCredit, startCredit } from '@shanyu/credit';
import { DurableEventConsumer } from '@shanyu/messaging';
import { startMetricsServer } from '@shanyu/observability';
import { captureJsonLogLines, eventually, institutionRequest, prometheusSample, testNatsUrl, testServiceEnv, uniqueSchema } from '@shanyu/testing';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startStack, type Stack } from './support.js';

const REGISTERED = 'evt.registry.institution.registered.v1';

describe('metrics and tracing across gateway, NATS, registry and credit', () => {
  let stack: Stack;
  let credit: RunningCredit;
  const creditSchema = uniqueSchema('credit');
  let market: string;
  let nc: NatsConnection;
  let messages: ConsumerMessages;
  const durable = `test-trace-${randomUUID().slice(0, 8)}`;
  const events: { envelope: EventEnvelope; headers: Record<string, string> }[] = [];
  let logLines: Record<string, unknown>[] = [];
  let follower: DurableEventConsumer;

  beforeAll(async () => {
    // Every JsonLogger writes to stdout: keep the lines (parsed) instead of printing them.
    logLines = captureJsonLogLines();
    stack = await startStack({ registryLogLevel: 'debug', gateway: { LOG_LEVEL: 'info', HEALTH_SERVICES: 'registry,credit' } });
    // A real downstream service: credit follows evt.registry.> with its own durable consumers.
    credit = await startCredit(
      {
        ...testServiceEnv('credit'),
        CREDIT_DB_SCHEMA: creditSchema,
        LOG_LEVEL: 'debug',
        RPC_TIMEOUT_MS: 5_000,
        CREDIT_SWEEP_INTERVAL_MS: 0,
      },
      { eventsFrom: 'new' },
    );
    market = await stack.tokenFor('market.330106');
    nc = await connect({ servers: testNatsUrl() });
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(EVENT_STREAM, {
      durable_name: durable,
      filter_subject: REGISTERED,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
    });
    messages = await (await jetstream(nc).consumers.get(EVENT_STREAM, durable)).consume({ max_messages: 10 });
    // A service's durable consumer of the event (as credit follows the registry), logging as it handles it.
    const logger = new JsonLogger('follower', 'info');
    follower = new DurableEventConsumer({
      name: `${durable}-follower`,
      filterSubject: REGISTERED,
      deliverFrom: 'new',
      dataSource: stack.registry.runtime.dataSource,
      js: jetstream(nc),
      jsm,
      logger,
      handler: async (event) => logger.info('followed', { entityId: event.entityId }),
    });
    await follower.start();
    void (async () => {
      for await (const m of messages) {
        const headers: Record<string, string> = {};
        for (const key of m.headers?.keys() ?? []) headers[key.toLowerCase()] = m.headers!.get(key);
        events.push({ envelope: m.json<EventEnvelope>(), headers });
        m.ack();
      }
    })();
  });

  afterAll(async () => {
    await follower?.stop();
    await messages?.close();
    await credit?.stop();
    const jsm = await jetstreamManager(nc);
    // This throwaway schema's consumers are not needed after the run.
    for (const name of [durable, ...(['registry', 'staff', 'inspection', 'subsidy'] as const).map((key) => creditConsumerName(creditSchema, key))]) {
      await jsm.consumers.delete(EVENT_STREAM, name).catch(() => undefined);
    }
    await nc?.drain();
    await stack?.stop();
    vi.restoreAllMocks();
  });

  it("a traceparent sent to the gateway continues into the registry log, the outbox row, the event headers and the credit service's consumer", async () => {
    const traceId = randomBytes(16).toString('hex');
    const requestId = `obs-${randomUUID()}`;
    const res = await stack.http
      .post('/api/v1/institutions')
      .set('authorization', `Bearer ${market}`)
      .set('traceparent', `00-${traceId}-${randomBytes(8).toString('hex')}-01`)
      .set('x-request-id', requestId)
      .send(institutionRequest())
      .expect(201);
    expect(res.headers['x-trace-id']).toBe(traceId);
    expect(res.headers['x-request-id']).toBe(requestId);

    // The registry's own log line for the request it answered.
    const line = await eventually('the registry log line', () =>
      logLines.find((l) => l.service === 'registry' && l.msg === 'rpc' && l.subject === 'registry.institution.register' && l.traceId === traceId),
    );
    expect(line).toMatchObject({ requestId, ok: true });
    expect(line.spanId).toMatch(/^[0-9a-f]{16}$/);
    // And the gateway's access log line.
    expect(logLines.find((l) => l.service === 'gateway' && l.msg === 'http' && l.requestId === requestId)).toMatchObject({ traceId });

    // The outbox row kept the context, and the relay published it as NATS headers.
    const event = await eventually('the registered event', () => events.find((e) => e.envelope.entityId === res.body.id));
    expect(event.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
    expect(event.headers[RpcHeaders.requestId]).toBe(requestId);
    expect(event.headers['nats-msg-id']).toBe(event.envelope.eventId);
    const [row] = await stack.registry.runtime.dataSource.query(`SELECT headers FROM "${stack.registrySchema}".outbox WHERE id = $1`, [event.envelope.eventId]);
    expect(row.headers.traceparent).toBe(event.headers.traceparent);

    // A consumer's handler runs in a child span of the same trace, with the request id.
    const followed = await eventually('the consumer log line', () => logLines.find((l) => l.msg === 'followed' && l.entityId === res.body.id));
    expect(followed).toMatchObject({ service: 'follower', traceId, requestId });

    // The credit service's own consumer handled it in the same trace: its log line and its effect.
    const credited = await eventually("the credit service's log line for the event", () =>
      logLines.find((l) => l.service === 'credit' && l.msg === 'event' && l.subject === REGISTERED && l.traceId === traceId),
    );
    expect(credited).toMatchObject({ consumer: creditConsumerName(creditSchema, 'registry'), outcome: 'done', requestId, delivery: 1 });
    expect(credited.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(credited.spanId).not.toBe(line.spanId);
    const replica = await credit.runtime.dataSource.query(`SELECT id FROM "${creditSchema}".institution WHERE id = $1`, [res.body.id]);
    expect(replica).toHaveLength(1);
  });

  it('without a traceparent the gateway starts a trace and returns its id', async () => {
    const res = await stack.http.get('/api/v1/public/institutions?divisionCode=330106').expect(200);
    const traceId = res.headers['x-trace-id'];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await eventually('the registry log line of the new trace', () =>
      logLines.find((l) => l.service === 'registry' && l.msg === 'rpc' && l.traceId === traceId && l.requestId === res.headers['x-request-id']),
    );
  });

  it("the gateway's metrics listener serves the named series (not on the public port, outside the OpenAPI document)", async () => {
    await stack.http.get('/api/v1/institutions/not-a-uuid').set('authorization', `Bearer ${market}`).expect(400);
    await stack.http.get('/metrics').expect(404); // no METRICS_TOKEN: only the METRICS_PORT listener serves them
    const server = await startMetricsServer(stack.gateway.runtime.metrics, 0, '127.0.0.1');
    let res: { status: number; type: string | null; text: string };
    try {
      const scraped = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      res = { status: scraped.status, type: scraped.headers.get('content-type'), text: await scraped.text() };
    } finally {
      await server.close();
    }
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain/);
    const service = 'gateway';
    expect(
      prometheusSample(res.text, 'shanyu_http_request_duration_seconds_count', { service, route: '/api/v1/institutions', method: 'POST', status_class: '2xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      prometheusSample(res.text, 'shanyu_http_request_duration_seconds_count', {
        service,
        route: '/api/v1/institutions/:id',
        method: 'GET',
        status_class: '4xx',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      prometheusSample(res.text, 'shanyu_rpc_client_duration_seconds_count', { service, subject: 'registry.institution.register', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(prometheusSample(res.text, 'shanyu_outbox_backlog', { service })).toBeGreaterThanOrEqual(0);
    expect(prometheusSample(res.text, 'shanyu_outbox_oldest_age_seconds', { service })).toBeGreaterThanOrEqual(0);
    expect(prometheusSample(res.text, 'shanyu_db_pool_connections', { service, state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(res.text).toMatch(/^process_cpu_seconds_total\{service="gateway"\} /m);
    const docs = await stack.http.get('/api/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });

  it("the registry's metrics listener serves its RPC, outbox, consumer and pool series", async () => {
    const server = await startMetricsServer(stack.registry.runtime.metrics, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      const body = await res.text();
      const service = 'registry';
      expect(
        prometheusSample(body, 'shanyu_rpc_server_duration_seconds_count', { service, subject: 'registry.institution.register', outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
      expect(prometheusSample(body, 'shanyu_outbox_published_total', { service })).toBeGreaterThanOrEqual(1);
      expect(prometheusSample(body, 'shanyu_outbox_backlog', { service })).toBeGreaterThanOrEqual(0);
      expect(prometheusSample(body, 'shanyu_consumer_pending', { service, consumer: `${stack.registrySchema}-calendar` })).toBeGreaterThanOrEqual(0);
      expect(prometheusSample(body, 'shanyu_db_pool_connections', { service, state: 'idle' })).toBeGreaterThanOrEqual(0);
      for (const counter of ['shanyu_consumer_redeliveries_total', 'shanyu_dead_letters_total', 'shanyu_consumer_events_total']) {
        expect(body).toContain(`# TYPE ${counter} counter`);
      }
    } finally {
      await server.close();
    }
  });

  it("the credit service's metrics listener serves its RPC, outbox, consumer and pool series", async () => {
    // /health asks credit.health.ping; the test before registered institutions credit followed.
    await stack.http.get('/health').expect(200);
    const server = await startMetricsServer(credit.runtime.metrics, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      const body = await res.text();
      const service = 'credit';
      const consumer = creditConsumerName(creditSchema, 'registry');
      expect(
        prometheusSample(body, 'shanyu_rpc_server_duration_seconds_count', { service, subject: CreditSubjects.ping, outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
      expect(prometheusSample(body, 'shanyu_outbox_backlog', { service })).toBeGreaterThanOrEqual(0);
      expect(prometheusSample(body, 'shanyu_outbox_oldest_age_seconds', { service })).toBeGreaterThanOrEqual(0);
      expect(prometheusSample(body, 'shanyu_consumer_events_total', { service, consumer, outcome: 'done' })).toBeGreaterThanOrEqual(1);
      expect(prometheusSample(body, 'shanyu_consumer_pending', { service, consumer })).toBeGreaterThanOrEqual(0);
      expect(prometheusSample(body, 'shanyu_db_pool_connections', { service, state: 'total' })).toBeGreaterThanOrEqual(1);
      // Only credit's own series: the registry's subjects are not in its registry.
      expect(body).not.toContain('registry.institution.register');
    } finally {
      await server.close();
    }
  });
});
