// The one builder of integration test stacks: the services a test needs and (usually) the gateway,
// in this process, on the run's PostgreSQL (fresh schemas) and the test file's own nats-server,
// each connected as its own NATS user, sharing one clock. Libraries may not import services, so the
// services themselves are described to it (their start function, schema variable and test
// settings) by tests/support/stack.ts, which is what test files import.
import { randomUUID } from 'node:crypto';
import { type Actor, SYSTEM_ACTOR } from '@shanyu/common';
import { EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type PubAck } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import request from 'supertest';
import type { TestClock } from './clock.js';
import { eventually } from './eventually.js';
import { uniqueSchema } from './factories.js';
import { testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets } from './infra-context.js';

/** The demo accounts' password in test stacks (SHANYU_DEMO_PASSWORD). */
export const TEST_DEMO_PASSWORD = 'test-demo-password';
/**
 * Deadline of the stacks' NATS calls. Generous: two test files run on each core, and a machine
 * under load must not turn a slow answer into a 504 (tests of the deadline itself set their own).
 */
export const TEST_RPC_TIMEOUT_MS = 15_000;

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** What a started service gives the builder. */
export interface StartedService {
  runtime: { dataSource: Queryable };
  stop(): Promise<void>;
}

export interface StartedGateway extends StartedService {
  app: { getHttpServer(): unknown; listen(options: { port: number; host: string }): Promise<unknown> };
}

/** How to start one service in a test stack. */
export interface ServiceDefinition<R extends StartedService = StartedService> {
  /** Its `*_DB_SCHEMA` setting. */
  schemaVariable: string;
  /** Settings every test stack gives it (test mode, background sweeps off, …). */
  testConfig?: Record<string, unknown>;
  /** Whether it takes a `now` start option (the stack's clock). */
  takesClock?: boolean;
  start(config: Record<string, unknown>, options: Record<string, unknown>): Promise<R>;
}

export type ServiceDefinitions = Record<string, ServiceDefinition>;
type Started<D extends ServiceDefinitions, K extends keyof D> = Awaited<ReturnType<D[K]['start']>>;

export interface StackOptions<D extends ServiceDefinitions, K extends keyof D> {
  /** The services to start (in the definitions' order; the gateway last). */
  services: readonly K[];
  /** Start the gateway (default), with these settings over the test defaults; `false`: none. */
  gateway?: boolean | Record<string, unknown>;
  /** Let the gateway listen on a free port of 127.0.0.1 (browser tests; child processes). */
  listen?: boolean;
  /** The clock of every service that takes one; real time when absent. */
  clock?: TestClock | (() => Date);
  /** Settings per service over the test defaults (e.g. a schema to reuse, other keys). */
  config?: { [S in K | 'all']?: Record<string, unknown> };
  /** Start options per service over the defaults (`eventsFrom`, `relay`, test hooks…). */
  startOptions?: { [S in K]?: Record<string, unknown> };
  /** LOG_LEVEL of every service and the gateway (default warn). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

export type TestStack<D extends ServiceDefinitions, K extends keyof D> = {
  [S in K]: Started<D, S>;
} & {
  /** The gateway, when the stack has one (otherwise reading it throws). */
  readonly gateway: StartedGateway;
  /** supertest on the gateway. */
  readonly http: ReturnType<typeof request>;
  /** http://127.0.0.1:PORT when the stack was started with `listen`. */
  readonly baseUrl: string;
  /** Every started service's schema, and the gateway's. */
  readonly schemas: Record<K | 'gateway', string>;
  /** The test file's NATS, as the tests' own (admin) client: JetStream and its manager. */
  nats(): Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }>;
  /** An access token of a demo account (logged in once per stack). */
  tokenFor(username: string): Promise<string>;
  /** `{ authorization: 'Bearer …' }` of a demo account. */
  auth(username: string): Promise<{ authorization: string }>;
  /** A query on a service's (or the gateway's) schema: `$schema` in it names the schema. */
  sql<T = Record<string, any>>(service: K | 'gateway', query: string, params?: unknown[]): Promise<T[]>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows as the tests read them
  /** Publishes an event of a service that is not running here into EVENTS, as its outbox relay would. */
  publish<T>(subject: string, data: T, options?: PublishOptions): Promise<{ envelope: EventEnvelope<T>; ack: PubAck }>;
  /** Waits until every outbox of the stack is published and each of its services' consumers has taken everything. */
  settled(timeoutMs?: number): Promise<void>;
  /**
   * Stops a service and starts it again on the same schema, with these settings and start options
   * over those it was first started with.
   */
  restart<S extends K>(service: S, config?: Record<string, unknown>, startOptions?: Record<string, unknown>): Promise<Started<D, S>>;
  /** Stops a service for good (the stack will not stop it again). */
  stopService(service: K): Promise<void>;
  stop(): Promise<void>;
};

export interface PublishOptions {
  eventId?: string;
  occurredAt?: string;
  actor?: Actor;
  entityId?: string;
  /** Nats-Msg-Id (default: the eventId, as the outbox relay does). */
  msgId?: string;
}

/** Starts a test stack of `definitions`' services: see StackOptions. */
export async function composeTestStack<D extends ServiceDefinitions, K extends keyof D & string>(
  definitions: D,
  gatewayDefinition: ServiceDefinition<StartedGateway>,
  options: StackOptions<D, K>,
): Promise<TestStack<D, K>> {
  const wanted = new Set<string>(options.services);
  const order = (Object.keys(definitions) as K[]).filter((name) => wanted.has(name));
  const now = typeof options.clock === 'function' ? options.clock : options.clock?.now;
  const logLevel = options.logLevel ?? 'warn';
  const base = { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), LOG_LEVEL: logLevel, RPC_TIMEOUT_MS: TEST_RPC_TIMEOUT_MS };
  const all = (options.config as Record<string, Record<string, unknown> | undefined> | undefined)?.all ?? {};
  const schemas = {} as Record<K | 'gateway', string>;
  const configs = {} as Record<K, Record<string, unknown>>;
  const starts = {} as Record<K, Record<string, unknown>>;
  const running = {} as Record<K, StartedService>;
  const stopped = new Set<K>();
  let gateway: StartedGateway | undefined;
  let nats: Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }> | undefined;

  const stopAll = async () => {
    await gateway?.stop().catch(() => undefined);
    for (const name of [...order].reverse()) {
      if (running[name] && !stopped.has(name)) await running[name].stop().catch(() => undefined);
    }
    if (nats) await (await nats).nc.drain().catch(() => undefined);
  };

  try {
    for (const name of order) {
      const definition = definitions[name]!;
      const own = (options.config as Record<string, Record<string, unknown> | undefined> | undefined)?.[name] ?? {};
      schemas[name] = String(own[definition.schemaVariable] ?? uniqueSchema(name));
      configs[name] = { ...base, ...testNatsCredentials(name), ...definition.testConfig, ...all, ...own, [definition.schemaVariable]: schemas[name] };
      starts[name] = { ...(definition.takesClock && now ? { now } : {}), ...(options.startOptions?.[name] ?? {}) };
      running[name] = await definition.start(configs[name], starts[name]);
    }
    if (options.gateway !== false) {
      const own = typeof options.gateway === 'object' ? options.gateway : {};
      schemas.gateway = String(own.GATEWAY_DB_SCHEMA ?? uniqueSchema('gateway'));
      gateway = await gatewayDefinition.start(
        {
          ...base,
          ...testNatsCredentials('gateway'),
          ...gatewayDefinition.testConfig,
          ...all,
          PORT: 0,
          HOST: '127.0.0.1',
          SHANYU_DEMO_PASSWORD: TEST_DEMO_PASSWORD,
          HEALTH_SERVICES: order.join(','),
          ...own,
          GATEWAY_DB_SCHEMA: schemas.gateway,
        },
        {},
      );
      if (options.listen) await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  const http = gateway ? request(gateway.app.getHttpServer() as Parameters<typeof request>[0]) : undefined;
  const tokens = new Map<string, Promise<string>>();
  const dataSourceOf = (service: K | 'gateway'): Queryable => {
    const started = service === 'gateway' ? gateway : running[service as K];
    if (!started) throw new Error(`the stack has no ${String(service)}`);
    return started.runtime.dataSource;
  };

  const stack = {
    get gateway() {
      if (!gateway) throw new Error('this stack was started without a gateway');
      return gateway;
    },
    get http() {
      if (!http) throw new Error('this stack was started without a gateway');
      return http;
    },
    get baseUrl() {
      const address = (gateway?.app.getHttpServer() as { address(): { port: number } | null } | undefined)?.address();
      if (!address) throw new Error("this stack's gateway does not listen (start it with `listen: true`)");
      return `http://127.0.0.1:${address.port}`;
    },
    schemas,
    nats() {
      nats ??= (async () => {
        const nc = await connect({ servers: testNatsUrl(), name: 'test-stack' });
        return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
      })();
      return nats;
    },
    tokenFor(username: string) {
      if (!tokens.has(username)) {
        const login = (async () => {
          const res = await stack.http.post('/api/v1/auth/token').send({ username, password: TEST_DEMO_PASSWORD });
          if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
          return res.body.accessToken as string;
        })();
        tokens.set(username, login);
        login.catch(() => tokens.delete(username));
      }
      return tokens.get(username)!;
    },
    async auth(username: string) {
      return { authorization: `Bearer ${await stack.tokenFor(username)}` };
    },
    sql(service: K | 'gateway', query: string, params: unknown[] = []) {
      return dataSourceOf(service).query(query.replace(/\$schema\b/g, `"${schemas[service]}"`), params);
    },
    async publish<T>(subject: string, data: T, o: PublishOptions = {}) {
      const { js } = await stack.nats();
      const envelope: EventEnvelope<T> = {
        eventId: o.eventId ?? randomUUID(),
        subject,
        occurredAt: o.occurredAt ?? new Date().toISOString(),
        actor: o.actor ?? SYSTEM_ACTOR,
        entityId: o.entityId ?? randomUUID(),
        data,
      };
      const ack = await js.publish(subject, JSON.stringify(envelope), { msgID: o.msgId ?? envelope.eventId });
      return { envelope, ack };
    },
    async settled(timeoutMs = 30_000) {
      const { jsm } = await stack.nats();
      const services = [...order.filter((name) => !stopped.has(name)), ...(gateway ? ['gateway' as const] : [])] as (K | 'gateway')[];
      await eventually(
        "the stack's outboxes published and every consumer caught up",
        async () => {
          const [row] = (await dataSourceOf(services[0]!).query(
            `SELECT ${services.map((s, i) => `(SELECT count(*) FROM "${schemas[s]}".outbox WHERE published_at IS NULL)::int AS s${i}`).join(', ')}`,
          )) as Record<string, number>[];
          if (Object.values(row!).some((n) => n > 0)) return false;
          // A service's durable consumers are named `<its schema>-<purpose>` (serviceConsumer in @shanyu/contracts).
          const prefixes = services.map((s) => `${schemas[s]}-`);
          for await (const consumer of jsm.consumers.list(EVENT_STREAM)) {
            if (!prefixes.some((prefix) => consumer.name.startsWith(prefix))) continue;
            if (consumer.num_pending > 0 || consumer.num_ack_pending > 0) return false;
          }
          return true;
        },
        { timeoutMs, everyMs: 25 },
      );
    },
    async restart(service: K, config: Record<string, unknown> = {}, startOptions: Record<string, unknown> = {}) {
      if (!stopped.has(service)) await running[service].stop();
      stopped.delete(service);
      // Over the settings and start options it was first started with (not those of an earlier restart).
      running[service] = await definitions[service]!.start(
        { ...configs[service], ...config, [definitions[service]!.schemaVariable]: schemas[service] },
        { ...starts[service], ...startOptions },
      );
      return running[service];
    },
    async stopService(service: K) {
      if (stopped.has(service)) return;
      stopped.add(service);
      await running[service].stop();
    },
    stop: stopAll,
  };
  for (const name of order) Object.defineProperty(stack, name, { enumerable: true, get: () => running[name] });
  return stack as unknown as TestStack<D, K>;
}
