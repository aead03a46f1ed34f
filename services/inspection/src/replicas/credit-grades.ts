import { CREDIT_GRADES, type CreditEvt, type CreditGrade, type EventOf } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { InstitutionRepository } from './institution.repository.js';

/** Until the credit service grades an institution, it counts as B (good standing, no abbreviation). */
export const DEFAULT_GRADE: CreditGrade = 'B';

/** Follows evt.credit.grade.changed.v1 `{institutionId, grade}` into `institution_grade`; later events win. */
export async function followCreditEvent(event: EventOf<typeof CreditEvt.gradeChanged>, manager: EntityManager): Promise<void> {
  const { data } = event;
  // Typed by the contract; a malformed event from elsewhere is still ignored.
  if (!data?.institutionId || !CREDIT_GRADES.includes(data.grade)) return;
  await new InstitutionRepository(manager).recordGrade(data.institutionId, data.grade, event.occurredAt, event.eventId);
}

/** Grades of the given institutions (B where none is known). */
export async function gradesOf(institutions: InstitutionRepository, institutionIds: string[]): Promise<Map<string, CreditGrade>> {
  const known = await institutions.knownGrades(institutionIds);
  return new Map(institutionIds.map((id) => [id, known.get(id) ?? DEFAULT_GRADE]));
}
