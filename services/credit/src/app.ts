import 'reflect-metadata';
import { type IsoDate, shanghaiToday } from '@shanyu/common';
import { type EventHandler, Outbox, type RunningService, startService } from '@shanyu/messaging';
import { AuditLog } from '@shanyu/persistence';
import type { CreditConfig } from './config.js';
import { CreditModule } from './credit.module.js';
import { creditDataSource } from './data-source.js';
import { CREDIT_SOURCES, CreditEventsHandler, creditConsumerName } from './events/credit-events.handler.js';
import { InstitutionReplica } from './institutions/institutions.js';
import { Ledger } from './ledger/ledger.js';
import { Standings } from './ledger/standings.js';
import { type CreditRuleDocument, loadCreditModels } from './model/credit-model.js';
import { CreditModelStore } from './model/credit-rule-documents.js';
import { CREDIT_RULE_DOCUMENTS } from './model/credit-models.data.js';
import { StandingSweep } from './sweep/standing-sweep.js';

export interface RunningCredit extends RunningService {
  /** The daily recomputation of standings (tests run it for a given day). */
  sweep: StandingSweep;
  /** Dead-letters the events still waiting for their institution that were parked before `before` (the sweep does it past the bound). */
  expireParked(before: Date): Promise<number>;
}

export interface CreditStartOptions {
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** The clock "today" is taken from. */
  now?: () => Date;
  /** Where new durable consumers start: all retained events (default) or only those after start (test stacks on a shared broker). */
  eventsFrom?: 'all' | 'new';
}

/** How long an event may wait for its institution's registration before it is dead-lettered. */
const PARKED_EVENT_BOUND_MS = 30 * 86_400_000;

/** Checks the credit rule documents, connects, migrates, follows the other services' events and answers `credit.*`. */
export async function startCredit(config: CreditConfig, options: CreditStartOptions = {}): Promise<RunningCredit> {
  // Loaded and checked first: a rule document that does not check, or rules that make no whole model somewhere, stop the service.
  const builtIn = loadCreditModels(CREDIT_RULE_DOCUMENTS);
  const now = options.now ?? (() => new Date());
  let sweep!: StandingSweep;
  let expireParked!: (before: Date) => Promise<number>;
  const running = await startService({
    service: 'credit',
    settings: config,
    schema: config.CREDIT_DB_SCHEMA,
    dataSource: creditDataSource(config.DATABASE_URL, config.CREDIT_DB_SCHEMA),
    relay: options.relay,
    eventsFrom: options.eventsFrom,
    parts: async (runtime, logger) => {
      // The published documents join the built-in ones: a set that no longer loads together stops the start too.
      const models = new CreditModelStore(runtime.dataSource, builtIn);
      const published = await models.published(runtime.dataSource);
      const institutions = new InstitutionReplica();
      const ledger = new Ledger(models);
      const standings = new Standings(models, ledger);
      const handler = new CreditEventsHandler(models, ledger, standings, institutions, new Outbox(), new AuditLog(), logger, now);
      sweep = new StandingSweep(runtime.dataSource, runtime.unitOfWork, standings);
      expireParked = (before) => runtime.unitOfWork.run((tx) => handler.expireParked(tx.manager, before));
      const consumers: Record<string, EventHandler> = {};
      for (const { key } of CREDIT_SOURCES) consumers[`${key}-events`] = handler.handlerFor(creditConsumerName(config.CREDIT_DB_SCHEMA, key), key);
      const listed = (docs: readonly CreditRuleDocument[]) => docs.map((d) => `${d.version}@${d.jurisdiction}@${d.effectiveFrom}`);
      logger.info('credit models loaded', { documents: listed(builtIn.documents), published: listed(published) });
      return {
        module: CreditModule.register({ runtime, models, ledger, standings, now }),
        consumers,
        jobs: [
          {
            name: 'credit standings sweep',
            intervalMs: config.CREDIT_SWEEP_INTERVAL_MS,
            run: async () => {
              const today: IsoDate = shanghaiToday(now());
              const result = await sweep.run(today);
              if (result.recomputed) logger.info('credit standings recomputed', result);
              const expired = await expireParked(new Date(now().getTime() - PARKED_EVENT_BOUND_MS));
              if (expired)
                logger.warn('credit events dead-lettered after waiting for their institution', { expired, boundDays: PARKED_EVENT_BOUND_MS / 86_400_000 });
            },
          },
        ],
      };
    },
  });
  return { ...running, sweep, expireParked: (before) => expireParked(before) };
}

// For tests and tools: the model, the evaluation and the ledger, so a standing can be checked against a full recomputation.
export { CREDIT_RULE_DOCUMENTS, CREDIT_MODEL_2023, CREDIT_MODEL_2026, HUANCUI_CREDIT_SCHEME, WEIHAI_CREDIT_SCHEME } from './model/credit-models.data.js';
export { CreditModelError, CreditModels, loadCreditModels, type CreditModel, type CreditRuleDocument } from './model/credit-model.js';
export { CreditModelStore } from './model/credit-rule-documents.js';
export { evaluate, type LedgerEntry } from './model/evaluate.js';
export { Ledger } from './ledger/ledger.js';
export { creditConsumerName, CREDIT_SOURCES, CreditEventsHandler } from './events/credit-events.handler.js';
export { creditDataSource } from './data-source.js';
export { InstitutionReplica } from './institutions/institutions.js';
export { Standings } from './ledger/standings.js';
export type { CreditConfig } from './config.js';
export { replayCredit, replayCreditProjection, type ReplayCreditConfig, type ReplayCreditOptions, type ReplayCreditReport } from './replay/replay-credit.js';
