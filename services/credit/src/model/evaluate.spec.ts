import { randomUUID } from 'node:crypto';
import { addDays, DomainError } from '@shanyu/common';
import { CREDIT_EVENT_TYPES, type CreditEventType } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { CreditModelError, loadCreditModels } from './credit-model.js';
import { CREDIT_RULE_DOCUMENTS } from './credit-models.data.js';
import { evaluate, judge, type LedgerEntry } from './evaluate.js';

const models = loadCreditModels(CREDIT_RULE_DOCUMENTS);
/** 西湖区: no credit scheme of its own, the national default applies. */
const XIHU = '330106109';
const V2023 = models.for(XIHU, '2025-06-01')!;
const V2026 = models.for(XIHU, '2026-11-01')!;
const institutionId = randomUUID();

/** A ledger entry as the service records it: judged by the model in force in its division on its day. */
function entry(eventType: CreditEventType, occurredOn: string, extra: Partial<LedgerEntry> = {}): LedgerEntry {
  const { rule } = judge(models, eventType, occurredOn, XIHU);
  return {
    id: randomUUID(),
    institutionId,
    sourceEventId: randomUUID(),
    subject: 'evt.test.v1',
    eventType,
    occurredAt: `${occurredOn}T02:00:00.000Z`,
    occurredOn,
    ref: null,
    department: null,
    facts: {},
    ruleId: rule.id,
    points: rule.points,
    source: rule.source,
    modelVersion: rule.documentVersion,
    ...extra,
  };
}
const repair = (on: string, ...targets: LedgerEntry[]) => entry('credit_repaired', on, { facts: { requestId: 'r-1', entryIds: targets.map((t) => t.id) } });

describe('each event type moves the score as the model says', () => {
  const scored = CREDIT_EVENT_TYPES.filter((t) => t !== 'credit_repaired');
  for (const [model, on] of [
    [V2023, '2025-06-01'],
    [V2026, '2026-11-01'],
  ] as const) {
    it.each(scored)(`${model.version}: %s`, (eventType) => {
      const rule = model.rules.find((r) => r.eventType === eventType)!;
      const result = evaluate([entry(eventType, on)], on, models, XIHU);
      expect(result.model.version).toBe(model.version);
      expect(result.score).toBe(Math.min(model.maxScore, Math.max(model.minScore, model.startScore + rule.points)));
      expect(result.entries).toHaveLength(1);
      expect(result.entries[0]).toMatchObject({ effectivePoints: rule.points, dTriggerActive: rule.dTrigger !== null, adjustment: null });
      if (rule.dTrigger) expect(result.grade).toBe('D');
      else expect(result.grade).toBe(model.grades.find((g) => result.score >= g.minScore)!.grade);
    });
  }

  it('starts every institution at the start score (B)', () => {
    const result = evaluate([], '2026-11-01', models, XIHU);
    expect(result).toMatchObject({ score: 80, grade: 'B', entries: [] });
    // Saying why: no record yet, graded by the start score of the model that applies.
    expect(result.explanation).toMatch(/^尚无信用记录.*起始分 80 分定级/);
    expect(result.reasons[0]!.text).toContain('尚无信用记录');
    const withHistory = evaluate([entry('filing_approved', '2026-08-01')], '2026-11-01', models, XIHU);
    expect(withHistory.explanation).not.toContain('尚无信用记录');
  });

  it("adds points up, within the model's bounds, newest first", () => {
    const on = '2026-10-01';
    const entries = [
      entry('filing_approved', '2026-08-01'),
      entry('demonstration_designated', '2026-09-01'),
      ...Array.from({ length: 5 }, () => entry('inspection_clean', on)),
    ];
    const result = evaluate(entries, on, models, XIHU);
    expect(result.score).toBe(100); // 80 + 2 + 5 + 5×4 = 107, capped at 100
    expect(result.grade).toBe('A');
    expect(result.entries.map((e) => e.entry.occurredOn)).toEqual([on, on, on, on, on, '2026-09-01', '2026-08-01']);
    const floor = evaluate(
      Array.from({ length: 3 }, () => entry('penalty_issued.revocation', on)),
      on,
      models,
      XIHU,
    );
    expect(floor.score).toBe(0);
  });

  it('counts only what happened by the date asked for', () => {
    const entries = [entry('penalty_issued.fine', '2026-09-01'), entry('penalty_issued.warning', '2026-10-01')];
    expect(evaluate(entries, '2026-08-31', models, XIHU).entries).toHaveLength(0);
    expect(evaluate(entries, '2026-09-15', models, XIHU).score).toBe(70);
    expect(evaluate(entries, '2026-10-01', models, XIHU).score).toBe(67);
  });

  it('refuses a date before any model was in force', () => {
    expect(() => evaluate([], '2022-12-31', models, XIHU)).toThrow(DomainError);
    expect(() => evaluate([], '2022-12-31', models, XIHU)).toThrow(/尚无生效的信用评价模型/);
  });

  it('stops when a stored judgement no longer matches its version (a used version was edited)', () => {
    const tampered = { ...entry('finding_recorded.major', '2026-10-01'), points: -1 };
    expect(() => evaluate([tampered], '2026-10-02', models, XIHU)).toThrow(CreditModelError);
  });
});

describe('"a D trigger from any department makes the institution D overall"', () => {
  const good = () => [
    entry('filing_approved', '2026-07-02'),
    entry('demonstration_designated', '2026-07-03'),
    entry('inspection_clean', '2026-07-04'),
    entry('inspection_clean', '2026-07-05'),
    entry('inclusive_granted', '2026-07-06'),
  ];

  it.each(['staff_ban_matched', 'penalty_issued.suspension', 'finding_overdue.critical'] as const)(
    "%s makes a 90+ institution D for the trigger's days",
    (trigger) => {
      const d = entry(trigger, '2026-08-01');
      const days = V2026.rules.find((r) => r.eventType === trigger)!.dTrigger!.days;
      const on = evaluate([...good(), d], '2026-08-01', models, XIHU);
      expect(on.grade).toBe('D');
      expect(on.reasons[0]).toMatchObject({ kind: 'd_trigger', entryId: d.id, ruleId: d.ruleId });
      expect(on.explanation).toMatch(/任一部门的 D 级触发事项使机构整体为 D/);
      const last = addDays('2026-08-01', days - 1);
      expect(evaluate([...good(), d], last, models, XIHU).grade).toBe('D');
      const after = evaluate([...good(), d], addDays(last, 1), models, XIHU);
      expect(after.grade).not.toBe('D');
      expect(after.entries.find((e) => e.entry.id === d.id)!.dTriggerActive).toBe(false);
    },
  );

  it('without a trigger the same points give a grade by score', () => {
    const entries = [...good(), entry('penalty_issued.fine', '2026-08-01')];
    const result = evaluate(entries, '2026-08-01', models, XIHU);
    expect(result.score).toBe(80 + 2 + 5 + 4 + 4 + 3 - 10);
    expect(result.grade).toBe('B');
    expect(result.reasons).toHaveLength(1);
  });
});

describe('decay: a corrected finding fades, penalties fade with time', () => {
  it('a major finding counts in full until 180 days after its correction, half until 365, then nothing', () => {
    const ref = randomUUID();
    const recorded = entry('finding_recorded.major', '2026-07-10', { ref });
    const corrected = entry('finding_corrected_on_time', '2026-07-20', { ref });
    const points = (at: string) => evaluate([recorded, corrected], at, models, XIHU).entries.find((e) => e.entry.id === recorded.id)!;
    expect(points('2026-07-15').effectivePoints).toBe(-5);
    expect(points(addDays('2026-07-20', 179)).effectivePoints).toBe(-5);
    expect(points(addDays('2026-07-20', 180))).toMatchObject({ effectivePoints: -3, adjustment: expect.stringContaining('2026-07-20 整改') });
    expect(points(addDays('2026-07-20', 365)).effectivePoints).toBe(0);
  });

  it('a finding never corrected does not fade', () => {
    const recorded = entry('finding_recorded.critical', '2026-07-10', { ref: randomUUID() });
    const later = evaluate([recorded], '2028-07-10', models, XIHU);
    expect(later.entries[0]!.effectivePoints).toBe(-15);
    expect(later.score).toBe(65);
  });

  it('a correction of another finding does not fade this one', () => {
    const recorded = entry('finding_recorded.minor', '2026-07-10', { ref: randomUUID() });
    const other = entry('finding_corrected_on_time', '2026-07-11', { ref: randomUUID() });
    expect(evaluate([recorded, other], '2027-07-10', models, XIHU).entries.find((e) => e.entry.id === recorded.id)!.effectivePoints).toBe(-2);
  });

  it('a fine fades a year after it was issued', () => {
    const fine = entry('penalty_issued.fine', '2026-07-10');
    expect(evaluate([fine], addDays('2026-07-10', 364), models, XIHU).score).toBe(70);
    expect(evaluate([fine], addDays('2026-07-10', 365), models, XIHU).score).toBe(80);
  });
});

describe('信用修复: a repaired entry counts nothing and triggers no D from the day of the repair', () => {
  it('before the repair the entry counts; from the repair on it does not', () => {
    const ban = entry('staff_ban_matched', '2026-07-10');
    const fixed = repair('2026-10-20', ban);
    const before = evaluate([ban, fixed], '2026-10-19', models, XIHU);
    expect(before).toMatchObject({ grade: 'D', score: 60 });
    const after = evaluate([ban, fixed], '2026-10-20', models, XIHU);
    expect(after).toMatchObject({ grade: 'B', score: 80 });
    expect(after.entries.find((e) => e.entry.id === ban.id)).toMatchObject({
      effectivePoints: 0,
      dTriggerActive: false,
      repairedBy: 'r-1',
      adjustment: expect.stringContaining('信用修复'),
    });
  });
});

describe('recomputation at a past date uses the model version in force then', () => {
  // Entries of spring 2026 (judged by the 2023 model); the 2026 model takes effect on 2026-07-01
  // with stricter thresholds (A ≥ 92 instead of 90) and heavier critical findings.
  const spring = [entry('filing_approved', '2026-03-02'), entry('demonstration_designated', '2026-03-10'), entry('inspection_clean', '2026-04-01')];

  it('the same ledger is A on 2026-06-30 (2023 model) and B today (2026 model)', () => {
    const past = evaluate(spring, '2026-06-30', models, XIHU);
    expect(past).toMatchObject({ score: 90, grade: 'A' });
    expect(past.model.version).toBe('credit-model/2023.1');
    const now = evaluate(spring, '2026-11-01', models, XIHU);
    expect(now).toMatchObject({ score: 90, grade: 'B' });
    expect(now.model.version).toBe('credit-model/2026.1');
  });

  it('each entry keeps the points of the version in force on its day', () => {
    const ledger = [...spring, entry('finding_recorded.critical', '2026-05-05'), entry('finding_recorded.critical', '2026-08-05')];
    const result = evaluate(ledger, '2026-11-01', models, XIHU);
    const critical = result.entries.filter((e) => e.entry.eventType === 'finding_recorded.critical').map((e) => [e.entry.modelVersion, e.effectivePoints]);
    expect(critical).toEqual([
      ['credit-model/2026.1', -15],
      ['credit-model/2023.1', -12],
    ]);
    expect(result.score).toBe(90 - 12 - 15);
    expect(evaluate(ledger, '2026-06-30', models, XIHU).score).toBe(90 - 12);
  });
});
