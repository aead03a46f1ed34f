import { daysInMonth, fenToYuanString, isMonth, type Fen, type IsoDate, type IsoMonth } from '@shanyu/common';

/** Months as `YYYY-MM`: arithmetic on whole month numbers, never on Date objects. */
function index(month: IsoMonth): number {
  if (!isMonth(month)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`);
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function addMonths(month: IsoMonth, n: number): IsoMonth {
  const i = index(month) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  return index(to) - index(from);
}

/** The last day of a month: the day a month's eligibility is judged on. */
export function monthEnd(month: IsoMonth): IsoDate {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

export function monthStart(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

/** `54545` → `545.45 元`. */
export function yuan(fen: Fen): string {
  return `${fenToYuanString(fen)} 元`;
}

/** Basis points as a percentage for people: 5000 → `50%`, 8750 → `87.5%`. */
export function percent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}
