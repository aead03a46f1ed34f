import {
  type Actor,
  actorCoversDivision,
  childrenOf,
  departmentNotAllowed,
  divisionOutOfScope,
  divisionPath,
  divisionPrefix,
  firstDayOfMonth,
  type IsoDate,
  lastDayOfMonth,
  shanghaiToday,
} from '@shanyu/common';
import type { IndicatorContribution, IndicatorsRequest, IndicatorValue } from './registry/indicator.contracts.js';

/** What one `<service>.indicators.compute` request covers: the division, its streets and the month. */
export interface IndicatorScope {
  divisionCode: string;
  month: string;
  monthStart: IsoDate;
  monthEnd: IsoDate;
  /** The day "current" figures are taken on: the month's last day, or today while the month runs. */
  asOf: IsoDate;
  /** The division asked for, then each division directly inside it (a county's streets, a city's counties), as the registry lists them. */
  divisions: string[];
  /** The city the division lies in (全市), whose figures are given beside it for comparison; null when a city or province is asked for. */
  comparedWith: string | null;
  /** The division-code prefix to count under: the compared city's when there is one, so that its figures are whole. */
  countPrefix: string;
  /** Every division figures are given for: `divisions`, then the compared city. */
  counted: string[];
}

/**
 * The checks and dates every contributing service applies, the same as the registry's:
 * operators see no area indicators; a department only its own divisions.
 */
export function indicatorScope(request: IndicatorsRequest, actor: Actor, today: IsoDate = shanghaiToday()): IndicatorScope {
  if (actor.department === 'operator') throw departmentNotAllowed(actor, '查看区域指标');
  if (!actorCoversDivision(actor, request.divisionCode)) throw divisionOutOfScope(request.divisionCode);
  const month = request.month ?? today.slice(0, 7);
  const monthEnd = lastDayOfMonth(month);
  const inside = request.divisionCode.length === 6 ? childrenOf(request.divisionCode).map((s) => s.code) : [];
  const city = divisionPath(request.divisionCode).find((d) => d.level === 'city' && d.code !== request.divisionCode)?.code ?? null;
  return {
    divisionCode: request.divisionCode,
    month,
    monthStart: firstDayOfMonth(month),
    monthEnd,
    asOf: monthEnd < today ? monthEnd : today,
    divisions: [request.divisionCode, ...inside],
    comparedWith: city,
    countPrefix: divisionPrefix(city ?? request.divisionCode),
    counted: [request.divisionCode, ...inside, ...(city ? [city] : [])],
  };
}

/**
 * Adds up counts kept per institution division (street codes) for every division of the scope
 * (and the compared city) and describes each total as indicators: the county is the sum of
 * everything inside it.
 */
export function contributionOf<T>(
  scope: IndicatorScope,
  byDivision: Map<string, T>,
  zero: T,
  add: (a: T, b: T) => T,
  describe: (total: T, divisionCode: string) => IndicatorValue[],
): IndicatorContribution {
  return {
    divisions: scope.counted.map((code) => {
      const prefix = divisionPrefix(code);
      let total = zero;
      for (const [division, counts] of byDivision) if (division.startsWith(prefix)) total = add(total, counts);
      return { divisionCode: code, indicators: describe(total, code) };
    }),
  };
}

/** n ÷ d × scale, to 4 decimals; null without a denominator (the same rounding as the registry). */
export const indicatorRatio = (n: number, d: number | null | undefined, scale = 1): number | null => (d ? Math.round((n / d) * scale * 10_000) / 10_000 : null);

/** Adds numeric fields of two count records of the same shape. */
export function addCounts<T extends Record<string, number>>(a: T, b: T): T {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof T)[]) out[k] = ((a[k] ?? 0) + (b[k] ?? 0)) as T[keyof T];
  return out;
}

/** One measure of one division, as the services' indicator repositories count them. */
export interface DivisionMeasureCount {
  divisionCode: string;
  measure: string;
  n: number;
}

/** {@link contributionOf} for counted rows: folds them into one record per division (missing measures from `zero`), then adds and describes. */
export function contributionOfCounts<T extends Record<string, number>>(
  scope: IndicatorScope,
  rows: readonly DivisionMeasureCount[],
  zero: T,
  describe: (total: T, divisionCode: string) => IndicatorValue[],
): IndicatorContribution {
  const byDivision = new Map<string, T>();
  for (const r of rows) byDivision.set(r.divisionCode, { ...(byDivision.get(r.divisionCode) ?? zero), [r.measure]: r.n });
  return contributionOf(scope, byDivision, zero, addCounts, describe);
}
