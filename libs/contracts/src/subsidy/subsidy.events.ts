import type { CareForm, ClassType } from '../registry/institution.contracts.js';
import type { ApprovalStage, RosterFlagCode, RunTotals } from './subsidy.contracts.js';

/** evt.subsidy.roster.submitted.v1 — children per class type for staff ratios and indicators. */
export interface SubsidyRosterSubmittedData {
  rosterId: string;
  institutionId: string;
  divisionCode: string;
  ownerUserId: string | null;
  month: string;
  version: number;
  openDays: number;
  totalChildren: number;
  byClass: Record<ClassType, number>;
  byCareForm: Record<CareForm, number>;
  flags: RosterFlagCode[];
}

/**
 * evt.subsidy.claim.duplicated.v1 — the same child (by keyed hash) is on the current rosters of
 * two or more institutions in one month: every claim is held out of payment until resolved.
 */
export interface SubsidyClaimDuplicatedData {
  month: string;
  /** Keyed hash of the child's ID number (not reversible without the service's key). */
  childKey: string;
  institutions: { institutionId: string; divisionCode: string }[];
}

export interface SubsidyRunCompletedData {
  runId: string;
  month: string;
  divisionCode: string;
  attempt: number;
  totals: RunTotals;
}

export interface SubsidyRunApprovedData {
  runId: string;
  month: string;
  divisionCode: string;
  stage: ApprovalStage;
  /** The stage that waits next, or null once finance approved. */
  nextStage: ApprovalStage | null;
  /** True once finance approved: the run is posted to the ledger. */
  posted: boolean;
  payableFen: number;
  /** Per institution (posted runs only): what the ledger pays. */
  institutions: { institutionId: string; amountFen: number }[];
}

export interface SubsidyRunReturnedData {
  runId: string;
  month: string;
  divisionCode: string;
  stage: ApprovalStage;
  reason: string;
}
