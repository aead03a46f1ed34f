import { shanghaiToday } from '@shanyu/common';
import { type EventEnvelope, institutionOf } from '@shanyu/contracts';
import type { Outbox } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { InstitutionRepository } from './institution.repository.js';
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
    const institutions = new InstitutionRepository(manager);
    const changed = await institutions.follow({
      id: view.id,
      name: view.name,
      divisionCode: view.divisionCode,
      ownerUserId: view.ownerUserId ?? null,
      status: view.status,
      places: view.places,
      operatorType: view.operatorType ?? null,
      sourceVersion: view.version,
    });
    if (!changed) return;
    const asOf = shanghaiToday(new Date(event.occurredAt));
    await recordEnrolment(manager, view.id, 'registered_places', { ...view.places }, asOf);
    const replica = await institutions.byIdOrFail(view.id);
    await this.ratios.evaluate(manager, { publish: (e) => this.outbox.append(manager, e) }, replica, event.actor);
  }
}
