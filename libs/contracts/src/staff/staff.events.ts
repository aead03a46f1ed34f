import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../contract.js';
import { CLASS_TYPES } from '../registry/institution.contracts.js';
import { BAN_KINDS, CREDENTIAL_TYPES, STAFF_FLAG_KINDS, STAFF_ROLES, StaffView, VETTING_REASONS } from './staff.contracts.js';

// The staff service's events. No event carries a full ID number.

const Uuid = t.String({ format: 'uuid' });
const Day = t.String({ format: 'date' });

/** Where an event is about: the institution, its division and its operator account (for reminders). */
const institution = {
  institutionId: Uuid,
  divisionCode: t.String(),
  ownerUserId: Nullable(t.String(), { description: 'operator account to remind' }),
};

export const StaffEmploymentStartedData = t.Object({ ...institution, staff: StaffView }, { $id: 'StaffEmploymentStartedData' });
export type StaffEmploymentStartedData = Static<typeof StaffEmploymentStartedData>;

export const StaffEmploymentEndedData = t.Object({ ...institution, staffId: Uuid, endDate: Day }, { $id: 'StaffEmploymentEndedData' });
export type StaffEmploymentEndedData = Static<typeof StaffEmploymentEndedData>;

export const StaffEmploymentFlaggedData = t.Object(
  {
    ...institution,
    staffId: Uuid,
    kind: StringEnum(STAFF_FLAG_KINDS),
    refId: t.String({ format: 'uuid', description: 'For concurrent employment: the other employment (at another institution)' }),
    nameMasked: t.String(),
    idNumberMasked: t.String(),
  },
  { $id: 'StaffEmploymentFlaggedData' },
);
export type StaffEmploymentFlaggedData = Static<typeof StaffEmploymentFlaggedData>;

export const StaffVettingRejectedData = t.Object(
  {
    ...institution,
    attemptId: t.String({ format: 'uuid', description: 'The refused hiring attempt (recorded), or the employment a later result rejected' }),
    staffId: Nullable(Uuid),
    reason: StringEnum(VETTING_REASONS),
    refId: t.String({ format: 'uuid', description: 'The ban or the record check that decided it' }),
    nameMasked: t.String(),
    idNumberMasked: t.String(),
    role: StringEnum(STAFF_ROLES),
  },
  { $id: 'StaffVettingRejectedData' },
);
export type StaffVettingRejectedData = Static<typeof StaffVettingRejectedData>;

export const StaffBanMatchedData = t.Object(
  {
    ...institution,
    banId: Uuid,
    staffId: Uuid,
    banKind: StringEnum(BAN_KINDS),
    authority: t.String(),
    documentNo: t.String(),
    nameMasked: t.String(),
    idNumberMasked: t.String(),
  },
  { $id: 'StaffBanMatchedData' },
);
export type StaffBanMatchedData = Static<typeof StaffBanMatchedData>;

export const StaffCredentialReminderData = t.Object(
  {
    ...institution,
    staffId: Uuid,
    credentialId: Uuid,
    type: StringEnum(CREDENTIAL_TYPES),
    expiresOn: Day,
    daysLeft: t.Integer(),
    nameMasked: t.String(),
  },
  { $id: 'StaffCredentialReminderData' },
);
export type StaffCredentialReminderData = Static<typeof StaffCredentialReminderData>;

export const StaffRecheckOverdueData = t.Object(
  {
    ...institution,
    staffId: Uuid,
    lastCheckedOn: Nullable(Day),
    dueOn: Day,
    nameMasked: t.String(),
  },
  { $id: 'StaffRecheckOverdueData' },
);
export type StaffRecheckOverdueData = Static<typeof StaffRecheckOverdueData>;

export const StaffRatioBreachedData = t.Object(
  {
    ...institution,
    classType: StringEnum(CLASS_TYPES),
    children: t.Integer(),
    enrolmentSource: StringEnum(['roster', 'registered_places']),
    carers: t.Integer(),
    childrenPerCarer: t.Integer(),
    requiredCarers: t.Integer(),
    rulesVersion: t.String(),
  },
  { $id: 'StaffRatioBreachedData' },
);
export type StaffRatioBreachedData = Static<typeof StaffRatioBreachedData>;

/**
 * 持证率 of an institution changed (a staff member hired or leaving, a qualification added or
 * expired): what subsidy eligibility rules judge it by, from `effectiveOn`.
 */
export const StaffCertificateRateChangedData = t.Object(
  {
    ...institution,
    required: t.Integer({ description: 'Staff whose role needs a qualification' }),
    holding: t.Integer({ description: 'How many of them hold it on effectiveOn' }),
    rateBp: Nullable(t.Integer({ minimum: 0, maximum: 10_000 }), {
      description: '持证率 in basis points (10000 = 100%), rounded; null when no role needs a qualification',
    }),
    previousRateBp: Nullable(t.Integer({ minimum: 0, maximum: 10_000 }), { description: 'The rate published before (null: none or unknown)' }),
    targetBp: Nullable(t.Integer(), {
      description:
        "The 持证率 target of the institution's division in basis points, where the division (or a level above it) has set one, e.g. 9000 in 西湖区 (330106); " +
        'null elsewhere. A division’s target for its indicator and alerts, not a condition the institution must meet',
    }),
    meetsTarget: Nullable(t.Boolean(), { description: 'rateBp ≥ targetBp; null without a rate or without a target' }),
    effectiveOn: Day,
    rulesVersion: t.String({ description: 'The staff rule document versions in force for the division, joined with +' }),
    source: Nullable(t.String(), { description: 'The document that sets the target (null without a target)' }),
  },
  { $id: 'StaffCertificateRateChangedData' },
);
export type StaffCertificateRateChangedData = Static<typeof StaffCertificateRateChangedData>;
