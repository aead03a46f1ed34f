import type { BanKind, ClassType, CredentialType, StaffFlagKind, StaffRole, StaffView, VettingReason } from './staff.contracts.js';

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
