import { createServiceDataSource } from '@shanyu/persistence';
import { Credit1764000000100 } from './migrations/1764000000100-credit.js';
import { CreditListing1764000000200 } from './migrations/1764000000200-credit-listing.js';
import { ParkedEvents1764000000300 } from './migrations/1764000000300-parked-events.js';
import { RuleDocuments1764000000400 } from './migrations/1764000000400-rule-documents.js';

/** The credit service works in raw SQL on its own schema: no entities beyond the shared outbox, inbox and audit log. */
export const CREDIT_MIGRATIONS = [Credit1764000000100, CreditListing1764000000200, ParkedEvents1764000000300, RuleDocuments1764000000400];

export function creditDataSource(url: string, schema = 'credit') {
  return createServiceDataSource({ url, schema, entities: [], migrations: CREDIT_MIGRATIONS });
}
