import { type Static, Type as t } from '@sinclair/typebox';
import { StringEnum } from '../contract.js';
import { CHECKLIST_KINDS, type ComplaintCategory, type DrawnInstitution, type FindingStatus, type InspectionKind, type PenaltyKind, type Severity } from './inspection.contracts.js';

export interface FindingEventData {
  findingId: string;
  inspectionId: string;
  institutionId: string;
  divisionCode: string;
  department: string;
  itemCode: string;
  severity: Severity;
  basic: boolean;
  deadline: string;
}

/** evt.inspection.checklist.published.v1: a new version of a department's list. */
export const ChecklistPublishedData = t.Object({
  kind: StringEnum(CHECKLIST_KINDS),
  department: t.String(),
  version: t.String(),
  effectiveFrom: t.String({ format: 'date' }),
  items: t.Integer({ description: 'number of items' }),
}, { $id: 'ChecklistPublishedData' });
export type ChecklistPublishedData = Static<typeof ChecklistPublishedData>;

/** evt.inspection.plan.committed.v1: the pool hash and seed commitment, before the draw. */
export const PlanCommittedData = t.Object({
  planId: t.String({ format: 'uuid' }),
  divisionCode: t.String(),
  periodFrom: t.String({ format: 'date' }),
  periodTo: t.String({ format: 'date' }),
  seedCommitment: t.String(),
  poolHash: t.String(),
  institutions: t.Integer({ description: 'institutions in the pool' }),
}, { $id: 'PlanCommittedData' });
export type PlanCommittedData = Static<typeof PlanCommittedData>;

/** Drawn institutions per plan.drawn event part: keeps each event well under NATS's 1 MB max_payload. */
export const PLAN_DRAWN_PART_SIZE = 500;

/**
 * evt.inspection.plan.drawn.v1, published in parts: part `part` of `parts` (1-based) carries at
 * most PLAN_DRAWN_PART_SIZE drawn institutions, in draw order; `institutions` is the total drawn.
 * Every part repeats the plan's fields; a follower that needs the whole result collects the parts.
 */
export interface PlanDrawnData {
  planId: string;
  part: number;
  parts: number;
  institutions: number;
  divisionCode: string;
  periodFrom: string;
  periodTo: string;
  seed: string;
  seedCommitment: string;
  publicEntropy: string | null;
  poolHash: string;
  drawn: DrawnInstitution[];
}

export interface InspectionCompletedData {
  inspectionId: string;
  kind: InspectionKind;
  institutionId: string;
  divisionCode: string;
  departments: string[];
  completedOn: string;
  summary: { items: number; pass: number; fail: number; notApplicable: number };
  basicItemFailed: boolean;
  findingIds: string[];
  originalInspectionId: string | null;
}

export interface PenaltyIssuedData {
  penaltyId: string;
  findingId: string;
  institutionId: string;
  divisionCode: string;
  department: string;
  penaltyItemCode: string;
  kinds: PenaltyKind[];
  fineFen: number | null;
  decisionNo: string;
  issuedOn: string;
}

export interface ComplaintClosedData {
  complaintId: string;
  institutionId: string;
  divisionCode: string;
  department: string;
  category: ComplaintCategory;
  /** substantiated / unsubstantiated after an outcome; rejected when not accepted. */
  outcome: 'substantiated' | 'unsubstantiated' | 'rejected';
  summary: string;
  closedOn: string;
}

export interface FindingClosedData extends FindingEventData {
  status: FindingStatus;
  closedOn: string;
  by: 'reinspection' | 'verification';
  reinspectionId: string | null;
}

