// Registry, subsidy and gateway (and, when asked, the staff service) in this process, on the run's
// real PostgreSQL and NATS, with fresh schemas. Institutions are filed (and accredited 普惠)
// through the registry's HTTP flow; facts of services that are not started here (credit grades,
// inspection findings) are published into JetStream directly.
import 'reflect-metadata';
import { randomInt, randomUUID } from 'node:crypto';
import { addDays, makeResidentId, shanghaiToday } from '@shanyu/common';
import { EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { institutionConsumerName, rosterConsumerName, type RunningStaff, type StaffConfig, startStaff } from '@shanyu/staff';
import { type RunningSubsidy, startSubsidy, subsidyConsumerNames, type SubsidyStartOptions } from '@shanyu/subsidy';
import { compliantFilingSubmission, institutionRequest, testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import request from 'supertest';

export const SUBSIDY_TEST_PASSWORD = 'test-demo-password';
const DAY_MS = 86_400_000;

/** Months around today (Asia/Shanghai): the registry dates its facts by the real clock. */
export function monthsAround(): { previous: string; current: string; next: string; afterNext: string } {
  const today = shanghaiToday();
  const month = (offsetMonths: number) => {
    const y = Number(today.slice(0, 4));
    const m = Number(today.slice(5, 7)) - 1 + offsetMonths;
    return `${y + Math.floor(m / 12)}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
  };
  return { previous: month(-1), current: month(0), next: month(1), afterNext: month(2) };
}

let sequence = randomInt(100, 700);
/** A valid resident ID number of a child born on `birthDate` (YYYY-MM-DD), new each call. */
export function childId(birthDate = addDays(shanghaiToday(), -400)): string {
  sequence = sequence >= 998 ? 100 : sequence + 1;
  return makeResidentId(`330106${birthDate.replace(/-/g, '')}${sequence}`);
}

export { EventCollector, eventually } from './events-support.js';
import { eventually } from './events-support.js';

export interface SubsidyStack {
  registry: RunningRegistry;
  subsidy: RunningSubsidy;
  /** The real staff service, when the stack was started with `staff: true`. */
  staff: RunningStaff | null;
  gateway: RunningGateway;
  http: ReturnType<typeof request>;
  subsidySchema: string;
  tokenFor(username: string): Promise<string>;
  auth(username: string): Promise<{ authorization: string }>;
  /** An institution filed through the registry's HTTP flow (and accredited 普惠 if asked), once the subsidy service has its copy. */
  institution(options?: { inclusive?: boolean; overrides?: Record<string, unknown>; file?: boolean }): Promise<{ id: string; name: string; divisionCode: string }>;
  /** Stops the subsidy service and starts a new instance on the same schema (a restart after a crash). */
  restartSubsidy(options?: SubsidyStartOptions & { batchSize?: number }): Promise<void>;
  /** Publishes an event of a service not running here (e.g. evt.credit.grade.changed.v1) into JetStream. */
  publish(subject: string, entityId: string, data: unknown): Promise<void>;
  /** Rows of the subsidy schema. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Polls GET /subsidy/runs/:id until it has left `computing`. */
  runDone(runId: string): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

export interface SubsidyStackOptions {
  /** Days the subsidy service's clock runs ahead (months before it are not "future"). */
  clockAheadDays?: number;
  batchSize?: number;
  /** Also start the staff service (its 持证率 events feed the subsidy service). */
  staff?: boolean;
}

export async function startSubsidyStack(options: SubsidyStackOptions = {}): Promise<SubsidyStack> {
  const base = { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), LOG_LEVEL: 'warn' as const, RPC_TIMEOUT_MS: 10_000 };
  const subsidySchema = uniqueSchema('subsidy');
  const ahead = (options.clockAheadDays ?? 0) * DAY_MS;
  const now = () => new Date(Date.now() + ahead);
  const subsidyConfig = (batchSize = options.batchSize ?? 5_000) => ({
    ...base, ...testNatsCredentials('subsidy'), SUBSIDY_DB_SCHEMA: subsidySchema, SHANYU_MODE: 'test' as const, SUBSIDY_RUN_BATCH_SIZE: batchSize, SUBSIDY_RUN_LEASE_MS: 800,
    SUBSIDY_BUILTIN_POLICIES: 'on' as const,
  });
  const registry = await startRegistry({ ...base, ...testNatsCredentials('registry'), REGISTRY_DB_SCHEMA: uniqueSchema('registry') });
  // Its consumers follow only events published from now on: earlier files' events are not this stack's.
  let subsidy = await startSubsidy(subsidyConfig(), { now, eventsFrom: 'new' });
  const staffSchema = uniqueSchema('staff');
  const staff = options.staff
    ? await startStaff({ ...base, ...testNatsCredentials('staff'), STAFF_DB_SCHEMA: staffSchema, SHANYU_MODE: 'test', STAFF_REMINDER_INTERVAL_MS: 0 } as StaffConfig, { eventsFrom: 'new' })
    : null;
  const gateway = await createGateway({
    ...base, ...testNatsCredentials('gateway'), PORT: 0, HOST: '127.0.0.1', SHANYU_MODE: 'test', JWT_TTL_SECONDS: 600, SHANYU_DEMO_PASSWORD: SUBSIDY_TEST_PASSWORD,
    GATEWAY_DB_SCHEMA: uniqueSchema('gateway'), HEALTH_SERVICES: staff ? 'registry,subsidy,staff' : 'registry,subsidy',
  });
  const http = request(gateway.app.getHttpServer());
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    if (!tokens.has(username)) {
      const res = await http.post('/api/v1/auth/token').send({ username, password: SUBSIDY_TEST_PASSWORD }).expect(200);
      tokens.set(username, res.body.accessToken);
    }
    return tokens.get(username)!;
  };
  const auth = async (username: string) => ({ authorization: `Bearer ${await tokenFor(username)}` });
  const sql = <T>(query: string, params: unknown[] = []) => subsidy.runtime.dataSource.query(query.replace(/\$schema/g, `"${subsidySchema}"`), params) as Promise<T[]>;
  const nc = await connect({ servers: testNatsUrl() });
  const js = jetstream(nc);
  // The consumers are new: nothing earlier for them to read, but wait until the server says so.
  const jsm = await jetstreamManager(nc);
  await eventually('subsidy consumers caught up with the EVENTS stream', async () => {
    for (const name of subsidyConsumerNames(subsidySchema)) {
      const info = await jsm.consumers.info(EVENT_STREAM, name);
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
    return true;
  }, 60_000);

  // Institutions this stack filed: deregistered at the end, so the services of later test files
  // (which replay the shared EVENTS stream) do not find them filed in their pools.
  const createdIds: string[] = [];
  const stack: SubsidyStack = {
    registry, subsidy, staff, gateway, http, subsidySchema, tokenFor, auth, sql,
    async institution({ inclusive = false, overrides = {}, file = true } = {}) {
      const operator = await auth('operator.demo');
      const health = await auth('health.330106');
      const created = await http.post('/api/v1/institutions').set(operator).send(institutionRequest(overrides));
      if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.body)}`);
      const id: string = created.body.id;
      createdIds.push(id);
      if (file) {
        const filing = await http.post(`/api/v1/institutions/${id}/filings`).set(operator).send(compliantFilingSubmission());
        if (filing.status !== 201) throw new Error(`filing: ${filing.status} ${JSON.stringify(filing.body)}`);
        await http.post(`/api/v1/filings/${filing.body.id}/decision`).set(health).send({ decision: 'approve' }).expect(200);
        if (inclusive) {
          await http.post(`/api/v1/institutions/${id}/inclusive`).set(health).send({ action: 'grant', priceCapFen: 350_000, inclusivePlaces: 30, decisionNo: '西卫普〔2026〕1号' }).expect(200);
        }
      }
      const want = file ? 'filed' : 'registered';
      await eventually(`subsidy replica of ${id} (${want}${inclusive ? ', 普惠' : ''})`, async () => {
        const [row] = await sql<{ status: string; inclusive: unknown }>(`SELECT status, inclusive FROM $schema.institution_replica WHERE id = $1`, [id]);
        return row && row.status === want && (!inclusive || row.inclusive !== null);
      });
      if (staff) {
        await eventually(`staff replica of ${id}`, async () =>
          (await staff.runtime.dataSource.query(`SELECT 1 FROM "${staffSchema}".institution_replica WHERE id = $1`, [id])).length > 0);
      }
      return { id, name: created.body.name, divisionCode: created.body.divisionCode };
    },
    async restartSubsidy(restart = {}) {
      await subsidy.stop();
      const { batchSize, ...startOptions } = restart;
      subsidy = await startSubsidy(subsidyConfig(batchSize), { now, ...startOptions });
      stack.subsidy = subsidy;
    },
    async publish(subject, entityId, data) {
      const envelope: EventEnvelope = {
        eventId: randomUUID(), subject, occurredAt: new Date().toISOString(),
        actor: { department: 'admin', role: 'system', userId: 'credit-test', divisions: [] }, entityId, data,
      };
      await js.publish(subject, JSON.stringify(envelope), { msgID: envelope.eventId });
    },
    async runDone(runId) {
      const health = await auth('health.330106');
      return eventually(`run ${runId} computed`, async () => {
        const res = await http.get(`/api/v1/subsidy/runs/${runId}`).set(health);
        return res.status === 200 && res.body.status !== 'computing' ? res.body : null;
      }, 30_000);
    },
    async stop() {
      const health = await auth('health.330106').catch(() => null);
      for (const id of health ? createdIds : []) {
        await http.post(`/api/v1/institutions/${id}/deregistration`).set(health!).send({ reason: '测试结束，注销测试机构' }).catch(() => undefined);
      }
      await eventually('the registry outbox published', async () => (await registry.runtime.relay.backlog()) === 0, 10_000).catch(() => undefined);
      await gateway.stop();
      await subsidy.stop();
      if (staff) {
        await staff.stop();
        for (const name of [institutionConsumerName(staffSchema), rosterConsumerName(staffSchema)]) await jsm.consumers.delete(EVENT_STREAM, name).catch(() => undefined);
      }
      await registry.stop();
      for (const name of subsidyConsumerNames(subsidySchema)) await jsm.consumers.delete(EVENT_STREAM, name).catch(() => undefined);
      await nc.drain();
    },
  };
  return stack;
}
