import { type EventEnvelope, institutionOf } from '@shanyu/contracts';
import type { Db } from '@shanyu/persistence';
import { StandingRepository } from '../ledger/standing.repository.js';
import { InstitutionRepository } from './institution.repository.js';

/**
 * What the credit service knows about institutions, copied from the registry's events (never its
 * tables): name, division (lists, scope checks), operator account (own grade), status (public side).
 */
export class InstitutionReplica {
  /** Any registry event that carries the institution (institutionOf) updates the copy; an older version never overwrites a newer one. */
  async follow(db: Db, event: EventEnvelope): Promise<boolean> {
    const view = institutionOf(event);
    if (!view?.id || typeof view.version !== 'number' || typeof view.divisionCode !== 'string') return false;
    const changed = await new InstitutionRepository(db).save(
      { id: view.id, name: view.name, divisionCode: view.divisionCode, ownerUserId: view.ownerUserId ?? null, status: view.status },
      view.version,
    );
    if (!changed) return false;
    // A move to another division moves the standing with it (lists are by division).
    await new StandingRepository(db).moveToDivision(view.id, view.divisionCode);
    return true;
  }
}
