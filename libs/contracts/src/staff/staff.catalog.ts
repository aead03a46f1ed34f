import { auditRpcs, indicatorsRpc, piiReencryptRpc, pingRpc, rulesPublishedEvent, rulesPublishRpc, rulesRpcs, SCOPED_ERRORS } from '../service-rpcs.js';
import { type AnyEventDef, type AnyRpcDef, defineEvent, defineRpc, subjectsOf } from '../contract.js';
import {
  AddBanRequest,
  AddCredentialRequest,
  AddStaffRequest,
  CredentialAlertsRequest,
  DivisionStaffStatsRequest,
  EndStaffRequest,
  EnterRecordCheckRequest,
  ImportStaffRequest,
  InstitutionRef,
  ListBansRequest,
  ListStaffRequest,
  OverdueRechecksRequest,
  RecordRecheckRequest,
  RevealIdNumberRequest,
  StaffRef,
} from './staff.contracts.js';
import {
  BanPage,
  BanView,
  CredentialAlerts,
  DivisionStaffStats,
  InstitutionStaffStats,
  OverdueRechecks,
  RecordCheckView,
  RevealedIdNumber,
  StaffImportResult,
  StaffPage,
  StaffView,
} from './staff.contracts.js';
import {
  StaffBanMatchedData,
  StaffCertificateRateChangedData,
  StaffCredentialReminderData,
  StaffEmploymentEndedData,
  StaffEmploymentFlaggedData,
  StaffEmploymentStartedData,
  StaffRatioBreachedData,
  StaffRecheckOverdueData,
  StaffVettingRejectedData,
} from './staff.events.js';

/** Every request subject of the staff service: one definition each. */
export const StaffRpc = {
  ping: pingRpc('staff'),
  computeIndicators: indicatorsRpc(
    'staff',
    '指标 from staff records (merged by the gateway into GET /indicators): 持证率, 健康证, 年度查询逾期, 禁业/查询异常, 师生比不达标',
  ),
  addStaff: defineRpc({
    subject: 'staff.member.add',
    summary: '从业人员登记: a staff member, vetted against the ban list and the criminal-record query',
    request: AddStaffRequest,
    reply: StaffView,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND', 'INSTITUTION_DEREGISTERED', 'STAFF_ALREADY_EMPLOYED', 'STAFF_BANNED', 'STAFF_CRIMINAL_RECORD'],
  }),
  importStaff: defineRpc({
    subject: 'staff.member.import',
    summary: '批量导入: rows of staff, each validated and vetted; the reply lists accepted and rejected rows',
    request: ImportStaffRequest,
    reply: StaffImportResult,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND', 'INSTITUTION_DEREGISTERED'],
  }),
  listStaff: defineRpc({
    subject: 'staff.member.list',
    summary: 'Staff of one institution (ID numbers masked unless the role needs them)',
    request: ListStaffRequest,
    reply: StaffPage,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND'],
  }),
  getStaff: defineRpc({
    subject: 'staff.member.get',
    summary: 'One staff member',
    request: StaffRef,
    reply: StaffView,
    errors: [...SCOPED_ERRORS, 'STAFF_NOT_FOUND'],
  }),
  endStaff: defineRpc({
    subject: 'staff.member.end',
    summary: "离职: ends an employment (the person's history stays)",
    request: EndStaffRequest,
    reply: StaffView,
    errors: [...SCOPED_ERRORS, 'STAFF_NOT_FOUND', 'STAFF_ALREADY_ENDED'],
  }),
  revealIdNumber: defineRpc({
    subject: 'staff.member.reveal-id',
    summary: 'The full ID number of one staff member, for public security or health, with a reason (audited)',
    request: RevealIdNumberRequest,
    reply: RevealedIdNumber,
    errors: [...SCOPED_ERRORS, 'STAFF_NOT_FOUND'],
  }),
  addCredential: defineRpc({
    subject: 'staff.credential.add',
    summary: '资格证书 / 健康证明 of a staff member',
    request: AddCredentialRequest,
    reply: StaffView,
    errors: [...SCOPED_ERRORS, 'STAFF_NOT_FOUND', 'CREDENTIAL_DUPLICATE'],
  }),
  credentialAlerts: defineRpc({
    subject: 'staff.credential.alerts',
    summary: "Credentials of one institution's staff that expire within N days, and expired ones",
    request: CredentialAlertsRequest,
    reply: CredentialAlerts,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND'],
  }),
  recordRecheck: defineRpc({
    subject: 'staff.recheck.record',
    summary: '年度违法犯罪记录查询 (未成年人保护法 第六十二条) for a staff member',
    request: RecordRecheckRequest,
    reply: StaffView,
    errors: [...SCOPED_ERRORS, 'STAFF_NOT_FOUND'],
  }),
  overdueRechecks: defineRpc({
    subject: 'staff.recheck.overdue',
    summary: 'Employed people whose yearly re-check is overdue (12 months after the last)',
    request: OverdueRechecksRequest,
    reply: OverdueRechecks,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND'],
  }),
  enterRecordCheck: defineRpc({
    subject: 'staff.record-check.enter',
    summary: 'Public security enters a criminal-record query result for a person; pending vetting is decided by it',
    request: EnterRecordCheckRequest,
    reply: RecordCheckView,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND'],
  }),
  addBan: defineRpc({
    subject: 'staff.ban.add',
    summary: '从业禁止 / 终身禁入 (public security or health): flags every current employment of the person',
    request: AddBanRequest,
    reply: BanView,
    errors: [...SCOPED_ERRORS, 'BAN_DUPLICATE', 'INSTITUTION_NOT_FOUND'],
  }),
  listBans: defineRpc({
    subject: 'staff.ban.list',
    summary: 'The ban list (public security, health)',
    request: ListBansRequest,
    reply: BanPage,
    errors: SCOPED_ERRORS,
  }),
  institutionStats: defineRpc({
    subject: 'staff.stats.institution',
    summary: '持证率 and carer-to-child ratios of one institution',
    request: InstitutionRef,
    reply: InstitutionStaffStats,
    errors: [...SCOPED_ERRORS, 'INSTITUTION_NOT_FOUND'],
  }),
  divisionStats: defineRpc({
    subject: 'staff.stats.division',
    summary: '持证率 and ratio breaches of every institution in a division',
    request: DivisionStaffStatsRequest,
    reply: DivisionStaffStats,
    errors: SCOPED_ERRORS,
  }),
  ...auditRpcs('staff'),
  ...rulesRpcs('staff'),
  publishRules: rulesPublishRpc(
    'staff',
    '发布从业人员规则 Publish a staff rule document (family staff: credentials, role requirements, ratios, vetting, re-check interval, 持证率 target) for a jurisdiction — national by the admin, local by health, education or hrss in their divisions; in force from a day not before today, and the rules in force must still make a whole set everywhere',
  ),
  piiReencrypt: piiReencryptRpc('staff', 'Re-encrypt resident ID numbers under PII_KEY and recompute their hashes under PII_MATCH_KEY (admin CLI)'),
};

export const StaffEvt = {
  employmentStarted: defineEvent({
    subject: 'evt.staff.employment.started',
    version: 1,
    summary: 'A staff member was registered at an institution (ID masked)',
    data: StaffEmploymentStartedData,
  }),
  employmentEnded: defineEvent({
    subject: 'evt.staff.employment.ended',
    version: 1,
    summary: 'An employment ended (离职)',
    data: StaffEmploymentEndedData,
  }),
  employmentFlagged: defineEvent({
    subject: 'evt.staff.employment.flagged',
    version: 1,
    summary: 'An employment was flagged: the same person is employed full-time at another institution too (kind concurrent_employment)',
    data: StaffEmploymentFlaggedData,
  }),
  vettingRejected: defineEvent({
    subject: 'evt.staff.vetting.rejected',
    version: 1,
    summary: 'Vetting rejected a person: a refused hiring (ban, criminal record) or a later record-check result',
    data: StaffVettingRejectedData,
  }),
  banMatched: defineEvent({
    subject: 'evt.staff.ban.matched',
    version: 1,
    summary: 'A new ban matched a person employed at this institution (one event per institution)',
    data: StaffBanMatchedData,
  }),
  credentialExpiring: defineEvent({
    subject: 'evt.staff.credential.expiring',
    version: 1,
    summary: "A staff member's credential expires soon (reminder to the operator)",
    data: StaffCredentialReminderData,
  }),
  credentialExpired: defineEvent({
    subject: 'evt.staff.credential.expired',
    version: 1,
    summary: "A staff member's credential has expired",
    data: StaffCredentialReminderData,
  }),
  recheckOverdue: defineEvent({
    subject: 'evt.staff.recheck.overdue',
    version: 1,
    summary: "A staff member's yearly criminal-record re-check is overdue",
    data: StaffRecheckOverdueData,
  }),
  ratioBreached: defineEvent({
    subject: 'evt.staff.ratio.breached',
    version: 1,
    summary: "A class type's carer-to-child ratio fell below the standard",
    data: StaffRatioBreachedData,
  }),
  certificateRateChanged: defineEvent({
    subject: 'evt.staff.certificate-rate.changed',
    version: 1,
    summary: "An institution's 持证率 changed (basis points, from a day): subsidy eligibility follows it",
    data: StaffCertificateRateChangedData,
  }),
  rulesPublished: rulesPublishedEvent('staff'),
};

/** NATS request subjects of the staff service (queue group `staff`). */
export const StaffSubjects = subjectsOf(StaffRpc);
/** Events the staff service publishes to stream EVENTS. */
export const StaffEvents = subjectsOf(StaffEvt);
export const STAFF_REQUESTS: readonly AnyRpcDef[] = Object.values(StaffRpc);
export const STAFF_EVENTS: readonly AnyEventDef[] = Object.values(StaffEvt);
