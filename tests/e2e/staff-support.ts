// Registry, staff and gateway from the one test stack builder (tests/support/stack.ts); every log
// line the services write is kept (to prove no ID number reaches a log).
import { randomInt } from 'node:crypto';
import { makeResidentId } from '@shanyu/common';
import type { RunningGateway } from '@shanyu/gateway';
import type { RunningRegistry } from '@shanyu/registry';
import type { RunningStaff, StaffConfig } from '@shanyu/staff';
import { eventually, institutionRequest, personalDataWatch } from '@shanyu/testing';
import request from 'supertest';
import { type Stack, startTestStack, TEST_DEMO_PASSWORD } from '../support/stack.js';

export const STAFF_TEST_PASSWORD = TEST_DEMO_PASSWORD;

let idSequence = randomInt(100, 800);
/** A valid resident ID number, new each call (西湖区 address code, a birth date in the 1980s–1990s). */
export function newIdNumber(): string {
  const year = 1980 + randomInt(20);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  idSequence = idSequence >= 999 ? 100 : idSequence + 1;
  return makeResidentId(`330106${year}${month}${day}${idSequence}`);
}

export { EventCollector } from './events-support.js';

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

  let stack: Stack<'registry' | 'staff'>;
  try {
    stack = await startTestStack({ services: ['registry', 'staff'], logLevel: 'debug', config: { staff: options.staff } });
  } catch (error) {
    process.stdout.write = realWrite;
    throw error;
  }
  const staffSchema = stack.schemas.staff;
  return {
    registry: stack.registry,
    gateway: stack.gateway,
    http: stack.http,
    staffSchema,
    logLines,
    tokenFor: (username) => stack.tokenFor(username),
    get staff() {
      return stack.staff;
    },
    async restartStaff(overrides = {}) {
      await stack.restart('staff', overrides);
    },
    async institution(username, overrides = {}) {
      const body = institutionRequest(overrides);
      const res = await stack.http
        .post('/api/v1/institutions')
        .set(await stack.auth(username))
        .send(body);
      if (res.status !== 201) throw new Error(`institution: ${res.status} ${JSON.stringify(res.body)}`);
      await eventually(
        `replica of ${res.body.id}`,
        async () => (await stack.sql('staff', 'SELECT 1 FROM $schema.institution_replica WHERE id = $1', [res.body.id])).length > 0,
      );
      return { id: res.body.id, divisionCode: res.body.divisionCode };
    },
    async count(table, where = 'true') {
      const [row] = await stack.sql<{ n: number }>('staff', `SELECT count(*)::int AS n FROM $schema."${table}" WHERE ${where}`);
      return row!.n;
    },
    async stop() {
      await stack.stop();
      process.stdout.write = realWrite;
    },
  };
}
