import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { PiiCipher, resolvePiiKeys } from '@shanyu/common';
import { serviceConsumer } from '@shanyu/contracts';
import { type EventHandler, type RunningService, startService } from '@shanyu/messaging';
import type { SubsidyConfig } from './config.js';
import { subsidyDataSource } from './data-source.js';
import { FACT_SOURCES, followCredit, followInspection, followRegistry, followStaff } from './facts/fact-events.js';
import { loadBuiltInPolicies } from './policies/builtin-policies.js';
import { ensureBuiltInPolicies } from './policies/policy-store.js';
import { RunWorker } from './runs/run-worker.js';
import { SubsidyModule } from './subsidy.module.js';

export interface RunningSubsidy extends RunningService {
  /** Computes subsidy runs in the background (resumes runs whose lease ran out). */
  worker: RunWorker;
}

export interface SubsidyStartOptions {
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** The clock months are judged by (a roster or run for a later month is refused). */
  now?: () => Date;
  /** Test hook inside each run batch's transaction: a throw simulates a crash mid-run. */
  afterBatch?: (runId: string, batch: number) => void | Promise<void>;
  /** Where new durable consumers start: all retained events (default) or only those after start (test stacks on a shared broker). */
  eventsFrom?: 'all' | 'new';
}

/** Durable consumer names (the NATS catalog's) carry the schema, so separate deployments (and test runs) do not share them. */
export function subsidyConsumerNames(schema: string): string[] {
  return FACT_SOURCES.map((source) => serviceConsumer('subsidy', source, schema).name);
}

/**
 * Checks the built-in policies and the PII key, connects, migrates, follows the registry,
 * credit, inspection and staff 持证率 events, resumes any run left computing and answers `subsidy.*`.
 */
export async function startSubsidy(config: SubsidyConfig, options: SubsidyStartOptions = {}): Promise<RunningSubsidy> {
  // Rules as data: a broken policy file stops the service here.
  const builtIns = config.SUBSIDY_BUILTIN_POLICIES === 'on' ? await loadBuiltInPolicies() : [];
  const cipher = PiiCipher.fromKeys(resolvePiiKeys(config.SHANYU_MODE, config));
  const now = options.now ?? (() => new Date());
  let worker!: RunWorker;
  const running = await startService({
    service: 'subsidy',
    settings: config,
    schema: config.SUBSIDY_DB_SCHEMA,
    dataSource: subsidyDataSource(config.DATABASE_URL, config.SUBSIDY_DB_SCHEMA),
    relay: options.relay,
    eventsFrom: options.eventsFrom,
    parts: async (runtime, logger) => {
      await ensureBuiltInPolicies(runtime.dataSource, builtIns);
      worker = new RunWorker(runtime.dataSource, runtime.unitOfWork, logger, {
        batchSize: config.SUBSIDY_RUN_BATCH_SIZE,
        leaseMs: config.SUBSIDY_RUN_LEASE_MS,
        owner: `subsidy-${randomUUID().slice(0, 8)}`,
        afterBatch: options.afterBatch,
      });
      logger.info('subsidy policies loaded', { policies: builtIns.map((p) => p.version) });
      const handlers: Record<(typeof FACT_SOURCES)[number], EventHandler> = {
        registry: followRegistry,
        credit: followCredit,
        inspection: followInspection,
        staff: followStaff,
      };
      return {
        module: SubsidyModule.register({ runtime, cipher, worker, now }),
        consumers: handlers,
        // Runs left computing by a crashed instance are taken over once their lease runs out.
        jobs: [{ name: 'subsidy run takeover', intervalMs: Math.max(100, Math.floor(config.SUBSIDY_RUN_LEASE_MS / 2)), run: () => worker.resumeExpired() }],
      };
    },
  });
  return {
    ...running,
    worker,
    async stop() {
      await worker.stop();
      await running.stop();
    },
  };
}

export { allocateLargestRemainder } from './runs/budget-cap.js';
export type { SubsidyConfig } from './config.js';
// What a medium test (tests/medium) runs against the real schema, without NATS: the roster use
// cases, as SubsidyModule builds them, and the registry follower that fills the replica they read.
export { subsidyDataSource } from './data-source.js';
export { SubsidyAccessPolicy } from './access/subsidy-access.policy.js';
export { followRegistry } from './facts/fact-events.js';
export { SubmitRoster } from './rosters/submit-roster.use-case.js';
export { GetRoster } from './rosters/roster.query.js';
