import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../contract.js';
import {
  CHECKLIST_KINDS,
  COMPLAINT_CATEGORIES,
  DrawnInstitution,
  FINDING_STATUSES,
  INSPECTION_KINDS,
  ITEM_RESULTS,
  PENALTY_KINDS,
  SEVERITIES,
} from './inspection.contracts.js';

const Uuid = t.String({ format: 'uuid' });
const Day = t.String({ format: 'date' });

const findingFields = {
  findingId: Uuid,
  inspectionId: Uuid,
  institutionId: Uuid,
  divisionCode: t.String(),
  department: t.String(),
  itemCode: t.String(),
  severity: StringEnum(SEVERITIES),
  basic: t.Boolean(),
  deadline: Day,
};

/** evt.inspection.finding.recorded.v1 / overdue.v1. */
export const FindingEventData = t.Object(findingFields, { $id: 'FindingEventData' });
export type FindingEventData = Static<typeof FindingEventData>;

/** evt.inspection.checklist.published.v1: a new version of a department's list. */
export const ChecklistPublishedData = t.Object(
  {
    kind: StringEnum(CHECKLIST_KINDS),
    department: t.String(),
    version: t.String(),
    jurisdiction: t.Optional(t.String({ description: '000000 (全国) or the division code the list applies in; absent on events from before lists had one' })),
    effectiveFrom: t.String({ format: 'date' }),
    items: t.Integer({ description: 'number of items' }),
  },
  { $id: 'ChecklistPublishedData' },
);
export type ChecklistPublishedData = Static<typeof ChecklistPublishedData>;

/** evt.inspection.plan.committed.v1: the pool hash and seed commitment, before the draw. */
export const PlanCommittedData = t.Object(
  {
    planId: t.String({ format: 'uuid' }),
    divisionCode: t.String(),
    periodFrom: t.String({ format: 'date' }),
    periodTo: t.String({ format: 'date' }),
    seedCommitment: t.String(),
    poolHash: t.String(),
    institutions: t.Integer({ description: 'institutions in the pool' }),
  },
  { $id: 'PlanCommittedData' },
);
export type PlanCommittedData = Static<typeof PlanCommittedData>;

/** Drawn institutions per plan.drawn event part: keeps each event well under NATS's 1 MB max_payload. */
export const PLAN_DRAWN_PART_SIZE = 500;

/**
 * evt.inspection.plan.drawn.v1, published in parts: part `part` of `parts` (1-based) carries at
 * most PLAN_DRAWN_PART_SIZE drawn institutions, in draw order; `institutions` is the total drawn.
 * Every part repeats the plan's fields; a follower that needs the whole result collects the parts.
 */
export const PlanDrawnData = t.Object(
  {
    planId: Uuid,
    part: t.Integer({ minimum: 1, description: 'This part (1-based); large draws arrive in parts of at most 500 drawn institutions' }),
    parts: t.Integer({ minimum: 1, description: 'How many parts the draw was published in' }),
    institutions: t.Integer({ description: 'Institutions drawn in total (over all parts)' }),
    divisionCode: t.String(),
    periodFrom: Day,
    periodTo: Day,
    seed: t.String(),
    seedCommitment: t.String(),
    publicEntropy: Nullable(t.String()),
    poolHash: t.String(),
    drawn: t.Array(DrawnInstitution, { maxItems: PLAN_DRAWN_PART_SIZE, description: "This part's drawn institutions, in draw order" }),
  },
  { $id: 'PlanDrawnData', description: 'Published in parts: one event per part, each repeating the plan fields' },
);
export type PlanDrawnData = Static<typeof PlanDrawnData>;

export const InspectionCompletedData = t.Object(
  {
    inspectionId: Uuid,
    kind: StringEnum(INSPECTION_KINDS),
    institutionId: Uuid,
    divisionCode: t.String(),
    departments: t.Array(t.String()),
    completedOn: Day,
    summary: t.Object({ items: t.Integer(), pass: t.Integer(), fail: t.Integer(), notApplicable: t.Integer(), pending: t.Optional(t.Integer()) }),
    basicItemFailed: t.Boolean(),
    findingIds: t.Array(Uuid),
    originalInspectionId: Nullable(Uuid),
  },
  { $id: 'InspectionCompletedData' },
);
export type InspectionCompletedData = Static<typeof InspectionCompletedData>;

export const PenaltyIssuedData = t.Object(
  {
    penaltyId: Uuid,
    findingId: Uuid,
    institutionId: Uuid,
    divisionCode: t.String(),
    department: t.String(),
    penaltyItemCode: t.String(),
    kinds: t.Array(StringEnum(PENALTY_KINDS)),
    fineFen: Nullable(t.Integer()),
    decisionNo: t.String(),
    issuedOn: Day,
  },
  { $id: 'PenaltyIssuedData' },
);
export type PenaltyIssuedData = Static<typeof PenaltyIssuedData>;

export const ComplaintClosedData = t.Object(
  {
    complaintId: Uuid,
    institutionId: Uuid,
    divisionCode: t.String(),
    department: t.String(),
    category: StringEnum(COMPLAINT_CATEGORIES),
    outcome: StringEnum(['substantiated', 'unsubstantiated', 'rejected'], {
      description: 'substantiated / unsubstantiated after an outcome; rejected when not accepted',
    }),
    summary: t.String(),
    closedOn: Day,
  },
  { $id: 'ComplaintClosedData' },
);
export type ComplaintClosedData = Static<typeof ComplaintClosedData>;

/** evt.inspection.finding.corrected.v1 / uncorrected.v1. */
export const FindingClosedData = t.Object(
  {
    ...findingFields,
    status: StringEnum(FINDING_STATUSES),
    closedOn: Day,
    by: StringEnum(['reinspection', 'verification']),
    reinspectionId: Nullable(Uuid),
  },
  { $id: 'FindingClosedData' },
);
export type FindingClosedData = Static<typeof FindingClosedData>;

/** The recorded value an event of the results speaks of: which item of which inspection, and which version of it. */
const resultVersionFields = {
  inspectionId: Uuid,
  institutionId: Uuid,
  itemCode: t.String(),
  department: t.String(),
  versionId: Uuid,
  version: Nullable(t.Integer()),
};

/** evt.inspection.result.recorded.v1: an inspector's value reached the server. */
export const ResultRecordedData = t.Object(
  {
    ...resultVersionFields,
    status: StringEnum(['current', 'conflict', 'late']),
    result: StringEnum(ITEM_RESULTS),
    inspectorId: Uuid,
    deviceId: Nullable(t.String()),
    recordedAt: t.String({ format: 'date-time' }),
  },
  { $id: 'ResultRecordedData' },
);
export type ResultRecordedData = Static<typeof ResultRecordedData>;

/** evt.inspection.result.resolved.v1: a person decided an item. */
export const ResultResolvedData = t.Object(
  {
    ...resultVersionFields,
    resolution: StringEnum(['conflict-resolved', 'late-accepted', 'late-rejected']),
    reason: t.String(),
    by: t.String({ description: 'Who decided (user id)' }),
  },
  { $id: 'ResultResolvedData' },
);
export type ResultResolvedData = Static<typeof ResultResolvedData>;
