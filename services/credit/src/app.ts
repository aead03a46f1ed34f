import 'reflect-metadata';
import { JsonLogger, NestJsonLogger } from '@shanyu/common';
import { serviceConsumer } from '@shanyu/contracts';
import { DurableEventConsumer, NatsRpcServer, Outbox, ServiceRuntime } from '@shanyu/messaging';
import { AuditLog } from '@shanyu/persistence';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { CreditConfig } from './config.js';
import { CreditModule } from './credit.module.js';
import { creditDataSource } from './data-source.js';
import { CREDIT_SOURCES, CreditEventsHandler, type CreditSource } from './events/credit-events.handler.js';
import { InstitutionReplica } from './institutions/institutions.js';
import { Ledger } from './ledger/ledger.js';
import { Standings } from './ledger/standings.js';
import { loadCreditModels } from './model/credit-model.js';
import { CREDIT_MODELS } from './model/credit-models.data.js';
import { StandingSweep, SweepScheduler } from './sweep/standing-sweep.js';

export interface RunningCredit {
  app: INestMicroservice;
  runtime: ServiceRuntime;
  /** One durable consumer per source stream prefix (registry, staff, inspection, subsidy). */
  consumers: Record<CreditSource, DurableEventConsumer>;
  sweep: StandingSweep;
  stop(): Promise<void>;
}

export interface CreditStartOptions {
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** The clock "today" is taken from. */
  now?: () => Date;
  /** Where new durable consumers start: all retained events (default) or only those after start (test stacks on a shared broker). */
  eventsFrom?: 'all' | 'new';
}

/** Checks the model versions, connects, migrates, follows the other services' events and answers `credit.*`. */
export async function startCredit(config: CreditConfig, options: CreditStartOptions = {}): Promise<RunningCredit> {
  // Loaded and checked first: a model that does not match its schema stops the service.
  const models = loadCreditModels(CREDIT_MODELS);
  const now = options.now ?? (() => new Date());
  const logger = new JsonLogger('credit', config.LOG_LEVEL);
  const runtime = await ServiceRuntime.start({
    service: 'credit',
    natsUrl: config.NATS_URL,
    natsUser: config.NATS_USER,
    natsPassword: config.NATS_PASSWORD,
    identityPublicKey: config.IDENTITY_PUBLIC_KEY,
    dataSource: creditDataSource(config.DATABASE_URL, config.CREDIT_DB_SCHEMA),
    logger,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
    relay: options.relay,
  });
  const institutions = new InstitutionReplica();
  const ledger = new Ledger(models);
  const standings = new Standings(models, ledger, institutions);
  const handler = new CreditEventsHandler(models, ledger, standings, institutions, new Outbox(), new AuditLog(), logger, now);
  const consumers = {} as Record<CreditSource, DurableEventConsumer>;
  for (const { key } of CREDIT_SOURCES) {
    const { name, filterSubject } = serviceConsumer('credit', `${key}-events`, config.CREDIT_DB_SCHEMA);
    consumers[key] = new DurableEventConsumer({
      name,
      filterSubject,
      dataSource: runtime.dataSource,
      js: runtime.js,
      jsm: runtime.jsm,
      logger,
      handler: handler.handlerFor(name, key),
      deliverFrom: options.eventsFrom,
    });
  }
  for (const consumer of Object.values(consumers)) await consumer.start();
  const app = await NestFactory.createMicroservice(CreditModule.register({ runtime, models, ledger, standings, institutions, now }), {
    strategy: new NatsRpcServer({ connection: runtime.nats, service: 'credit', logger, identity: runtime.identity }),
    logger: new NestJsonLogger(logger),
  });
  await app.listen();
  const sweep = new StandingSweep(runtime.dataSource, runtime.unitOfWork, standings);
  const scheduler = new SweepScheduler(sweep, logger, now);
  scheduler.start(config.CREDIT_SWEEP_INTERVAL_MS);
  logger.info('credit models loaded', { versions: models.versions.map((m) => `${m.version}@${m.effectiveFrom}`) });
  return {
    app,
    runtime,
    consumers,
    sweep,
    async stop() {
      await scheduler.stop();
      await app.close();
      for (const consumer of Object.values(consumers)) await consumer.stop();
      await runtime.stop();
    },
  };
}

// For tests and tools: the model, the evaluation and the ledger, so a standing can be checked against a full recomputation.
export { CREDIT_MODELS, CREDIT_MODEL_2023, CREDIT_MODEL_2026 } from './model/credit-models.data.js';
export { CreditModelError, CreditModels, loadCreditModel, loadCreditModels } from './model/credit-model.js';
export { evaluate, type LedgerEntry } from './model/evaluate.js';
export { Ledger } from './ledger/ledger.js';
export { creditConsumerName, CREDIT_SOURCES } from './events/credit-events.handler.js';
export type { CreditConfig } from './config.js';
export { replayCredit, replayCreditProjection, type ReplayCreditConfig, type ReplayCreditOptions, type ReplayCreditReport } from './replay/replay-credit.js';
