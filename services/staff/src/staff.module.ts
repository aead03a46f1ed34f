import type { PiiCipher } from '@shanyu/common';
import { type DynamicModule, type FactoryProvider, type InjectionToken, Module } from '@nestjs/common';
import { piiAdminHandlersFor, RULE_DOCUMENTS, ruleHandlersFor, type ServiceRuntime, UnitOfWork } from '@shanyu/messaging';
import { DataSource } from 'typeorm';
import { StaffAccessPolicy } from './access/staff-access.policy.js';
import { AddCredential } from './credentials/add-credential.use-case.js';
import { CredentialAlertsQuery } from './credentials/credential-alerts.query.js';
import { AddStaff } from './employments/add-staff.use-case.js';
import { EndStaff } from './employments/end-staff.use-case.js';
import { HireStaff } from './employments/hire-staff.js';
import { ImportStaff } from './employments/import-staff.use-case.js';
import { StaffViews } from './employments/staff-views.js';
import { GetStaff, ListStaff, RevealIdNumber } from './employments/staff.queries.js';
import { ComputeStaffIndicators } from './indicators/compute-staff-indicators.query.js';
import { StaffIndicatorHandlers } from './indicators/indicators.handlers.js';
import { ResidentIdVault } from './people/resident-id-vault.js';
import { ReminderSweep } from './reminders/reminder-sweep.js';
import { PublishStaffRules } from './rules/publish-staff-rules.use-case.js';
import type { StaffRuleStore } from './rules/staff-rule-documents.js';
import { StaffRuleHandlers } from './rules/staff-rule.handlers.js';
import { StaffHandlers } from './staff.handlers.js';
import { CertificateRateMonitor } from './stats/certificate-rate-monitor.js';
import { RatioMonitor } from './stats/ratio-monitor.js';
import { DivisionStaffStatsQuery, InstitutionStaffStatsQuery, OverdueRechecksQuery, StaffStatistics } from './stats/staff-stats.js';
import { AddBan, ListBans } from './vetting/bans.use-cases.js';
import { EnterRecordCheck, RecordRecheck } from './vetting/record-checks.use-cases.js';

/** Injection token of the staff rule documents (the rules file's and those published since: StaffRuleStore), resolved per division and day. */
export const STAFF_RULES = Symbol('STAFF_RULES');

/** A provider token: a class (standing for its instances) or a symbol such as {@link STAFF_RULES}. */
type Token<T> = (abstract new (...args: never[]) => T) | symbol;

/** The provider of `cls`, built from the instances of `inject`, in the constructor's order. */
function constructed<A extends unknown[], T>(cls: new (...args: A) => T, inject: { [K in keyof A]: Token<A[K]> }): FactoryProvider<T> {
  return { provide: cls, useFactory: (...args: unknown[]) => new cls(...(args as A)), inject: inject as InjectionToken[] };
}

@Module({})
export class StaffModule {
  static register(runtime: ServiceRuntime, rules: StaffRuleStore, cipher: PiiCipher): DynamicModule {
    return {
      module: StaffModule,
      controllers: [
        StaffHandlers,
        StaffIndicatorHandlers,
        StaffRuleHandlers,
        piiAdminHandlersFor('staff', cipher, [{ table: 'person', idColumn: 'id', cipherColumn: 'id_cipher', hashColumn: 'id_hash' }]),
        ruleHandlersFor('staff'),
      ],
      providers: [
        { provide: STAFF_RULES, useValue: rules },
        { provide: RULE_DOCUMENTS, useValue: rules },
        constructed(PublishStaffRules, [UnitOfWork, STAFF_RULES]),
        { provide: StaffAccessPolicy, useValue: new StaffAccessPolicy() },
        { provide: ResidentIdVault, useValue: new ResidentIdVault(cipher) },
        constructed(StaffViews, [STAFF_RULES, ResidentIdVault]),
        constructed(RatioMonitor, [STAFF_RULES]),
        constructed(CertificateRateMonitor, [STAFF_RULES]),
        constructed(StaffStatistics, [STAFF_RULES]),
        constructed(HireStaff, [STAFF_RULES, ResidentIdVault, StaffViews, RatioMonitor, CertificateRateMonitor]),
        constructed(AddStaff, [DataSource, UnitOfWork, StaffAccessPolicy, HireStaff]),
        constructed(ImportStaff, [DataSource, UnitOfWork, StaffAccessPolicy, HireStaff]),
        constructed(ListStaff, [DataSource, StaffAccessPolicy, StaffViews]),
        constructed(GetStaff, [DataSource, StaffAccessPolicy, StaffViews]),
        constructed(EndStaff, [UnitOfWork, StaffAccessPolicy, StaffViews, RatioMonitor, CertificateRateMonitor]),
        constructed(RevealIdNumber, [UnitOfWork, StaffAccessPolicy, ResidentIdVault]),
        constructed(AddCredential, [UnitOfWork, StaffAccessPolicy, StaffViews, STAFF_RULES, CertificateRateMonitor]),
        constructed(CredentialAlertsQuery, [DataSource, StaffAccessPolicy, STAFF_RULES]),
        constructed(RecordRecheck, [UnitOfWork, StaffAccessPolicy, ResidentIdVault, StaffViews, STAFF_RULES]),
        constructed(OverdueRechecksQuery, [DataSource, StaffAccessPolicy, STAFF_RULES]),
        constructed(EnterRecordCheck, [UnitOfWork, StaffAccessPolicy, ResidentIdVault, STAFF_RULES]),
        constructed(AddBan, [UnitOfWork, StaffAccessPolicy, ResidentIdVault]),
        constructed(ListBans, [DataSource, StaffAccessPolicy, ResidentIdVault]),
        constructed(InstitutionStaffStatsQuery, [DataSource, StaffAccessPolicy, StaffStatistics]),
        constructed(DivisionStaffStatsQuery, [DataSource, StaffAccessPolicy, StaffStatistics, STAFF_RULES]),
        constructed(ComputeStaffIndicators, [DataSource, StaffStatistics, STAFF_RULES]),
        constructed(ReminderSweep, [UnitOfWork, STAFF_RULES, CertificateRateMonitor, RatioMonitor]),
      ],
    };
  }
}
