import { type Actor, DomainError, WorkingDayCalendar } from '@shanyu/common';
import { type CalendarYearView, type LoadCalendarYearBody, PlatformEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { CalendarYearRepository } from './calendar-year.repository.js';
import { describeYear } from './read-calendar-year.query.js';

/**
 * An admin loads next year's holiday arrangement (published each November by the State
 * Council). The table is checked as a whole, stored, audited and announced as an event so
 * services that count working days (filing within 5, rectification deadlines) follow it.
 */
export class LoadCalendarYear {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async execute(year: number, body: LoadCalendarYearBody, actor: Actor, requestId?: string): Promise<CalendarYearView> {
    const entries = body.entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name.trim() }));
    const outside = entries.map((e, i) => ({ e, i })).filter(({ e }) => !e.date.startsWith(`${year}-`));
    if (outside.length) {
      throw DomainError.validation(
        outside.map(({ e, i }) => ({ field: `entries[${i}].date`, code: 'HOLIDAY_WRONG_YEAR', message: `日期 ${e.date} 不在 ${year} 年` })),
      );
    }
    new WorkingDayCalendar().loadEntries(entries); // throws VALIDATION naming each bad entry
    return this.unitOfWork.run(async (tx) => {
      const years = new CalendarYearRepository(tx.manager);
      const before = await years.byYear(year);
      await years.save({ year, source: body.source, entries, loadedBy: actor.userId, loadedAt: new Date() });
      await tx.publish(PlatformEvt.calendarYearLoaded, { actor, entityId: String(year), data: { year, source: body.source, entries } });
      await tx.audit({
        actor,
        action: 'calendar.load',
        entity: 'calendar_year',
        entityId: String(year),
        before: before ?? null,
        after: { source: body.source, entries },
        requestId,
      });
      return describeYear(year, 'loaded', body.source, entries);
    });
  }
}
