import { randomUUID } from 'node:crypto';
import { type Actor, addMonthsToDate, type IsoDate, maskName } from '@shanyu/common';
import { StaffEvt } from '@shanyu/contracts';
import type { Transaction } from '@shanyu/messaging';
import { Employment } from '../employments/employment.entity.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { Person } from '../people/person.entity.js';
import type { RecordCheck } from './vetting.entities.js';
import { StaffFlag, VettingAttempt } from './vetting.entities.js';

/**
 * What a new criminal-record query result means for the person's current employments:
 * no record (and recent) clears pending vetting; a record rejects every current employment,
 * flags it and tells each institution's supervisors (evt.staff.vetting.rejected.v1).
 * A ban decides more than a query: an employment rejected for a ban stays rejected.
 */
export async function applyRecordCheck(tx: Transaction, person: Person, check: RecordCheck, actor: Actor, today: IsoDate, intervalMonths: number): Promise<string[]> {
  const { manager } = tx;
  const repo = manager.getRepository(Employment);
  const current = await repo.createQueryBuilder('e').where('e.person_id = :p AND e.end_date IS NULL', { p: person.id }).orderBy('e.created_at').getMany();
  const affected: string[] = [];
  for (const employment of current) {
    if (employment.vettingReason === 'BANNED') continue;
    if (check.result === 'no_record') {
      if (employment.vettingStatus !== 'pending' || addMonthsToDate(check.checkedOn, intervalMonths) < today) continue;
      await repo.update({ id: employment.id }, { vettingStatus: 'cleared', vettingReason: null, vettingRef: check.id });
      affected.push(employment.id);
      continue;
    }
    await repo.update({ id: employment.id }, { vettingStatus: 'rejected', vettingReason: 'CRIMINAL_RECORD', vettingRef: check.id });
    await manager.createQueryBuilder().insert().into(StaffFlag).values({ id: randomUUID(), employmentId: employment.id, kind: 'criminal_record', refId: check.id }).orIgnore().execute();
    const attempt = manager.getRepository(VettingAttempt).create({
      id: randomUUID(), personId: person.id, institutionId: employment.institutionId, employmentId: employment.id, role: employment.role,
      outcome: 'rejected', reason: 'CRIMINAL_RECORD', refId: check.id, actorDepartment: actor.department, actorUser: actor.userId,
    });
    await manager.getRepository(VettingAttempt).insert(attempt);
    // The event must name the division: without the copy of the register the whole result is refused (INSTITUTION_NOT_FOUND), to be entered again.
    const institution = await institutionOrThrow(manager, employment.institutionId);
    await tx.publish(StaffEvt.vettingRejected, {
      actor, entityId: attempt.id,
      data: {
        institutionId: employment.institutionId, divisionCode: institution.divisionCode, ownerUserId: institution.ownerUserId,
        attemptId: attempt.id, staffId: employment.id, reason: 'CRIMINAL_RECORD', refId: check.id,
        nameMasked: maskName(employment.name), idNumberMasked: person.idMasked, role: employment.role,
      },
    });
    affected.push(employment.id);
  }
  return affected;
}
