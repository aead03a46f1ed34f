import 'reflect-metadata';
import { JsonLogger, NestJsonLogger } from '@shanyu/common';
import { CreditEvt, PlatformEvt, serviceConsumer } from '@shanyu/contracts';
import { DurableEventConsumer, EventRoutes, NatsRpcServer, ServiceRuntime } from '@shanyu/messaging';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { RegistryConfig } from './config.js';
import { registryDataSource } from './data-source.js';
import { WorkingDayCalendarProvider } from '@shanyu/messaging';
import { RegistryModule } from './registry.module.js';
import { CreditGradeFollower } from './public/credit-grade.follower.js';

export { RegisterInstitution } from './institutions/register-institution.use-case.js';

export interface RunningRegistry {
  app: INestMicroservice;
  runtime: ServiceRuntime;
  consumers: DurableEventConsumer[];
  stop(): Promise<void>;
}

export interface RegistryStartOptions {
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** The clock filings are dated by. */
  now?: () => Date;
}

/** Connects, migrates, follows the events it needs and starts answering `registry.*` requests. */
export async function startRegistry(config: RegistryConfig, options: RegistryStartOptions = {}): Promise<RunningRegistry> {
  const logger = new JsonLogger('registry', config.LOG_LEVEL);
  const runtime = await ServiceRuntime.start({
    service: 'registry',
    natsUrl: config.NATS_URL,
    natsUser: config.NATS_USER,
    natsPassword: config.NATS_PASSWORD,
    identityPublicKey: config.IDENTITY_PUBLIC_KEY,
    dataSource: registryDataSource(config.DATABASE_URL, config.REGISTRY_DB_SCHEMA),
    logger,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
    relay: options.relay,
  });
  const calendars = new WorkingDayCalendarProvider(runtime.dataSource);
  const creditGrades = new CreditGradeFollower();
  const consumers = [
    new DurableEventConsumer({
      ...serviceConsumer('registry', 'calendar', config.REGISTRY_DB_SCHEMA),
      dataSource: runtime.dataSource,
      js: runtime.js,
      jsm: runtime.jsm,
      logger,
      handler: new EventRoutes().on(PlatformEvt.calendarYearLoaded, (event, manager) => calendars.follow(event, manager)).handler,
    }),
    // 信用等级 shown on the public register, followed from the credit service's events.
    new DurableEventConsumer({
      ...serviceConsumer('registry', 'credit-grades', config.REGISTRY_DB_SCHEMA),
      dataSource: runtime.dataSource,
      js: runtime.js,
      jsm: runtime.jsm,
      logger,
      handler: new EventRoutes().on(CreditEvt.gradeChanged, (event, manager) => creditGrades.follow(event, manager)).handler,
    }),
  ];
  for (const consumer of consumers) await consumer.start();
  const app = await NestFactory.createMicroservice(RegistryModule.register({ runtime, calendars, now: options.now }), {
    strategy: new NatsRpcServer({ connection: runtime.nats, service: 'registry', logger, identity: runtime.identity }),
    logger: new NestJsonLogger(logger),
  });
  await app.listen();
  return {
    app,
    runtime,
    consumers,
    async stop() {
      await app.close();
      for (const consumer of consumers) await consumer.stop();
      await runtime.stop();
    },
  };
}
