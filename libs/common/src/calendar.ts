/**
 * Calendar dates and working days for the rules that count days (filing receipt within 5
 * working days, non-compliance notice within 15 working days — 国卫办人口发〔2019〕25号;
 * months of rosters and subsidy runs). The rules count days on the calendar of China
 * (Asia/Shanghai) and its working days, wherever the server runs.
 *
 * The unit is the ISO 8601 calendar date string `YYYY-MM-DD`, as the API writes dates. All arithmetic is done
 * on whole day numbers (proleptic Gregorian), never on `Date` objects, so the host's time
 * zone and daylight-saving rules cannot shift a date. The only instant → date conversion is
 * `shanghaiToday`, which asks Intl for the date in Asia/Shanghai.
 */
import { DomainError, type FieldProblem } from './errors.js';

/** An ISO 8601 calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A month, `YYYY-MM`, as the API writes months. */
export type IsoMonth = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonthOf(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True for a real calendar date written `YYYY-MM-DD` (so `2024-02-29` yes, `2025-02-29` no). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonthOf(y, mo);
}

/** True for a month written `YYYY-MM` with month 01–12. */
export function isMonth(value: unknown): value is IsoMonth {
  return typeof value === 'string' && ISO_MONTH.test(value) && value.slice(0, 4) !== '0000';
}

function assertIsoDate(value: unknown, what = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

// Day numbers relative to 1970-01-01 (Howard Hinnant's days_from_civil / civil_from_days).
function toDayNumber(date: IsoDate): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(z: number): IsoDate {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new RangeError(`date out of range (years 0001–9999)`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date `n` calendar days after (negative: before) `date`. */
export function addDays(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  assertIsoDate(a, 'a');
  assertIsoDate(b, 'b');
  return toDayNumber(b) - toDayNumber(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday (as `Date#getDay`). 1970-01-01 was a Thursday. */
export function dayOfWeek(date: IsoDate): number {
  assertIsoDate(date);
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** The month `YYYY-MM` a date falls in. */
export function monthOf(date: IsoDate): IsoMonth {
  assertIsoDate(date);
  return date.slice(0, 7);
}

/** Number of days in a month `YYYY-MM` (28–31), e.g. for pro-rata subsidies. */
export function daysInMonth(month: IsoMonth): number {
  assertMonth(month);
  return daysInMonthOf(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

// ---------------------------------------------------------------------------------------------
// Months: arithmetic on whole month numbers (year × 12 + month − 1), never on `Date` objects,
// whose setMonth overflows (Jan 31 + 1 month = Mar 3) and follows the host's time zone.

function assertMonth(value: unknown, what = 'month'): asserts value is IsoMonth {
  if (!isMonth(value)) throw new RangeError(`${what} must be YYYY-MM, got ${JSON.stringify(value)}`);
}

function toMonthNumber(month: IsoMonth): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function fromMonthNumber(n: number): IsoMonth {
  const y = Math.floor(n / 12);
  if (y < 1 || y > 9999) throw new RangeError('month out of range (years 0001–9999)');
  return `${String(y).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

function assertStep(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what}: n must be an integer, got ${n}`);
}

/** The month `n` months after (negative: before) `month`: `2025-11` + 3 → `2026-02`. */
export function addMonthsToMonth(month: IsoMonth, n: number): IsoMonth {
  assertMonth(month);
  assertStep(n, 'addMonthsToMonth');
  return fromMonthNumber(toMonthNumber(month) + n);
}

/** Whole months from `from` to `to` (negative when `to` is earlier), e.g. an age in months. */
export function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  assertMonth(from, 'from');
  assertMonth(to, 'to');
  return toMonthNumber(to) - toMonthNumber(from);
}

/**
 * The same day `n` months after (negative: before) `date`, clamped to that month's last day:
 * 2025-01-31 + 1 → 2025-02-28, 2024-02-29 + 12 → 2025-02-28. So "within 12 months of the last
 * check" means on or before `addMonthsToDate(lastCheck, 12)`.
 */
export function addMonthsToDate(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  assertStep(n, 'addMonthsToDate');
  const month = addMonthsToMonth(monthOf(date), n);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** The first day of a month: `2024-02` → `2024-02-01`. */
export function firstDayOfMonth(month: IsoMonth): IsoDate {
  assertMonth(month);
  return `${month}-01`;
}

/** The last day of a month, on which a month's figures and eligibility are judged: `2024-02` → `2024-02-29`. */
export function lastDayOfMonth(month: IsoMonth): IsoDate {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

/** IANA zone of the dates the rules count: China's one time zone. */
export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';

let shanghaiFormatter: Intl.DateTimeFormat | undefined;
// The last answer, by whole second: UTC offsets are whole seconds, so a date changes only on a
// second's boundary. Bulk validation asks this for every row (an ID number's birth date).
let lastSecond = NaN;
let lastDate = '';

/**
 * The calendar date in Asia/Shanghai at the instant `now` (default: the current instant),
 * whatever the host's time zone: 2026-03-01T16:30Z is already `2026-03-02` in Shanghai.
 */
export function shanghaiToday(now: Date = new Date()): IsoDate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('shanghaiToday: invalid Date');
  const second = Math.floor(now.getTime() / 1000);
  if (second === lastSecond) return lastDate;
  shanghaiFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: SHANGHAI_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = Object.fromEntries(shanghaiFormatter.formatToParts(now).map((p) => [p.type, p.value]));
  lastSecond = second;
  lastDate = `${parts.year}-${parts.month}-${parts.day}`;
  return lastDate;
}

let shanghaiMinuteFormatter: Intl.DateTimeFormat | undefined;

/** Local time in Asia/Shanghai to the minute, as people read it in messages: `2026-12-07 07:04`. */
export function shanghaiDateTime(at: Date | string): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) throw new RangeError('shanghaiDateTime: invalid date');
  shanghaiMinuteFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: SHANGHAI_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(shanghaiMinuteFormatter.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

// ---------------------------------------------------------------------------------------------
// Working days

/**
 * One day of an official holiday arrangement: `holiday` is a day off (even a weekday),
 * `workday` a make-up working day (调休上班, always a Saturday or Sunday).
 */
export type HolidayKind = 'holiday' | 'workday';
export const HOLIDAY_KINDS: readonly HolidayKind[] = ['holiday', 'workday'];

export interface HolidayEntry {
  date: IsoDate;
  kind: HolidayKind;
  /** e.g. `春节`, `春节调休上班`. */
  name: string;
}

export interface WorkingDayCalendarOptions {
  /**
   * When true, asking about a date in a year with no loaded arrangement throws
   * `CALENDAR_YEAR_NOT_LOADED` instead of falling back to "Monday–Friday are working days".
   */
  strict?: boolean;
}

/** Upper bound on |n| in `addWorkingDays`, to stop a runaway loop on a bad argument. */
const MAX_WORKING_DAY_STEP = 100_000;

/**
 * Working days per the State Council's yearly arrangement (国务院办公厅关于××年部分节假日安排的通知,
 * under 《全国年节及纪念日放假办法》): Monday–Friday work and weekends rest, except the listed
 * holidays (rest, even on a weekday) and make-up workdays (调休: work, even on a weekend).
 */
export class WorkingDayCalendar {
  private readonly byDate = new Map<IsoDate, HolidayEntry>();
  private readonly years = new Set<number>();
  private readonly strict: boolean;

  constructor(entries: readonly HolidayEntry[] = [], options: WorkingDayCalendarOptions = {}) {
    this.strict = options.strict ?? false;
    if (entries.length > 0) this.loadEntries(entries);
  }

  /**
   * Loads an arrangement table (e.g. next year's, published each November). Every year that
   * appears in `entries` is replaced as a whole by the entries given for it; other years are
   * kept. The table is checked first and nothing changes if any entry is wrong: a
   * `DomainError('VALIDATION')` lists each problem (bad date, bad kind, missing name,
   * duplicate date, a make-up workday that is not on a weekend).
   */
  loadEntries(entries: readonly HolidayEntry[]): void {
    const problems: FieldProblem[] = [];
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new DomainError('VALIDATION', '节假日安排表有误：表为空或不是列表', [
        { field: 'entries', code: 'HOLIDAY_TABLE_EMPTY', message: '节假日安排表不能为空' },
      ]);
    }
    const seen = new Map<string, number>();
    const accepted: HolidayEntry[] = [];
    entries.forEach((raw: unknown, i) => {
      const at = `entries[${i}]`;
      const e = (raw ?? {}) as Partial<Record<keyof HolidayEntry, unknown>>;
      let good = true;
      if (typeof raw !== 'object' || raw === null) {
        problems.push({ field: at, code: 'HOLIDAY_ENTRY', message: `第 ${i + 1} 条不是 {date, kind, name} 对象` });
        return;
      }
      if (!isIsoDate(e.date)) {
        problems.push({ field: `${at}.date`, code: 'HOLIDAY_DATE_FORMAT', message: `第 ${i + 1} 条日期“${String(e.date)}”不是有效的 YYYY-MM-DD 日期` });
        good = false;
      }
      if (!(HOLIDAY_KINDS as readonly unknown[]).includes(e.kind)) {
        problems.push({
          field: `${at}.kind`,
          code: 'HOLIDAY_KIND',
          message: `第 ${i + 1} 条类型“${String(e.kind)}”无效，只能是 holiday（放假）或 workday（调休上班）`,
        });
        good = false;
      }
      if (typeof e.name !== 'string' || e.name.trim() === '') {
        problems.push({ field: `${at}.name`, code: 'HOLIDAY_NAME', message: `第 ${i + 1} 条缺少节日名称` });
        good = false;
      }
      if (isIsoDate(e.date)) {
        const first = seen.get(e.date);
        if (first !== undefined) {
          problems.push({ field: `${at}.date`, code: 'HOLIDAY_DUPLICATE', message: `第 ${i + 1} 条日期 ${e.date} 与第 ${first + 1} 条重复` });
          good = false;
        } else {
          seen.set(e.date, i);
        }
        // A make-up workday on a weekday changes nothing: it is a typing error in the table.
        if (e.kind === 'workday' && !isWeekend(e.date)) {
          problems.push({ field: `${at}.date`, code: 'HOLIDAY_WORKDAY_NOT_WEEKEND', message: `第 ${i + 1} 条调休上班日 ${e.date} 不是周六或周日，请核对` });
          good = false;
        }
      }
      if (good) accepted.push({ date: e.date as IsoDate, kind: e.kind as HolidayKind, name: (e.name as string).trim() });
    });
    if (problems.length > 0) {
      throw new DomainError('VALIDATION', `节假日安排表有误（${problems.length} 处）：${problems.map((p) => p.message).join('；')}`, problems);
    }
    const years = new Set(accepted.map((e) => Number(e.date.slice(0, 4))));
    for (const date of [...this.byDate.keys()]) if (years.has(Number(date.slice(0, 4)))) this.byDate.delete(date);
    for (const e of accepted) this.byDate.set(e.date, e);
    for (const y of years) this.years.add(y);
  }

  /** Years for which an arrangement is loaded, ascending. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isCovered(date: IsoDate): boolean {
    assertIsoDate(date);
    return this.years.has(Number(date.slice(0, 4)));
  }

  /** The loaded entries, by date; for one year if given. */
  entries(year?: number): HolidayEntry[] {
    return [...this.byDate.values()]
      .filter((e) => year === undefined || Number(e.date.slice(0, 4)) === year)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((e) => ({ ...e }));
  }

  /** The holiday or make-up workday entry for a date, if any. */
  entryFor(date: IsoDate): HolidayEntry | undefined {
    assertIsoDate(date);
    const e = this.byDate.get(date);
    return e && { ...e };
  }

  isWorkingDay(date: IsoDate): boolean {
    assertIsoDate(date);
    const entry = this.byDate.get(date);
    if (entry) return entry.kind === 'workday';
    if (this.strict && !this.years.has(Number(date.slice(0, 4)))) {
      throw new DomainError('CALENDAR_YEAR_NOT_LOADED', `尚未载入 ${date.slice(0, 4)} 年的节假日安排（国务院办公厅通知），无法判断 ${date} 是否为工作日`);
    }
    return !isWeekend(date);
  }

  /**
   * The n-th working day after `date` (n > 0), or before it (n < 0); `date` itself is not
   * counted, so from a Friday `addWorkingDays(friday, 1)` is the next Monday (or the
   * make-up Saturday). n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    assertIsoDate(date);
    if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_WORKING_DAY_STEP) {
      throw new RangeError(`addWorkingDays: n must be an integer within ±${MAX_WORKING_DAY_STEP}, got ${n}`);
    }
    const step = n < 0 ? -1 : 1;
    let day = toDayNumber(date);
    let left = Math.abs(n);
    while (left > 0) {
      day += step;
      if (this.isWorkingDay(fromDayNumber(day))) left--;
    }
    return fromDayNumber(day);
  }

  /**
   * Working days stepped onto when walking from `a` to `b`, `a` excluded and `b` included;
   * negative when `b` is before `a` (then the days counted are `b` … the day before `a`).
   * So `workingDaysBetween(a, addWorkingDays(a, n)) === n` for every n.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    assertIsoDate(a, 'a');
    assertIsoDate(b, 'b');
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    if (to === from) return 0;
    const [lo, hi, sign] = to > from ? [from + 1, to, 1] : [to, from - 1, -1];
    let count = 0;
    for (let d = lo; d <= hi; d++) if (this.isWorkingDay(fromDayNumber(d))) count++;
    return sign * count;
  }
}
