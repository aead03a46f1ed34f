/**
 * Official public-holiday arrangements (放假调休安排) of the State Council General Office, as
 * data. Each year's notice lists, per festival, the days off (a continuous range that may
 * include weekends) and the weekend days that become working days (调休上班).
 *
 * The holidays themselves are fixed by 《全国年节及纪念日放假办法》 (国务院令第798号, amended
 * 2024-11-10: from 2025 春节 and 劳动节 gain one day each, 春节 starting on 除夕); the yearly
 * notice fixes the dates. Load a new year with `WorkingDayCalendar#loadEntries` (an admin
 * action) or add its table here.
 */
import { addDays, daysBetween, type HolidayEntry, type IsoDate, WorkingDayCalendar, type WorkingDayCalendarOptions } from './calendar.js';

export interface HolidayArrangement {
  /** Festival name as the notice writes it. */
  name: string;
  /** First and last day off, inclusive. */
  from: IsoDate;
  to: IsoDate;
  /** Days off as the notice counts them (共N天), a cross-check of `from`–`to`. */
  days: number;
  /** Weekend days worked instead (调休上班). */
  makeUpWorkdays: IsoDate[];
}

export interface HolidayYearTable {
  year: number;
  /** The notice the dates come from. */
  source: string;
  /** Date the notice was issued. */
  issued: IsoDate;
  arrangements: HolidayArrangement[];
}

export const CHINA_HOLIDAY_TABLES: readonly HolidayYearTable[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    issued: '2024-11-12',
    arrangements: [
      // 一、元旦：1月1日（周三）放假1天，不调休。
      { name: '元旦', from: '2025-01-01', to: '2025-01-01', days: 1, makeUpWorkdays: [] },
      // 二、春节：1月28日（除夕、周二）至2月4日（正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
      { name: '春节', from: '2025-01-28', to: '2025-02-04', days: 8, makeUpWorkdays: ['2025-01-26', '2025-02-08'] },
      // 三、清明节：4月4日（周五）至6日（周日）放假，共3天。
      { name: '清明节', from: '2025-04-04', to: '2025-04-06', days: 3, makeUpWorkdays: [] },
      // 四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05', days: 5, makeUpWorkdays: ['2025-04-27'] },
      // 五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
      { name: '端午节', from: '2025-05-31', to: '2025-06-02', days: 3, makeUpWorkdays: [] },
      // 六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', days: 8, makeUpWorkdays: ['2025-09-28', '2025-10-11'] },
    ],
  },
  {
    year: 2026,
    // Issued 2025-11-04 and released by Xinhua the same day; the 国办发明电 number was not
    // printed in the released text, so it is not quoted here.
    source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电，2025年11月4日，新华社受权发布）',
    issued: '2025-11-04',
    arrangements: [
      // 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
      { name: '元旦', from: '2026-01-01', to: '2026-01-03', days: 3, makeUpWorkdays: ['2026-01-04'] },
      // 二、春节：2月15日（腊月二十八、周日）至23日（正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
      { name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9, makeUpWorkdays: ['2026-02-14', '2026-02-28'] },
      // 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
      { name: '清明节', from: '2026-04-04', to: '2026-04-06', days: 3, makeUpWorkdays: [] },
      // 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05', days: 5, makeUpWorkdays: ['2026-05-09'] },
      // 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
      { name: '端午节', from: '2026-06-19', to: '2026-06-21', days: 3, makeUpWorkdays: [] },
      // 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27', days: 3, makeUpWorkdays: [] },
      // 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07', days: 7, makeUpWorkdays: ['2026-09-20', '2026-10-10'] },
    ],
  },
];

/**
 * One `HolidayEntry` per day off and per make-up workday of a year's table. Throws when a
 * range does not span the number of days the notice states (a typing error in the table).
 */
export function expandHolidayTable(table: HolidayYearTable): HolidayEntry[] {
  const out: HolidayEntry[] = [];
  for (const a of table.arrangements) {
    const span = daysBetween(a.from, a.to) + 1;
    if (span !== a.days) {
      throw new Error(`holiday table ${table.year} ${a.name}: ${a.from}–${a.to} is ${span} days, the notice says ${a.days}`);
    }
    for (let d = a.from; d <= a.to; d = addDays(d, 1)) out.push({ date: d, kind: 'holiday', name: a.name });
    for (const w of a.makeUpWorkdays) out.push({ date: w, kind: 'workday', name: `${a.name}调休上班` });
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : 1));
}

/** Every day of the shipped tables (2025 and 2026). */
export const CHINA_HOLIDAY_ENTRIES: readonly HolidayEntry[] = CHINA_HOLIDAY_TABLES.flatMap(expandHolidayTable);

/** A fresh calendar loaded with the shipped official arrangements. */
export function chinaWorkingDayCalendar(options?: WorkingDayCalendarOptions): WorkingDayCalendar {
  return new WorkingDayCalendar(CHINA_HOLIDAY_ENTRIES, options);
}
