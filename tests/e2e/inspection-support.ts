// Registry, inspection and gateway from the one test stack builder (tests/support/stack.ts), with one
// clock; institutions are filed through the HTTP flow (register → filing → health approves) and reach
// the inspection service through the registry's events.
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, InspectionView, InstitutionView } from '@shanyu/contracts';
import type { RunningGateway } from '@shanyu/gateway';
import type { RunningInspection } from '@shanyu/inspection';
import { DurableEventConsumer } from '@shanyu/messaging';
import type { RunningRegistry } from '@shanyu/registry';
import { compliantFilingSubmission, eventually, institutionRequest, testNatsUrl } from '@shanyu/testing';
import type { JetStreamClient } from '@nats-io/jetstream';
import request from 'supertest';
import { testJetStream } from './events-support.js';
import { startTestStack, TEST_DEMO_PASSWORD, testClock, type TestClock } from '../support/stack.js';

export const INSPECTION_TEST_PASSWORD = TEST_DEMO_PASSWORD;

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
  /** The registry's and the inspection service's clock: it stands still until a test moves it. */
  clock: TestClock;
  tokenFor(username: string): Promise<string>;
  auth(username: string): Promise<{ authorization: string }>;
  /**
   * Registers (as 市场监管, or `registeredBy` e.g. the operator), files and approves (卫健) an
   * institution, and waits until the inspection service knows it as filed.
   */
  filedInstitution(overrides?: Record<string, unknown>, registeredBy?: string): Promise<InstitutionView>;
  /** Registered (登记) and not filed, once the inspection service's replica has it. */
  registeredInstitution(overrides?: Record<string, unknown>): Promise<InstitutionView>;
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
  // Stands still (at the start, unless told otherwise) until a test moves it.
  const clock = testClock({ at: options.now ?? new Date() });
  const stack = await startTestStack({ services: ['registry', 'inspection'], clock, startOptions: { inspection: { eventsFrom: 'new' } } });
  const { http, tokenFor, auth } = stack;
  const inspectionSchema = stack.schemas.inspection;
  const inspection = stack.inspection;

  const inspectors: Record<string, SeededInspector[]> = {};
  const admin = await auth('admin');
  for (const pool of POOLS) {
    inspectors[pool.department] = [];
    for (let i = 1; i <= pool.linked + pool.unlinked; i++) {
      const username = i <= pool.linked ? `${pool.department}.inspector${i}` : null;
      const res = await http
        .post('/api/v1/inspectors')
        .set(admin)
        .send({
          department: pool.department,
          name: `${pool.department}执法员${i}`,
          badgeNo: `${pool.department.toUpperCase()}-330106-${String(i).padStart(3, '0')}`,
          divisionCodes: pool.divisions,
          ...(username ? { username } : {}),
        });
      if (res.status !== 201) throw new Error(`seeding inspector ${pool.department} ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      inspectors[pool.department]!.push({ id: res.body.id, department: pool.department, name: res.body.name, username });
    }
  }

  const replicaHas = (id: string, status: string) =>
    eventually(`institution ${id} ${status} in the inspection replica`, async () => {
      const [row] = await inspection.runtime.dataSource.query(`SELECT status FROM "${inspectionSchema}".institution WHERE id = $1`, [id]);
      return row?.status === status;
    });
  const registeredInstitution = async (overrides: Record<string, unknown> = {}) => {
    const institution = (
      await http
        .post('/api/v1/institutions')
        .set(await auth('market.330106'))
        .send(institutionRequest(overrides))
        .expect(201)
    ).body as InstitutionView;
    await replicaHas(institution.id, 'registered');
    return institution;
  };
  const filedInstitution = async (overrides: Record<string, unknown> = {}, registeredBy = 'market.330106') => {
    const market = await auth(registeredBy);
    const health = await auth('health.330106');
    const institution = (await http.post('/api/v1/institutions').set(market).send(institutionRequest(overrides)).expect(201)).body as InstitutionView;
    const filing = (await http.post(`/api/v1/institutions/${institution.id}/filings`).set(market).send(compliantFilingSubmission()).expect(201)).body;
    await http.post(`/api/v1/filings/${filing.id}/decision`).set(health).send({ decision: 'approve' }).expect(200);
    await replicaHas(institution.id, 'filed');
    return { ...institution, status: 'filed' as const };
  };

  return {
    registry: stack.registry,
    inspection,
    gateway: stack.gateway,
    http,
    inspectionSchema,
    clock,
    tokenFor: (u) => tokenFor(u),
    auth: (u) => auth(u),
    filedInstitution,
    registeredInstitution,
    inspectors,
    stop: () => stack.stop(),
  };
}

/**
 * Follows the inspection service's events through a durable consumer on its database, connected as
 * the test (not as inspection: the service does not follow its own events). `js` publishes as the
 * test; stop() when done.
 */
export async function followInspectionEvents(
  stack: InspectionStack,
  name: string,
  handler: (event: EventEnvelope) => void,
): Promise<{ js: JetStreamClient; stop(): Promise<void> }> {
  const tester = await testJetStream(testNatsUrl());
  const consumer = new DurableEventConsumer({
    name: `${name}-${randomUUID().slice(0, 8)}`,
    filterSubject: 'evt.inspection.>',
    dataSource: stack.inspection.runtime.dataSource,
    js: tester.js,
    jsm: tester.jsm,
    logger: stack.inspection.runtime.logger,
    handler: async (event: EventEnvelope) => handler(event),
  });
  const stop = async () => {
    await consumer.stop();
    await tester.nc.drain();
  };
  try {
    await consumer.start();
  } catch (e) {
    await tester.nc.drain();
    throw e;
  }
  return { js: tester.js, stop };
}

/** Opens a visit (201) as `username` by one department with two of its seeded inspectors (by their index in `stack.inspectors`). */
export async function openVisit(
  stack: InspectionStack,
  username: string,
  institutionId: string,
  department: string,
  inspectors: [number, number],
  extra: Record<string, unknown> = {},
): Promise<InspectionView> {
  const pool = stack.inspectors[department]!;
  return (
    await stack.http
      .post('/api/v1/inspections')
      .set(await stack.auth(username))
      .send({ institutionId, ...extra, departments: [{ department, inspectorIds: inspectors.map((n) => pool[n]!.id) }] })
      .expect(201)
  ).body as InspectionView;
}
