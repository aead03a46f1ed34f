import { addDays, daysBetween, type IsoDate } from '@shanyu/common';
import type { CreditEventType, CreditGrade, GradeReason } from '@shanyu/contracts';
import { type CreditModel, CreditModelError, type CreditModels, type CreditRule } from './credit-model.js';

/** A ledger entry as stored: the event and how the model in force on its day judged it. */
export interface LedgerEntry {
  id: string;
  institutionId: string;
  sourceEventId: string;
  subject: string;
  eventType: CreditEventType;
  occurredAt: string;
  occurredOn: IsoDate;
  ref: string | null;
  department: string | null;
  facts: Record<string, unknown>;
  ruleId: string;
  points: number;
  source: string;
  modelVersion: string;
}

export interface EvaluatedEntry {
  entry: LedgerEntry;
  rule: CreditRule;
  effectivePoints: number;
  adjustment: string | null;
  dTriggerActive: boolean;
  dTriggerUntil: IsoDate | null;
  repairedBy: string | null;
}

export interface Evaluation {
  at: IsoDate;
  model: CreditModel;
  score: number;
  grade: CreditGrade;
  explanation: string;
  reasons: GradeReason[];
  /** Every entry up to `at`, newest first. */
  entries: EvaluatedEntry[];
}

/** The ledger event types that close a finding (decay `from: correction` counts from them). */
const CORRECTIONS: CreditEventType[] = ['finding_corrected_on_time', 'finding_corrected_late'];

const newestFirst = (a: LedgerEntry, b: LedgerEntry) =>
  b.occurredOn.localeCompare(a.occurredOn) || b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id);

/**
 * What the model in force in the institution's division on the fact's day makes of an event type
 * (stored with the ledger entry: the rule, its points and source, and the version of the document
 * the rule came from).
 */
export function judge(models: CreditModels, eventType: CreditEventType, occurredOn: IsoDate, divisionCode: string): { model: CreditModel; rule: CreditRule } {
  const model = models.judging(divisionCode, occurredOn);
  const rule = model.rules.find((r) => r.eventType === eventType);
  if (!rule) throw new CreditModelError(`the credit model of ${divisionCode} on ${occurredOn} has no rule for ${eventType}`);
  return { model, rule };
}

/** The grade of an institution without any entry under the model in force on `at`. */
export function startGrade(model: CreditModel): CreditGrade {
  return model.grades.find((g) => model.startScore >= g.minScore)!.grade;
}

/**
 * Score and grade at `at`, recomputed from the ledger alone, by the model composed for the
 * institution's division on that day (the national default, or its division's own scheme):
 * - entries that occurred after `at` do not count;
 * - each entry counts the points its rule gave (the rule of the model version that judged it),
 *   faded by the rule's decay (from the event, or from the correction of its finding), and
 *   nothing from the day a repair (信用修复) covering it was decided;
 * - score = the start score of the model in force at `at` + the entries, within [min, max];
 * - grade = D while any entry's D trigger is active (a D trigger from any department makes the
 *   institution D overall), else the model's thresholds at `at`.
 */
export function evaluate(ledger: readonly LedgerEntry[], at: IsoDate, models: CreditModels, divisionCode: string): Evaluation {
  const model = models.inForce(divisionCode, at);
  const upTo = ledger.filter((e) => e.occurredOn <= at).sort(newestFirst);

  const repairedBy = new Map<string, { repair: LedgerEntry }>();
  const correctedOn = new Map<string, IsoDate>();
  for (const e of upTo) {
    if (e.eventType === 'credit_repaired') {
      for (const id of (e.facts.entryIds as string[] | undefined) ?? []) {
        const seen = repairedBy.get(id);
        if (!seen || seen.repair.occurredOn > e.occurredOn) repairedBy.set(id, { repair: e });
      }
    }
    if (CORRECTIONS.includes(e.eventType) && e.ref) {
      const seen = correctedOn.get(e.ref);
      if (!seen || seen > e.occurredOn) correctedOn.set(e.ref, e.occurredOn);
    }
  }

  const entries: EvaluatedEntry[] = upTo.map((entry) => {
    const rule = models.rule(entry.modelVersion, entry.eventType);
    if (rule.points !== entry.points || rule.id !== entry.ruleId) {
      // The stored judgement and the version's data disagree: a used version was edited. Stop.
      throw new CreditModelError(
        `ledger entry ${entry.id}: ${entry.modelVersion} now gives ${rule.id} ${rule.points}, the entry recorded ${entry.ruleId} ${entry.points}`,
      );
    }
    const repair = repairedBy.get(entry.id)?.repair ?? null;
    let effectivePoints = entry.points;
    let adjustment: string | null = null;
    if (repair) {
      effectivePoints = 0;
      adjustment = `已于 ${repair.occurredOn} 信用修复，自该日起不再计分`;
    } else if (rule.decay) {
      const start = rule.decay.from === 'event' ? entry.occurredOn : entry.ref ? (correctedOn.get(entry.ref) ?? null) : null;
      if (start) {
        const days = daysBetween(start, at);
        const step = [...rule.decay.steps].reverse().find((s) => days >= s.afterDays);
        if (step) {
          // Rounded half away from zero: a faded penalty of -2.5 still counts -3.
          effectivePoints = Math.sign(entry.points) * Math.round(Math.abs(entry.points) * step.keep);
          const since = rule.decay.from === 'event' ? '事件发生' : `${start} 整改`;
          adjustment = `${since}已 ${days} 天（≥ ${step.afterDays} 天），按 ${Math.round(step.keep * 100)}% 计`;
        }
      }
    }
    if (Object.is(effectivePoints, -0)) effectivePoints = 0;
    let dTriggerActive = false;
    let dTriggerUntil: IsoDate | null = null;
    if (rule.dTrigger && !repair) {
      dTriggerUntil = addDays(entry.occurredOn, rule.dTrigger.days - 1);
      dTriggerActive = at <= dTriggerUntil;
    }
    return {
      entry,
      rule,
      effectivePoints,
      adjustment,
      dTriggerActive,
      dTriggerUntil,
      repairedBy: repair ? String(repair.facts.requestId ?? repair.sourceEventId) : null,
    };
  });

  const sum = entries.reduce((total, e) => total + e.effectivePoints, 0);
  const score = Math.min(model.maxScore, Math.max(model.minScore, model.startScore + sum));
  const triggers = entries.filter((e) => e.dTriggerActive);
  const byScore = model.grades.find((g) => score >= g.minScore)!;
  const grade: CreditGrade = triggers.length ? 'D' : byScore.grade;

  // An institution with no entry yet (newly registered, never inspected): graded by the start score alone, and saying so.
  const noHistory = entries.length === 0 ? `尚无信用记录（新设或尚未检查的机构），按起始分 ${model.startScore} 分定级；` : '';
  const reasons: GradeReason[] = triggers.map((t) => ({
    kind: 'd_trigger',
    text: `${t.rule.title}（${t.entry.occurredOn}，至 ${t.dTriggerUntil} 止）：任一部门的 D 即整体为 D`,
    ruleId: t.rule.id,
    entryId: t.entry.id,
    source: t.rule.source,
  }));
  reasons.push({
    kind: 'score',
    text: `${noHistory}得分 ${score}（起始分 ${model.startScore}，事项合计 ${sum >= 0 ? '+' : ''}${sum}），按 ${model.version}（${model.jurisdictionName}）的分级线为 ${byScore.grade}（${byScore.label}，≥ ${byScore.minScore}）`,
    ruleId: null,
    entryId: null,
    source: byScore.source,
  });
  const label = (g: CreditGrade) => model.grades.find((x) => x.grade === g)!.label;
  const applied = `${model.jurisdictionName}适用的信用评价模型（${model.documents.map((d) => d.version).join('、')}）`;
  const explanation = triggers.length
    ? `存在 ${triggers.length} 项 D 级触发事项（${triggers.map((t) => t.rule.title).join('；')}），任一部门的 D 级触发事项使机构整体为 D（${applied}；${byScore.source}）；得分 ${score} 本可评为 ${byScore.grade}`
    : `${noHistory}得分 ${score}，按${applied}的分级线（A ≥ ${model.grades[0]!.minScore}，B ≥ ${model.grades[1]!.minScore}，C ≥ ${model.grades[2]!.minScore}）评为 ${grade}（${label(grade)}）`;
  return { at, model, score, grade, explanation, reasons, entries };
}
