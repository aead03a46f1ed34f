import { AuditHistoryRequest } from '../audit.contracts.js';
import { PiiReencryptRequest } from '../pii.contracts.js';
import type { ContractEntry, EventEntry } from '../catalog.js';
import { IndicatorsRequest } from '../registry/indicator.contracts.js';
import {
  AddBanRequest, AddCredentialRequest, AddStaffRequest, type BanKind, CredentialAlertsRequest, type CredentialType, DivisionStaffStatsRequest,
  EndStaffRequest, EnterRecordCheckRequest, ImportStaffRequest, InstitutionRef, ListBansRequest, ListStaffRequest, OverdueRechecksRequest,
  RecordRecheckRequest, RevealIdNumberRequest, StaffRef, type ClassType, type StaffFlagKind, type StaffRole, type StaffView, type VettingReason,
} from './staff.contracts.js';

/** NATS request subjects of the staff service (queue group `staff`). */
export const StaffSubjects = {
  ping: 'staff.health.ping',
  computeIndicators: 'staff.indicators.compute',
  addStaff: 'staff.member.add',
  importStaff: 'staff.member.import',
  listStaff: 'staff.member.list',
  getStaff: 'staff.member.get',
  endStaff: 'staff.member.end',
  revealIdNumber: 'staff.member.reveal-id',
  addCredential: 'staff.credential.add',
  credentialAlerts: 'staff.credential.alerts',
  recordRecheck: 'staff.recheck.record',
  overdueRechecks: 'staff.recheck.overdue',
  enterRecordCheck: 'staff.record-check.enter',
  addBan: 'staff.ban.add',
  listBans: 'staff.ban.list',
  institutionStats: 'staff.stats.institution',
  divisionStats: 'staff.stats.division',
} as const;

/** Events the staff service publishes to stream EVENTS. No event carries a full ID number. */
export const StaffEvents = {
  employmentStarted: 'evt.staff.employment.started.v1',
  employmentEnded: 'evt.staff.employment.ended.v1',
  employmentFlagged: 'evt.staff.employment.flagged.v1',
  vettingRejected: 'evt.staff.vetting.rejected.v1',
  banMatched: 'evt.staff.ban.matched.v1',
  credentialExpiring: 'evt.staff.credential.expiring.v1',
  credentialExpired: 'evt.staff.credential.expired.v1',
  recheckOverdue: 'evt.staff.recheck.overdue.v1',
  ratioBreached: 'evt.staff.ratio.breached.v1',
  certificateRateChanged: 'evt.staff.certificate-rate.changed.v1',
} as const;

/** Where an event is about: the institution, its division and its operator account (for reminders). */
export interface StaffEventInstitution {
  institutionId: string;
  divisionCode: string;
  ownerUserId: string | null;
}

export interface StaffEmploymentStartedData extends StaffEventInstitution {
  staff: StaffView;
}

export interface StaffEmploymentEndedData extends StaffEventInstitution {
  staffId: string;
  endDate: string;
}

export interface StaffEmploymentFlaggedData extends StaffEventInstitution {
  staffId: string;
  kind: StaffFlagKind;
  /** For concurrent employment: the other employment (at another institution). */
  refId: string;
  nameMasked: string;
  idNumberMasked: string;
}

export interface StaffVettingRejectedData extends StaffEventInstitution {
  /** The refused hiring attempt (recorded), or the employment a later result rejected. */
  attemptId: string;
  staffId: string | null;
  reason: VettingReason;
  /** The ban or the record check that decided it. */
  refId: string;
  nameMasked: string;
  idNumberMasked: string;
  role: StaffRole;
}

export interface StaffBanMatchedData extends StaffEventInstitution {
  banId: string;
  staffId: string;
  banKind: BanKind;
  authority: string;
  documentNo: string;
  nameMasked: string;
  idNumberMasked: string;
}

export interface StaffCredentialReminderData extends StaffEventInstitution {
  staffId: string;
  credentialId: string;
  type: CredentialType;
  expiresOn: string;
  daysLeft: number;
  nameMasked: string;
}

export interface StaffRecheckOverdueData extends StaffEventInstitution {
  staffId: string;
  lastCheckedOn: string | null;
  dueOn: string;
  nameMasked: string;
}

export interface StaffRatioBreachedData extends StaffEventInstitution {
  classType: ClassType;
  children: number;
  enrolmentSource: 'roster' | 'registered_places';
  carers: number;
  childrenPerCarer: number;
  requiredCarers: number;
  rulesVersion: string;
}

/**
 * 持证率 of an institution changed (a staff member hired or leaving, a qualification added or
 * expired): what subsidy eligibility rules judge it by, from `effectiveOn`.
 */
export interface StaffCertificateRateChangedData extends StaffEventInstitution {
  /** Staff whose role needs a qualification, and how many of them hold it on `effectiveOn`. */
  required: number;
  holding: number;
  /** holding / required in basis points (10000 = 100%), rounded; null when nobody needs a qualification. */
  rateBp: number | null;
  /** The rate published before (null: none or unknown). */
  previousRateBp: number | null;
  /** The rules' target (basis points) and its source. */
  targetBp: number;
  meetsTarget: boolean | null;
  effectiveOn: string;
  rulesVersion: string;
  source: string;
}

const STAFF_ACCESS_ERRORS = ['VALIDATION', 'NOT_OWN_INSTITUTION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'];

export const STAFF_REQUESTS: ContractEntry[] = [
  { subject: StaffSubjects.ping, service: 'staff', summary: 'Liveness: replies {service, time}', request: null, reply: 'Ping' },
  { subject: StaffSubjects.computeIndicators, service: 'staff', summary: '指标 from staff records (merged by the gateway into GET /indicators): 持证率, 健康证, 年度查询逾期, 禁业/查询异常, 师生比不达标', request: IndicatorsRequest, reply: 'IndicatorContribution', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'] },
  {
    subject: StaffSubjects.addStaff, service: 'staff', summary: '从业人员登记: a staff member, vetted against the ban list and the criminal-record query',
    request: AddStaffRequest, reply: 'StaffView',
    errors: [...STAFF_ACCESS_ERRORS, 'INSTITUTION_NOT_FOUND', 'INSTITUTION_DEREGISTERED', 'STAFF_ALREADY_EMPLOYED', 'STAFF_BANNED', 'STAFF_CRIMINAL_RECORD'],
  },
  {
    subject: StaffSubjects.importStaff, service: 'staff', summary: '批量导入: rows of staff, each validated and vetted; the reply lists accepted and rejected rows',
    request: ImportStaffRequest, reply: 'StaffImportResult', errors: [...STAFF_ACCESS_ERRORS, 'INSTITUTION_NOT_FOUND', 'INSTITUTION_DEREGISTERED'],
  },
  {
    subject: StaffSubjects.listStaff, service: 'staff', summary: 'Staff of one institution (ID numbers masked unless the role needs them)',
    request: ListStaffRequest, reply: 'StaffPage', errors: [...STAFF_ACCESS_ERRORS, 'INSTITUTION_NOT_FOUND'],
  },
  { subject: StaffSubjects.getStaff, service: 'staff', summary: 'One staff member', request: StaffRef, reply: 'StaffView', errors: [...STAFF_ACCESS_ERRORS, 'STAFF_NOT_FOUND'] },
  {
    subject: StaffSubjects.endStaff, service: 'staff', summary: '离职: ends an employment (the person\'s history stays)',
    request: EndStaffRequest, reply: 'StaffView', errors: [...STAFF_ACCESS_ERRORS, 'STAFF_NOT_FOUND', 'STAFF_ALREADY_ENDED'],
  },
  {
    subject: StaffSubjects.revealIdNumber, service: 'staff', summary: 'The full ID number of one staff member, for public security or health, with a reason (audited)',
    request: RevealIdNumberRequest, reply: 'RevealedIdNumber', errors: [...STAFF_ACCESS_ERRORS, 'STAFF_NOT_FOUND'],
  },
  {
    subject: StaffSubjects.addCredential, service: 'staff', summary: '资格证书 / 健康证明 of a staff member',
    request: AddCredentialRequest, reply: 'StaffView', errors: [...STAFF_ACCESS_ERRORS, 'STAFF_NOT_FOUND', 'CREDENTIAL_DUPLICATE'],
  },
  {
    subject: StaffSubjects.credentialAlerts, service: 'staff', summary: 'Credentials of one institution\'s staff that expire within N days, and expired ones',
    request: CredentialAlertsRequest, reply: 'CredentialAlerts', errors: [...STAFF_ACCESS_ERRORS, 'INSTITUTION_NOT_FOUND'],
  },
  {
    subject: StaffSubjects.recordRecheck, service: 'staff', summary: '年度违法犯罪记录查询 (未成年人保护法 第六十二条) for a staff member',
    request: RecordRecheckRequest, reply: 'StaffView', errors: [...STAFF_ACCESS_ERRORS, 'STAFF_NOT_FOUND'],
  },
  {
    subject: StaffSubjects.overdueRechecks, service: 'staff', summary: 'Employed people whose yearly re-check is overdue (12 months after the last)',
    request: OverdueRechecksRequest, reply: 'OverdueRechecks', errors: [...STAFF_ACCESS_ERRORS, 'INSTITUTION_NOT_FOUND'],
  },
  {
    subject: StaffSubjects.enterRecordCheck, service: 'staff', summary: 'Public security enters a criminal-record query result for a person; pending vetting is decided by it',
    request: EnterRecordCheckRequest, reply: 'RecordCheckView', errors: STAFF_ACCESS_ERRORS,
  },
  {
    subject: StaffSubjects.addBan, service: 'staff', summary: '从业禁止 / 终身禁入 (public security or health): flags every current employment of the person',
    request: AddBanRequest, reply: 'BanView', errors: [...STAFF_ACCESS_ERRORS, 'BAN_DUPLICATE'],
  },
  { subject: StaffSubjects.listBans, service: 'staff', summary: 'The ban list (public security, health)', request: ListBansRequest, reply: 'BanPage', errors: STAFF_ACCESS_ERRORS },
  {
    subject: StaffSubjects.institutionStats, service: 'staff', summary: '持证率 and carer-to-child ratios of one institution',
    request: InstitutionRef, reply: 'InstitutionStaffStats', errors: [...STAFF_ACCESS_ERRORS, 'INSTITUTION_NOT_FOUND'],
  },
  {
    subject: StaffSubjects.divisionStats, service: 'staff', summary: '持证率 and ratio breaches of every institution in a division',
    request: DivisionStaffStatsRequest, reply: 'DivisionStaffStats', errors: STAFF_ACCESS_ERRORS,
  },
];

export const STAFF_EVENTS: EventEntry[] = [
  { subject: StaffEvents.employmentStarted, service: 'staff', summary: 'A staff member was registered at an institution (ID masked)', data: 'StaffEmploymentStartedData' },
  { subject: StaffEvents.employmentEnded, service: 'staff', summary: 'An employment ended (离职)', data: 'StaffEmploymentEndedData' },
  { subject: StaffEvents.employmentFlagged, service: 'staff', summary: 'An employment was flagged: the same person is employed full-time at another institution too (kind concurrent_employment)', data: 'StaffEmploymentFlaggedData' },
  { subject: StaffEvents.vettingRejected, service: 'staff', summary: 'Vetting rejected a person: a refused hiring (ban, criminal record) or a later record-check result', data: 'StaffVettingRejectedData' },
  { subject: StaffEvents.banMatched, service: 'staff', summary: 'A new ban matched a person employed at this institution (one event per institution)', data: 'StaffBanMatchedData' },
  { subject: StaffEvents.credentialExpiring, service: 'staff', summary: 'A staff member\'s credential expires soon (reminder to the operator)', data: 'StaffCredentialReminderData' },
  { subject: StaffEvents.credentialExpired, service: 'staff', summary: 'A staff member\'s credential has expired', data: 'StaffCredentialReminderData' },
  { subject: StaffEvents.recheckOverdue, service: 'staff', summary: 'A staff member\'s yearly criminal-record re-check is overdue', data: 'StaffRecheckOverdueData' },
  { subject: StaffEvents.ratioBreached, service: 'staff', summary: 'A class type\'s carer-to-child ratio fell below the standard', data: 'StaffRatioBreachedData' },
  { subject: StaffEvents.certificateRateChanged, service: 'staff', summary: 'An institution\'s 持证率 changed (basis points, from a day): subsidy eligibility follows it', data: 'StaffCertificateRateChangedData' },
];

export const STAFF_AUDIT_REQUESTS: ContractEntry[] = [
  { subject: 'staff.audit.history', service: 'staff', summary: 'Audit entries of one entity (admin)', request: AuditHistoryRequest, reply: 'AuditEntryList', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED'] },
  { subject: 'staff.audit.verify', service: 'staff', summary: 'Recompute the audit hash chain (admin)', request: null, reply: 'AuditVerificationView', errors: ['DEPARTMENT_NOT_ALLOWED'] },
  {
    subject: 'staff.admin.pii.reencrypt', service: 'staff', summary: 'Re-encrypt resident ID numbers under PII_KEY and recompute their hashes under PII_MATCH_KEY (admin CLI)',
    request: PiiReencryptRequest, reply: 'PiiReencryptView', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED'],
  },
];
