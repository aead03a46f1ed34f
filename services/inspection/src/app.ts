import 'reflect-metadata';
import { PiiCipher, resolvePiiKeys, SYSTEM_ACTOR } from '@shanyu/common';
import { CreditEvt, PlatformEvt } from '@shanyu/contracts';
import { EventRoutes, type RunningService, startService, WorkingDayCalendarProvider } from '@shanyu/messaging';
import { loadBuiltInChecklists } from './checklists/builtin-checklists.js';
import { ChecklistCatalog } from './checklists/checklist-catalog.js';
import type { InspectionConfig } from './config.js';
import { inspectionDataSource } from './data-source.js';
import { SweepOverdueFindings } from './findings/rectification.use-cases.js';
import { InspectionModule } from './inspection.module.js';
import { SupervisionPolicies } from './policy/supervision-policies.js';
import { BUILT_IN_SUPERVISION_POLICIES } from './policy/supervision-policy.data.js';
import type { SupervisionDocument } from './policy/supervision-policy.js';
import { followCreditEvent } from './replicas/credit-grades.js';
import { followRegistryEvent } from './replicas/registry-events.js';
import { SchedulePostFilingCheck } from './post-filing/post-filing-checks.js';

export { DRAW_ALGORITHM, type PoolEntry, rebuildDrawInput, redraw, verifyDraw } from './draw/draw.js';
export { InspectionConfig } from './config.js';

export interface RunningInspection extends RunningService {
  /** The supervision policy documents (built-in and published), resolved per division and date. */
  policies: SupervisionPolicies;
  /** Publishes finding.overdue for findings past their deadline (also run on a timer). */
  sweepOverdue(): Promise<number>;
}

export interface InspectionStartOptions {
  /** Start the outbox relay (tests may drive it by hand). */
  relay?: boolean;
  /** The clock dates and deadlines are counted by. */
  now?: () => Date;
  /** Other built-in supervision policy documents (tests: smaller caps and windows); default the shipped ones. */
  policies?: SupervisionDocument[];
  /** `new`: follow only events published from now on (a test stack on a shared broker). */
  eventsFrom?: 'all' | 'new';
}

/**
 * Connects, migrates, loads the two lists (a list that does not match its schema stops the
 * start), follows the registry (institutions), credit (grades) and calendar events, and answers
 * `inspection.*` requests.
 */
export async function startInspection(config: InspectionConfig, options: InspectionStartOptions = {}): Promise<RunningInspection> {
  const now = options.now ?? (() => new Date());
  const policies = new SupervisionPolicies(options.policies ?? BUILT_IN_SUPERVISION_POLICIES);
  const lists = loadBuiltInChecklists();
  const cipher = PiiCipher.fromKeys(resolvePiiKeys(config.SHANYU_MODE, config));
  let sweep!: SweepOverdueFindings;
  const running = await startService({
    service: 'inspection',
    settings: config,
    schema: config.INSPECTION_DB_SCHEMA,
    dataSource: inspectionDataSource(config.DATABASE_URL, config.INSPECTION_DB_SCHEMA),
    relay: options.relay,
    eventsFrom: options.eventsFrom,
    parts: async (runtime) => {
      const catalog = new ChecklistCatalog();
      const edited = await catalog.seed(runtime.dataSource, lists);
      if (edited.length)
        runtime.logger.warn('built-in list versions differ from the stored versions of the same number; the stored text stays in force', {
          versions: edited,
          remedy: 'a changed list is a new version, never an edit of a published one',
        });
      const calendars = new WorkingDayCalendarProvider(runtime.dataSource);
      sweep = new SweepOverdueFindings(runtime.unitOfWork, now, SYSTEM_ACTOR);
      const postFiling = new SchedulePostFilingCheck(policies);
      return {
        module: InspectionModule.register({ runtime, calendars, catalog, policies, cipher, now }),
        consumers: {
          registry: async (event, manager) => {
            await followRegistryEvent(event, manager);
            await postFiling.follow(event, manager);
          },
          credit: new EventRoutes().on(CreditEvt.gradeChanged, followCreditEvent).handler,
          calendar: new EventRoutes().on(PlatformEvt.calendarYearLoaded, (event, manager) => calendars.follow(event, manager)).handler,
        },
        jobs: [
          {
            name: 'overdue findings sweep',
            intervalMs: config.INSPECTION_SWEEP_INTERVAL_MS,
            firstDelayMs: config.INSPECTION_SWEEP_INTERVAL_MS,
            run: () => sweep.run(),
          },
        ],
      };
    },
  });
  return { ...running, policies, sweepOverdue: () => sweep.run() };
}
