import type { Actor } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { addCounts, contributionOf, indicatorRatio, indicatorScope } from './indicator-contribution.js';

const health: Actor = { department: 'health', role: 'official', userId: 'u1', divisions: ['330106'] };

describe('indicatorScope', () => {
  it("lists the county and its streets, with the month's first and last day", () => {
    const scope = indicatorScope({ divisionCode: '330106', month: '2024-02' }, health, '2026-11-22');
    expect(scope).toMatchObject({ month: '2024-02', monthStart: '2024-02-01', monthEnd: '2024-02-29', asOf: '2024-02-29' });
    expect(scope.divisions[0]).toBe('330106');
    expect(scope.divisions.length).toBeGreaterThan(1);
    expect(scope.divisions.slice(1).every((d) => d.length === 9 && d.startsWith('330106'))).toBe(true);
  });

  it("lists a city's counties after it", () => {
    const city = indicatorScope({ divisionCode: '350200', month: '2026-10' }, { ...health, divisions: ['350200'] }, '2026-11-22');
    expect(city.divisions).toEqual(['350200', '350203', '350205', '350206', '350211', '350212', '350213']);
  });

  it('takes "as of" today while the month runs, and the current month by default', () => {
    expect(indicatorScope({ divisionCode: '330106109' }, health, '2026-11-22')).toMatchObject({
      month: '2026-11',
      monthEnd: '2026-11-30',
      asOf: '2026-11-22',
      divisions: ['330106109'],
    });
  });

  it('compares a county or a street with its city, counting over the whole city; a city with nothing', () => {
    const county = indicatorScope({ divisionCode: '330106', month: '2026-10' }, health, '2026-11-22');
    expect(county).toMatchObject({ comparedWith: '330100', countPrefix: '3301' });
    expect(county.counted).toEqual([...county.divisions, '330100']);
    expect(indicatorScope({ divisionCode: '330106109' }, health, '2026-11-22')).toMatchObject({ comparedWith: '330100', counted: ['330106109', '330100'] });
    const city = indicatorScope({ divisionCode: '350200' }, { ...health, divisions: ['350200'] }, '2026-11-22');
    expect(city).toMatchObject({ comparedWith: null, countPrefix: '3502' });
    expect(city.counted).toEqual(city.divisions);
  });

  it("refuses operators and divisions outside the account, with the registry's codes", () => {
    expect(() => indicatorScope({ divisionCode: '330106' }, { ...health, department: 'operator' })).toThrow(
      expect.objectContaining({ code: 'DEPARTMENT_NOT_ALLOWED' }),
    );
    expect(() => indicatorScope({ divisionCode: '371002' }, health)).toThrow(expect.objectContaining({ code: 'DIVISION_OUT_OF_SCOPE' }));
    expect(indicatorScope({ divisionCode: '371002' }, { ...health, department: 'admin', divisions: [] }).divisionCode).toBe('371002');
  });
});

describe('contributionOf', () => {
  it('adds the streets up for the county and gives each street its own counts', () => {
    const scope = indicatorScope({ divisionCode: '330106', month: '2026-10' }, health, '2026-11-22');
    const counts = new Map([
      ['330106109', { n: 2, d: 4 }],
      ['330106004', { n: 1, d: 1 }],
    ]);
    const out = contributionOf(scope, counts, { n: 0, d: 0 }, addCounts, (c) => [
      { key: 'k', label: 'k', unit: '%', value: indicatorRatio(c.n, c.d, 100), numerator: c.n, denominator: c.d, definition: 'd', source: 's' },
    ]);
    const value = (code: string) => out.divisions.find((d) => d.divisionCode === code)!.indicators[0]!;
    expect(value('330106')).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(value('330106109')).toMatchObject({ value: 50 });
    expect(value('330106001')).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(out.divisions.map((d) => d.divisionCode)).toEqual(scope.counted);
  });

  it("gives the compared city the sum of every street counted in it, its other counties' included", () => {
    const scope = indicatorScope({ divisionCode: '330106', month: '2026-10' }, health, '2026-11-22');
    const counts = new Map([
      ['330106109', { n: 2, d: 4 }],
      ['330105001', { n: 3, d: 3 }],
    ]);
    const out = contributionOf(scope, counts, { n: 0, d: 0 }, addCounts, (c) => [
      { key: 'k', label: 'k', unit: '个', value: c.n, definition: 'd', source: 's' },
    ]);
    const value = (code: string) => out.divisions.find((d) => d.divisionCode === code)!.indicators[0]!.value;
    expect(value('330106')).toBe(2);
    expect(value('330100')).toBe(5);
  });

  it('rounds ratios to four decimals like the registry', () => {
    expect(indicatorRatio(1, 3, 100)).toBe(33.3333);
    expect(indicatorRatio(1, 0)).toBeNull();
  });
});
