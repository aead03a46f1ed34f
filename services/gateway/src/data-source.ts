import { createServiceDataSource } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import { UserAccount } from './accounts/user-account.entity.js';
import { UserAccounts1763800000200 } from './migrations/1763800000200-user-accounts.js';
import { CalendarYears1763800000300 } from './migrations/1763800000300-calendar-years.js';
import { AuthLimits1763800000600 } from './migrations/1763800000600-auth-limits.js';
import { CalendarYear } from './calendar/calendar-year.entity.js';
import { EvidenceRecord } from './evidence/evidence.entity.js';
import { Evidence1763800000900 } from './migrations/1763800000900-evidence.js';
import { ApiClient, ApiClientSecret } from './api-clients/api-client.entity.js';
import { ApiClients1763800001100 } from './migrations/1763800001100-api-clients.js';
import { LoginFailureSettled1763800001200 } from './migrations/1763800001200-login-failure-settled.js';

export function gatewayDataSource(url: string, schema = 'gateway') {
  return createServiceDataSource({
    url,
    schema,
    entities: [UserAccount, CalendarYear, EvidenceRecord, ApiClient, ApiClientSecret],
    migrations: [
      UserAccounts1763800000200,
      CalendarYears1763800000300,
      AuthLimits1763800000600,
      Evidence1763800000900,
      ApiClients1763800001100,
      LoginFailureSettled1763800001200,
    ],
    poolSize: 5,
  });
}

/** Resolves once the database answers (the health check). */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}
