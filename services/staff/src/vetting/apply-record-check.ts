import { randomUUID } from 'node:crypto';
import { type Actor, addMonthsToDate, type IsoDate, maskName } from '@shanyu/common';
import { StaffEvt } from '@shanyu/contracts';
import type { Transaction } from '@shanyu/messaging';
import { EmploymentRepository } from '../employments/employment.repository.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { Person } from '../people/person.entity.js';
import type { StaffRuleBook } from '../rules/staff-rules.js';
import { type RecordCheck, VettingAttempt } from './vetting.entities.js';
import { VettingRepository } from './vetting.repository.js';

/**
 * What a new criminal-record query result means for the person's current employments:
 * no record (and recent) clears pending vetting; a record rejects every current employment,
 * flags it and tells each institution's supervisors (evt.staff.vetting.rejected.v1).
 * A ban decides more than a query: an employment rejected for a ban stays rejected.
 */
export async function applyRecordCheck(
  tx: Transaction,
  person: Person,
  check: RecordCheck,
  actor: Actor,
  today: IsoDate,
  book: StaffRuleBook,
): Promise<string[]> {
  const { manager } = tx;
  const employments = new EmploymentRepository(manager);
  const vetting = new VettingRepository(manager);
  const current = await employments.currentOfPerson(person.id);
  const divisionOf = new Map(
    (await new InstitutionRepository(manager).byIds([...new Set(current.map((e) => e.institutionId))])).map((i) => [i.id, i.divisionCode]),
  );
  const affected: string[] = [];
  for (const employment of current) {
    if (employment.vettingReason === 'BANNED') continue;
    // The re-check interval and refusals of the institution's division (national ones where it has none of its own).
    const rules = book.for(divisionOf.get(employment.institutionId) ?? '000000', today);
    const intervalMonths = rules.recheck.intervalMonths;
    if (check.result === 'no_record') {
      if (employment.vettingStatus !== 'pending' || addMonthsToDate(check.checkedOn, intervalMonths) < today) continue;
      await employments.setVetting(employment.id, 'cleared', null, check.id);
      affected.push(employment.id);
      continue;
    }
    if (!rules.vetting.refuseCriminalRecord) continue;
    await employments.setVetting(employment.id, 'rejected', 'CRIMINAL_RECORD', check.id);
    await vetting.flag(employment.id, 'criminal_record', check.id);
    const attempt = Object.assign(new VettingAttempt(), {
      id: randomUUID(),
      personId: person.id,
      institutionId: employment.institutionId,
      employmentId: employment.id,
      role: employment.role,
      outcome: 'rejected',
      reason: 'CRIMINAL_RECORD',
      refId: check.id,
      actorDepartment: actor.department,
      actorUser: actor.userId,
    });
    await vetting.insertAttempt(attempt);
    // The event must name the division: without the copy of the register the whole result is refused (INSTITUTION_NOT_FOUND), to be entered again.
    const institution = await institutionOrThrow(manager, employment.institutionId);
    await tx.publish(StaffEvt.vettingRejected, {
      actor,
      entityId: attempt.id,
      data: {
        institutionId: employment.institutionId,
        divisionCode: institution.divisionCode,
        ownerUserId: institution.ownerUserId,
        attemptId: attempt.id,
        staffId: employment.id,
        reason: 'CRIMINAL_RECORD',
        refId: check.id,
        nameMasked: maskName(employment.name),
        idNumberMasked: person.idMasked,
        role: employment.role,
      },
    });
    affected.push(employment.id);
  }
  return affected;
}
