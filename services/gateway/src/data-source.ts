import { createServiceDataSource } from '@shanyu/persistence';
import { UserAccount } from './accounts/user-account.entity.js';
import { UserAccounts1763800000200 } from './migrations/1763800000200-user-accounts.js';
import { CalendarYears1763800000300 } from './migrations/1763800000300-calendar-years.js';
import { AuthLimits1763800000600 } from './migrations/1763800000600-auth-limits.js';
import { CalendarYear } from './calendar/calendar-year.entity.js';
import { EvidenceRecord } from './evidence/evidence.entity.js';
import { Evidence1763800000900 } from './migrations/1763800000900-evidence.js';

export function gatewayDataSource(url: string, schema = 'gateway') {
  return createServiceDataSource({ url, schema, entities: [UserAccount, CalendarYear, EvidenceRecord], migrations: [UserAccounts1763800000200, CalendarYears1763800000300, AuthLimits1763800000600, Evidence1763800000900], poolSize: 5 });
}
