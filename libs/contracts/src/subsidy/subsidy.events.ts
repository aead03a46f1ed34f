import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../contract.js';
import { APPROVAL_STAGES, ROSTER_FLAGS, RunTotals } from './subsidy.contracts.js';
import { Month, rosterFigures, Uuid } from './subsidy.fragments.js';

// The subsidy service's events. No event carries an ID number.

/** evt.subsidy.roster.submitted.v1 — children per class type for staff ratios and indicators. */
export const SubsidyRosterSubmittedData = t.Object(
  {
    rosterId: Uuid,
    institutionId: Uuid,
    divisionCode: t.String(),
    ownerUserId: Nullable(t.String()),
    ...rosterFigures,
    flags: t.Array(StringEnum(ROSTER_FLAGS)),
  },
  { $id: 'SubsidyRosterSubmittedData' },
);
export type SubsidyRosterSubmittedData = Static<typeof SubsidyRosterSubmittedData>;

/**
 * evt.subsidy.claim.duplicated.v1 — the same child (by keyed hash) is on the current rosters of
 * two or more institutions in one month: every claim is held out of payment until resolved.
 */
export const SubsidyClaimDuplicatedData = t.Object(
  {
    month: Month,
    childKey: t.String({ description: "Keyed hash of the child's ID number (not reversible without the service's key)" }),
    institutions: t.Array(t.Object({ institutionId: Uuid, divisionCode: t.String() })),
  },
  { $id: 'SubsidyClaimDuplicatedData' },
);
export type SubsidyClaimDuplicatedData = Static<typeof SubsidyClaimDuplicatedData>;

/** The run an event speaks of. */
const runFields = { runId: Uuid, month: Month, divisionCode: t.String() };
/** The run and the approval stage a decision was taken at. */
const runStageFields = { ...runFields, stage: StringEnum(APPROVAL_STAGES) };

export const SubsidyRunCompletedData = t.Object(
  {
    ...runFields,
    attempt: t.Integer(),
    totals: RunTotals,
  },
  { $id: 'SubsidyRunCompletedData' },
);
export type SubsidyRunCompletedData = Static<typeof SubsidyRunCompletedData>;

export const SubsidyRunApprovedData = t.Object(
  {
    ...runStageFields,
    nextStage: Nullable(StringEnum(APPROVAL_STAGES), { description: 'The stage that waits next, or null once finance approved' }),
    posted: t.Boolean({ description: 'True once finance approved: the run is posted to the ledger' }),
    payableFen: t.Integer({ description: 'fen (分)' }),
    institutions: t.Array(t.Object({ institutionId: Uuid, amountFen: t.Integer() }), {
      description: 'Per institution (posted runs only): what the ledger pays',
    }),
  },
  { $id: 'SubsidyRunApprovedData' },
);
export type SubsidyRunApprovedData = Static<typeof SubsidyRunApprovedData>;

export const SubsidyRunReturnedData = t.Object(
  {
    ...runStageFields,
    reason: t.String(),
  },
  { $id: 'SubsidyRunReturnedData' },
);
export type SubsidyRunReturnedData = Static<typeof SubsidyRunReturnedData>;
