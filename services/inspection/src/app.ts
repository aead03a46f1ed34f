import 'reflect-metadata';
import { JsonLogger, NestJsonLogger, PiiCipher, resolvePiiKeys, SYSTEM_ACTOR } from '@shanyu/common';
import { CreditEvt, PlatformEvt, serviceConsumer } from '@shanyu/contracts';
import { DurableEventConsumer, type EventHandler, EventRoutes, NatsRpcServer, ServiceRuntime } from '@shanyu/messaging';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import { loadBuiltInChecklists } from './checklists/builtin-checklists.js';
import { ChecklistCatalog } from './checklists/checklist-catalog.js';
import type { InspectionConfig } from './config.js';
import { inspectionDataSource } from './data-source.js';
import { SweepOverdueFindings } from './findings/rectification.use-cases.js';
import { InspectionModule } from './inspection.module.js';
import { SUPERVISION_POLICY_2026 } from './policy/supervision-policy.data.js';
import { loadPolicy, type SupervisionPolicy } from './policy/supervision-policy.js';
import { followCreditEvent } from './replicas/credit-grades.js';
import { followRegistryEvent } from './replicas/registry-events.js';
import { WorkingDayCalendarProvider } from '@shanyu/messaging';

export { DRAW_ALGORITHM, type PoolEntry, rebuildDrawInput, redraw, verifyDraw } from './draw/draw.js';
export { InspectionConfig } from './config.js';

export interface RunningInspection {
  app: INestMicroservice;
  runtime: ServiceRuntime;
  consumers: DurableEventConsumer[];
  policy: SupervisionPolicy;
  /** Publishes finding.overdue for findings past their deadline (also run on a timer). */
  sweepOverdue(): Promise<number>;
  stop(): Promise<void>;
}

export interface InspectionStartOptions {
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** The clock dates and deadlines are counted by. */
  now?: () => Date;
  /** Another supervision policy (tests: smaller caps and windows). */
  policy?: SupervisionPolicy;
  /** `new`: follow only events published from now on (a test stack on a shared broker). */
  eventsFrom?: 'all' | 'new';
}

/**
 * Connects, migrates, loads the two lists (a list that does not match its schema stops the
 * start), follows the registry (institutions), credit (grades) and calendar events, and answers
 * `inspection.*` requests.
 */
export async function startInspection(config: InspectionConfig, options: InspectionStartOptions = {}): Promise<RunningInspection> {
  const logger = new JsonLogger('inspection', config.LOG_LEVEL);
  const now = options.now ?? (() => new Date());
  const policy = loadPolicy(options.policy ?? SUPERVISION_POLICY_2026);
  const lists = loadBuiltInChecklists();
  const cipher = PiiCipher.fromKeys(resolvePiiKeys(config.SHANYU_MODE, config));
  const runtime = await ServiceRuntime.start({
    service: 'inspection',
    natsUrl: config.NATS_URL,
    natsUser: config.NATS_USER,
    natsPassword: config.NATS_PASSWORD,
    identityPublicKey: config.IDENTITY_PUBLIC_KEY,
    dataSource: inspectionDataSource(config.DATABASE_URL, config.INSPECTION_DB_SCHEMA),
    logger,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
    relay: options.relay,
  });
  const catalog = new ChecklistCatalog();
  await catalog.seed(runtime.dataSource, lists);
  const calendars = new WorkingDayCalendarProvider(runtime.dataSource);
  const schema = config.INSPECTION_DB_SCHEMA;
  const consumer = (purpose: string, handler: EventHandler) =>
    new DurableEventConsumer({ ...serviceConsumer('inspection', purpose, schema), dataSource: runtime.dataSource, js: runtime.js, jsm: runtime.jsm, logger, handler, deliverFrom: options.eventsFrom });
  const consumers = [
    consumer('registry', followRegistryEvent),
    consumer('credit', new EventRoutes().on(CreditEvt.gradeChanged, followCreditEvent).handler),
    consumer('calendar', new EventRoutes().on(PlatformEvt.calendarYearLoaded, (event, manager) => calendars.follow(event, manager)).handler),
  ];
  for (const c of consumers) await c.start();
  const app = await NestFactory.createMicroservice(InspectionModule.register({ runtime, calendars, catalog, policy, cipher, now }), {
    strategy: new NatsRpcServer({ connection: runtime.nats, service: 'inspection', logger, identity: runtime.identity }),
    logger: new NestJsonLogger(logger),
  });
  await app.listen();

  const sweep = new SweepOverdueFindings(runtime.unitOfWork, now, SYSTEM_ACTOR);
  const timer = config.INSPECTION_SWEEP_INTERVAL_MS > 0
    ? setInterval(() => void sweep.run().catch((e: Error) => logger.error('overdue sweep failed', { err: e.message })), config.INSPECTION_SWEEP_INTERVAL_MS)
    : null;
  timer?.unref();
  return {
    app,
    runtime,
    consumers,
    policy,
    sweepOverdue: () => sweep.run(),
    async stop() {
      if (timer) clearInterval(timer);
      await app.close();
      for (const c of consumers) await c.stop();
      await runtime.stop();
    },
  };
}
