import type { PiiCipher } from '@shanyu/common';
import { type DynamicModule, Module } from '@nestjs/common';
import { piiAdminHandlersFor, type ServiceRuntime, UnitOfWork } from '@shanyu/messaging';
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
import type { StaffRules } from './rules/staff-rules.js';
import { StaffHandlers } from './staff.handlers.js';
import { CertificateRateMonitor } from './stats/certificate-rate-monitor.js';
import { RatioMonitor } from './stats/ratio-monitor.js';
import { DivisionStaffStatsQuery, InstitutionStaffStatsQuery, OverdueRechecksQuery, StaffStatistics } from './stats/staff-stats.js';
import { AddBan, ListBans } from './vetting/bans.use-cases.js';
import { EnterRecordCheck, RecordRecheck } from './vetting/record-checks.use-cases.js';

/** Injection token of the loaded staff rules (services/staff/rules/staff-rules.json). */
export const STAFF_RULES = Symbol('STAFF_RULES');

type Ds = DataSource;
type Uow = UnitOfWork;
type Policy = StaffAccessPolicy;
type Rules = StaffRules;

@Module({})
export class StaffModule {
  static register(runtime: ServiceRuntime, rules: StaffRules, cipher: PiiCipher): DynamicModule {
    return {
      module: StaffModule,
      controllers: [
        StaffHandlers,
        StaffIndicatorHandlers,
        piiAdminHandlersFor('staff', cipher, [{ table: 'person', idColumn: 'id', cipherColumn: 'id_cipher', hashColumn: 'id_hash' }]),
      ],
      providers: [
        { provide: STAFF_RULES, useValue: rules },
        { provide: StaffAccessPolicy, useValue: new StaffAccessPolicy() },
        { provide: ResidentIdVault, useValue: new ResidentIdVault(cipher) },
        { provide: StaffViews, useFactory: (r: Rules, v: ResidentIdVault) => new StaffViews(r, v), inject: [STAFF_RULES, ResidentIdVault] },
        { provide: RatioMonitor, useFactory: (r: Rules) => new RatioMonitor(r), inject: [STAFF_RULES] },
        { provide: CertificateRateMonitor, useFactory: (r: Rules) => new CertificateRateMonitor(r), inject: [STAFF_RULES] },
        { provide: StaffStatistics, useFactory: (r: Rules) => new StaffStatistics(r), inject: [STAFF_RULES] },
        {
          provide: HireStaff,
          useFactory: (r: Rules, v: ResidentIdVault, w: StaffViews, m: RatioMonitor, c: CertificateRateMonitor) => new HireStaff(r, v, w, m, c),
          inject: [STAFF_RULES, ResidentIdVault, StaffViews, RatioMonitor, CertificateRateMonitor],
        },
        {
          provide: AddStaff,
          useFactory: (d: Ds, u: Uow, p: Policy, h: HireStaff) => new AddStaff(d, u, p, h),
          inject: [DataSource, UnitOfWork, StaffAccessPolicy, HireStaff],
        },
        {
          provide: ImportStaff,
          useFactory: (d: Ds, u: Uow, p: Policy, h: HireStaff) => new ImportStaff(d, u, p, h),
          inject: [DataSource, UnitOfWork, StaffAccessPolicy, HireStaff],
        },
        { provide: ListStaff, useFactory: (d: Ds, p: Policy, w: StaffViews) => new ListStaff(d, p, w), inject: [DataSource, StaffAccessPolicy, StaffViews] },
        { provide: GetStaff, useFactory: (d: Ds, p: Policy, w: StaffViews) => new GetStaff(d, p, w), inject: [DataSource, StaffAccessPolicy, StaffViews] },
        {
          provide: EndStaff,
          useFactory: (u: Uow, p: Policy, w: StaffViews, m: RatioMonitor, c: CertificateRateMonitor) => new EndStaff(u, p, w, m, c),
          inject: [UnitOfWork, StaffAccessPolicy, StaffViews, RatioMonitor, CertificateRateMonitor],
        },
        {
          provide: RevealIdNumber,
          useFactory: (u: Uow, p: Policy, v: ResidentIdVault) => new RevealIdNumber(u, p, v),
          inject: [UnitOfWork, StaffAccessPolicy, ResidentIdVault],
        },
        {
          provide: AddCredential,
          useFactory: (u: Uow, p: Policy, w: StaffViews, r: Rules, c: CertificateRateMonitor) => new AddCredential(u, p, w, r, c),
          inject: [UnitOfWork, StaffAccessPolicy, StaffViews, STAFF_RULES, CertificateRateMonitor],
        },
        {
          provide: CredentialAlertsQuery,
          useFactory: (d: Ds, p: Policy, r: Rules) => new CredentialAlertsQuery(d, p, r),
          inject: [DataSource, StaffAccessPolicy, STAFF_RULES],
        },
        {
          provide: RecordRecheck,
          useFactory: (u: Uow, p: Policy, v: ResidentIdVault, w: StaffViews, r: Rules) => new RecordRecheck(u, p, v, w, r),
          inject: [UnitOfWork, StaffAccessPolicy, ResidentIdVault, StaffViews, STAFF_RULES],
        },
        {
          provide: OverdueRechecksQuery,
          useFactory: (d: Ds, p: Policy, r: Rules) => new OverdueRechecksQuery(d, p, r),
          inject: [DataSource, StaffAccessPolicy, STAFF_RULES],
        },
        {
          provide: EnterRecordCheck,
          useFactory: (u: Uow, p: Policy, v: ResidentIdVault, r: Rules) => new EnterRecordCheck(u, p, v, r),
          inject: [UnitOfWork, StaffAccessPolicy, ResidentIdVault, STAFF_RULES],
        },
        {
          provide: AddBan,
          useFactory: (u: Uow, p: Policy, v: ResidentIdVault) => new AddBan(u, p, v),
          inject: [UnitOfWork, StaffAccessPolicy, ResidentIdVault],
        },
        {
          provide: ListBans,
          useFactory: (d: Ds, p: Policy, v: ResidentIdVault) => new ListBans(d, p, v),
          inject: [DataSource, StaffAccessPolicy, ResidentIdVault],
        },
        {
          provide: InstitutionStaffStatsQuery,
          useFactory: (d: Ds, p: Policy, s: StaffStatistics) => new InstitutionStaffStatsQuery(d, p, s),
          inject: [DataSource, StaffAccessPolicy, StaffStatistics],
        },
        {
          provide: DivisionStaffStatsQuery,
          useFactory: (d: Ds, p: Policy, s: StaffStatistics, r: Rules) => new DivisionStaffStatsQuery(d, p, s, r),
          inject: [DataSource, StaffAccessPolicy, StaffStatistics, STAFF_RULES],
        },
        {
          provide: ComputeStaffIndicators,
          useFactory: (d: Ds, s: StaffStatistics, r: Rules) => new ComputeStaffIndicators(d, s, r),
          inject: [DataSource, StaffStatistics, STAFF_RULES],
        },
        {
          provide: ReminderSweep,
          useFactory: (u: Uow, r: Rules, c: CertificateRateMonitor) => new ReminderSweep(u, r, c),
          inject: [UnitOfWork, STAFF_RULES, CertificateRateMonitor],
        },
      ],
    };
  }
}
