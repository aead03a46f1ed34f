import 'reflect-metadata';
import { PiiCipher, resolvePiiKeys, shanghaiToday } from '@shanyu/common';
import { serviceConsumer } from '@shanyu/contracts';
import { Outbox, type RunningService, startService } from '@shanyu/messaging';
import type { StaffConfig } from './config.js';
import { staffDataSource } from './data-source.js';
import { InstitutionEventsHandler } from './institutions/institution-events.js';
import { RosterEventsHandler } from './institutions/roster-events.js';
import { ReminderSweep } from './reminders/reminder-sweep.js';
import { StaffRuleStore } from './rules/staff-rule-documents.js';
import { loadStaffRules, type StaffRuleDocument } from './rules/staff-rules.js';
import { StaffModule } from './staff.module.js';
import { RatioMonitor } from './stats/ratio-monitor.js';

/** Its consumers: `registry-institutions` (the registry's institutions into the local replica) and `subsidy-rosters` (children enrolled per class type, for the ratios). */
export type RunningStaff = RunningService;

/** Durable consumer names (the NATS catalog's): one per staff schema, so test stacks with their own schema do not share them. */
export function institutionConsumerName(schema: string): string {
  return serviceConsumer('staff', 'registry-institutions', schema).name;
}

export function rosterConsumerName(schema: string): string {
  return serviceConsumer('staff', 'subsidy-rosters', schema).name;
}

/** Checks the staff rule documents and the PII key, connects, migrates, follows the registry and answers `staff.*`. */
export function startStaff(config: StaffConfig, options: { relay?: boolean; eventsFrom?: 'all' | 'new' } = {}): Promise<RunningStaff> {
  const builtIn = loadStaffRules();
  const cipher = PiiCipher.fromKeys(resolvePiiKeys(config.SHANYU_MODE, config));
  return startService({
    service: 'staff',
    settings: config,
    schema: config.STAFF_DB_SCHEMA,
    dataSource: staffDataSource(config.DATABASE_URL, config.STAFF_DB_SCHEMA),
    relay: options.relay,
    eventsFrom: options.eventsFrom,
    parts: async (runtime, logger) => {
      // The published documents join the rules file's: a set that no longer loads together stops the start too.
      const rules = new StaffRuleStore(runtime.dataSource, builtIn);
      const published = await rules.published(runtime.dataSource);
      const institutions = new InstitutionEventsHandler(new Outbox(), new RatioMonitor(rules));
      const rosters = new RosterEventsHandler(new Outbox(), new RatioMonitor(rules));
      const listed = (docs: readonly StaffRuleDocument[]) => docs.map((d) => `${d.version}@${d.jurisdiction}@${d.effectiveFrom}`);
      logger.info('staff rules loaded', { documents: listed(builtIn.documents), published: listed(published) });
      return {
        module: StaffModule.register(runtime, rules, cipher),
        consumers: {
          'registry-institutions': (event, manager) => institutions.handle(event, manager),
          'subsidy-rosters': (event, manager) => rosters.handle(event, manager),
        },
        jobs: (app) => [
          {
            name: 'staff reminder sweep',
            intervalMs: config.STAFF_REMINDER_INTERVAL_MS,
            firstDelayMs: 5_000,
            run: async () => {
              const r = await app.get(ReminderSweep).run(shanghaiToday());
              if (r.credentialExpiring + r.credentialExpired + r.recheckOverdue + r.rulesApplied > 0) logger.info('reminders published', { ...r });
            },
          },
        ],
      };
    },
  });
}

// For tests and tools that run a use case for a given day ("today" is a parameter of each).
export { ReminderSweep } from './reminders/reminder-sweep.js';
export { AddStaff } from './employments/add-staff.use-case.js';
export { ImportStaff } from './employments/import-staff.use-case.js';
export { CredentialAlertsQuery } from './credentials/credential-alerts.query.js';
export { DivisionStaffStatsQuery, InstitutionStaffStatsQuery, OverdueRechecksQuery } from './stats/staff-stats.js';
export { RecordRecheck } from './vetting/record-checks.use-cases.js';
export type { StaffConfig } from './config.js';
