import { describe, expect, it } from 'vitest';
import { dayOfWeek, isWeekend, WorkingDayCalendar } from './calendar.js';
import { CHINA_HOLIDAY_ENTRIES, CHINA_HOLIDAY_TABLES, chinaWorkingDayCalendar, expandHolidayTable } from './holidays.js';

const cal = chinaWorkingDayCalendar();

describe('official tables as data', () => {
  it('cite the State Council notices', () => {
    expect(CHINA_HOLIDAY_TABLES.map((t) => t.year)).toEqual([2025, 2026]);
    expect(CHINA_HOLIDAY_TABLES[0]!.source).toContain('国办发明电〔2024〕12号');
    expect(CHINA_HOLIDAY_TABLES[1]!.source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
  });

  it('load into a calendar without validation errors', () => {
    expect(() => new WorkingDayCalendar(CHINA_HOLIDAY_ENTRIES, { strict: true })).not.toThrow();
    expect(cal.coveredYears()).toEqual([2025, 2026]);
  });

  it('have the number of days off and make-up days the notices state', () => {
    const count = (year: number, kind: string) => CHINA_HOLIDAY_ENTRIES.filter((e) => e.date.startsWith(`${year}-`) && e.kind === kind).length;
    expect(count(2025, 'holiday')).toBe(1 + 8 + 3 + 5 + 3 + 8);
    expect(count(2025, 'workday')).toBe(5); // 1/26, 2/8, 4/27, 9/28, 10/11
    expect(count(2026, 'holiday')).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(count(2026, 'workday')).toBe(6);
  });

  it('put every make-up workday on a weekend', () => {
    for (const e of CHINA_HOLIDAY_ENTRIES.filter((x) => x.kind === 'workday')) expect(isWeekend(e.date), e.date).toBe(true);
  });

  it('refuse a range that does not match the stated number of days', () => {
    expect(() =>
      expandHolidayTable({
        year: 2026,
        source: 'test',
        issued: '2025-11-04',
        arrangements: [{ name: '春节', from: '2026-02-15', to: '2026-02-22', days: 9, makeUpWorkdays: [] }],
      }),
    ).toThrow(/8 days, the notice says 9/);
  });
});

describe('2025 arrangement (国办发明电〔2024〕12号)', () => {
  it.each([
    ['2025-01-01', false, '元旦 (Wed)'],
    ['2025-01-02', true, 'ordinary Thursday'],
    ['2025-01-26', true, '春节 make-up Sunday'],
    ['2025-01-28', false, '除夕 (Tue)'],
    ['2025-02-04', false, '正月初七 (Tue)'],
    ['2025-02-05', true, 'first day back'],
    ['2025-02-08', true, '春节 make-up Saturday'],
    ['2025-04-04', false, '清明 (Fri)'],
    ['2025-04-07', true, 'Monday after 清明'],
    ['2025-04-27', true, '劳动节 make-up Sunday'],
    ['2025-05-05', false, '劳动节 (Mon)'],
    ['2025-06-02', false, '端午 (Mon)'],
    ['2025-09-28', true, '国庆 make-up Sunday'],
    ['2025-10-06', false, '中秋 inside 国庆 (Mon)'],
    ['2025-10-08', false, '国庆 last day (Wed)'],
    ['2025-10-09', true, 'first day back'],
    ['2025-10-11', true, '国庆 make-up Saturday'],
    ['2025-10-12', false, 'ordinary Sunday'],
  ])('%s working day: %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('5 working days after the Friday before 国庆 is 10 October (make-up Sunday 9/28 counts)', () => {
    expect(dayOfWeek('2025-09-26')).toBe(5);
    // 9/28 (Sun, make-up) 1, 9/29 2, 9/30 3, [10/1–10/8 off], 10/9 4, 10/10 5
    expect(cal.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(5);
    expect(cal.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('15 working days (filing non-compliance notice) across 春节', () => {
    // From Fri 2025-01-24: 1/26 make-up 1, 1/27 2, [1/28–2/4 off], 2/5–2/7 3–5, 2/8 make-up 6,
    // 2/10–2/14 7–11, 2/17–2/20 12–15.
    expect(cal.addWorkingDays('2025-01-24', 15)).toBe('2025-02-20');
  });

  it('has 248 working days in the year (261 weekdays − 18 weekday holidays + 5 make-up days)', () => {
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });
});

describe('2026 arrangement (国务院办公厅 2025-11-04)', () => {
  it.each([
    ['2026-01-01', false, '元旦 (Thu)'],
    ['2026-01-02', false, '元旦 (Fri)'],
    ['2026-01-04', true, '元旦 make-up Sunday'],
    ['2026-02-14', true, '春节 make-up Saturday'],
    ['2026-02-16', false, '除夕 (Mon)'],
    ['2026-02-23', false, '正月初七 (Mon)'],
    ['2026-02-24', true, 'first day back'],
    ['2026-02-28', true, '春节 make-up Saturday'],
    ['2026-04-06', false, '清明 (Mon)'],
    ['2026-05-01', false, '劳动节 (Fri)'],
    ['2026-05-05', false, '劳动节 (Tue)'],
    ['2026-05-09', true, '劳动节 make-up Saturday'],
    ['2026-06-19', false, '端午 (Fri)'],
    ['2026-09-20', true, '国庆 make-up Sunday'],
    ['2026-09-25', false, '中秋 (Fri)'],
    ['2026-10-07', false, '国庆 last day (Wed)'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, '国庆 make-up Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
  ])('%s working day: %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('names the entries', () => {
    expect(cal.entryFor('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节调休上班' });
    expect(cal.entryFor('2026-09-25')?.name).toBe('中秋节');
  });

  it('a filing receipt due 5 working days after Wed 2026-09-30 falls on 13 October', () => {
    // [10/1–10/7 off], 10/8 1, 10/9 2, 10/10 (Sat, make-up) 3, 10/12 4, 10/13 5
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
  });

  it('5 working days after Fri 2026-09-18 counts the make-up Sunday 9/20', () => {
    expect(cal.addWorkingDays('2026-09-18', 5)).toBe('2026-09-24');
  });

  it('春节 2026: 5 and 15 working days after Fri 2026-02-13', () => {
    expect(cal.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(cal.addWorkingDays('2026-02-13', 15)).toBe('2026-03-12');
  });

  it('crosses the year boundary into the 元旦 make-up Sunday', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(cal.addWorkingDays('2026-01-05', -1)).toBe('2026-01-04');
    expect(cal.addWorkingDays('2026-01-04', -1)).toBe('2025-12-31');
  });

  it('has 248 working days in the year (261 weekdays − 19 weekday holidays + 6 make-up days)', () => {
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('strict calendars refuse 2027 until its table is loaded', () => {
    const strict = chinaWorkingDayCalendar({ strict: true });
    expect(() => strict.isWorkingDay('2027-01-04')).toThrow(/2027/);
    strict.loadEntries([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(strict.isWorkingDay('2027-01-04')).toBe(true);
    expect(strict.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('each call gives an independent calendar', () => {
    const a = chinaWorkingDayCalendar();
    a.loadEntries([{ date: '2026-03-02', kind: 'holiday', name: '测试' }]);
    expect(a.isWorkingDay('2026-03-02')).toBe(false);
    expect(chinaWorkingDayCalendar().isWorkingDay('2026-03-02')).toBe(true);
  });
});
