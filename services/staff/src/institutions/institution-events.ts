import { shanghaiToday } from '@shanyu/common';
import { type EventEnvelope, institutionOf } from '@shanyu/contracts';
import type { Outbox } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { table } from '../sql.js';
import { InstitutionReplica } from './institution-replica.entity.js';
import { recordEnrolment } from './institutions.js';

/**
 * Keeps the institution replica (and the registered places, the enrolment used for ratios until
 * the subsidy service reports rosters) in step with the registry's events. Any event of the
 * filter that carries the institution (institutionOf) updates the copy; a copy made
 * from a newer version of the record is never overwritten by an older one.
 */
export class InstitutionEventsHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly ratios: RatioMonitor,
  ) {}

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const view = institutionOf(event);
    if (!view?.id || typeof view.version !== 'number') return;
    const changed: unknown[] = await manager.query(
      `INSERT INTO ${table(manager, 'institution_replica')} AS r (id, name, division_code, owner_user_id, status, places, source_version)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, division_code = EXCLUDED.division_code, owner_user_id = EXCLUDED.owner_user_id,
         status = EXCLUDED.status, places = EXCLUDED.places, source_version = EXCLUDED.source_version, updated_at = now()
       WHERE r.source_version <= EXCLUDED.source_version
       RETURNING id`,
      [view.id, view.name, view.divisionCode, view.ownerUserId ?? null, view.status, JSON.stringify(view.places), view.version],
    );
    if (changed.length === 0) return;
    const asOf = shanghaiToday(new Date(event.occurredAt));
    await recordEnrolment(manager, view.id, 'registered_places', { ...view.places }, asOf);
    const replica = await manager.getRepository(InstitutionReplica).findOneByOrFail({ id: view.id });
    await this.ratios.evaluate(manager, { publish: (e) => this.outbox.append(manager, e) }, replica, event.actor);
  }
}
