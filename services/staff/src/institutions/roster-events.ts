import { isMonth } from '@shanyu/common';
import { CLASS_TYPES, type ClassType, type EventEnvelope } from '@shanyu/contracts';
import type { Outbox } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { EnrolmentRepository } from './enrolment.repository.js';
import { InstitutionRepository } from './institution.repository.js';
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
    const held = await new EnrolmentRepository(manager).latestRosterOn(roster.institutionId);
    if (held && held > asOf) return;
    await recordEnrolment(manager, roster.institutionId, 'roster', roster.byClass, asOf);
    const replica = await new InstitutionRepository(manager).byId(roster.institutionId);
    if (replica) await this.ratios.evaluate(manager, { publish: (e) => this.outbox.append(manager, e) }, replica, event.actor);
  }
}
