import { createServiceDataSource } from '@shanyu/persistence';
import { Subsidy1764000000100 } from './migrations/1764000000100-subsidy.js';
import { RunLineIndexes1764000000200 } from './migrations/1764000000200-run-line-indexes.js';
import { ReplicaDates1765100000100 } from './migrations/1765100000100-replica-dates.js';
import { SeriousListings1765200000100 } from './migrations/1765200000100-serious-listings.js';
import { RunLineWithoutForeignKey1765300000100 } from './migrations/1765300000100-run-line-without-foreign-key.js';

// The subsidy service works in set-based SQL (rosters, runs and lines are bulk data): no entities.
export const SUBSIDY_MIGRATIONS = [
  Subsidy1764000000100,
  RunLineIndexes1764000000200,
  ReplicaDates1765100000100,
  SeriousListings1765200000100,
  RunLineWithoutForeignKey1765300000100,
];

export function subsidyDataSource(url: string, schema = 'subsidy') {
  return createServiceDataSource({ url, schema, entities: [], migrations: SUBSIDY_MIGRATIONS });
}
