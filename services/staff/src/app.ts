import 'reflect-metadata';
import { JsonLogger, NestJsonLogger, PiiCipher, resolvePiiKeys, shanghaiToday } from '@shanyu/common';
import { serviceConsumer } from '@shanyu/contracts';
import { DurableEventConsumer, NatsRpcServer, Outbox, ServiceRuntime } from '@shanyu/messaging';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { StaffConfig } from './config.js';
import { staffDataSource } from './data-source.js';
import { InstitutionEventsHandler } from './institutions/institution-events.js';
import { RosterEventsHandler } from './institutions/roster-events.js';
import { ReminderScheduler, ReminderSweep } from './reminders/reminder-sweep.js';
import { loadStaffRules } from './rules/staff-rules.js';
import { StaffModule } from './staff.module.js';
import { RatioMonitor } from './stats/ratio-monitor.js';

export interface RunningStaff {
  app: INestMicroservice;
  runtime: ServiceRuntime;
  /** Follows the registry's institution events into the local replica. */
  institutionEvents: DurableEventConsumer;
  /** Follows the subsidy service's rosters (children enrolled per class type) for the ratios. */
  rosterEvents: DurableEventConsumer;
  stop(): Promise<void>;
}

/** Durable consumer names (the NATS catalog's): one per staff schema, so test stacks with their own schema do not share them. */
export function institutionConsumerName(schema: string): string {
  return serviceConsumer('staff', 'registry-institutions', schema).name;
}

export function rosterConsumerName(schema: string): string {
  return serviceConsumer('staff', 'subsidy-rosters', schema).name;
}

/** Checks the rules and the PII key, connects, migrates, follows the registry and answers `staff.*`. */
export async function startStaff(config: StaffConfig, options: { relay?: boolean; eventsFrom?: 'all' | 'new' } = {}): Promise<RunningStaff> {
  const rules = loadStaffRules();
  const cipher = PiiCipher.fromKeys(resolvePiiKeys(config.SHANYU_MODE, config));
  const logger = new JsonLogger('staff', config.LOG_LEVEL);
  const runtime = await ServiceRuntime.start({
    service: 'staff',
    natsUrl: config.NATS_URL,
    natsUser: config.NATS_USER,
    natsPassword: config.NATS_PASSWORD,
    identityPublicKey: config.IDENTITY_PUBLIC_KEY,
    dataSource: staffDataSource(config.DATABASE_URL, config.STAFF_DB_SCHEMA),
    logger,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
    relay: options.relay,
  });
  const handler = new InstitutionEventsHandler(new Outbox(), new RatioMonitor(rules));
  const institutionEvents = new DurableEventConsumer({
    ...serviceConsumer('staff', 'registry-institutions', config.STAFF_DB_SCHEMA),
    dataSource: runtime.dataSource,
    js: runtime.js,
    jsm: runtime.jsm,
    logger,
    handler: (event, manager) => handler.handle(event, manager),
    deliverFrom: options.eventsFrom,
  });
  await institutionEvents.start();
  const rosters = new RosterEventsHandler(new Outbox(), new RatioMonitor(rules));
  const rosterEvents = new DurableEventConsumer({
    ...serviceConsumer('staff', 'subsidy-rosters', config.STAFF_DB_SCHEMA),
    dataSource: runtime.dataSource,
    js: runtime.js,
    jsm: runtime.jsm,
    logger,
    handler: (event, manager) => rosters.handle(event, manager),
    deliverFrom: options.eventsFrom,
  });
  await rosterEvents.start();
  const app = await NestFactory.createMicroservice(StaffModule.register(runtime, rules, cipher), {
    strategy: new NatsRpcServer({ connection: runtime.nats, service: 'staff', logger, identity: runtime.identity }),
    logger: new NestJsonLogger(logger),
  });
  await app.listen();
  const scheduler = new ReminderScheduler(app.get(ReminderSweep), logger, () => shanghaiToday());
  scheduler.start(config.STAFF_REMINDER_INTERVAL_MS);
  logger.info('staff rules loaded', { version: rules.version });
  return {
    app,
    runtime,
    institutionEvents,
    rosterEvents,
    async stop() {
      await scheduler.stop();
      await app.close();
      await institutionEvents.stop();
      await rosterEvents.stop();
      await runtime.stop();
    },
  };
}

// For tests and tools that run a use case for a given day ("today" is a parameter of each).
export { ReminderSweep } from './reminders/reminder-sweep.js';
export { AddStaff } from './employments/add-staff.use-case.js';
export { ImportStaff } from './employments/import-staff.use-case.js';
export { CredentialAlertsQuery } from './credentials/credential-alerts.query.js';
export { DivisionStaffStatsQuery, InstitutionStaffStatsQuery, OverdueRechecksQuery } from './stats/staff-stats.js';
export { RecordRecheck } from './vetting/record-checks.use-cases.js';
export type { StaffConfig } from './config.js';
