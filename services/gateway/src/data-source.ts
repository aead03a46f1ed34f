import { createServiceDataSource } from '@shanyu/persistence';
import { UserAccount } from './accounts/user-account.entity.js';
import { UserAccounts1763800000200 } from './migrations/1763800000200-user-accounts.js';

export function gatewayDataSource(url: string, schema = 'gateway') {
  return createServiceDataSource({ url, schema, entities: [UserAccount], migrations: [UserAccounts1763800000200], poolSize: 5 });
}
