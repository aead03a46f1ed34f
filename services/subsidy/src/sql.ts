import { schemaTable } from '@shanyu/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** All table names of the service, qualified, for queries that use several. */
export function tables(db: EntityManager | DataSource) {
  const t = (name: string) => schemaTable(db, name);
  return {
    institution: t('institution_replica'),
    fact: t('institution_fact'),
    finding: t('finding_replica'),
    roster: t('roster'),
    entry: t('roster_entry'),
    policy: t('policy_version'),
    run: t('run'),
    approval: t('run_approval'),
    line: t('run_line'),
    recalc: t('recalc_request'),
    ledger: t('ledger_entry'),
    duplicate: t('duplicate_claim'),
  };
}

/**
 * Runs an `UPDATE … RETURNING` and gives back its rows. (TypeORM answers a raw UPDATE with
 * `[rows, count]` rather than the rows; wrapped in a CTE it is a SELECT and answers with rows.)
 */
export function updateReturning<T>(db: EntityManager | DataSource, statement: string, params: unknown[]): Promise<T[]> {
  return db.query(`WITH changed AS (${statement}) SELECT * FROM changed`, params);
}
