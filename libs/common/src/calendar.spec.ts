import { afterEach, describe, expect, it } from 'vitest';
import {
  WorkingDayCalendar,
  addDays,
  addMonthsToDate,
  addMonthsToMonth,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  firstDayOfMonth,
  isIsoDate,
  isMonth,
  isWeekend,
  lastDayOfMonth,
  monthOf,
  monthsBetween,
  shanghaiToday,
  type HolidayEntry,
} from './calendar.js';
import { DomainError } from './errors.js';

describe('ISO dates and months', () => {
  it('isIsoDate accepts real dates only, including leap days', () => {
    expect(isIsoDate('2026-03-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true); // divisible by 400
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false); // divisible by 100, not 400
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
    expect(isIsoDate('2026-03-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20260301)).toBe(false);
  });

  it('isMonth / monthOf / daysInMonth', () => {
    expect(isMonth('2026-03')).toBe(true);
    expect(isMonth('2026-12')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026-3')).toBe(false);
    expect(isMonth('2026-03-01')).toBe(false);
    expect(isMonth(undefined)).toBe(false);
    expect(monthOf('2026-03-31')).toBe('2026-03');
    expect(() => monthOf('2026-02-30')).toThrow(RangeError);
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(daysInMonth('1900-02')).toBe(28);
    expect(daysInMonth('2026-04')).toBe(30);
    expect(daysInMonth('2026-12')).toBe(31);
    expect(() => daysInMonth('2026-13')).toThrow(RangeError);
  });

  it('addDays and daysBetween cross months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-03-01', 0.5)).toThrow(RangeError);
  });

  it('dayOfWeek agrees with Date for every day of 1899–2101', () => {
    let d = '1899-01-01';
    const t = Date.UTC(1899, 0, 1);
    for (let i = 0; d <= '2101-12-31'; i++, d = addDays(d, 1)) {
      const js = new Date(t + i * 86_400_000);
      if (i % 97 === 0) expect(js.toISOString().slice(0, 10)).toBe(d);
      if (dayOfWeek(d) !== js.getUTCDay()) expect.fail(`${d}: ${dayOfWeek(d)} ≠ ${js.getUTCDay()}`);
    }
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2025-10-01')).toBe(3);
    expect(dayOfWeek('2026-01-01')).toBe(4);
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
  });
});

describe('months', () => {
  it('addMonthsToMonth and monthsBetween cross years both ways and are inverses', () => {
    expect(addMonthsToMonth('2025-11', 3)).toBe('2026-02');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(addMonthsToMonth('2026-03', -27)).toBe('2023-12');
    expect(addMonthsToMonth('2026-03', 0)).toBe('2026-03');
    expect(monthsBetween('2024-02', '2026-03')).toBe(25);
    expect(monthsBetween('2026-03', '2024-02')).toBe(-25);
    for (let n = -40; n <= 40; n++) expect(monthsBetween('2025-07', addMonthsToMonth('2025-07', n))).toBe(n);
    expect(() => addMonthsToMonth('2026-13', 1)).toThrow(RangeError);
    expect(() => addMonthsToMonth('2026-03', 1.5)).toThrow(RangeError);
    expect(() => addMonthsToMonth('0001-01', -1)).toThrow(RangeError);
    expect(() => monthsBetween('2026-03', '2026-03-01')).toThrow(RangeError);
  });

  it('addMonthsToDate keeps the day, clamped to the last day of the month it lands in', () => {
    expect(addMonthsToDate('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonthsToDate('2026-03-15', -13)).toBe('2025-02-15');
    expect(addMonthsToDate('2026-03-31', -1)).toBe('2026-02-28');
    expect(() => addMonthsToDate('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonthsToDate('2026-03-01', Number.NaN)).toThrow(RangeError);
  });

  it('addMonthsToDate agrees with a UTC Date moved to the first of the month, then clamped, for 2023–2026', () => {
    for (let d = '2023-01-01'; d <= '2026-12-31'; d = addDays(d, 3)) {
      for (const n of [-25, -12, -1, 1, 6, 12, 36]) {
        const first = new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1 + n, 1));
        const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
        const expected = `${first.toISOString().slice(0, 8)}${String(Math.min(Number(d.slice(8, 10)), last)).padStart(2, '0')}`;
        if (addMonthsToDate(d, n) !== expected) expect.fail(`${d} + ${n} months: ${addMonthsToDate(d, n)} ≠ ${expected}`);
      }
    }
  });

  it('firstDayOfMonth and lastDayOfMonth', () => {
    expect(firstDayOfMonth('2024-02')).toBe('2024-02-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
    expect(() => firstDayOfMonth('2026-3')).toThrow(RangeError);
    expect(() => lastDayOfMonth('2026-00')).toThrow(RangeError);
  });
});

describe('shanghaiToday', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('is the date in Asia/Shanghai (UTC+8), not in UTC', () => {
    expect(shanghaiToday(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiToday(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(shanghaiToday(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(shanghaiToday(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });

  it('does not depend on the host time zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(shanghaiToday(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    process.env.TZ = 'Pacific/Kiritimati';
    expect(shanghaiToday(new Date('2026-03-01T15:30:00Z'))).toBe('2026-03-01');
  });

  it('answers each instant on its own, also when asked again within the same second', () => {
    expect(shanghaiToday(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(shanghaiToday(new Date('2026-03-01T16:00:00.999Z'))).toBe('2026-03-02');
    expect(shanghaiToday(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiToday(new Date('1969-12-31T15:59:59.500Z'))).toBe('1969-12-31');
    expect(shanghaiToday(new Date('1969-12-31T16:00:00.000Z'))).toBe('1970-01-01');
  });

  it('defaults to now and rejects an invalid Date', () => {
    expect(isIsoDate(shanghaiToday())).toBe(true);
    expect(() => shanghaiToday(new Date('nope'))).toThrow(RangeError);
  });
});

const SAMPLE: HolidayEntry[] = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' }, // Friday
  { date: '2027-01-02', kind: 'holiday', name: '元旦' }, // Saturday
  { date: '2027-01-03', kind: 'holiday', name: '元旦' }, // Sunday
  { date: '2027-01-09', kind: 'workday', name: '元旦调休上班' }, // Saturday
];

describe('WorkingDayCalendar without a table', () => {
  const cal = new WorkingDayCalendar();

  it('treats Monday–Friday as working days', () => {
    expect(cal.isWorkingDay('2027-03-01')).toBe(true); // Monday
    expect(cal.isWorkingDay('2027-03-05')).toBe(true); // Friday
    expect(cal.isWorkingDay('2027-03-06')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2027-03-07')).toBe(false); // Sunday
    expect(cal.coveredYears()).toEqual([]);
  });

  it('addWorkingDays skips the weekend; n = 0 is the same day; negatives go back', () => {
    expect(cal.addWorkingDays('2027-03-05', 1)).toBe('2027-03-08');
    expect(cal.addWorkingDays('2027-03-06', 1)).toBe('2027-03-08');
    expect(cal.addWorkingDays('2027-03-01', 5)).toBe('2027-03-08');
    expect(cal.addWorkingDays('2027-03-06', 0)).toBe('2027-03-06');
    expect(cal.addWorkingDays('2027-03-08', -1)).toBe('2027-03-05');
    expect(() => cal.addWorkingDays('2027-03-08', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2027-02-29', 1)).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar with entries', () => {
  it('holidays on weekdays are days off; make-up weekend days are working days', () => {
    const cal = new WorkingDayCalendar(SAMPLE);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.isWorkingDay('2027-01-04')).toBe(true);
    expect(cal.isWorkingDay('2027-01-09')).toBe(true);
    expect(cal.isWorkingDay('2027-01-10')).toBe(false);
    expect(cal.entryFor('2027-01-09')).toEqual({ date: '2027-01-09', kind: 'workday', name: '元旦调休上班' });
    expect(cal.entryFor('2027-01-05')).toBeUndefined();
    expect(cal.coveredYears()).toEqual([2027]);
    expect(cal.isCovered('2027-06-01')).toBe(true);
    expect(cal.isCovered('2028-06-01')).toBe(false);
  });

  it('workingDaysBetween counts (a, b] and is the inverse of addWorkingDays', () => {
    const cal = new WorkingDayCalendar(SAMPLE);
    // 2026-12-31 (Thu) → 2027-01-11 (Mon): 1/4–1/8 (5) + 1/9 make-up (1) + 1/11 (1) = 7.
    expect(cal.workingDaysBetween('2026-12-31', '2027-01-11')).toBe(7);
    expect(cal.workingDaysBetween('2027-01-11', '2026-12-31')).toBe(-7);
    expect(cal.workingDaysBetween('2027-01-04', '2027-01-04')).toBe(0);
    let a = '2026-12-20';
    for (let i = 0; i < 40; i++, a = addDays(a, 1)) {
      for (const n of [-12, -5, -1, 0, 1, 2, 7, 15]) {
        const b = cal.addWorkingDays(a, n);
        expect(cal.workingDaysBetween(a, b), `${a} ${n}`).toBe(n);
        if (n !== 0) expect(cal.isWorkingDay(b)).toBe(true);
      }
    }
  });

  it('entries() lists a copy, by date, optionally for one year', () => {
    const cal = new WorkingDayCalendar([...SAMPLE].reverse());
    const list = cal.entries(2027);
    expect(list.map((e) => e.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-09']);
    list[0]!.kind = 'workday';
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.entries(2028)).toEqual([]);
  });
});

describe('loadEntries', () => {
  function problemsOf(fn: () => unknown): { field: string; code: string }[] {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toMatch(/^节假日安排表有误/);
      return (err.details ?? []).map(({ field, code }) => ({ field, code }));
    }
    throw new Error('expected loadEntries to throw');
  }

  it('rejects bad dates, kinds, names, duplicates and weekday make-up days, listing each', () => {
    const cal = new WorkingDayCalendar();
    const problems = problemsOf(() =>
      cal.loadEntries([
        { date: '2027-02-30', kind: 'holiday', name: '春节' },
        { date: '2027/02/06', kind: 'holiday', name: '春节' },
        { date: '2027-02-08', kind: 'rest' as never, name: '春节' },
        { date: '2027-02-09', kind: 'holiday', name: ' ' },
        { date: '2027-02-10', kind: 'holiday', name: '春节' },
        { date: '2027-02-10', kind: 'holiday', name: '春节' },
        { date: '2027-02-17', kind: 'workday', name: '春节调休上班' }, // a Wednesday
        null as never,
      ]),
    );
    expect(problems).toEqual([
      { field: 'entries[0].date', code: 'HOLIDAY_DATE_FORMAT' },
      { field: 'entries[1].date', code: 'HOLIDAY_DATE_FORMAT' },
      { field: 'entries[2].kind', code: 'HOLIDAY_KIND' },
      { field: 'entries[3].name', code: 'HOLIDAY_NAME' },
      { field: 'entries[5].date', code: 'HOLIDAY_DUPLICATE' },
      { field: 'entries[6].date', code: 'HOLIDAY_WORKDAY_NOT_WEEKEND' },
      { field: 'entries[7]', code: 'HOLIDAY_ENTRY' },
    ]);
  });

  it('explains a duplicate in Chinese, naming both rows', () => {
    try {
      new WorkingDayCalendar().loadEntries([SAMPLE[0]!, SAMPLE[1]!, SAMPLE[0]!]);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).details?.[0]?.message).toBe('第 3 条日期 2027-01-01 与第 1 条重复');
    }
  });

  it('rejects an empty table', () => {
    expect(problemsOf(() => new WorkingDayCalendar().loadEntries([]))).toEqual([{ field: 'entries', code: 'HOLIDAY_TABLE_EMPTY' }]);
  });

  it('changes nothing when the table is wrong', () => {
    const cal = new WorkingDayCalendar(SAMPLE);
    expect(() =>
      cal.loadEntries([
        { date: '2027-01-01', kind: 'workday', name: 'x' },
        { date: '2028-13-01', kind: 'holiday', name: 'y' },
      ]),
    ).toThrow(DomainError);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.coveredYears()).toEqual([2027]);
  });

  it('adds a new year and replaces a reloaded year as a whole', () => {
    const cal = new WorkingDayCalendar(SAMPLE);
    cal.loadEntries([{ date: '2028-01-03', kind: 'holiday', name: '元旦' }]);
    expect(cal.coveredYears()).toEqual([2027, 2028]);
    expect(cal.isWorkingDay('2028-01-03')).toBe(false);
    // A corrected 2027 table: 1/2–1/3 no longer listed, no make-up day.
    cal.loadEntries([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(cal.entries(2027)).toHaveLength(1);
    expect(cal.isWorkingDay('2027-01-09')).toBe(false); // make-up day gone: a plain Saturday again
    expect(cal.isWorkingDay('2028-01-03')).toBe(false); // other years kept
  });
});

describe('strict mode', () => {
  it('refuses to guess for a year without a table', () => {
    const cal = new WorkingDayCalendar(SAMPLE, { strict: true });
    expect(cal.isWorkingDay('2027-03-01')).toBe(true);
    try {
      cal.isWorkingDay('2028-03-01');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('CALENDAR_YEAR_NOT_LOADED');
      expect((e as DomainError).message).toContain('2028');
    }
    expect(() => cal.addWorkingDays('2027-12-30', 5)).toThrow(/2028/);
  });

  it('non-strict falls back to Monday–Friday', () => {
    expect(new WorkingDayCalendar(SAMPLE).isWorkingDay('2028-03-01')).toBe(true);
  });
});

describe('shanghaiDateTime', () => {
  it('shows the instant in Shanghai local time to the minute, whatever the host zone', async () => {
    const { shanghaiDateTime } = await import('./calendar.js');
    expect(shanghaiDateTime('2026-12-06T23:04:02.958Z')).toBe('2026-12-07 07:04');
    expect(shanghaiDateTime(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02 00:00');
    expect(() => shanghaiDateTime('not a date')).toThrow(RangeError);
  });
});
