// The platform's services as the test stack builder (libs/testing/src/stack.ts) starts them: a
// library may not import services, so they are named to it here, in their start order, with the
// settings every test stack gives them (test mode; the background sweeps a test drives by hand off).
import 'reflect-metadata';
import { startCredit } from '@shanyu/credit';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { startInspection } from '@shanyu/inspection';
import { startRegistry } from '@shanyu/registry';
import { startStaff } from '@shanyu/staff';
import { startSubsidy } from '@shanyu/subsidy';
import { composeTestStack, eventually, type ServiceDefinition, type StackOptions, type StartedGateway, type TestStack } from '@shanyu/testing';

export { TEST_DEMO_PASSWORD, TEST_RPC_TIMEOUT_MS, testClock, type TestClock } from '@shanyu/testing';

export const SERVICES = {
  registry: { schemaVariable: 'REGISTRY_DB_SCHEMA', takesClock: true, start: startRegistry },
  staff: { schemaVariable: 'STAFF_DB_SCHEMA', testConfig: { SHANYU_MODE: 'test', STAFF_REMINDER_INTERVAL_MS: 0 }, start: startStaff },
  inspection: {
    schemaVariable: 'INSPECTION_DB_SCHEMA',
    testConfig: { SHANYU_MODE: 'test', INSPECTION_SWEEP_INTERVAL_MS: 0 },
    takesClock: true,
    start: startInspection,
  },
  credit: { schemaVariable: 'CREDIT_DB_SCHEMA', testConfig: { SHANYU_MODE: 'test', CREDIT_SWEEP_INTERVAL_MS: 0 }, takesClock: true, start: startCredit },
  subsidy: { schemaVariable: 'SUBSIDY_DB_SCHEMA', testConfig: { SHANYU_MODE: 'test', SUBSIDY_BUILTIN_POLICIES: 'on' }, takesClock: true, start: startSubsidy },
} satisfies Record<string, ServiceDefinition>;

const GATEWAY: ServiceDefinition<StartedGateway> = {
  schemaVariable: 'GATEWAY_DB_SCHEMA',
  testConfig: { SHANYU_MODE: 'test', JWT_TTL_SECONDS: 600, PUBLIC_BASE_URL: 'https://shanyu.example.gov.cn' },
  start: (config) => createGateway(config) as Promise<RunningGateway & StartedGateway>,
};

export type ServiceName = keyof typeof SERVICES;
export type Stack<K extends ServiceName = ServiceName> = TestStack<typeof SERVICES, K> & { readonly gateway: RunningGateway };

/**
 * The services named (and the gateway, unless `gateway: false`) in this process, on the run's
 * PostgreSQL and the file's nats-server, with fresh schemas: see StackOptions in @shanyu/testing.
 */
export async function startTestStack<K extends ServiceName>(options: StackOptions<typeof SERVICES, K>): Promise<Stack<K>> {
  return (await composeTestStack(SERVICES, GATEWAY, options)) as Stack<K>;
}

/** Waits until the staff and credit services hold their copy of a registered institution. */
export async function replicated(stack: Stack<'staff' | 'credit'>, institutionId: string): Promise<void> {
  for (const [service, table] of [
    ['staff', 'institution_replica'],
    ['credit', 'institution'],
  ] as const)
    await eventually(
      `${service} replica of ${institutionId}`,
      async () => (await stack.sql(service, `SELECT 1 FROM $schema.${table} WHERE id = $1`, [institutionId])).length > 0,
    );
}
