import { CREDIT_EVENT_TYPES } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { CreditModelError, loadCreditModel, loadCreditModels } from './credit-model.js';
import { CREDIT_MODEL_2023, CREDIT_MODEL_2026, CREDIT_MODELS } from './credit-models.data.js';

const clone = <T>(v: T): T => structuredClone(v);
type MutableModel = ReturnType<typeof clone<typeof CREDIT_MODEL_2026>> & Record<string, unknown>;
const broken = (change: (m: MutableModel) => void) => {
  const m = clone(CREDIT_MODEL_2026) as MutableModel;
  change(m);
  return () => loadCreditModel(m);
};
const ruleOf = (m: MutableModel, id: string) => (m.rules as Record<string, unknown>[]).find((r) => r.id === id)!;

describe('credit model as data: the loader', () => {
  it('loads the shipped versions, oldest first, each rule with its source, every event type covered once', () => {
    const models = loadCreditModels(CREDIT_MODELS);
    expect(models.versions.map((m) => m.version)).toEqual(['credit-model/2023.1', 'credit-model/2026.1']);
    for (const model of models.versions) {
      expect(model.rules.map((r) => r.eventType).sort()).toEqual([...CREDIT_EVENT_TYPES].sort());
      for (const rule of model.rules) expect(rule.source.length).toBeGreaterThan(10);
      expect(model.grades.map((g) => g.grade)).toEqual(['A', 'B', 'C', 'D']);
    }
    expect(models.inForce('2026-06-30')!.version).toBe('credit-model/2023.1');
    expect(models.inForce('2026-07-01')!.version).toBe('credit-model/2026.1');
    expect(models.inForce('2022-12-31')).toBeNull();
    expect(models.judging('2020-05-01').version).toBe('credit-model/2023.1');
  });

  it('the "D anywhere" triggers are a ban on current staff, a suspension, a revocation and a critical finding left overdue', () => {
    const triggers = loadCreditModel(CREDIT_MODEL_2023)
      .rules.filter((r) => r.dTrigger)
      .map((r) => r.eventType)
      .sort();
    expect(triggers).toEqual(['finding_overdue.critical', 'penalty_issued.revocation', 'penalty_issued.suspension', 'staff_ban_matched']);
    expect(
      loadCreditModel(CREDIT_MODEL_2026)
        .rules.filter((r) => r.dTrigger)
        .map((r) => r.eventType)
        .sort(),
    ).toEqual(triggers);
  });

  const cases: [string, () => unknown, RegExp][] = [
    [
      'a misplaced key (point instead of points)',
      broken((m) => {
        const r = ruleOf(m, 'FINDING_MAJOR');
        r.point = r.points;
        delete r.points;
      }),
      /FINDING_MAJOR.*unknown key point[\s\S]*points missing/,
    ],
    [
      'a rule without a source',
      broken((m) => {
        ruleOf(m, 'BAN_MATCHED').source = '';
      }),
      /BAN_MATCHED.*source missing/,
    ],
    [
      'an event type without a rule',
      broken((m) => {
        m.rules = m.rules.filter((r) => r.id !== 'RATIO_BREACHED');
      }),
      /no rule for event type staff_ratio_breached/,
    ],
    [
      'two rules for one event type',
      broken((m) => {
        m.rules = [...m.rules, { ...ruleOf(m, 'FINDING_MINOR'), id: 'FINDING_MINOR_2' } as never];
      }),
      /2 rules for event type finding_recorded\.minor/,
    ],
    [
      'an unknown event type',
      broken((m) => {
        ruleOf(m, 'FINDING_MINOR').eventType = 'finding_recorded.trivial';
      }),
      /unknown eventType finding_recorded\.trivial/,
    ],
    [
      'non-integer points',
      broken((m) => {
        ruleOf(m, 'FINDING_MINOR').points = -1.5;
      }),
      /points must be an integer/,
    ],
    [
      'thresholds not descending',
      broken((m) => {
        (m.grades[1] as { minScore: number }).minScore = 95;
      }),
      /grades\[1\]: minScore must be an integer below/,
    ],
    [
      'a D threshold other than the minimum score',
      broken((m) => {
        (m.grades[3] as { minScore: number }).minScore = 10;
      }),
      /D.*minScore must equal/,
    ],
    [
      'a decay step that keeps more than the last',
      broken((m) => {
        ruleOf(m, 'FINDING_MAJOR').decay = {
          from: 'correction',
          steps: [
            { afterDays: 10, keep: 0.5 },
            { afterDays: 20, keep: 0.8 },
          ],
        };
      }),
      /keep must be within/,
    ],
    [
      'decay from correction on a penalty',
      broken((m) => {
        ruleOf(m, 'PENALTY_FINE').decay = { from: 'correction', steps: [{ afterDays: 10, keep: 0 }] };
      }),
      /only findings are corrected/,
    ],
    [
      'repair of a positive entry',
      broken((m) => {
        ruleOf(m, 'FILING_APPROVED').repair = { allowed: true, minDays: 0 };
      }),
      /only negative entries can be repaired/,
    ],
    [
      'a repair that scores',
      broken((m) => {
        ruleOf(m, 'CREDIT_REPAIRED').points = 5;
      }),
      /credit_repaired scores nothing/,
    ],
    [
      'a D trigger without days',
      broken((m) => {
        ruleOf(m, 'BAN_MATCHED').dTrigger = {};
      }),
      /days must be a positive integer/,
    ],
    [
      'a start score outside the range',
      broken((m) => {
        m.startScore = 120;
      }),
      /startScore must lie within/,
    ],
    [
      'an unknown top-level key',
      broken((m) => {
        m.thresholds = {};
      }),
      /unknown key thresholds/,
    ],
    [
      'a watched subject with its version',
      broken((m) => {
        m.watchedSubjects = ['evt.staff.ban.matched.v1'];
      }),
      /without version/,
    ],
    [
      'a measure without a source',
      broken((m) => {
        (m.measures.A[0] as { source: string }).source = '';
      }),
      /measures\.A\[0\]/,
    ],
    ['versions out of order', () => loadCreditModels([CREDIT_MODEL_2026, CREDIT_MODEL_2023]), /must take effect after/],
    [
      'the same version twice',
      () => loadCreditModels([CREDIT_MODEL_2023, { ...CREDIT_MODEL_2023, effectiveFrom: '2024-01-01' }]),
      /duplicate credit model version/,
    ],
  ];

  it.each(cases)('refuses %s, loudly', (_what, load, message) => {
    expect(load).toThrow(CreditModelError);
    expect(load).toThrow(message);
  });
});
