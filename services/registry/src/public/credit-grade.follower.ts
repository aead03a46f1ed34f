import { CREDIT_GRADES, type CreditEvt, type EventOf } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';

/**
 * Keeps the grade the public register shows (公示 信用等级) in step with the credit service, which
 * owns it: each evt.credit.grade.changed.v1 sets `credit_grade` of the institution, unless a newer
 * change was already applied (redeliveries and reordering are harmless). An event without an
 * institution id or a grade throws: the consumer retries it, then dead-letters it.
 */
export class CreditGradeFollower {
  async follow(event: EventOf<typeof CreditEvt.gradeChanged>, manager: EntityManager): Promise<void> {
    // Typed by the contract, checked all the same: a malformed event is retried, then dead-lettered.
    const data = event.data ?? {};
    const grade = data.to;
    if (typeof data.institutionId !== 'string' || !CREDIT_GRADES.includes(grade) || Number.isNaN(Date.parse(event.occurredAt))) {
      throw new Error(`${event.subject} ${event.eventId}: institutionId, to (A–D) and occurredAt are required`);
    }
    const table = manager.getRepository(Institution).metadata.tablePath;
    await manager.query(
      `UPDATE ${table} SET credit_grade = $2, credit_grade_at = $3 WHERE id = $1 AND (credit_grade_at IS NULL OR credit_grade_at <= $3)`,
      [data.institutionId, grade, event.occurredAt],
    );
  }
}
