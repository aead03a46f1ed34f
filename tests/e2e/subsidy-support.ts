// Registry, subsidy and gateway (and, when asked, the staff service) from the one test stack builder
// (tests/support/stack.ts). Institutions are filed (and accredited 普惠)
// through the registry's HTTP flow; facts of services that are not started here (credit grades,
// inspection findings) are published into JetStream directly.
import { randomInt } from 'node:crypto';
import { addDays, makeResidentId, shanghaiToday } from '@shanyu/common';
import type { RunningGateway } from '@shanyu/gateway';
import type { RunningRegistry } from '@shanyu/registry';
import type { RunningStaff } from '@shanyu/staff';
import type { RunningSubsidy, SubsidyStartOptions } from '@shanyu/subsidy';
import { compliantFilingSubmission, DAY_MS, eventually, institutionRequest, okBody } from '@shanyu/testing';
import request from 'supertest';
import { type Stack, startTestStack, TEST_DEMO_PASSWORD, testClock } from '../support/stack.js';

export const SUBSIDY_TEST_PASSWORD = TEST_DEMO_PASSWORD;

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

/**
 * The built-in city operating subsidy's version in force in `month` (a run's lines name it): from
 * 2027-01 it refuses an institution on the serious-breach list (严重失信主体名单) and no longer grades
 * C and D; months before keep 2023.1, which refused them.
 */
export const hangzhouOperatingVersion = (month: string) => (month < '2027-01' ? 'hangzhou-inclusive-operating/2023.1' : 'hangzhou-inclusive-operating/2027.1');

let sequence = randomInt(100, 700);
/** A valid resident ID number of a child born on `birthDate` (YYYY-MM-DD), new each call. */
export function childId(birthDate = addDays(shanghaiToday(), -400)): string {
  sequence = sequence >= 998 ? 100 : sequence + 1;
  return makeResidentId(`330106${birthDate.replace(/-/g, '')}${sequence}`);
}

export { EventCollector } from './events-support.js';

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
  institution(options?: {
    inclusive?: boolean;
    overrides?: Record<string, unknown>;
    file?: boolean;
  }): Promise<{ id: string; name: string; divisionCode: string }>;
  /** Stops the subsidy service and starts a new instance on the same schema (a restart after a crash). */
  restartSubsidy(options?: SubsidyStartOptions & { batchSize?: number }): Promise<void>;
  /** Publishes an event of a service not running here (e.g. evt.credit.grade.changed.v1) into JetStream. */
  publish(subject: string, entityId: string, data: unknown): Promise<void>;
  /** Rows of the subsidy schema. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Polls GET /subsidy/runs/:id until it has left `computing`. */
  runDone(runId: string): Promise<Record<string, any>>;
  /** Starts the month's run of `divisionCode` as health.330106 (202 expected) and waits until it has left `computing`. */
  computedRun(month: string, divisionCode: string): Promise<Record<string, any>>;
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
  const clock = testClock({ aheadMs: (options.clockAheadDays ?? 0) * DAY_MS });
  const batchSize = (size = options.batchSize ?? 5_000) => ({ SUBSIDY_RUN_BATCH_SIZE: size });
  const stack = await startTestStack({
    services: options.staff ? ['registry', 'staff', 'subsidy'] : ['registry', 'subsidy'],
    config: { subsidy: { ...batchSize(), SUBSIDY_RUN_LEASE_MS: 800 } },
    // Only the subsidy service runs ahead: the registry dates its facts by the real clock.
    startOptions: { subsidy: { now: clock.now, eventsFrom: 'new' }, staff: { eventsFrom: 'new' } },
  });
  const { http } = stack;
  const auth = (username: string) => stack.auth(username);
  const sql = <T>(query: string, params: unknown[] = []) => stack.sql<T>('subsidy', query, params);

  const subsidyStack: SubsidyStack = {
    registry: stack.registry,
    subsidy: stack.subsidy,
    staff: options.staff ? (stack as Stack<'staff'>).staff : null,
    gateway: stack.gateway,
    http,
    subsidySchema: stack.schemas.subsidy,
    tokenFor: (username) => stack.tokenFor(username),
    auth,
    sql,
    async institution({ inclusive = false, overrides = {}, file = true } = {}) {
      const operator = await auth('operator.demo');
      const health = await auth('health.330106');
      const created = await http.post('/api/v1/institutions').set(operator).send(institutionRequest(overrides));
      if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.body)}`);
      const id: string = created.body.id;
      if (file) {
        const filing = await http.post(`/api/v1/institutions/${id}/filings`).set(operator).send(compliantFilingSubmission());
        if (filing.status !== 201) throw new Error(`filing: ${filing.status} ${JSON.stringify(filing.body)}`);
        await http.post(`/api/v1/filings/${filing.body.id}/decision`).set(health).send({ decision: 'approve' }).expect(200);
        if (inclusive) {
          await http
            .post(`/api/v1/institutions/${id}/inclusive`)
            .set(health)
            .send({ action: 'grant', priceCapFen: 350_000, inclusivePlaces: 30, decisionNo: '西卫普〔2026〕1号' })
            .expect(200);
        }
      }
      const want = file ? 'filed' : 'registered';
      await eventually(`subsidy replica of ${id} (${want}${inclusive ? ', 普惠' : ''})`, async () => {
        const [row] = await sql<{ status: string; inclusive: unknown }>(`SELECT status, inclusive FROM $schema.institution_replica WHERE id = $1`, [id]);
        return row && row.status === want && (!inclusive || row.inclusive !== null);
      });
      if (options.staff) {
        await eventually(
          `staff replica of ${id}`,
          async () => (await stack.sql('staff' as never, 'SELECT 1 FROM $schema.institution_replica WHERE id = $1', [id])).length > 0,
        );
      }
      return { id, name: created.body.name, divisionCode: created.body.divisionCode };
    },
    async restartSubsidy(restart = {}) {
      const { batchSize: size, afterBatch, ...startOptions } = restart;
      subsidyStack.subsidy = await stack.restart('subsidy', batchSize(size), { afterBatch, ...startOptions });
    },
    async publish(subject, entityId, data) {
      await stack.publish(subject, data, { entityId, actor: { department: 'admin', role: 'system', userId: 'credit-test', divisions: [] } });
    },
    async runDone(runId) {
      const health = await auth('health.330106');
      return eventually(
        `run ${runId} computed`,
        async () => {
          const res = await http.get(`/api/v1/subsidy/runs/${runId}`).set(health);
          return res.status === 200 && res.body.status !== 'computing' ? res.body : null;
        },
        30_000,
      );
    },
    async computedRun(month, divisionCode) {
      const started = await http
        .post('/api/v1/subsidy/runs')
        .set(await auth('health.330106'))
        .send({ month, divisionCode });
      return subsidyStack.runDone(okBody(started, 202).id);
    },
    stop: () => stack.stop(),
  };
  return subsidyStack;
}
