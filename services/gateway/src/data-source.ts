import { createServiceDataSource } from '@shanyu/persistence';
import { UserAccount } from './accounts/user-account.entity.js';
import { UserAccounts1763800000200 } from './migrations/1763800000200-user-accounts.js';
import { CalendarYears1763800000300 } from './migrations/1763800000300-calendar-years.js';
import { CalendarYear } from './calendar/calendar-year.entity.js';

export function gatewayDataSource(url: string, schema = 'gateway') {
  return createServiceDataSource({ url, schema, entities: [UserAccount, CalendarYear], migrations: [UserAccounts1763800000200, CalendarYears1763800000300], poolSize: 5 });
}
