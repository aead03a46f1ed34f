// Shapes of the gateway's replies the pages use (see /api/docs-json). Kept here, not imported
// from libs/contracts, so the browser bundle carries no server code.

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PlacesByClass {
  infant: number;
  toddler: number;
  older: number;
  mixed: number;
}

export interface PublicInstitution {
  id: string;
  name: string;
  address: string;
  divisionCode: string;
  divisionName: string;
  operatorType: string;
  careForms: string[];
  places: PlacesByClass;
  totalPlaces: number;
  receiptNo: string;
  filedOn: string | null;
  inclusive: { priceCapFen: number; inclusivePlaces: number; grantedOn: string } | null;
  demonstrationYears: number[];
  /** 信用等级 as the register knows it (null: not yet graded); absent before the credit service landed. */
  creditGrade?: 'A' | 'B' | 'C' | 'D' | null;
}

export interface ReceiptVerification {
  receiptNo: string;
  genuine: boolean;
  current: boolean;
  message: string;
  receipt: {
    receiptNo: string;
    institutionId: string;
    institutionName: string;
    address: string;
    divisionCode: string;
    divisionName: string;
    issuedOn: string;
    issuingBureau: string;
    status: 'valid' | 'revoked';
  } | null;
}

export interface Institution {
  id: string;
  name: string;
  uscc: string;
  nature: string;
  operatorType: string;
  careForms: string[];
  divisionCode: string;
  address: string;
  floor: number;
  buildingAreaM2: number;
  outdoorAreaM2: number;
  places: PlacesByClass;
  totalPlaces: number;
  status: string;
  receiptNo: string | null;
  inclusive: { priceCapFen: number; inclusivePlaces: number; grantedOn: string } | null;
  demonstrations: { year: number; places: number }[];
}

/** A document a rule cites: title, 文号 and article. */
export interface RuleSource {
  title: string;
  documentNo?: string;
  article?: string;
}

export type JurisdictionLevel = 'national' | 'province' | 'city' | 'county' | 'street';

/** The rule document a rule came from: its level and jurisdiction (000000 = national). */
export interface RuleDocumentRef {
  documentKey: string;
  version: string;
  title: string;
  jurisdiction: string;
  jurisdictionName: string;
  level: JurisdictionLevel;
  effectiveFrom: string;
  effectiveTo: string | null;
  sources: RuleSource[];
}

export interface CheckResult {
  ruleId: string;
  title: string;
  outcome: 'pass' | 'fail' | 'needs_review';
  measured: unknown;
  limit: string;
  message: string;
  /** The sources as people read them (《title》文号 article; several joined by ；). */
  source: string;
  sources?: RuleSource[];
  from?: RuleDocumentRef;
}

export interface StandardsCheck {
  rulesetVersion: string;
  checkedAt: string;
  divisionCode?: string;
  rulesDate?: string;
  documents?: RuleDocumentRef[];
  disabled?: { key: string; title: string; reason: string; by: RuleDocumentRef }[];
  summary: { pass: number; fail: number; needs_review: number };
  results: CheckResult[];
}

export interface Filing {
  id: string;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  status: 'submitted' | 'approved' | 'rejected';
  submittedAt: string;
  receiptDueBy: string;
  noticeDueBy: string;
  dueBy: string;
  overdue: boolean;
  check: StandardsCheck;
  decision: null | { decision: 'approve' | 'reject'; decidedAt: string; reasons: { ruleId?: string; text: string }[]; comment: string | null };
  receiptNo: string | null;
}

export interface IndicatorValue {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  numerator?: number;
  denominator?: number;
  definition: string;
  source: string;
  group?: string;
  /** A figure over filed institutions only: the key of the figure over all operating institutions it stands beside. */
  filedOnlyOf?: string;
}
export interface SupplyDemand {
  residentPopulation: number | null;
  childrenUnder3: number | null;
  populationYear?: number | null;
  /** All operating institutions (幼儿园托班 included). */
  places: number;
  filedPlaces?: number;
  kindergartenPlaces?: number;
  inclusivePlaces: number;
  /** The 每千人口托位数 target in force (or the one asked for); null when none is. */
  targetPerThousand: number | null;
  targetPlaces: number | null;
  gap: number | null;
}
export interface DivisionIndicators {
  divisionCode: string;
  divisionName: string;
  level: 'province' | 'city' | 'county' | 'street';
  indicators: IndicatorValue[];
  supply: SupplyDemand | null;
  /** 发展目标 in force for the division, judged against its figures. */
  targets?: IndicatorTarget[];
}
export interface IndicatorTarget {
  indicatorKey: string;
  label: string;
  direction: 'atLeast' | 'atMost';
  value: number;
  unit: string;
  byYear: number | null;
  actual: number | null;
  met: boolean | null;
  rule: { key: string; documentKey: string; version: string; jurisdiction: string; jurisdictionName: string; source: string };
}
export interface IndicatorsView {
  divisionCode: string;
  month: string;
  asOf: string;
  divisions: DivisionIndicators[];
  /** The city the division lies in (全市), for comparison; null for a city or province. */
  comparison?: DivisionIndicators | null;
}

export interface FormItem {
  code: string;
  department: string;
  area: string;
  category: string;
  text: string;
  legalBasis: string;
  riskWeight: number;
  severity: string;
  basic: boolean;
  checklistVersion: string;
  /** The jurisdiction of the list the item came from (000000 = national); absent on older forms. */
  jurisdiction?: string;
  previousFinding?: string;
  result: null | ItemResultRecord;
}
/** The value the record holds for an item; `version` and `inConflict` are absent from servers before versioned results. */
export interface ItemResultRecord {
  itemCode: string;
  department: string;
  result: 'pass' | 'fail' | 'not_applicable';
  note: string | null;
  evidence: Evidence[];
  inspectorId: string;
  recordedAt: string;
  version?: number;
  inConflict?: boolean;
}
/** One value an inspector recorded for an item (every one is kept): the record's, a conflicting one, a late one. */
export interface ResultVersion {
  id: string;
  inspectionId: string;
  itemCode: string;
  department: string;
  version: number | null;
  baseVersion: number | null;
  result: 'pass' | 'fail' | 'not_applicable';
  note: string | null;
  evidence: Evidence[];
  inspectorId: string;
  inspectorName: string | null;
  deviceId: string | null;
  recordedAt: string;
  receivedAt: string;
  status: 'current' | 'superseded' | 'conflict' | 'late' | 'resolved' | 'accepted' | 'rejected';
  decision: { by: string; at: string; reason: string; chosen: boolean } | null;
}
export interface ResultOutcome {
  itemCode: string;
  status: 'recorded' | 'conflict' | 'late';
  versionId: string;
  version: number;
  message: string;
}
export type RecordResultsReply = InspectionForm & { outcomes?: ResultOutcome[] };
export interface Evidence {
  ref: string;
  takenAt: string;
  location: string;
}
export interface InspectionForm {
  inspectionId: string;
  institutionId: string;
  institutionName: string;
  formKind: string;
  areas: { area: string; label: string; items: FormItem[] }[];
  byDepartment: Record<string, { items: number; recorded: number; signedOff: boolean }>;
  selfInspection: { id: string; submittedAt: string; failed: { itemCode: string; note: string | null }[] } | null;
}

export interface Finding {
  id: string;
  inspectionId: string;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  department: string;
  itemCode: string;
  itemText: string;
  severity: string;
  basic: boolean;
  note: string | null;
  recordedOn: string;
  deadline: string;
  status: string;
  overdue: boolean;
  closedOn: string | null;
}

export interface Inspection {
  id: string;
  kind: string;
  planId: string | null;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  grade: string;
  formKind: string;
  scheduledOn: string;
  status: 'open' | 'completed';
  leadDepartment: string;
  departments: {
    department: string;
    inspectors: { id: string; name: string; badgeNo: string }[];
    signedOffAt: string | null;
    signedOffBy: string | null;
    comment: string | null;
  }[];
  alerts: { code: string; message: string; department?: string }[];
  summary: { items: number; pass: number; fail: number; notApplicable: number; pending: number };
  basicItemFailed: boolean;
  noticeNo: string | null;
  findings: Finding[];
  createdAt: string;
  completedAt: string | null;
}

export interface Inspector {
  id: string;
  department: string;
  name: string;
  badgeNo: string;
  divisionCodes: string[];
  userId: string | null;
  username: string | null;
  active: boolean;
}

export interface PublicInspection {
  id: string;
  kind: string;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  completedOn: string;
  departments: { department: string; inspectors: string[] }[];
  summary: { items: number; pass: number; fail: number; notApplicable: number; pending: number };
  basicItemFailed: boolean;
  items: { code: string; department: string; area: string; text: string; result: string | null; note: string | null }[];
  findings: {
    id: string;
    department: string;
    itemText: string;
    note: string | null;
    deadline: string;
    status: string;
    statusLabel: string;
    closedOn: string | null;
  }[];
  penalties: { department: string; violation: string; kinds: string[]; fineFen: number | null; decisionNo: string; issuedOn: string }[];
}

export type GradeCounts = Record<'A' | 'B' | 'C' | 'D', number>;

/** A plan as listed: counts only (the pool and the drawn institutions are paged sub-resources). */
export interface PlanSummary {
  id: string;
  title: string;
  divisionCode: string;
  periodFrom: string;
  periodTo: string;
  departments: string[];
  status: 'committed' | 'drawn';
  seedCommitment: string;
  seed: string | null;
  publicEntropy: string | null;
  poolHash: string;
  committedAt: string;
  drawnAt: string | null;
  /** `unfiled`: of which registered institutions not yet filed (plans drawn with shanyu-draw/v2). */
  pool: { institutions: number; byGrade: GradeCounts; unfiled?: number };
  result: { institutions: number; byGrade: GradeCounts; unfiled?: number } | null;
  excludedTotal: number;
  /** The supervision policy versions the plan used (national, then local refinements). */
  policyVersion?: string;
}

export interface Plan extends PlanSummary {
  drawInput: {
    algorithm: string;
    departments: string[];
    inspectorsPerDepartment: number;
    ratios: GradeCounts & { unfiled?: number };
    inspectors: Record<string, string[]>;
    pool: { institutions: number; byGrade: GradeCounts; unfiled?: number };
  };
  names: { inspectors: Record<string, string> };
  excluded: { institutionId: string; name: string; code: string; reason: string }[];
}

export interface PlanPoolEntry {
  institutionId: string;
  name: string;
  grade: string;
  /** false: registered, not yet filed (its own stratum). */
  filed?: boolean;
  conflicts: Record<string, string[]>;
  lastTime: Record<string, string[]>;
}

export interface PlanDrawEntry {
  institutionId: string;
  name: string;
  grade: string;
  inspectors: Record<string, string[]>;
  alerts: { code: string; message: string; department?: string }[];
  inspectionId: string | null;
}

/** A drawn plan that drew an institution (`/public/institutions/:id/inspection-plans`): its place in the draw order and its entry. */
export interface InstitutionPlanDraw {
  plan: PlanSummary;
  position: number;
  drawn: PlanDrawEntry;
}

export interface ChecklistInspectionItem {
  code: string;
  area: string;
  category: string;
  text: string;
  legalBasis: string;
  riskWeight: number;
  severity: string;
  appliesTo: string[];
  basic: boolean;
  source?: string;
  composition?: 'adds' | 'replaces';
}
export interface ChecklistPenaltyItem {
  code: string;
  violation: string;
  legalBasis: string;
  kinds: string[];
  fineMinFen?: number;
  fineMaxFen?: number;
  fine?: FineRule;
  relatedItems: string[];
  note?: string;
  composition?: 'adds' | 'replaces';
}
/** One version of a department's list (两张清单) for a jurisdiction, as GET /api/v1/checklists answers. */
export interface ChecklistVersion {
  id: string;
  kind: 'inspection' | 'penalty' | 'discretion';
  department: string;
  version: string;
  jurisdiction: string;
  jurisdictionName: string;
  level: JurisdictionLevel;
  documentKey: string;
  effectiveFrom: string;
  title: string;
  source: string;
  sources: RuleSource[];
  /** The sources as people read them: 《title》文号 article. */
  citations: string[];
  origin: 'built-in' | 'published';
  publishedAt: string;
  inspectionItems: ChecklistInspectionItem[];
  penaltyItems: ChecklistPenaltyItem[];
  discretionItems: ChecklistDiscretionItem[];
  disabledItems: { code: string; reason: string }[];
  inheritedItems: string[];
}

/** 行政处罚裁量基准 entry: the share of the lawful fine range each level (从轻/一般/从重) allows. */
export interface ChecklistDiscretionItem {
  code: string;
  title: string;
  penaltyItems: string[];
  bands: { level: 'lenient' | 'ordinary' | 'severe'; fromPercent: number; toPercent: number; circumstances: string }[];
  legalBasis: string;
  note?: string;
  composition?: 'adds' | 'replaces';
}

/** One rule in force in a division on a date (GET /api/v1/rules/effective), with where it came from. */
export interface EffectiveRule<B = unknown> {
  key: string;
  title: string;
  composition: 'adds' | 'replaces';
  sources: RuleSource[];
  body: B;
  from: RuleDocumentRef;
}
export interface ResolvedRules<B = unknown> {
  family: string;
  divisionCode: string;
  date: string;
  rules: EffectiveRule<B>[];
}

/** A fine as the law writes it: fixed amounts or multiples of 货值金额 / 违法所得, by threshold and circumstance. */
export interface FineRule {
  basis: 'none' | 'goods_value' | 'illegal_income' | 'illegal_turnover' | 'unpaid_contributions';
  tiers: {
    basisFromFen?: number;
    basisBelowFen?: number;
    circumstance?: 'refused_to_correct' | 'serious';
    minFen?: number;
    maxFen?: number;
    minTimes?: number;
    maxTimes?: number;
    basisFloorFen?: number;
    article?: string;
  }[];
}

/** Who did it (a department and its user). */
export interface ActorRef {
  department: string;
  userId: string;
}

export type ListingStatus = 'notified' | 'listed' | 'not_listed' | 'removed' | 'expired';

/**
 * 严重失信主体名单认定 (GET /api/v1/credit/listings): the notice (告知) with the last day to state a case,
 * the statement (陈述申辩), the decision and the publication periods. A grade is never 失信: only this is.
 */
export interface ListingView {
  id: string;
  institutionId: string;
  institutionName: string | null;
  divisionCode: string;
  status: ListingStatus;
  entryIds: string[];
  facts: string;
  basis: string;
  modelVersion: string;
  notice: { notifiedBy: ActorRef; notifiedAt: string; text: string; statementDue: string };
  statement: { text: string; statedBy: ActorRef; statedAt: string } | null;
  decision: {
    decision: 'list' | 'not_list';
    decisionNo: string | null;
    reason: string;
    decidedBy: ActorRef;
    decidedAt: string;
    decidedOn: string;
  } | null;
  publication: { from: string; repairableFrom: string; until: string } | null;
  removal: { on: string; reason: string } | null;
}

/** A serious-breach listing in publication, as the public register shows it. */
export interface SeriousBreach {
  decisionNo: string;
  facts: string;
  basis: string;
  from: string;
  repairableFrom: string;
  until: string;
}

/** 信用等级公示 of one filed institution (GET /api/v1/public/credit/institutions/:id). */
export interface PublicCreditView {
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  grade: 'A' | 'B' | 'C' | 'D';
  /** The model's label: A 优 / B 良 / C 中 / D 差 (a supervision class, not a finding of 失信). */
  gradeLabel: string;
  since: string | null;
  modelVersion: string;
  /** 严重失信主体名单 in publication; null when there is none. Absent before the listings landed. */
  seriousBreach?: SeriousBreach | null;
}
