import { describe, expect, it } from 'vitest';
import { ENROLMENT_INDICATORS, enrolmentRatios, indicatorOf, judgeTargets, ratioOf, SUPPLY_INDICATORS } from './indicator-definitions.js';
import type { DivisionIndicators } from './indicator.contracts.js';

const supply = (over: Partial<DivisionIndicators['supply']> = {}): DivisionIndicators['supply'] => ({
  residentPopulation: 811_688,
  childrenUnder3: 13_674,
  populationYear: 2026,
  places: 3_125,
  filedPlaces: 1_600,
  kindergartenPlaces: 0,
  inclusivePlaces: 0,
  targetPerThousand: 4.5,
  targetPlaces: null,
  gap: null,
  ...over,
});
const children = (enrolled: number, filed: number, under3: number, under3Filed: number) => [
  indicatorOf(ENROLMENT_INDICATORS.enrolledChildren, enrolled),
  indicatorOf(ENROLMENT_INDICATORS.enrolledChildrenFiled, filed),
  indicatorOf(ENROLMENT_INDICATORS.enrolledUnder3, under3),
  indicatorOf(ENROLMENT_INDICATORS.enrolledUnder3Filed, under3Filed),
];

describe('enrolmentRatios', () => {
  it('divides distinct children by the places and the children under 3, each over all operating institutions and over filed ones', () => {
    const rates = enrolmentRatios({ indicators: children(830, 415, 830, 415), supply: supply() });
    const by = Object.fromEntries(rates.map((r) => [r.key, r]));
    expect(by.placeUtilisation).toMatchObject({ value: 26.56, numerator: 830, denominator: 3_125, unit: '%' });
    expect(by.placeUtilisationFiled).toMatchObject({ value: 25.9375, numerator: 415, denominator: 1_600, filedOnlyOf: 'placeUtilisation' });
    expect(by.enrolmentRate).toMatchObject({ value: 6.0699, numerator: 830, denominator: 13_674 });
    expect(by.enrolmentRateFiled?.filedOnlyOf).toBe('enrolmentRate');
  });

  it('is null without population, and absent without the subsidy service', () => {
    const rates = enrolmentRatios({ indicators: children(3, 0, 2, 0), supply: supply({ childrenUnder3: null, places: 0 }) });
    expect(rates.find((r) => r.key === 'enrolmentRate')).toMatchObject({ value: null, numerator: 2 });
    expect(rates.find((r) => r.key === 'enrolmentRate')).not.toHaveProperty('denominator');
    expect(rates.find((r) => r.key === 'placeUtilisation')?.value).toBeNull();
    expect(enrolmentRatios({ indicators: [], supply: supply() })).toEqual([]);
  });
});

describe('definitions', () => {
  it('pairs every filed-only figure with a figure over all operating institutions, and names real documents as sources', () => {
    const all = { ...SUPPLY_INDICATORS, ...ENROLMENT_INDICATORS };
    for (const d of Object.values(all)) {
      if ('filedOnlyOf' in d) expect(all, d.key).toHaveProperty(d.filedOnlyOf);
      expect(d.definition.length, d.key).toBeGreaterThan(5);
    }
    expect(SUPPLY_INDICATORS.placesPer1000.source).toMatch(/《“十四五”公共服务规划》.*4\.5/);
    expect(ratioOf(3_125, 811_688, 1000)).toBe(3.85);
    expect(ratioOf(null, 10)).toBeNull();
  });
});

describe('judgeTargets', () => {
  const target = (indicatorKey: string, value: number, direction: 'atLeast' | 'atMost') => ({
    indicatorKey,
    label: indicatorKey,
    direction,
    value,
    unit: '',
    byYear: 2025,
    actual: null,
    met: null,
    rule: { key: indicatorKey, documentKey: 'd', version: 'd/2025.1', jurisdiction: '330105', jurisdictionName: '拱墅区', source: 's' },
  });

  it("judges each target by the division's figure of its key: at least, at most, and unknown without a figure", () => {
    const division = {
      indicators: [
        indicatorOf(SUPPLY_INDICATORS.placesPer1000, 4.55),
        indicatorOf(SUPPLY_INDICATORS.filingRate, 50),
        indicatorOf(SUPPLY_INDICATORS.inclusiveShare, null),
      ],
      targets: [
        target('placesPer1000', 4.6, 'atLeast'),
        target('filingRate', 50, 'atLeast'),
        target('placesPer1000', 4.55, 'atMost'),
        target('inclusiveShare', 60, 'atLeast'),
        target('healthManagementRate', 95, 'atLeast'),
      ],
    };
    judgeTargets(division);
    expect(division.targets.map((t) => [t.actual, t.met])).toEqual([
      [4.55, false],
      [50, true],
      [4.55, true],
      [null, null],
      [null, null],
    ]);
  });
});
