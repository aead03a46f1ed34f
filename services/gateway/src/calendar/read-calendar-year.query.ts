import { CHINA_HOLIDAY_ENTRIES, type HolidayEntry, WorkingDayCalendar } from '@shanyu/common';
import type { CalendarYearView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { CalendarYearRepository } from './calendar-year.repository.js';

export function describeYear(year: number, origin: CalendarYearView['origin'], source: string | null, entries: HolidayEntry[]): CalendarYearView {
  const calendar = entries.length ? new WorkingDayCalendar(entries) : new WorkingDayCalendar();
  return {
    year,
    origin,
    source,
    entries: [...entries].sort((a, b) => a.date.localeCompare(b.date)),
    workingDays: calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`),
  };
}

/** The year as the platform counts it: the admin-loaded table, else the built-in one. */
export class ReadCalendarYear {
  constructor(private readonly dataSource: DataSource) {}

  async execute(year: number): Promise<CalendarYearView> {
    const loaded = await new CalendarYearRepository(this.dataSource.manager).byYear(year);
    if (loaded) return describeYear(year, 'loaded', loaded.source, loaded.entries);
    const builtIn = CHINA_HOLIDAY_ENTRIES.filter((e) => e.date.startsWith(`${year}-`));
    return builtIn.length
      ? describeYear(year, 'built-in', '国务院办公厅部分节假日安排的通知 (libs/common/src/holidays.ts)', builtIn)
      : describeYear(year, 'none', null, []);
  }
}
