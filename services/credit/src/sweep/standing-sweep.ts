import type { IsoDate } from '@shanyu/common';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { StandingRepository } from '../ledger/standing.repository.js';
import type { Standings } from '../ledger/standings.js';

/**
 * Time moves grades without any event: a decayed finding, a D trigger that ends, a new model
 * version taking effect. Once a day every standing not yet computed for the day is recomputed
 * from the ledger (each in its own transaction); a change publishes evt.credit.grade.changed.v1.
 */
export class StandingSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly standings: Standings,
  ) {}

  /** Recomputes the stale standings at `today`; returns how many were recomputed and how many changed grade. */
  async run(today: IsoDate, batchSize = 500): Promise<{ recomputed: number; changed: number }> {
    let recomputed = 0;
    let changed = 0;
    for (;;) {
      const stale = await new StandingRepository(this.dataSource).stale(today, batchSize);
      if (stale.length === 0) break;
      for (const id of stale) {
        const result = await this.uow.run((tx) =>
          this.standings.refresh(tx.manager, id, today, { publish: (e) => tx.publish(e), audit: (entry) => tx.audit(entry) }, `daily recomputation ${today}`),
        );
        recomputed++;
        if (result?.changed) changed++;
      }
    }
    return { recomputed, changed };
  }
}
