import { isIsoDate, type IsoDate } from '@shanyu/common';
import { CREDIT_EVENT_TYPES, CREDIT_GRADES, type CreditEventType, type CreditGrade, type CreditMeasureView } from '@shanyu/contracts';

/** How an entry's weight fades: from the event's day, or from the day its finding was corrected. */
export interface DecayRule {
  from: 'event' | 'correction';
  /** After `afterDays` days the entry counts `keep` × its points (rounded); the last step reached applies. */
  steps: { afterDays: number; keep: number }[];
}

export interface CreditRule {
  id: string;
  eventType: CreditEventType;
  title: string;
  /** Integer points the event adds to (or takes from) the score. */
  points: number;
  /** Where the rule comes from: every rule cites its basis. */
  source: string;
  /** A "D anywhere" trigger: the institution is D for `days` days from the event, whatever its points (unless repaired). */
  dTrigger: { days: number } | null;
  decay: DecayRule | null;
  /** 信用修复: whether the health bureau may neutralise the entry, and how many days after the event at the earliest. */
  repair: { allowed: boolean; minDays: number };
}

export interface GradeThreshold {
  grade: CreditGrade;
  label: string;
  /** The lowest score of the grade (D's equals the model's minScore). */
  minScore: number;
  source: string;
}

export interface CreditModel {
  version: string;
  effectiveFrom: IsoDate;
  title: string;
  source: string;
  startScore: number;
  minScore: number;
  maxScore: number;
  /** A, B, C, D in this order, minScore strictly descending. */
  grades: GradeThreshold[];
  rules: CreditRule[];
  /** 联合激励 / 联合惩戒: what each grade means for the departments. */
  measures: Record<CreditGrade, CreditMeasureView[]>;
  /**
   * Subject prefixes (without the version suffix) that are credit-relevant: an event under one of
   * them that the service cannot translate (e.g. a new version) is dead-lettered, not dropped.
   */
  watchedSubjects: string[];
}

export class CreditModelError extends Error {
  override name = 'CreditModelError';
}

const MODEL_KEYS = ['version', 'effectiveFrom', 'title', 'source', 'startScore', 'minScore', 'maxScore', 'grades', 'rules', 'measures', 'watchedSubjects'];
const RULE_KEYS = ['id', 'eventType', 'title', 'points', 'source', 'dTrigger', 'decay', 'repair'];
const GRADE_KEYS = ['grade', 'label', 'minScore', 'source'];
const MEASURE_KEYS = ['department', 'measure', 'source'];

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isText = (v: unknown, min = 1): v is string => typeof v === 'string' && v.trim().length >= min;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function keysExactly(value: Record<string, unknown>, expected: string[], at: string, problems: string[]): void {
  // An unknown key is refused: a misplaced key silently ignored is how rules freeze for years.
  for (const key of Object.keys(value)) if (!expected.includes(key)) problems.push(`${at}: unknown key ${key}`);
  for (const key of expected) if (!(key in value)) problems.push(`${at}: ${key} missing`);
}

function checkRule(rule: unknown, at: string, problems: string[]): void {
  if (!isObject(rule)) {
    problems.push(`${at}: not an object`);
    return;
  }
  keysExactly(rule, RULE_KEYS, at, problems);
  if (!isText(rule.id) || !/^[A-Z][A-Z0-9_]*$/.test(rule.id)) problems.push(`${at}: id must be UPPER_SNAKE`);
  if (!(CREDIT_EVENT_TYPES as readonly unknown[]).includes(rule.eventType)) problems.push(`${at}: unknown eventType ${String(rule.eventType)}`);
  if (!isText(rule.title, 2)) problems.push(`${at}: title missing`);
  if (!isInt(rule.points) || Math.abs(rule.points) > 1000) problems.push(`${at}: points must be an integer within ±1000`);
  if (!isText(rule.source, 4)) problems.push(`${at}: source missing — every rule cites where it comes from`);
  if (rule.eventType === 'credit_repaired' && rule.points !== 0) problems.push(`${at}: credit_repaired scores nothing itself (points 0)`);
  if (rule.dTrigger !== null) {
    if (!isObject(rule.dTrigger)) problems.push(`${at}: dTrigger must be null or {days}`);
    else {
      keysExactly(rule.dTrigger, ['days'], `${at}.dTrigger`, problems);
      if (!isInt(rule.dTrigger.days) || rule.dTrigger.days < 1) problems.push(`${at}.dTrigger: days must be a positive integer`);
    }
  }
  if (rule.decay !== null) {
    const decay = rule.decay;
    if (!isObject(decay)) problems.push(`${at}: decay must be null or {from, steps}`);
    else {
      keysExactly(decay, ['from', 'steps'], `${at}.decay`, problems);
      if (decay.from !== 'event' && decay.from !== 'correction') problems.push(`${at}.decay: from must be event or correction`);
      if (decay.from === 'correction' && !/^finding_(recorded|overdue)\./.test(String(rule.eventType))) {
        problems.push(`${at}.decay: only findings are corrected (from: correction)`);
      }
      if (!Array.isArray(decay.steps) || decay.steps.length === 0) problems.push(`${at}.decay: steps missing`);
      else {
        let lastDays = 0;
        let lastKeep = 1;
        for (const [i, step] of decay.steps.entries()) {
          const s = `${at}.decay.steps[${i}]`;
          if (!isObject(step)) {
            problems.push(`${s}: not an object`);
            continue;
          }
          keysExactly(step, ['afterDays', 'keep'], s, problems);
          if (!isInt(step.afterDays) || step.afterDays <= lastDays) problems.push(`${s}: afterDays must be an integer greater than the previous step's`);
          if (typeof step.keep !== 'number' || step.keep < 0 || step.keep > lastKeep) problems.push(`${s}: keep must be within [0, previous keep]`);
          lastDays = isInt(step.afterDays) ? step.afterDays : lastDays;
          lastKeep = typeof step.keep === 'number' ? step.keep : lastKeep;
        }
      }
    }
  }
  if (!isObject(rule.repair)) problems.push(`${at}: repair must be {allowed, minDays}`);
  else {
    keysExactly(rule.repair, ['allowed', 'minDays'], `${at}.repair`, problems);
    if (typeof rule.repair.allowed !== 'boolean') problems.push(`${at}.repair: allowed must be a boolean`);
    if (!isInt(rule.repair.minDays) || rule.repair.minDays < 0) problems.push(`${at}.repair: minDays must be a non-negative integer`);
    if (rule.repair.allowed === true && isInt(rule.points) && rule.points >= 0) problems.push(`${at}.repair: only negative entries can be repaired`);
  }
}

/** Checks one model version's shape: unknown or missing keys, rules without a source, gaps and overlaps all throw. */
export function loadCreditModel(data: unknown): CreditModel {
  const problems: string[] = [];
  if (!isObject(data)) throw new CreditModelError('credit model is not an object');
  const m = data;
  keysExactly(m, MODEL_KEYS, 'model', problems);
  if (!isText(m.version) || !/^credit-model\/\d{4}\.\d{1,3}$/.test(m.version)) problems.push('version must look like credit-model/2026.1');
  if (!isIsoDate(m.effectiveFrom)) problems.push('effectiveFrom must be a real YYYY-MM-DD date');
  if (!isText(m.title, 2)) problems.push('title missing');
  if (!isText(m.source, 4)) problems.push('source missing');
  for (const key of ['startScore', 'minScore', 'maxScore'] as const) if (!isInt(m[key])) problems.push(`${key} must be an integer`);
  if (isInt(m.minScore) && isInt(m.maxScore) && isInt(m.startScore) && !(m.minScore <= m.startScore && m.startScore <= m.maxScore && m.minScore < m.maxScore)) {
    problems.push('startScore must lie within [minScore, maxScore]');
  }
  if (!Array.isArray(m.grades) || m.grades.length !== CREDIT_GRADES.length) problems.push('grades must list A, B, C and D');
  else {
    let previous = Infinity;
    for (const [i, g] of m.grades.entries()) {
      const at = `grades[${i}]`;
      if (!isObject(g)) {
        problems.push(`${at}: not an object`);
        continue;
      }
      keysExactly(g, GRADE_KEYS, at, problems);
      if (g.grade !== CREDIT_GRADES[i]) problems.push(`${at}: expected grade ${CREDIT_GRADES[i]}`);
      if (!isText(g.label)) problems.push(`${at}: label missing`);
      if (!isText(g.source, 4)) problems.push(`${at}: source missing`);
      if (!isInt(g.minScore) || g.minScore >= previous) problems.push(`${at}: minScore must be an integer below the previous grade's`);
      if (isInt(g.minScore)) previous = g.minScore;
    }
    const d = m.grades[CREDIT_GRADES.length - 1] as Record<string, unknown> | undefined;
    if (d && d.minScore !== m.minScore) problems.push("grades[3] (D): minScore must equal the model's minScore");
  }
  if (!Array.isArray(m.rules)) problems.push('rules missing');
  else {
    const ids = new Set<string>();
    const types = new Map<string, number>();
    for (const [i, rule] of m.rules.entries()) {
      const at = `rules[${i}]${isObject(rule) && typeof rule.id === 'string' ? ` (${rule.id})` : ''}`;
      checkRule(rule, at, problems);
      if (!isObject(rule)) continue;
      if (typeof rule.id === 'string') {
        if (ids.has(rule.id)) problems.push(`${at}: duplicate id`);
        ids.add(rule.id);
      }
      types.set(String(rule.eventType), (types.get(String(rule.eventType)) ?? 0) + 1);
    }
    // Every event type has exactly one rule: a new event type cannot silently score nothing.
    for (const type of CREDIT_EVENT_TYPES) {
      const n = types.get(type) ?? 0;
      if (n === 0) problems.push(`no rule for event type ${type}`);
      if (n > 1) problems.push(`${n} rules for event type ${type}`);
    }
  }
  if (!isObject(m.measures)) problems.push('measures missing');
  else {
    keysExactly(m.measures, [...CREDIT_GRADES], 'measures', problems);
    for (const grade of CREDIT_GRADES) {
      const list = m.measures[grade];
      if (!Array.isArray(list)) continue;
      for (const [i, measure] of list.entries()) {
        const at = `measures.${grade}[${i}]`;
        if (!isObject(measure)) {
          problems.push(`${at}: not an object`);
          continue;
        }
        keysExactly(measure, MEASURE_KEYS, at, problems);
        if (!isText(measure.department) || !isText(measure.measure, 2) || !isText(measure.source, 4))
          problems.push(`${at}: department, measure and source are required`);
      }
    }
  }
  if (!Array.isArray(m.watchedSubjects) || m.watchedSubjects.length === 0) problems.push('watchedSubjects missing');
  else {
    for (const s of m.watchedSubjects) {
      if (typeof s !== 'string' || !/^evt\.[a-z]+(\.[a-z-]+)+\.$/.test(s))
        problems.push(`watchedSubjects: ${String(s)} must be a subject prefix without version, ending with a dot`);
    }
  }
  if (problems.length) throw new CreditModelError(`invalid credit model ${String(m.version ?? '')}:\n  ${problems.join('\n  ')}`);
  return m as unknown as CreditModel;
}

/** The model versions, oldest first: the one in force on a date, and each version's rules by event type. */
export class CreditModels {
  private readonly byVersion = new Map<string, { model: CreditModel; rules: Map<CreditEventType, CreditRule> }>();

  constructor(readonly versions: readonly CreditModel[]) {
    for (const model of versions) {
      this.byVersion.set(model.version, { model, rules: new Map(model.rules.map((r) => [r.eventType, r])) });
    }
  }

  /** The version in force on `date`, or null before the first version took effect. */
  inForce(date: IsoDate): CreditModel | null {
    let found: CreditModel | null = null;
    for (const model of this.versions) if (model.effectiveFrom <= date) found = model;
    return found;
  }

  /**
   * The version that judges a fact of `date`: the one in force that day; a fact older than every
   * version is judged by the first (the platform cannot judge it by nothing).
   */
  judging(date: IsoDate): CreditModel {
    return this.inForce(date) ?? this.versions[0]!;
  }

  version(version: string): CreditModel {
    const found = this.byVersion.get(version);
    if (!found) throw new CreditModelError(`unknown credit model version ${version} (a version used in a decision must never be removed)`);
    return found.model;
  }

  rule(version: string, eventType: CreditEventType): CreditRule {
    this.version(version);
    const rule = this.byVersion.get(version)!.rules.get(eventType);
    if (!rule) throw new CreditModelError(`model ${version} has no rule for ${eventType}`);
    return rule;
  }

  /** The grade a score earns under a model (without D triggers). */
  static gradeFor(model: CreditModel, score: number): GradeThreshold {
    return model.grades.find((g) => score >= g.minScore) ?? model.grades[model.grades.length - 1]!;
  }
}

/** Loads and checks every version; versions must be unique and take effect on distinct, increasing dates. */
export function loadCreditModels(data: readonly unknown[]): CreditModels {
  if (!Array.isArray(data) || data.length === 0) throw new CreditModelError('no credit model versions');
  const models = data.map(loadCreditModel);
  for (let i = 1; i < models.length; i++) {
    if (models[i]!.effectiveFrom <= models[i - 1]!.effectiveFrom) {
      throw new CreditModelError(`credit model ${models[i]!.version} must take effect after ${models[i - 1]!.version} (versions are listed oldest first)`);
    }
  }
  const versions = new Set(models.map((m) => m.version));
  if (versions.size !== models.length) throw new CreditModelError('duplicate credit model version');
  return new CreditModels(models);
}
