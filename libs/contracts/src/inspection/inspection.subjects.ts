import { AuditHistoryRequest } from '../audit.contracts.js';
import { PiiReencryptRequest } from '../pii.contracts.js';
import type { ContractEntry, EventEntry } from '../catalog.js';
import { IndicatorsRequest } from '../registry/indicator.contracts.js';
import {
  AddConflictRequest, AddInspectorRequest, CommitPlanBody, ComplaintOutcomeRequest, CreateInspectionBody, DrawPlanRequest, FileComplaintBody, FindingIdRequest,
  InspectionIdRequest, InstitutionIdQuery, InstitutionPlanDrawsRequest, IssuePenaltyBody, ListChecklistsRequest, ListComplaintsRequest, ListInspectionsRequest, ListInspectorsRequest,
  ListPenaltiesRequest, ListPlansRequest, ListRectificationsRequest, PlanIdRequest, PlanPageRequest, PublicInspectionsRequest, PublishChecklistBody, RecordResultsRequest, ResultItemRequest, ResolveResultRequest, DecideLateResultRequest,
  ReinspectionRequest, ReportRectificationRequest, SignOffRequest, SubmitSelfInspectionBody, TriageComplaintRequest, VerifyRectificationRequest,
  type ComplaintCategory, type CreditGrade, type DrawnInstitution, type FindingStatus, type InspectionKind, type PenaltyKind, type Severity,
} from './inspection.contracts.js';

/** NATS request subjects of the inspection service (queue group `inspection`). */
export const InspectionSubjects = {
  ping: 'inspection.health.ping',
  computeIndicators: 'inspection.indicators.compute',
  listChecklists: 'inspection.checklist.list',
  publishChecklist: 'inspection.checklist.publish',
  addInspector: 'inspection.inspector.add',
  listInspectors: 'inspection.inspector.list',
  addConflict: 'inspection.conflict.add',
  commitPlan: 'inspection.plan.commit',
  drawPlan: 'inspection.plan.draw',
  getPlan: 'inspection.plan.get',
  listPlans: 'inspection.plan.list',
  planPool: 'inspection.plan.pool',
  planDraws: 'inspection.plan.draws',
  createInspection: 'inspection.inspection.create',
  getInspection: 'inspection.inspection.get',
  listInspections: 'inspection.inspection.list',
  getForm: 'inspection.inspection.form',
  recordResults: 'inspection.inspection.record-results',
  signOff: 'inspection.inspection.sign-off',
  listResultVersions: 'inspection.result.versions',
  resolveResult: 'inspection.result.resolve',
  listLateResults: 'inspection.result.late-list',
  decideLateResult: 'inspection.result.late-decide',
  createReinspection: 'inspection.inspection.reinspect',
  getNotice: 'inspection.inspection.notice',
  listRectifications: 'inspection.rectification.list',
  verifyRectification: 'inspection.rectification.verify',
  reportRectification: 'inspection.rectification.report',
  getRectification: 'inspection.rectification.get',
  issuePenalty: 'inspection.penalty.issue',
  listPenalties: 'inspection.penalty.list',
  submitSelfInspection: 'inspection.self-inspection.submit',
  listSelfInspections: 'inspection.self-inspection.list',
  selfInspectionForm: 'inspection.self-inspection.form',
  fileComplaint: 'inspection.complaint.file',
  listComplaints: 'inspection.complaint.list',
  triageComplaint: 'inspection.complaint.triage',
  complaintOutcome: 'inspection.complaint.outcome',
  publicGetPlan: 'inspection.public.plan.get',
  publicListPlans: 'inspection.public.plan.list',
  publicPlanPool: 'inspection.public.plan.pool',
  publicPlanDraws: 'inspection.public.plan.draws',
  publicPlanDrawsOfInstitution: 'inspection.public.plan.draws-of-institution',
  publicListInspections: 'inspection.public.inspection.list',
  publicGetInspection: 'inspection.public.inspection.get',
  publicListComplaints: 'inspection.public.complaint.list',
  publicListChecklists: 'inspection.public.checklist.list',
} as const;

/** Events the inspection service publishes to stream EVENTS (credit and staff follow them). */
export const InspectionEvents = {
  checklistPublished: 'evt.inspection.checklist.published.v1',
  planCommitted: 'evt.inspection.plan.committed.v1',
  planDrawn: 'evt.inspection.plan.drawn.v1',
  inspectionCompleted: 'evt.inspection.inspection.completed.v1',
  resultRecorded: 'evt.inspection.result.recorded.v1',
  resultResolved: 'evt.inspection.result.resolved.v1',
  findingRecorded: 'evt.inspection.finding.recorded.v1',
  findingCorrected: 'evt.inspection.finding.corrected.v1',
  findingUncorrected: 'evt.inspection.finding.uncorrected.v1',
  findingOverdue: 'evt.inspection.finding.overdue.v1',
  penaltyIssued: 'evt.inspection.penalty.issued.v1',
  complaintClosed: 'evt.inspection.complaint.closed.v1',
} as const;

/**
 * The credit grade event this service follows (published by the credit service once it exists):
 * until then every institution counts as grade B.
 */
export const CREDIT_GRADE_CHANGED = 'evt.credit.grade.changed.v1';
export interface CreditGradeChangedData {
  institutionId: string;
  grade: CreditGrade;
}

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

const NOT_FOUND = ['INSPECTION_NOT_FOUND'];
const SCOPE = ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'];
const entry = (subject: string, summary: string, request: (new () => object) | null, reply: string, errors: string[] = ['VALIDATION']): ContractEntry =>
  ({ subject, service: 'inspection', summary, request, reply, errors });
/** Part of an inspector account's visit work (ContractEntry.inspector). */
const visitWork = (e: ContractEntry): ContractEntry => ({ ...e, inspector: true });
const OWNER = 'NOT_OWN_INSTITUTION';

export const INSPECTION_REQUESTS: ContractEntry[] = [
  entry(InspectionSubjects.ping, 'Liveness: replies {service, time}', null, 'Ping', []),
  entry(InspectionSubjects.computeIndicators, '指标 from inspections (merged by the gateway into GET /indicators): inspections done vs scheduled, on-time rectification, overdue findings, complaints, penalties', IndicatorsRequest, 'IndicatorContribution', ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE']),
  visitWork(entry(InspectionSubjects.listChecklists, '两张清单: the inspection and penalty lists in force on a date', ListChecklistsRequest, 'ChecklistVersionList')),
  entry(InspectionSubjects.publishChecklist, 'Publish a new version of a department\'s list (the department or admin)', PublishChecklistBody, 'ChecklistVersionView', [...SCOPE, 'CHECKLIST_VERSION_EXISTS', 'CHECKLIST_INVALID']),
  entry(InspectionSubjects.addInspector, 'Add an inspector to a department\'s pool', AddInspectorRequest, 'InspectorView', [...SCOPE, 'INSPECTOR_BADGE_TAKEN', 'INSPECTOR_USER_TAKEN']),
  entry(InspectionSubjects.listInspectors, 'Inspectors by department and division', ListInspectorsRequest, 'InspectorList', ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED']),
  visitWork(entry(InspectionSubjects.addConflict, 'Record a conflict of interest (inspector × institution; an inspector: its own only)', AddConflictRequest, 'InspectorView', [...SCOPE, 'ROLE_NOT_ALLOWED', 'INSPECTOR_NOT_FOUND', 'INSTITUTION_NOT_FOUND'])),
  entry(InspectionSubjects.commitPlan, '双随机 step 1: fix the pool and publish the seed commitment', CommitPlanBody, 'PlanView', [...SCOPE, 'PLAN_POOL_EMPTY', 'PLAN_NOT_ENOUGH_INSPECTORS']),
  entry(InspectionSubjects.drawPlan, '双随机 step 2: reveal the seed (with public entropy) and draw', DrawPlanRequest, 'PlanView', [...SCOPE, 'PLAN_NOT_FOUND', 'PLAN_ALREADY_DRAWN']),
  entry(InspectionSubjects.getPlan, 'A plan: seed commitment, pool counts, ratios, inspectors, result counts (the pool and the result in pages: plan.pool, plan.draws)', PlanIdRequest, 'PlanView', ['VALIDATION', 'PLAN_NOT_FOUND', 'DIVISION_OUT_OF_SCOPE']),
  entry(InspectionSubjects.listPlans, 'Plans in the caller\'s divisions', ListPlansRequest, 'Page<PlanSummaryView>'),
  entry(InspectionSubjects.planPool, 'A page of a plan\'s pool in pool order: institution, grade, conflicts, last-time inspectors', PlanPageRequest, 'Page<PlanPoolEntryView>', ['VALIDATION', 'PLAN_NOT_FOUND', 'DIVISION_OUT_OF_SCOPE']),
  entry(InspectionSubjects.planDraws, 'A page of a plan\'s drawn institutions in draw order (PLAN_NOT_DRAWN before the draw)', PlanPageRequest, 'Page<PlanDrawEntryView>', ['VALIDATION', 'PLAN_NOT_FOUND', 'PLAN_NOT_DRAWN', 'DIVISION_OUT_OF_SCOPE']),
  entry(InspectionSubjects.createInspection, '综合查一次: a joint inspection from a plan, ad hoc or from a complaint', CreateInspectionBody,
    'InspectionView', [...SCOPE, 'PLAN_NOT_FOUND', 'PLAN_NOT_DRAWN', 'INSTITUTION_NOT_DRAWN', 'INSTITUTION_NOT_FOUND', 'INSTITUTION_NOT_FILED', 'INSPECTION_ALREADY_CREATED', 'INSPECTION_NOT_ENOUGH_INSPECTORS', 'INSPECTOR_NOT_AVAILABLE', 'INSPECTION_YEARLY_CAP', 'INSPECTION_REPEATED', 'COMPLAINT_NOT_FOUND', 'COMPLAINT_NOT_ACCEPTED']),
  visitWork(entry(InspectionSubjects.getInspection, 'A joint inspection with its departments, sign-offs and findings (an inspector: one it is assigned to)', InspectionIdRequest, 'InspectionView', ['VALIDATION', ...NOT_FOUND, 'DIVISION_OUT_OF_SCOPE', OWNER, 'INSPECTOR_NOT_ASSIGNED'])),
  visitWork(entry(InspectionSubjects.listInspections, 'Inspections in the caller\'s divisions (an inspector: those it is assigned to)', ListInspectionsRequest, 'Page<InspectionView>')),
  visitWork(entry(InspectionSubjects.getForm, 'The merged form (一表通查): items grouped by area, no item twice, with results so far', InspectionIdRequest, 'InspectionFormView', ['VALIDATION', ...NOT_FOUND, 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'INSPECTOR_NOT_ASSIGNED'])),
  visitWork(entry(InspectionSubjects.recordResults, 'Record results of the caller\'s own department\'s items (assigned inspector). Every value is kept as a version: one written on an older `baseVersion` (or over another inspector\'s different value without one) is kept as a conflict; one received after the department signed off is kept as a late result; `outcomes` says which', RecordResultsRequest, 'RecordResultsView',
    ['VALIDATION', ...NOT_FOUND, 'INSPECTOR_NOT_ASSIGNED', 'ITEM_NOT_ON_FORM', 'ITEM_OTHER_DEPARTMENT'])),
  visitWork(entry(InspectionSubjects.signOff, 'A department signs off its part; the inspection completes when every department has signed', SignOffRequest, 'InspectionView',
    ['VALIDATION', ...NOT_FOUND, 'INSPECTOR_NOT_ASSIGNED', 'INSPECTION_RESULTS_INCOMPLETE', 'INSPECTION_RESULTS_IN_CONFLICT', 'INSPECTION_SIGNED_OFF', 'INSPECTION_COMPLETED'])),
  visitWork(entry(InspectionSubjects.listResultVersions, 'Every value recorded for one item, newest first: who, when, device, value, note, evidence, status, decision', ResultItemRequest, 'ResultVersionList',
    ['VALIDATION', ...NOT_FOUND, 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'INSPECTOR_NOT_ASSIGNED', 'ITEM_NOT_ON_FORM'])),
  visitWork(entry(InspectionSubjects.resolveResult, 'A person resolves an item in conflict: the version the record keeps and why (an assigned inspector or an official of the item\'s department)', ResolveResultRequest, 'InspectionFormView',
    ['VALIDATION', ...NOT_FOUND, 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'INSPECTOR_NOT_ASSIGNED', 'ITEM_NOT_ON_FORM', 'RESULT_NOT_IN_CONFLICT', 'RESULT_VERSION_NOT_FOUND'])),
  visitWork(entry(InspectionSubjects.listLateResults, 'Results received after their department signed off, waiting for its decision or decided', InspectionIdRequest, 'ResultVersionList',
    ['VALIDATION', ...NOT_FOUND, 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'INSPECTOR_NOT_ASSIGNED'])),
  entry(InspectionSubjects.decideLateResult, 'An official of the result\'s department accepts a late result into the record (补正, an amendment) or rejects it, with the reason', DecideLateResultRequest, 'ResultVersionView',
    ['VALIDATION', ...NOT_FOUND, 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'RESULT_VERSION_NOT_FOUND', 'RESULT_NOT_LATE']),
  entry(InspectionSubjects.createReinspection, 'A follow-up with only the still-open findings\' items, linked to the original', ReinspectionRequest, 'InspectionView',
    [...SCOPE, ...NOT_FOUND, 'INSPECTION_NOT_COMPLETED', 'NO_OPEN_FINDINGS']),
  visitWork(entry(InspectionSubjects.getNotice, '整改意见书 of a completed inspection', InspectionIdRequest, 'RectificationNoticeView', ['VALIDATION', ...NOT_FOUND, 'DIVISION_OUT_OF_SCOPE', OWNER, 'INSPECTOR_NOT_ASSIGNED', 'INSPECTION_NOT_COMPLETED'])),
  entry(InspectionSubjects.listRectifications, 'Findings and their rectification (status=overdue: past the deadline)', ListRectificationsRequest, 'Page<FindingView>'),
  entry(InspectionSubjects.getRectification, 'One finding', FindingIdRequest, 'FindingView', ['VALIDATION', 'FINDING_NOT_FOUND', 'DIVISION_OUT_OF_SCOPE', OWNER]),
  entry(InspectionSubjects.verifyRectification, 'The finding\'s department closes it on documents: corrected or not corrected', VerifyRectificationRequest, 'FindingView',
    [...SCOPE, 'FINDING_NOT_FOUND', 'FINDING_CLOSED']),
  entry(InspectionSubjects.reportRectification, 'The operator reports the rectification (整改报告)', ReportRectificationRequest, 'FindingView', [...SCOPE, OWNER, 'FINDING_NOT_FOUND', 'FINDING_CLOSED']),
  entry(InspectionSubjects.issuePenalty, '行政处罚 tied to a finding, inside the item\'s legal range', IssuePenaltyBody, 'PenaltyView',
    [...SCOPE, 'FINDING_NOT_FOUND', 'PENALTY_ITEM_NOT_FOUND', 'PENALTY_ITEM_NOT_APPLICABLE', 'PENALTY_KIND_NOT_ALLOWED', 'PENALTY_OUT_OF_RANGE', 'PENALTY_FINE_REQUIRED']),
  entry(InspectionSubjects.listPenalties, 'Penalties by institution or finding', ListPenaltiesRequest, 'PenaltyList', ['VALIDATION', 'DIVISION_OUT_OF_SCOPE', OWNER]),
  entry(InspectionSubjects.submitSelfInspection, '举办者自查 (operator) against the same lists', SubmitSelfInspectionBody, 'SelfInspectionView', [...SCOPE, OWNER, 'INSTITUTION_NOT_FOUND', 'ITEM_NOT_ON_FORM']),
  entry(InspectionSubjects.listSelfInspections, 'Self-inspections of an institution (operator, inspectors)', InstitutionIdQuery, 'SelfInspectionList', ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DIVISION_OUT_OF_SCOPE', OWNER]),
  entry(InspectionSubjects.selfInspectionForm, 'The full merged form for an operator\'s self-inspection', InstitutionIdQuery, 'SelfInspectionFormView', ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DIVISION_OUT_OF_SCOPE', OWNER]),
  entry(InspectionSubjects.fileComplaint, '投诉举报 (public, no actor needed): routed to the responsible department', FileComplaintBody, 'ComplaintReceipt', ['VALIDATION', 'INSTITUTION_NOT_FOUND']),
  entry(InspectionSubjects.listComplaints, 'Complaints for the caller\'s department and divisions (contact masked)', ListComplaintsRequest, 'Page<ComplaintView>', ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED']),
  entry(InspectionSubjects.triageComplaint, 'Accept or reject a complaint with a reason', TriageComplaintRequest, 'ComplaintView', [...SCOPE, 'COMPLAINT_NOT_FOUND', 'COMPLAINT_ALREADY_TRIAGED']),
  entry(InspectionSubjects.complaintOutcome, 'Record the outcome of an accepted complaint; published without the complainant', ComplaintOutcomeRequest, 'ComplaintView', [...SCOPE, 'COMPLAINT_NOT_FOUND', 'COMPLAINT_NOT_ACCEPTED']),
  entry(InspectionSubjects.publicGetPlan, '一公开: a plan as the public sees it (commitment before the draw, seed and result after)', PlanIdRequest, 'PlanView', ['VALIDATION', 'PLAN_NOT_FOUND']),
  entry(InspectionSubjects.publicListPlans, '一公开: plans of a division', ListPlansRequest, 'Page<PlanSummaryView>'),
  entry(InspectionSubjects.publicPlanPool, '一公开: a page of a plan\'s pool (rebuild the draw input from all pages, see draw.ts)', PlanPageRequest, 'Page<PlanPoolEntryView>', ['VALIDATION', 'PLAN_NOT_FOUND']),
  entry(InspectionSubjects.publicPlanDraws, '一公开: a page of a plan\'s drawn institutions (PLAN_NOT_DRAWN before the draw)', PlanPageRequest, 'Page<PlanDrawEntryView>', ['VALIDATION', 'PLAN_NOT_FOUND', 'PLAN_NOT_DRAWN']),
  entry(InspectionSubjects.publicPlanDrawsOfInstitution, '一公开: the drawn plans that drew one institution, latest draw first, each with the institution\'s place and entry in the result', InstitutionPlanDrawsRequest, 'Page<InstitutionPlanDrawView>'),
  entry(InspectionSubjects.publicListInspections, '一公开: completed inspections with items, results and findings', PublicInspectionsRequest, 'Page<PublicInspectionView>'),
  entry(InspectionSubjects.publicGetInspection, '一公开: one completed inspection', InspectionIdRequest, 'PublicInspectionView', ['VALIDATION', ...NOT_FOUND]),
  entry(InspectionSubjects.publicListComplaints, '一公开: closed complaints and their outcome (no complainant identity)', PublicInspectionsRequest, 'Page<PublicComplaintView>'),
  entry(InspectionSubjects.publicListChecklists, '一公开: the two lists in force', ListChecklistsRequest, 'ChecklistVersionList'),
];

export const INSPECTION_AUDIT_REQUESTS: ContractEntry[] = [
  entry('inspection.audit.history', 'Audit entries of one entity (admin)', AuditHistoryRequest, 'AuditEntryList', ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED']),
  entry('inspection.audit.verify', 'Recompute the audit hash chain (admin)', null, 'AuditVerificationView', ['DEPARTMENT_NOT_ALLOWED']),
  entry('inspection.admin.pii.reencrypt', 'Re-encrypt complainants\' contact details under PII_KEY (admin CLI)', PiiReencryptRequest, 'PiiReencryptView', ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED']),
];

const event = (subject: string, summary: string, data: string): EventEntry => ({ subject, service: 'inspection', summary, data });

export const INSPECTION_EVENTS: EventEntry[] = [
  event(InspectionEvents.checklistPublished, 'A new version of a department\'s inspection or penalty list', 'ChecklistPublishedData'),
  event(InspectionEvents.planCommitted, '双随机 plan committed: pool hash and seed commitment published before the draw', 'PlanCommittedData'),
  event(InspectionEvents.planDrawn, '双随机 plan drawn: seed revealed, institutions and inspectors drawn. Large draws arrive in parts (part/parts, at most 500 drawn institutions each; institutions = total drawn)', 'PlanDrawnData'),
  event(InspectionEvents.inspectionCompleted, 'Every department signed off a joint inspection', 'InspectionCompletedData'),
  event(InspectionEvents.resultRecorded, 'An inspector\'s value for an item reached the server: recorded, kept as a conflict or kept as a late result', 'ResultRecordedData'),
  event(InspectionEvents.resultResolved, 'A person decided an item: a conflict resolved, a late result accepted (补正) or rejected', 'ResultResolvedData'),
  event(InspectionEvents.findingRecorded, 'A failed item became a finding with a rectification deadline', 'FindingEventData'),
  event(InspectionEvents.findingCorrected, 'A finding was closed as corrected (re-inspection or verification)', 'FindingClosedData'),
  event(InspectionEvents.findingUncorrected, 'A finding was closed as not corrected', 'FindingClosedData'),
  event(InspectionEvents.findingOverdue, 'A finding passed its rectification deadline while open (once per finding)', 'FindingEventData'),
  event(InspectionEvents.penaltyIssued, '行政处罚 issued for a finding', 'PenaltyIssuedData'),
  event(InspectionEvents.complaintClosed, 'A complaint was closed (outcome, no complainant identity)', 'ComplaintClosedData'),
];
