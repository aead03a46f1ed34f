import 'reflect-metadata';
import { CreditEvt, PlatformEvt } from '@shanyu/contracts';
import { EventRoutes, type RunningService, startService, WorkingDayCalendarProvider } from '@shanyu/messaging';
import type { RegistryConfig } from './config.js';
import { registryDataSource } from './data-source.js';
import { CreditGradeFollower } from './public/credit-grade.follower.js';
import { RegistryModule } from './registry.module.js';
import { ensureBuiltInRuleDocuments, loadBuiltInRuleDocuments } from './rules/registry-rule-documents.js';

export { RegisterInstitution } from './institutions/register-institution.use-case.js';
export { InstitutionAccessPolicy } from './institutions/institution-access.policy.js';
export { registryDataSource } from './data-source.js';

export type RunningRegistry = RunningService;

export interface RegistryStartOptions {
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** The clock filings are dated by. */
  now?: () => Date;
}

/** Connects, migrates, follows the events it needs and starts answering `registry.*` requests. */
export function startRegistry(config: RegistryConfig, options: RegistryStartOptions = {}): Promise<RunningRegistry> {
  // Rules as data: a built-in filing or target document that fails its check stops the service here.
  const builtIns = loadBuiltInRuleDocuments();
  return startService({
    service: 'registry',
    settings: config,
    schema: config.REGISTRY_DB_SCHEMA,
    dataSource: registryDataSource(config.DATABASE_URL, config.REGISTRY_DB_SCHEMA),
    relay: options.relay,
    parts: async (runtime, logger) => {
      await ensureBuiltInRuleDocuments(runtime.dataSource, builtIns);
      logger.info('rule documents loaded', { builtIn: builtIns.map((d) => d.version) });
      const calendars = new WorkingDayCalendarProvider(runtime.dataSource);
      const creditGrades = new CreditGradeFollower();
      return {
        module: RegistryModule.register({ runtime, calendars, now: options.now }),
        consumers: {
          calendar: new EventRoutes().on(PlatformEvt.calendarYearLoaded, (event, manager) => calendars.follow(event, manager)).handler,
          // 信用等级 shown on the public register, followed from the credit service's events.
          'credit-grades': new EventRoutes().on(CreditEvt.gradeChanged, (event, manager) => creditGrades.follow(event, manager)).handler,
        },
      };
    },
  });
}
