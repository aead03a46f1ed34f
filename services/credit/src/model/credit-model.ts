import {
  addDays,
  checkRuleDocument,
  DomainError,
  documentsInForce,
  type FieldProblem,
  formatRuleSource,
  type IsoDate,
  jurisdictionName,
  NATIONAL_JURISDICTION,
  resolveRules,
  type ResolvedRules,
  type RuleDocument,
  type RuleDocumentRef,
  ruleDocumentRef,
  type RuleSource,
} from '@shanyu/common';
import { CREDIT_EVENT_TYPES, CREDIT_GRADES, type CreditEventType, type CreditGrade, type CreditMeasureView } from '@shanyu/contracts';

/**
 * The credit model as rule documents of the family `credit` (分级规则): a national default and the
 * schemes of divisions that run their own, each document at its jurisdiction. What an institution
 * is judged by is the model composed for its division on the day: the national rules, then the
 * province's, city's, district's and street's, each adding to, replacing, disabling or confirming
 * (inherits) the rule of the same key from above. Three kinds of rules make a model:
 *
 * - `grading` (key `grading`): start score, bounds and the grade thresholds with their labels;
 * - `score` (key = the rule id, e.g. `FINDING_MAJOR`): what one ledger event type counts, its
 *   "D anywhere" trigger, how it fades and whether it may be repaired (信用修复);
 * - `measure` (key `measure.<grade>.<department>`): what a grade means for a department (联合激励 / 联合惩戒);
 * - `listing` (key `listing`): the procedure of a serious-breach listing (严重失信主体名单).
 */

/** How an entry's weight fades: from the event's day, or from the day its finding was corrected. */
export interface DecayRule {
  from: 'event' | 'correction';
  /** After `afterDays` days the entry counts `keep` × its points (rounded); the last step reached applies. */
  steps: { afterDays: number; keep: number }[];
}

export interface GradingBody {
  kind: 'grading';
  startScore: number;
  minScore: number;
  maxScore: number;
  /** A, B, C, D in this order, minScore strictly descending; D's equals minScore. */
  grades: { grade: CreditGrade; label: string; minScore: number }[];
}

export interface ScoreBody {
  kind: 'score';
  eventType: CreditEventType;
  /** Integer points the event adds to (or takes from) the score. */
  points: number;
  /** `platform`: the cited documents fix no points, the value is the platform's default (said so in the rule's source). */
  pointsSetBy: 'platform' | 'source';
  /** A "D anywhere" trigger: the institution is D for `days` days from the event, whatever its points (unless repaired). */
  dTrigger: { days: number } | null;
  decay: DecayRule | null;
  /** 信用修复: whether the health bureau may neutralise the entry, and how many days after the event at the earliest. */
  repair: { allowed: boolean; minDays: number };
}

export interface MeasureBody {
  kind: 'measure';
  grade: CreditGrade;
  department: string;
  measure: string;
}

/**
 * 严重失信主体名单 (serious-breach listing) as a procedure, not a score: which ledger events the law
 * lets ground a listing, how long the institution has to state its case (陈述申辩) after the notice,
 * and the publication's minimum (before which no repair may be asked) and maximum (after which it
 * ends by itself) periods.
 */
export interface ListingBody {
  kind: 'listing';
  groundedBy: CreditEventType[];
  statementDays: number;
  minPublicationDays: number;
  maxPublicationDays: number;
}

export type CreditRuleBody = GradingBody | ScoreBody | MeasureBody | ListingBody;
export type CreditRuleDocument = RuleDocument<CreditRuleBody>;

/** A scoring rule as the model composed for a division uses it. */
export interface CreditRule {
  id: string;
  eventType: CreditEventType;
  title: string;
  points: number;
  /** Where the rule comes from: every rule cites its basis. */
  source: string;
  dTrigger: { days: number } | null;
  decay: DecayRule | null;
  repair: { allowed: boolean; minDays: number };
  /** The version of the rule document the rule came from (what a ledger entry records as its model version). */
  documentVersion: string;
  jurisdiction: string;
}

export interface GradeThreshold {
  grade: CreditGrade;
  label: string;
  /** The lowest score of the grade (D's equals the model's minScore). */
  minScore: number;
  source: string;
}

/** The model composed for a division on a date. */
export interface CreditModel {
  /** The version of the document the grading (start score, thresholds) came from. */
  version: string;
  /** The day the latest of its documents took effect. */
  effectiveFrom: IsoDate;
  title: string;
  source: string;
  /** The most specific jurisdiction with a document in the model: 000000 (the national default) or a division's own scheme. */
  jurisdiction: string;
  jurisdictionName: string;
  /** Every document in force that the model was composed from, national first. */
  documents: RuleDocumentRef[];
  startScore: number;
  minScore: number;
  maxScore: number;
  grades: GradeThreshold[];
  rules: CreditRule[];
  /** 联合激励 / 联合惩戒: what each grade means for the departments. */
  measures: Record<CreditGrade, CreditMeasureView[]>;
  /** How a serious-breach listing is decided under this model (null: the model provides none). */
  listing: ListingPolicy | null;
  watchedSubjects: readonly string[];
}

export interface ListingPolicy extends Omit<ListingBody, 'kind'> {
  source: string;
  documentVersion: string;
}

export class CreditModelError extends Error {
  override name = 'CreditModelError';

  /** @param problems what is wrong, in Chinese, for an official publishing a document (the message is for operators). */
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * Subject prefixes (without the version suffix) that are credit-relevant: an event under one of them
 * that the service cannot translate (e.g. a new version) is dead-lettered, not dropped. Part of the
 * service, not of any jurisdiction's rules.
 */
export const CREDIT_WATCHED_SUBJECTS: readonly string[] = [
  'evt.registry.filing.approved.',
  'evt.registry.inclusive.granted.',
  'evt.registry.inclusive.revoked.',
  'evt.registry.demonstration.designated.',
  'evt.inspection.inspection.completed.',
  'evt.inspection.finding.recorded.',
  'evt.inspection.finding.corrected.',
  'evt.inspection.finding.uncorrected.',
  'evt.inspection.finding.overdue.',
  'evt.inspection.penalty.issued.',
  'evt.inspection.complaint.closed.',
  'evt.staff.vetting.rejected.',
  'evt.staff.ban.matched.',
  'evt.staff.ratio.breached.',
  'evt.subsidy.claim.duplicated.',
];

/** Said of every score whose documents fix no points. */
export const PLATFORM_POINTS_NOTE = '平台默认分值（所引文件未规定逐项分值）';

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isText = (v: unknown, min = 1): v is string => typeof v === 'string' && v.trim().length >= min;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const KEYS: Record<CreditRuleBody['kind'], string[]> = {
  grading: ['kind', 'startScore', 'minScore', 'maxScore', 'grades'],
  score: ['kind', 'eventType', 'points', 'pointsSetBy', 'dTrigger', 'decay', 'repair'],
  measure: ['kind', 'grade', 'department', 'measure'],
  listing: ['kind', 'groundedBy', 'statementDays', 'minPublicationDays', 'maxPublicationDays'],
};

/** Pushes a problem for every unknown and every missing key: a misplaced key silently ignored is how rules freeze for years. */
function keysExactly(value: Record<string, unknown>, expected: string[], at: string, add: (field: string, message: string) => void): void {
  for (const key of Object.keys(value)) if (!expected.includes(key)) add(`${at}.${key}`, `未知的键 ${key}`);
  for (const key of expected) if (!(key in value)) add(`${at}.${key}`, `缺少 ${key}`);
}

function checkScore(body: Record<string, unknown>, at: string, add: (field: string, message: string) => void): void {
  if (!(CREDIT_EVENT_TYPES as readonly unknown[]).includes(body.eventType)) add(`${at}.eventType`, `未知的信用事项类型 ${String(body.eventType)}`);
  if (!isInt(body.points) || Math.abs(body.points) > 1000) add(`${at}.points`, '分值应为 ±1000 以内的整数');
  if (body.eventType === 'credit_repaired' && body.points !== 0) add(`${at}.points`, '信用修复本身不计分（points 为 0）');
  if (body.pointsSetBy !== 'platform' && body.pointsSetBy !== 'source') add(`${at}.pointsSetBy`, '应为 platform（平台默认）或 source（依据文件规定）');
  if (body.dTrigger !== null) {
    if (!isObject(body.dTrigger)) add(`${at}.dTrigger`, 'D 触发应为 null 或 {days}');
    else {
      keysExactly(body.dTrigger, ['days'], `${at}.dTrigger`, add);
      if (!isInt(body.dTrigger.days) || body.dTrigger.days < 1) add(`${at}.dTrigger.days`, 'D 触发天数应为正整数');
    }
  }
  if (body.decay !== null) {
    const decay = body.decay;
    if (!isObject(decay)) add(`${at}.decay`, '衰减应为 null 或 {from, steps}');
    else {
      keysExactly(decay, ['from', 'steps'], `${at}.decay`, add);
      if (decay.from !== 'event' && decay.from !== 'correction') add(`${at}.decay.from`, '应为 event 或 correction');
      if (decay.from === 'correction' && !/^finding_(recorded|overdue)\./.test(String(body.eventType)))
        add(`${at}.decay.from`, '只有检查发现的问题才有整改（from: correction）');
      if (!Array.isArray(decay.steps) || decay.steps.length === 0) add(`${at}.decay.steps`, '至少一个衰减档');
      else {
        let lastDays = 0;
        let lastKeep = 1;
        for (const [i, step] of decay.steps.entries()) {
          const s = `${at}.decay.steps.${i}`;
          if (!isObject(step)) {
            add(s, '应为 {afterDays, keep}');
            continue;
          }
          keysExactly(step, ['afterDays', 'keep'], s, add);
          if (!isInt(step.afterDays) || step.afterDays <= lastDays) add(`${s}.afterDays`, '天数应为整数且大于上一档');
          if (typeof step.keep !== 'number' || step.keep < 0 || step.keep > lastKeep) add(`${s}.keep`, '保留比例应在 0 与上一档之间');
          lastDays = isInt(step.afterDays) ? step.afterDays : lastDays;
          lastKeep = typeof step.keep === 'number' ? step.keep : lastKeep;
        }
      }
    }
  }
  if (!isObject(body.repair)) add(`${at}.repair`, '应为 {allowed, minDays}');
  else {
    keysExactly(body.repair, ['allowed', 'minDays'], `${at}.repair`, add);
    if (typeof body.repair.allowed !== 'boolean') add(`${at}.repair.allowed`, '应为 true 或 false');
    if (!isInt(body.repair.minDays) || body.repair.minDays < 0) add(`${at}.repair.minDays`, '应为非负整数');
    if (body.repair.allowed === true && isInt(body.points) && body.points >= 0) add(`${at}.repair.allowed`, '只有扣分事项可以信用修复');
  }
}

function checkGrading(body: Record<string, unknown>, at: string, add: (field: string, message: string) => void): void {
  for (const key of ['startScore', 'minScore', 'maxScore'] as const) if (!isInt(body[key])) add(`${at}.${key}`, '应为整数');
  const { startScore, minScore, maxScore } = body;
  if (isInt(startScore) && isInt(minScore) && isInt(maxScore) && !(minScore <= startScore && startScore <= maxScore && minScore < maxScore))
    add(`${at}.startScore`, '起始分应在最低分与最高分之间');
  if (!Array.isArray(body.grades) || body.grades.length !== CREDIT_GRADES.length) return add(`${at}.grades`, '应依次列出 A、B、C、D 四级');
  let previous = Infinity;
  for (const [i, g] of body.grades.entries()) {
    const gat = `${at}.grades.${i}`;
    if (!isObject(g)) {
      add(gat, '应为 {grade, label, minScore}');
      continue;
    }
    keysExactly(g, ['grade', 'label', 'minScore'], gat, add);
    if (g.grade !== CREDIT_GRADES[i]) add(`${gat}.grade`, `此处应为 ${CREDIT_GRADES[i]} 级`);
    if (!isText(g.label)) add(`${gat}.label`, '请写明等级名称');
    if (!isInt(g.minScore) || g.minScore >= previous) add(`${gat}.minScore`, '分级线应为整数，且低于上一级');
    if (isInt(g.minScore)) previous = g.minScore;
  }
  const d = body.grades[CREDIT_GRADES.length - 1] as Record<string, unknown> | undefined;
  if (d && d.minScore !== minScore) add(`${at}.grades.3.minScore`, 'D 级分级线应等于最低分');
}

/** The family's check of one rule body (exact keys per kind, values), as checkRuleDocument calls it. */
export function checkCreditRuleBody(body: CreditRuleBody, at: string, problems: FieldProblem[]): void {
  const add = (field: string, message: string): void => {
    problems.push({ field, code: 'RULE_DOCUMENT_INVALID', message });
  };
  if (!isObject(body)) return add(at, '规则内容应为对象');
  const expected = KEYS[body.kind as CreditRuleBody['kind']];
  if (!expected) return add(`${at}.kind`, `未知的信用规则类型 ${String(body.kind)}（允许：grading、score、measure、listing）`);
  keysExactly(body as unknown as Record<string, unknown>, expected, at, add);
  const raw = body as unknown as Record<string, unknown>;
  if (body.kind === 'score') checkScore(raw, at, add);
  if (body.kind === 'grading') checkGrading(raw, at, add);
  if (body.kind === 'measure') {
    if (!(CREDIT_GRADES as readonly unknown[]).includes(raw.grade)) add(`${at}.grade`, '应为 A、B、C 或 D');
    if (!isText(raw.department)) add(`${at}.department`, '请写明部门');
    if (!isText(raw.measure, 2)) add(`${at}.measure`, '请写明措施');
  }
  if (body.kind === 'listing') checkListing(raw, at, add);
}

function checkListing(body: Record<string, unknown>, at: string, add: (field: string, message: string) => void): void {
  const types = body.groundedBy;
  if (!Array.isArray(types) || types.length === 0) add(`${at}.groundedBy`, '请列出可作为认定依据的信用事项类型');
  else
    types.forEach((type, i) => {
      if (!(CREDIT_EVENT_TYPES as readonly unknown[]).includes(type)) add(`${at}.groundedBy.${i}`, `未知的信用事项类型 ${String(type)}`);
    });
  for (const key of ['statementDays', 'minPublicationDays', 'maxPublicationDays'] as const)
    if (!isInt(body[key]) || body[key] < 1 || body[key] > 3650) add(`${at}.${key}`, '应为 1–3650 的整数（天）');
  if (isInt(body.minPublicationDays) && isInt(body.maxPublicationDays) && body.minPublicationDays > body.maxPublicationDays)
    add(`${at}.maxPublicationDays`, '最长公示期不得短于最短公示期');
}

const sourceText = (sources: readonly RuleSource[]) => sources.map(formatRuleSource).join('；');

/**
 * The model a resolved rule set makes: the grading, exactly one scoring rule per ledger event type
 * and the measures per grade. Null without a grading (before the first model took effect); a rule
 * set that does not make a whole model (an event type scored twice or not at all) throws.
 */
export function assembleCreditModel(resolved: ResolvedRules<CreditRuleBody>, documents: readonly CreditRuleDocument[]): CreditModel | null {
  const problems: string[] = [];
  const zh: string[] = [];
  const problem = (en: string, chinese: string) => {
    problems.push(en);
    zh.push(chinese);
  };
  const gradings = resolved.rules.filter((r) => r.body.kind === 'grading');
  if (gradings.length === 0) return null;
  if (gradings.length > 1)
    problem(
      `${gradings.length} gradings in force (${gradings.map((g) => g.from.version).join(', ')})`,
      `同时有 ${gradings.length} 套分级规则（${gradings.map((g) => g.from.version).join('、')}），下级应替代而非增加`,
    );
  const grading = gradings[0]!;
  const g = grading.body as GradingBody;
  const gradingSource = sourceText(grading.sources);

  const rules: CreditRule[] = [];
  const byType = new Map<string, string[]>();
  for (const r of resolved.rules) {
    if (r.body.kind !== 'score') continue;
    const body = r.body;
    rules.push({
      id: r.key,
      eventType: body.eventType,
      title: r.title,
      points: body.points,
      source: body.pointsSetBy === 'platform' ? `${sourceText(r.sources)}；${PLATFORM_POINTS_NOTE}` : sourceText(r.sources),
      dTrigger: body.dTrigger,
      decay: body.decay,
      repair: body.repair,
      documentVersion: r.from.version,
      jurisdiction: r.from.jurisdiction,
    });
    byType.set(body.eventType, [...(byType.get(body.eventType) ?? []), `${r.key}@${r.from.version}`]);
  }
  // Every event type has exactly one rule: a new event type cannot silently score nothing.
  for (const type of CREDIT_EVENT_TYPES) {
    const found = byType.get(type) ?? [];
    if (found.length === 0) problem(`no rule for event type ${type}`, `信用事项 ${type} 没有计分规则`);
    if (found.length > 1)
      problem(
        `${found.length} rules for event type ${type} (${found.join(', ')})`,
        `信用事项 ${type} 有 ${found.length} 条计分规则（${found.join('、')}），下级应替代而非增加`,
      );
  }

  const measures: Record<CreditGrade, CreditMeasureView[]> = { A: [], B: [], C: [], D: [] };
  for (const r of resolved.rules) {
    if (r.body.kind !== 'measure') continue;
    measures[r.body.grade].push({ department: r.body.department, measure: r.body.measure, source: sourceText(r.sources) });
  }
  const listings = resolved.rules.filter((r) => r.body.kind === 'listing');
  if (listings.length > 1) problem(`${listings.length} listing rules in force`, `同时有 ${listings.length} 条严重失信名单认定规则`);
  const listingRule = listings[0];
  const listing: ListingPolicy | null =
    listingRule && listingRule.body.kind === 'listing'
      ? {
          groundedBy: listingRule.body.groundedBy,
          statementDays: listingRule.body.statementDays,
          minPublicationDays: listingRule.body.minPublicationDays,
          maxPublicationDays: listingRule.body.maxPublicationDays,
          source: sourceText(listingRule.sources),
          documentVersion: listingRule.from.version,
        }
      : null;
  if (problems.length) {
    throw new CreditModelError(
      `the credit rules in force in ${resolved.divisionCode || NATIONAL_JURISDICTION} on ${resolved.date} make no model:\n  ${problems.join('\n  ')}`,
      zh.map((p) => `${jurisdictionName(resolved.divisionCode || NATIONAL_JURISDICTION)}自 ${resolved.date} 起：${p}`),
    );
  }

  const refs = documentsInForce(documents, resolved.divisionCode, resolved.date).map(ruleDocumentRef);
  const mostSpecific = refs[refs.length - 1]!;
  return {
    version: grading.from.version,
    effectiveFrom: refs.reduce((latest, d) => (d.effectiveFrom > latest ? d.effectiveFrom : latest), refs[0]!.effectiveFrom),
    title: grading.from.title,
    source: refs.map((d) => sourceText(d.sources)).join('；'),
    jurisdiction: mostSpecific.jurisdiction,
    jurisdictionName: mostSpecific.jurisdictionName,
    documents: refs,
    startScore: g.startScore,
    minScore: g.minScore,
    maxScore: g.maxScore,
    grades: g.grades.map((x) => ({ ...x, source: gradingSource })),
    rules,
    measures,
    listing,
    watchedSubjects: CREDIT_WATCHED_SUBJECTS,
  };
}

/**
 * Every credit rule document (every version, every jurisdiction) and the model each division is
 * judged by on a date. A version is never edited once used: a ledger entry keeps the version of the
 * document its rule came from, and the evaluation checks that version still gives what it recorded.
 */
export class CreditModels {
  private readonly byVersion = new Map<string, CreditRuleDocument>();
  private readonly composed = new Map<string, CreditModel | null>();
  /** The first day a national grading is in force. */
  readonly firstDay: IsoDate;

  constructor(readonly documents: readonly CreditRuleDocument[]) {
    for (const doc of documents) this.byVersion.set(doc.version, doc);
    const starts = documents
      .filter((d) => d.jurisdiction === NATIONAL_JURISDICTION && d.rules.some((r) => r.body?.kind === 'grading'))
      .map((d) => d.effectiveFrom)
      .sort();
    if (starts.length === 0)
      throw new CreditModelError('no national credit grading: the platform needs a default model for divisions without a scheme of their own');
    this.firstDay = starts[0]!;
  }

  get watchedSubjects(): readonly string[] {
    return CREDIT_WATCHED_SUBJECTS;
  }

  /** The model for the division on `date`, or null before the first model took effect. */
  for(divisionCode: string, date: IsoDate): CreditModel | null {
    const inForce = documentsInForce(this.documents, divisionCode, date);
    const key = inForce.map((d) => d.version).join('|');
    if (!this.composed.has(key)) this.composed.set(key, assembleCreditModel(resolveRules('credit', this.documents, divisionCode, date), this.documents));
    return this.composed.get(key)!;
  }

  /**
   * The model that judges a fact of `date` in the division: the one in force that day; a fact
   * older than every model is judged by the first (the platform cannot judge it by nothing).
   */
  judging(divisionCode: string, date: IsoDate): CreditModel {
    return this.for(divisionCode, date) ?? this.for(divisionCode, this.firstDay)!;
  }

  /** The model in force for the division at `date`, or CREDIT_MODEL_NOT_IN_FORCE. */
  inForce(divisionCode: string, date: IsoDate): CreditModel {
    const model = this.for(divisionCode, date);
    if (!model) throw new DomainError('CREDIT_MODEL_NOT_IN_FORCE', `${date} 时尚无生效的信用评价模型（最早的版本自 ${this.firstDay} 起施行）`);
    return model;
  }

  document(version: string): CreditRuleDocument {
    const found = this.byVersion.get(version);
    if (!found) throw new CreditModelError(`unknown credit model version ${version} (a version used in a decision must never be removed)`);
    return found;
  }

  /** The scoring rule of `eventType` in the document version a ledger entry recorded. */
  rule(version: string, eventType: CreditEventType): CreditRule {
    const doc = this.document(version);
    const entry = doc.rules.find((r) => r.body?.kind === 'score' && r.body.eventType === eventType);
    if (!entry || entry.body?.kind !== 'score') throw new CreditModelError(`model ${version} has no rule for ${eventType}`);
    const body = entry.body;
    return {
      id: entry.key,
      eventType,
      title: entry.title,
      points: body.points,
      source: body.pointsSetBy === 'platform' ? `${sourceText(entry.sources)}；${PLATFORM_POINTS_NOTE}` : sourceText(entry.sources),
      dTrigger: body.dTrigger,
      decay: body.decay,
      repair: body.repair,
      documentVersion: doc.version,
      jurisdiction: doc.jurisdiction,
    };
  }

  /**
   * The model as it applies in each jurisdiction that has documents, for each day a document
   * takes effect: what credit.model.list shows.
   */
  applied(): CreditModel[] {
    const jurisdictions = [...new Set([NATIONAL_JURISDICTION, ...this.documents.map((d) => d.jurisdiction)])];
    const days = [...new Set(this.documents.map((d) => d.effectiveFrom))].sort();
    const seen = new Set<string>();
    const out: CreditModel[] = [];
    for (const jurisdiction of jurisdictions) {
      for (const day of days) {
        const model = this.for(jurisdiction, day);
        if (!model) continue;
        const key = `${jurisdiction}|${model.documents.map((d) => d.version).join('|')}`;
        if (seen.has(key) || model.jurisdiction !== jurisdiction) continue;
        seen.add(key);
        out.push(model);
      }
    }
    return out;
  }

  /** The grade a score earns under a model (without D triggers). */
  static gradeFor(model: CreditModel, score: number): GradeThreshold {
    return model.grades.find((g) => score >= g.minScore) ?? model.grades[model.grades.length - 1]!;
  }
}

/**
 * Checks every document (envelope and rule bodies: unknown or missing keys, rules without a
 * source all throw), that versions are unique, and that the rules in force make a whole model in
 * every jurisdiction that has documents, on every day one of them takes effect. A broken document
 * stops the service at start.
 */
export function loadCreditModels(documents: readonly CreditRuleDocument[]): CreditModels {
  if (!Array.isArray(documents) || documents.length === 0) throw new CreditModelError('no credit rule documents');
  for (const doc of documents) {
    if (doc.family !== 'credit') throw new CreditModelError(`${doc.version}: family ${doc.family}, expected credit`);
    try {
      checkRuleDocument(doc, checkCreditRuleBody);
    } catch (e) {
      if (e instanceof DomainError) throw new CreditModelError(`invalid credit rule document ${doc.version}: ${e.message}`);
      throw e;
    }
  }
  const versions = new Set(documents.map((d) => d.version));
  if (versions.size !== documents.length) throw new CreditModelError('duplicate credit model version');
  const models = new CreditModels(documents);
  const jurisdictions = [...new Set([NATIONAL_JURISDICTION, ...documents.map((d) => d.jurisdiction)])];
  // Every day the rules in force change: a document starts, or the day after one ends.
  const days = new Set(documents.flatMap((d) => (d.effectiveTo ? [d.effectiveFrom, addDays(d.effectiveTo, 1)] : [d.effectiveFrom])));
  for (const jurisdiction of jurisdictions) {
    for (const day of days) {
      // From the first national grading on, every division is graded by some model (a grading disabled below leaves none).
      if (!models.for(jurisdiction, day) && day >= models.firstDay)
        throw new CreditModelError(`the credit rules in force in ${jurisdiction} on ${day} have no grading`, [
          `${jurisdictionName(jurisdiction)}自 ${day} 起没有分级规则（grading），无法评定信用等级`,
        ]);
    }
  }
  return models;
}
