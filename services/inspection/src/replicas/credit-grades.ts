import { CREDIT_GRADES, type CreditEvt, type CreditGrade, type EventOf } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { schemaTable } from '@shanyu/persistence';

/** Until the credit service grades an institution, it counts as B (good standing, no abbreviation). */
export const DEFAULT_GRADE: CreditGrade = 'B';

/** Follows evt.credit.grade.changed.v1 `{institutionId, grade}` into `institution_grade`; later events win. */
export async function followCreditEvent(event: EventOf<typeof CreditEvt.gradeChanged>, manager: EntityManager): Promise<void> {
  const { data } = event;
  // Typed by the contract; a malformed event from elsewhere is still ignored.
  if (!data?.institutionId || !CREDIT_GRADES.includes(data.grade)) return;
  await manager.query(
    `INSERT INTO ${schemaTable(manager, 'institution_grade')} AS g (institution_id, grade, changed_at, event_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (institution_id) DO UPDATE SET grade = EXCLUDED.grade, changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id
     WHERE g.changed_at <= EXCLUDED.changed_at`,
    [data.institutionId, data.grade, event.occurredAt, event.eventId],
  );
}

/** Grades of the given institutions (B where none is known). */
export async function gradesOf(manager: EntityManager, institutionIds: string[]): Promise<Map<string, CreditGrade>> {
  const grades = new Map<string, CreditGrade>(institutionIds.map((id) => [id, DEFAULT_GRADE]));
  if (institutionIds.length === 0) return grades;
  const rows: { institution_id: string; grade: CreditGrade }[] = await manager.query(
    `SELECT institution_id, grade FROM ${schemaTable(manager, 'institution_grade')} WHERE institution_id = ANY($1::uuid[])`,
    [institutionIds],
  );
  for (const row of rows) grades.set(row.institution_id, row.grade);
  return grades;
}
