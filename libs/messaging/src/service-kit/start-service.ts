import { JsonLogger, NestJsonLogger } from '@shanyu/common';
import { SERVICE_REQUESTS, serviceConsumer } from '@shanyu/contracts';
import { type DynamicModule, Global, type INestMicroservice, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { auditHandlersFor } from '../audit.handlers.js';
import { ContractValidationPipe } from '../contract-validation.pipe.js';
import { DurableEventConsumer, type EventHandler } from '../event-consumer.js';
import { InspectorRoleGuard } from '../inspector-role.guard.js';
import { OutboxRelay } from '../outbox-relay.js';
import { RpcClient } from '../rpc-client.js';
import { RpcDomainErrorFilter } from '../rpc-error.filter.js';
import { NatsRpcServer } from '../rpc-server.js';
import { ServiceRuntime } from '../service-runtime.js';
import { UnitOfWork } from '../unit-of-work.js';
import { healthHandlersFor } from './health.js';
import { PeriodicJob, type PeriodicJobOptions } from './periodic-job.js';

/** The settings every service reads the same way (the base of each service's config class). */
export interface ServiceConnectionSettings {
  NATS_URL: string;
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  IDENTITY_PUBLIC_KEY?: string;
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error';
  RPC_TIMEOUT_MS: number;
}

/** What a service adds to the kit, built once its runtime (database, NATS, outbox) is up. */
export interface ServiceParts {
  /** Its Nest module: its own handlers and use cases (the kit provides DataSource, UnitOfWork, OutboxRelay, RpcClient and ServiceRuntime). */
  module: DynamicModule;
  /** Durable event consumers by purpose, named from the catalog (`<schema>-<purpose>`). */
  consumers?: Record<string, EventHandler>;
  /** Background work on a timer, started last (given the Nest application, for work that takes its use cases from it). */
  jobs?: PeriodicJobOptions[] | ((app: INestMicroservice) => PeriodicJobOptions[]);
}

export interface ServiceDefinition {
  service: string;
  settings: ServiceConnectionSettings;
  /** Its PostgreSQL schema (names its durable consumers too). */
  schema: string;
  dataSource: DataSource;
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** Where new durable consumers start: every retained event (default) or only those published from now on (a test stack on a shared broker). */
  eventsFrom?: 'all' | 'new';
  parts: (runtime: ServiceRuntime, logger: JsonLogger) => ServiceParts | Promise<ServiceParts>;
}

export interface RunningService {
  app: INestMicroservice;
  runtime: ServiceRuntime;
  logger: JsonLogger;
  /** Its durable consumers by purpose. */
  consumers: Record<string, DurableEventConsumer>;
  jobs: PeriodicJob[];
  stop(): Promise<void>;
}

/**
 * Starts one service the way every service starts: connects and migrates (ServiceRuntime), lets
 * the service build its parts, starts its durable consumers, answers `<service>.*` over NATS with
 * the identity check, request validation, the inspector role rule and the error mapping, plus
 * the health and audit subjects, then starts its background jobs. `stop()` undoes it in reverse.
 */
export async function startService(definition: ServiceDefinition): Promise<RunningService> {
  const { service, settings } = definition;
  const logger = new JsonLogger(service, settings.LOG_LEVEL);
  const runtime = await ServiceRuntime.start({
    service,
    natsUrl: settings.NATS_URL,
    natsUser: settings.NATS_USER,
    natsPassword: settings.NATS_PASSWORD,
    identityPublicKey: settings.IDENTITY_PUBLIC_KEY,
    dataSource: definition.dataSource,
    logger,
    rpcTimeoutMs: settings.RPC_TIMEOUT_MS,
    relay: definition.relay,
  });
  const started: { stop(): Promise<void> }[] = [];
  try {
    const parts = await definition.parts(runtime, logger);
    const consumers: Record<string, DurableEventConsumer> = {};
    for (const [purpose, handler] of Object.entries(parts.consumers ?? {})) {
      consumers[purpose] = new DurableEventConsumer({
        ...serviceConsumer(service, purpose, definition.schema),
        dataSource: runtime.dataSource,
        js: runtime.js,
        jsm: runtime.jsm,
        logger,
        handler,
        deliverFrom: definition.eventsFrom,
      });
      await consumers[purpose].start();
      started.push(consumers[purpose]);
    }
    const app = await NestFactory.createMicroservice(kitModule(service, runtime, parts.module), {
      strategy: new NatsRpcServer({ connection: runtime.nats, service, logger, identity: runtime.identity }),
      logger: new NestJsonLogger(logger),
    });
    await app.listen();
    const jobOptions = typeof parts.jobs === 'function' ? parts.jobs(app) : (parts.jobs ?? []);
    const jobs = jobOptions.map((job) => new PeriodicJob(job, logger).start());
    return {
      app,
      runtime,
      logger,
      consumers,
      jobs,
      async stop() {
        for (const job of jobs) await job.stop();
        await app.close();
        for (const consumer of Object.values(consumers)) await consumer.stop();
        await runtime.stop();
      },
    };
  } catch (e) {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    await runtime.stop().catch(() => undefined);
    throw e;
  }
}

function kitModule(service: string, runtime: ServiceRuntime, serviceModule: DynamicModule): DynamicModule {
  @Global()
  @Module({})
  class ServiceKitModule {}
  const shared = [
    { provide: ServiceRuntime, useValue: runtime },
    { provide: DataSource, useValue: runtime.dataSource },
    { provide: UnitOfWork, useValue: runtime.unitOfWork },
    { provide: OutboxRelay, useValue: runtime.relay },
    { provide: RpcClient, useValue: runtime.rpc },
  ];
  return {
    module: ServiceKitModule,
    global: true,
    imports: [serviceModule],
    controllers: [healthHandlersFor(service), auditHandlersFor(service)],
    providers: [
      ...shared,
      { provide: APP_PIPE, useClass: ContractValidationPipe },
      { provide: APP_GUARD, useValue: new InspectorRoleGuard(SERVICE_REQUESTS[service] ?? []) },
      { provide: APP_FILTER, useClass: RpcDomainErrorFilter },
    ],
    exports: shared.map((p) => p.provide),
  };
}
