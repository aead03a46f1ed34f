import { shanghaiToday } from '@shanyu/common';
import { type EventEnvelope, institutionOf } from '@shanyu/contracts';
import type { Outbox } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { schemaTable, upsertNewerVersion } from '@shanyu/persistence';
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
    const changed = await upsertNewerVersion(manager, schemaTable(manager, 'institution_replica'), {
      id: view.id, name: view.name, division_code: view.divisionCode, owner_user_id: view.ownerUserId ?? null, status: view.status,
      places: JSON.stringify(view.places), source_version: view.version,
    });
    if (!changed) return;
    const asOf = shanghaiToday(new Date(event.occurredAt));
    await recordEnrolment(manager, view.id, 'registered_places', { ...view.places }, asOf);
    const replica = await manager.getRepository(InstitutionReplica).findOneByOrFail({ id: view.id });
    await this.ratios.evaluate(manager, { publish: (e) => this.outbox.append(manager, e) }, replica, event.actor);
  }
}
