// Registry, staff and gateway in this process, on the run's real PostgreSQL and NATS, with fresh
// schemas; every log line the services write is kept (to prove no ID number reaches a log).
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { makeResidentId } from '@shanyu/common';
import { EVENT_STREAM } from '@shanyu/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { institutionConsumerName, rosterConsumerName, type RunningStaff, type StaffConfig, startStaff } from '@shanyu/staff';
import { institutionRequest, personalDataWatch, testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import { connect } from '@nats-io/transport-node';
import request from 'supertest';

export const STAFF_TEST_PASSWORD = 'test-demo-password';

let idSequence = randomInt(100, 800);
/** A valid resident ID number, new each call (西湖区 address code, a birth date in the 1980s–1990s). */
export function newIdNumber(): string {
  const year = 1980 + randomInt(20);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  idSequence = idSequence >= 999 ? 100 : idSequence + 1;
  return makeResidentId(`330106${year}${month}${day}${idSequence}`);
}

export { EventCollector, eventually } from './events-support.js';
import { eventually } from './events-support.js';

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
  /** Stops the staff service and starts it again on the same schema with these settings (e.g. other PII keys). */
  restartStaff(overrides?: Partial<StaffConfig>): Promise<void>;
  stop(): Promise<void>;
}

export async function startStaffStack(options: { staff?: Partial<StaffConfig> } = {}): Promise<StaffStack> {
  const logLines: string[] = [];
  const realWrite = process.stdout.write.bind(process.stdout);
  // Kept, and shown only for warnings and errors (STAFF_TEST_LOGS=1 shows all): at debug level the services are chatty.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const text = logLines[logLines.length - 1]!;
    if (process.env.STAFF_TEST_LOGS === '1' || /"level":"(warn|error)"/.test(text)) return (realWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
    personalDataWatch().scan('log', text, 'stdout (debug lines kept by the staff stack)');
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;

  const base = { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), LOG_LEVEL: 'debug' as const, RPC_TIMEOUT_MS: 10_000 };
  const staffSchema = uniqueSchema('staff');
  const registry = await startRegistry({ ...base, ...testNatsCredentials('registry'), REGISTRY_DB_SCHEMA: uniqueSchema('registry') });
  const staffConfig = (overrides: Partial<StaffConfig> = {}): StaffConfig =>
    ({ ...base, ...testNatsCredentials('staff'), STAFF_DB_SCHEMA: staffSchema, SHANYU_MODE: 'test', STAFF_REMINDER_INTERVAL_MS: 0, ...overrides }) as StaffConfig;
  let staff = await startStaff(staffConfig(options.staff));
  const gateway = await createGateway({
    ...base, ...testNatsCredentials('gateway'), PORT: 0, HOST: '127.0.0.1', SHANYU_MODE: 'test', JWT_TTL_SECONDS: 600, SHANYU_DEMO_PASSWORD: STAFF_TEST_PASSWORD,
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
  return {
    registry, gateway, http, staffSchema, logLines, tokenFor,
    get staff() {
      return staff;
    },
    async restartStaff(overrides = {}) {
      await staff.stop();
      staff = await startStaff(staffConfig(overrides));
    },
    async institution(username, overrides = {}) {
      const body = institutionRequest(overrides);
      const res = await http.post('/api/v1/institutions').set('authorization', `Bearer ${await tokenFor(username)}`).send(body);
      if (res.status !== 201) throw new Error(`institution: ${res.status} ${JSON.stringify(res.body)}`);
      await eventually(`replica of ${res.body.id}`, async () => (await staff.runtime.dataSource.query(`SELECT 1 FROM "${staffSchema}".institution_replica WHERE id = $1`, [res.body.id])).length > 0);
      return { id: res.body.id, divisionCode: res.body.divisionCode };
    },
    async count(table, where = 'true') {
      const [row] = await staff.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${staffSchema}"."${table}" WHERE ${where}`);
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
