// Registry, staff and gateway in this process, on the run's real PostgreSQL and NATS, with fresh
// schemas; every log line the services write is kept (to prove no ID number reaches a log).
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { makeResidentId } from '@shanyu/common';
import { EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { institutionConsumerName, rosterConsumerName, type RunningStaff, startStaff } from '@shanyu/staff';
import { institutionRequest, testDatabaseUrl, testNatsUrl, uniqueSchema } from '@shanyu/testing';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import request from 'supertest';

export const STAFF_TEST_PASSWORD = 'test-demo-password';

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

let idSequence = randomInt(100, 800);
/** A valid resident ID number, new each call (西湖区 address code, a birth date in the 1980s–1990s). */
export function newIdNumber(): string {
  const year = 1980 + randomInt(20);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  idSequence = idSequence >= 999 ? 100 : idSequence + 1;
  return makeResidentId(`330106${year}${month}${day}${idSequence}`);
}

/** Collects every evt.staff.> event published from the moment it starts. */
export class EventCollector {
  readonly events: EventEnvelope[] = [];
  readonly raw: string[] = [];
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  private constructor(private readonly nc: NatsConnection, private readonly durable: string) {}

  static async start(natsUrl: string, filter = 'evt.staff.>'): Promise<EventCollector> {
    const nc = await connect({ servers: natsUrl });
    const durable = `staff-test-${randomInt(1e9)}`;
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(EVENT_STREAM, { durable_name: durable, filter_subject: filter, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New });
    const collector = new EventCollector(nc, durable);
    const consumer = await jetstream(nc).consumers.get(EVENT_STREAM, durable);
    collector.messages = await consumer.consume({ max_messages: 100 });
    collector.loop = (async () => {
      for await (const m of collector.messages!) {
        collector.raw.push(m.string());
        collector.events.push(m.json<EventEnvelope>());
        m.ack();
      }
    })();
    return collector;
  }

  of(subject: string, where: (e: EventEnvelope<any>) => boolean = () => true): EventEnvelope<any>[] {
    return this.events.filter((e) => e.subject === subject && where(e));
  }

  async waitFor(subject: string, where: (e: EventEnvelope<any>) => boolean = () => true, count = 1): Promise<EventEnvelope<any>[]> {
    return eventually(`${count} × ${subject}`, () => { const found = this.of(subject, where); return found.length >= count ? found : null; });
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await (await jetstreamManager(this.nc)).consumers.delete(EVENT_STREAM, this.durable).catch(() => undefined);
    await this.nc.drain();
  }
}

export interface StaffStack {
  registry: RunningRegistry;
  staff: RunningStaff;
  gateway: RunningGateway;
  http: ReturnType<typeof request>;
  staffSchema: string;
  /** Every log line written to stdout since the stack started. */
  logLines: string[];
  tokenFor(username: string): Promise<string>;
  /** Registers an institution through the gateway and waits until the staff service has its copy. */
  institution(username: string, overrides?: Record<string, unknown>): Promise<{ id: string; divisionCode: string }>;
  /** Rows of a staff-schema table. */
  count(table: string, where?: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startStaffStack(): Promise<StaffStack> {
  const logLines: string[] = [];
  const realWrite = process.stdout.write.bind(process.stdout);
  // Kept, and shown only for warnings and errors (STAFF_TEST_LOGS=1 shows all): at debug level the services are chatty.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const text = logLines[logLines.length - 1]!;
    if (process.env.STAFF_TEST_LOGS === '1' || /"level":"(warn|error)"/.test(text)) return (realWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;

  const base = { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), LOG_LEVEL: 'debug' as const, RPC_TIMEOUT_MS: 10_000 };
  const staffSchema = uniqueSchema('staff');
  const registry = await startRegistry({ ...base, REGISTRY_DB_SCHEMA: uniqueSchema('registry') });
  const staff = await startStaff({ ...base, STAFF_DB_SCHEMA: staffSchema, SHANYU_MODE: 'test', STAFF_REMINDER_INTERVAL_MS: 0 });
  const gateway = await createGateway({
    ...base, PORT: 0, HOST: '127.0.0.1', SHANYU_MODE: 'test', JWT_TTL_SECONDS: 600, SHANYU_DEMO_PASSWORD: STAFF_TEST_PASSWORD,
    GATEWAY_DB_SCHEMA: uniqueSchema('gateway'), HEALTH_SERVICES: 'registry,staff',
  });
  const http = request(gateway.app.getHttpServer());
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    if (!tokens.has(username)) {
      const res = await http.post('/api/v1/auth/token').send({ username, password: STAFF_TEST_PASSWORD }).expect(200);
      tokens.set(username, res.body.accessToken);
    }
    return tokens.get(username)!;
  };
  const ds = staff.runtime.dataSource;
  return {
    registry, staff, gateway, http, staffSchema, logLines, tokenFor,
    async institution(username, overrides = {}) {
      const body = institutionRequest(overrides);
      const res = await http.post('/api/v1/institutions').set('authorization', `Bearer ${await tokenFor(username)}`).send(body);
      if (res.status !== 201) throw new Error(`institution: ${res.status} ${JSON.stringify(res.body)}`);
      await eventually(`replica of ${res.body.id}`, async () => (await ds.query(`SELECT 1 FROM "${staffSchema}".institution_replica WHERE id = $1`, [res.body.id])).length > 0);
      return { id: res.body.id, divisionCode: res.body.divisionCode };
    },
    async count(table, where = 'true') {
      const [row] = await ds.query(`SELECT count(*)::int AS n FROM "${staffSchema}"."${table}" WHERE ${where}`);
      return row.n;
    },
    async stop() {
      await gateway.stop();
      await staff.stop();
      await registry.stop();
      process.stdout.write = realWrite;
      // The consumers of this throwaway schema are not needed after the run.
      const nc = await connect({ servers: testNatsUrl() });
      const jsm = await jetstreamManager(nc);
      for (const name of [institutionConsumerName(staffSchema), rosterConsumerName(staffSchema)]) await jsm.consumers.delete(EVENT_STREAM, name).catch(() => undefined);
      await nc.drain();
    },
  };
}
