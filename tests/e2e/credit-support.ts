// Registry, credit and gateway in this process, on the run's real PostgreSQL and NATS, with fresh
// schemas; a raw JetStream publisher for the events of services that are not started here (staff,
// inspection, subsidy), with the documented envelope and Nats-Msg-Id = eventId, as the outbox
// relay publishes them; collectors for credit events and dead letters.
import 'reflect-metadata';
import { randomInt, randomUUID } from 'node:crypto';
import { type Actor, SYSTEM_ACTOR } from '@shanyu/common';
import { DEAD_LETTER_STREAM, EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { CREDIT_SOURCES, creditConsumerName, type RunningCredit, startCredit } from '@shanyu/credit';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { institutionRequest, testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type PubAck } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import request from 'supertest';

export const CREDIT_TEST_PASSWORD = 'test-demo-password';

/** Polls until `check` returns a truthy value, or fails after `timeoutMs` naming `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Collects every message of a stream under a filter from the moment it starts. */
export class Collector<T = unknown> {
  readonly messages: { subject: string; body: T }[] = [];
  private consumer?: ConsumerMessages;
  private loop?: Promise<void>;

  private constructor(private readonly nc: NatsConnection, private readonly stream: string, private readonly durable: string) {}

  static async start<T>(nc: NatsConnection, stream: string, filter: string): Promise<Collector<T>> {
    const durable = `credit-test-${randomInt(1e9)}`;
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(stream, { durable_name: durable, filter_subject: filter, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New });
    const collector = new Collector<T>(nc, stream, durable);
    collector.consumer = await (await jetstream(nc).consumers.get(stream, durable)).consume({ max_messages: 100 });
    collector.loop = (async () => {
      for await (const m of collector.consumer!) {
        collector.messages.push({ subject: m.subject, body: m.json<T>() });
        m.ack();
      }
    })();
    return collector;
  }

  where(test: (body: T, subject: string) => boolean): T[] {
    return this.messages.filter((m) => test(m.body, m.subject)).map((m) => m.body);
  }

  async stop(): Promise<void> {
    await this.consumer?.close();
    await this.loop;
    await (await jetstreamManager(this.nc)).consumers.delete(this.stream, this.durable).catch(() => undefined);
  }
}

export interface PublishOptions {
  eventId?: string;
  occurredAt?: string;
  actor?: Actor;
  entityId?: string;
  /** Nats-Msg-Id (default: the eventId, as the outbox relay does). */
  msgId?: string;
}

export interface CreditStack {
  registry: RunningRegistry;
  credit: RunningCredit;
  gateway: RunningGateway;
  http: ReturnType<typeof request>;
  creditSchema: string;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  tokenFor(username: string): Promise<string>;
  /** Publishes an event into stream EVENTS with the documented envelope. */
  publish<T>(subject: string, data: T, options?: PublishOptions): Promise<{ envelope: EventEnvelope<T>; ack: PubAck }>;
  /** Registers an institution through the gateway; the credit replica follows the registry's event. */
  institution(username: string, overrides?: Record<string, unknown>): Promise<{ id: string; divisionCode: string; name: string }>;
  /** Waits until every credit consumer has acknowledged everything delivered to it. */
  settled(): Promise<void>;
  /** Rows of a credit-schema table. */
  rows<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

export async function startCreditStack(options: { now?: () => Date } = {}): Promise<CreditStack> {
  const base = { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), LOG_LEVEL: 'warn' as const, RPC_TIMEOUT_MS: 10_000 };
  const creditSchema = uniqueSchema('credit');
  const registry = await startRegistry({ ...base, ...testNatsCredentials('registry'), REGISTRY_DB_SCHEMA: uniqueSchema('registry') });
  // The credit service warns of every dead letter: the tests provoke some on purpose.
  const credit = await startCredit({ ...base, ...testNatsCredentials('credit'), LOG_LEVEL: 'error', CREDIT_DB_SCHEMA: creditSchema, CREDIT_SWEEP_INTERVAL_MS: 0 }, { now: options.now });
  const gateway = await createGateway({
    ...base, ...testNatsCredentials('gateway'), PORT: 0, HOST: '127.0.0.1', SHANYU_MODE: 'test', JWT_TTL_SECONDS: 600, SHANYU_DEMO_PASSWORD: CREDIT_TEST_PASSWORD,
    GATEWAY_DB_SCHEMA: uniqueSchema('gateway'), HEALTH_SERVICES: 'registry,credit',
  } as Parameters<typeof createGateway>[0]);
  const http = request(gateway.app.getHttpServer());
  const nc = await connect({ servers: testNatsUrl() });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    if (!tokens.has(username)) {
      const res = await http.post('/api/v1/auth/token').send({ username, password: CREDIT_TEST_PASSWORD }).expect(200);
      tokens.set(username, res.body.accessToken);
    }
    return tokens.get(username)!;
  };
  const ds = credit.runtime.dataSource;
  const consumerNames = CREDIT_SOURCES.map((s) => creditConsumerName(creditSchema, s.key));
  return {
    registry, credit, gateway, http, creditSchema, nc, js, jsm, tokenFor,
    async publish<T>(subject: string, data: T, o: PublishOptions = {}) {
      const envelope: EventEnvelope<T> = {
        eventId: o.eventId ?? randomUUID(), subject, occurredAt: o.occurredAt ?? new Date().toISOString(), actor: o.actor ?? SYSTEM_ACTOR,
        entityId: o.entityId ?? randomUUID(), data,
      };
      const ack = await js.publish(subject, JSON.stringify(envelope), { msgID: o.msgId ?? envelope.eventId });
      return { envelope, ack };
    },
    async institution(username, overrides = {}) {
      const res = await http.post('/api/v1/institutions').set('authorization', `Bearer ${await tokenFor(username)}`).send(institutionRequest(overrides));
      if (res.status !== 201) throw new Error(`institution: ${res.status} ${JSON.stringify(res.body)}`);
      await eventually(`credit replica of ${res.body.id}`, async () => (await ds.query(`SELECT 1 FROM "${creditSchema}".institution WHERE id = $1`, [res.body.id])).length > 0);
      return { id: res.body.id, divisionCode: res.body.divisionCode, name: res.body.name };
    },
    async settled() {
      await eventually('credit consumers to catch up', async () => {
        for (const name of consumerNames) {
          const info = await jsm.consumers.info(EVENT_STREAM, name);
          if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
        }
        return true;
      });
    },
    rows(sql, params = []) {
      return ds.query(sql.replace(/\bcredit\./g, `"${creditSchema}".`), params);
    },
    async stop() {
      await gateway.stop();
      await credit.stop();
      await registry.stop();
      // The consumers of this throwaway schema are not needed after the run.
      for (const name of consumerNames) await jsm.consumers.delete(EVENT_STREAM, name).catch(() => undefined);
      await nc.drain();
    },
  };
}

export { DEAD_LETTER_STREAM, EVENT_STREAM };
