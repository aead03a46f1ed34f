import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { type AnyEventDef, defineEvent, Nullable, StringEnum, subjectsOf } from '../contract.js';
import { IsIsoDate, ListOf } from '../validators.js';
import { TokenRevokedData } from './auth.contracts.js';

@JSONSchema({ description: 'One day of the State Council holiday arrangement (国务院办公厅部分节假日安排的通知)' })
export class HolidayEntryInput {
  @JSONSchema({ example: '2027-02-06' })
  @IsIsoDate()
  date: string;

  @JSONSchema({ description: 'holiday = 放假 (rest, even on a weekday); workday = 调休上班 (work, even on a weekend)' })
  @IsIn(['holiday', 'workday'])
  kind: 'holiday' | 'workday';

  @JSONSchema({ example: '春节' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;
}

@JSONSchema({ description: 'Load (replace) one year of the working-day calendar' })
export class LoadCalendarYearBody {
  @JSONSchema({ description: 'Document the table comes from', example: '国办发明电〔2026〕7号' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  source: string;

  @ListOf(() => HolidayEntryInput, { min: 1, max: 120 })
  entries: HolidayEntryInput[];
}

export class CalendarYearParams {
  @Matches(/^20\d{2}$/, { message: '年份必须是 2000–2099 的四位数字' })
  year: string;
}

const HolidayEntry = t.Object({
  date: t.String({ format: 'date' }),
  kind: StringEnum(['holiday', 'workday'], { description: 'holiday = 放假 (rest, even on a weekday); workday = 调休上班 (work, even on a weekend)' }),
  name: t.String(),
});

export const CalendarYearView = t.Object(
  {
    year: t.Integer(),
    origin: StringEnum(['loaded', 'built-in', 'none'], {
      description: '`loaded` by an admin through the API, or the `built-in` table shipped with the platform',
    }),
    source: Nullable(t.String()),
    entries: t.Array(HolidayEntry),
    workingDays: t.Integer({ description: 'working days in the year' }),
  },
  { $id: 'CalendarYearView' },
);
export type CalendarYearView = Static<typeof CalendarYearView>;

export const CalendarYearLoadedData = t.Object(
  {
    year: t.Integer(),
    source: t.String(),
    entries: t.Array(HolidayEntry),
  },
  { $id: 'CalendarYearLoadedData' },
);
export type CalendarYearLoadedData = Static<typeof CalendarYearLoadedData>;

/** Events of the platform itself (the gateway publishes them). */
export const PlatformEvt = {
  calendarYearLoaded: defineEvent({
    subject: 'evt.gateway.calendar.loaded',
    version: 1,
    summary: 'An admin loaded a year of the working-day calendar (holidays and make-up workdays)',
    data: CalendarYearLoadedData,
  }),
  tokenRevoked: defineEvent({
    subject: 'evt.gateway.token.revoked',
    version: 1,
    summary:
      'A person or department system logged out: its access token (by jti) is refused from now on. Every gateway replica ' +
      'receives it as published (core subscription) and keeps revoked tokens in memory',
    data: TokenRevokedData,
  }),
};
export const PlatformEvents = subjectsOf(PlatformEvt);
export const PLATFORM_EVENTS: readonly AnyEventDef[] = Object.values(PlatformEvt);
