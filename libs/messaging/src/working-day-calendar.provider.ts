import { chinaWorkingDayCalendar, type HolidayEntry, type WorkingDayCalendar } from '@shanyu/common';
import type { EventOf, PlatformEvt } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The working-day calendar deadlines are counted on: the built-in State Council tables plus
 * every year an admin loaded (followed from `evt.gateway.calendar.loaded.v1` into this
 * service's own `calendar_year` table).
 */
export class WorkingDayCalendarProvider {
  constructor(private readonly dataSource: DataSource) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<WorkingDayCalendar> {
    const calendar = chinaWorkingDayCalendar();
    const years: { entries: HolidayEntry[] }[] = await manager.query(`SELECT entries FROM ${this.table()} ORDER BY year`);
    for (const year of years) calendar.loadEntries(year.entries);
    return calendar;
  }

  /** Event handler: stores a loaded year (the inbox makes a redelivery harmless). */
  async follow(event: EventOf<typeof PlatformEvt.calendarYearLoaded>, manager: EntityManager): Promise<void> {
    const { data } = event;
    await manager.query(
      `INSERT INTO ${this.table()} (year, source, entries, loaded_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, entries = EXCLUDED.entries, loaded_at = EXCLUDED.loaded_at
       WHERE ${this.table()}.loaded_at <= EXCLUDED.loaded_at`,
      [data.year, data.source, JSON.stringify(data.entries), event.occurredAt],
    );
  }

  private table(): string {
    const schema = (this.dataSource.options as { schema: string }).schema;
    return `"${schema}".calendar_year`;
  }
}
