// Registry, inspection and gateway in this process, on the run's real PostgreSQL and NATS, with
// fresh schemas and one clock; institutions are filed through the HTTP flow (register → filing →
// health approves) and reach the inspection service through the registry's events.
import 'reflect-metadata';
import type { InstitutionView } from '@shanyu/contracts';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { type RunningInspection, startInspection } from '@shanyu/inspection';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { compliantFilingSubmission, institutionRequest, testDatabaseUrl, testNatsCredentials, testNatsUrl, testStackSecrets, uniqueSchema } from '@shanyu/testing';
import request from 'supertest';

export const INSPECTION_TEST_PASSWORD = 'test-demo-password';

/** Polls until `check` returns a truthy value, or fails after `timeoutMs` naming `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface SeededInspector {
  id: string;
  department: string;
  name: string;
  /** The login that records results and signs off, when linked. */
  username: string | null;
}

export interface InspectionStack {
  registry: RunningRegistry;
  inspection: RunningInspection;
  gateway: RunningGateway;
  http: ReturnType<typeof request>;
  inspectionSchema: string;
  clock: { now: Date };
  tokenFor(username: string): Promise<string>;
  auth(username: string): Promise<{ authorization: string }>;
  /**
   * Registers (as 市场监管, or `registeredBy` e.g. the operator), files and approves (卫健) an
   * institution, and waits until the inspection service knows it as filed.
   */
  filedInstitution(overrides?: Record<string, unknown>, registeredBy?: string): Promise<InstitutionView>;
  /** Inspectors added through POST /api/v1/inspectors (as admin): per department, linked ones first. */
  inspectors: Record<string, SeededInspector[]>;
  stop(): Promise<void>;
}

/**
 * Inspector pools: fire, market and health (西湖区 330106) with two linked accounts and two more
 * each; the street office (三墩镇 330106109) with two linked and one more; police and education
 * with three unlinked ones.
 */
const POOLS: { department: string; divisions: string[]; linked: number; unlinked: number }[] = [
  { department: 'fire', divisions: ['330106'], linked: 2, unlinked: 2 },
  { department: 'market', divisions: ['330106'], linked: 2, unlinked: 2 },
  { department: 'health', divisions: ['330106'], linked: 2, unlinked: 2 },
  { department: 'street', divisions: ['330106109'], linked: 2, unlinked: 1 },
  { department: 'police', divisions: ['330106'], linked: 0, unlinked: 3 },
  { department: 'education', divisions: ['330106'], linked: 0, unlinked: 1 },
];

export async function startInspectionStack(options: { now?: Date } = {}): Promise<InspectionStack> {
  const clock = { now: options.now ?? new Date() };
  const now = () => clock.now;
  const base = { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), LOG_LEVEL: 'warn' as const, RPC_TIMEOUT_MS: 5_000 };
  const inspectionSchema = uniqueSchema('inspection');
  const registry = await startRegistry({ ...base, ...testNatsCredentials('registry'), REGISTRY_DB_SCHEMA: uniqueSchema('registry') }, { now });
  const inspection = await startInspection({ ...base, ...testNatsCredentials('inspection'), INSPECTION_DB_SCHEMA: inspectionSchema, SHANYU_MODE: 'test', INSPECTION_SWEEP_INTERVAL_MS: 0 }, { now, eventsFrom: 'new' });
  const gateway = await createGateway({
    ...base, ...testNatsCredentials('gateway'), PORT: 0, HOST: '127.0.0.1', SHANYU_MODE: 'test', JWT_TTL_SECONDS: 600, SHANYU_DEMO_PASSWORD: INSPECTION_TEST_PASSWORD,
    GATEWAY_DB_SCHEMA: uniqueSchema('gateway'), HEALTH_SERVICES: 'registry,inspection', PUBLIC_BASE_URL: 'https://shanyu.example.gov.cn',
  } as Parameters<typeof createGateway>[0]);
  const http = request(gateway.app.getHttpServer());
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    if (!tokens.has(username)) {
      const res = await http.post('/api/v1/auth/token').send({ username, password: INSPECTION_TEST_PASSWORD }).expect(200);
      tokens.set(username, res.body.accessToken);
    }
    return tokens.get(username)!;
  };
  const auth = async (username: string) => ({ authorization: `Bearer ${await tokenFor(username)}` });

  const inspectors: Record<string, SeededInspector[]> = {};
  const admin = await auth('admin');
  for (const pool of POOLS) {
    inspectors[pool.department] = [];
    for (let i = 1; i <= pool.linked + pool.unlinked; i++) {
      const username = i <= pool.linked ? `${pool.department}.inspector${i}` : null;
      const res = await http.post('/api/v1/inspectors').set(admin).send({
        department: pool.department, name: `${pool.department}执法员${i}`, badgeNo: `${pool.department.toUpperCase()}-330106-${String(i).padStart(3, '0')}`,
        divisionCodes: pool.divisions, ...(username ? { username } : {}),
      });
      if (res.status !== 201) throw new Error(`seeding inspector ${pool.department} ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      inspectors[pool.department]!.push({ id: res.body.id, department: pool.department, name: res.body.name, username });
    }
  }

  const filedInstitution = async (overrides: Record<string, unknown> = {}, registeredBy = 'market.330106') => {
    const market = await auth(registeredBy);
    const health = await auth('health.330106');
    const institution = (await http.post('/api/v1/institutions').set(market).send(institutionRequest(overrides)).expect(201)).body as InstitutionView;
    const filing = (await http.post(`/api/v1/institutions/${institution.id}/filings`).set(market).send(compliantFilingSubmission()).expect(201)).body;
    await http.post(`/api/v1/filings/${filing.id}/decision`).set(health).send({ decision: 'approve' }).expect(200);
    await eventually(`institution ${institution.id} filed in the inspection replica`, async () => {
      const [row] = await inspection.runtime.dataSource.query(`SELECT status FROM "${inspectionSchema}".institution WHERE id = $1`, [institution.id]);
      return row?.status === 'filed';
    });
    return { ...institution, status: 'filed' as const };
  };

  return {
    registry, inspection, gateway, http, inspectionSchema, clock, tokenFor, auth, filedInstitution, inspectors,
    async stop() {
      await gateway.stop();
      await inspection.stop();
      await registry.stop();
    },
  };
}
