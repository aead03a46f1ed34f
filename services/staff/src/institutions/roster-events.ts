import { isMonth } from '@shanyu/common';
import { CLASS_TYPES, type ClassType, type EventEnvelope } from '@shanyu/contracts';
import type { Outbox } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { schemaTable } from '@shanyu/persistence';
import { InstitutionReplica } from './institution-replica.entity.js';
import { recordEnrolment } from './institutions.js';

/** The subsidy service's monthly rosters (收托名册): children actually enrolled, per class type. */
export const ROSTER_SUBMITTED = 'evt.subsidy.roster.submitted.v1';

/** The part of evt.subsidy.roster.submitted.v1 the ratios need, read by shape. */
interface RosterData {
  institutionId: string;
  month: string;
  byClass: Record<ClassType, number>;
}

function rosterData(data: unknown): RosterData {
  const d = data as Partial<RosterData> | null;
  const byClass = d?.byClass as Record<string, unknown> | undefined;
  const counts = byClass && CLASS_TYPES.every((c) => byClass[c] === undefined || (Number.isInteger(byClass[c]) && (byClass[c] as number) >= 0));
  if (!d || typeof d.institutionId !== 'string' || !isMonth(d.month) || !counts) {
    throw new Error('evt.subsidy.roster.submitted.v1 without institutionId, month (YYYY-MM) and byClass counts');
  }
  return d as RosterData;
}

/**
 * From the first roster on, an institution's ratios follow the children enrolled (the latest
 * month reported) instead of its registered places. A roster for an earlier month than the one
 * held arrives late and is ignored.
 */
export class RosterEventsHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly ratios: RatioMonitor,
  ) {}

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (event.subject !== ROSTER_SUBMITTED) return;
    const roster = rosterData(event.data);
    const asOf = `${roster.month}-01`;
    const [held]: { as_of: string | null }[] = await manager.query(
      `SELECT max(as_of)::text AS as_of FROM ${schemaTable(manager, 'enrolment')} WHERE institution_id = $1 AND source = 'roster'`,
      [roster.institutionId],
    );
    if (held?.as_of && held.as_of > asOf) return;
    await recordEnrolment(manager, roster.institutionId, 'roster', roster.byClass, asOf);
    const replica = await manager.getRepository(InstitutionReplica).findOneBy({ id: roster.institutionId });
    if (replica) await this.ratios.evaluate(manager, { publish: (e) => this.outbox.append(manager, e) }, replica, event.actor);
  }
}
