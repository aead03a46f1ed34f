import { schemaTable } from '@shanyu/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** All table names of the service, qualified, for queries that use several. */
export function tables(db: EntityManager | DataSource) {
  const t = (name: string) => schemaTable(db, name);
  return {
    institution: t('institution_replica'),
    fact: t('institution_fact'),
    finding: t('finding_replica'),
    listing: t('listing_replica'),
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

/** A repository of the service: the manager it queries through (a transaction's, where there is one) and the qualified table names. */
export abstract class SqlRepository {
  protected readonly t: ReturnType<typeof tables>;

  constructor(protected readonly manager: EntityManager) {
    this.t = tables(manager);
  }
}
