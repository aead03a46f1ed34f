import type { EntityManager } from 'typeorm';
import { CalendarYear } from './calendar-year.entity.js';

/** The working-day calendar years loaded by an admin (calendar_year). */
export class CalendarYearRepository {
  constructor(private readonly manager: EntityManager) {}

  byYear(year: number): Promise<CalendarYear | null> {
    return this.manager.findOneBy(CalendarYear, { year });
  }

  /** Stores the year, replacing what was loaded for it before. */
  async save(year: CalendarYear): Promise<void> {
    await this.manager.save(CalendarYear, year);
  }
}
