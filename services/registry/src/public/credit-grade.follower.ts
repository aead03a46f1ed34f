import { CREDIT_LEVELS, type CreditLevel, type EventEnvelope, type GradeChangedData } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';

/**
 * Keeps the grade the public register shows (公示 信用等级) in step with the credit service, which
 * owns it: each evt.credit.grade.changed.v1 sets `credit_grade` of the institution, unless a newer
 * change was already applied (redeliveries and reordering are harmless). An event without an
 * institution id or a grade throws: the consumer retries it, then dead-letters it.
 */
export class CreditGradeFollower {
  async follow(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const data = (event.data ?? {}) as Partial<GradeChangedData>;
    const grade = data.to as CreditLevel | undefined;
    if (typeof data.institutionId !== 'string' || !grade || !CREDIT_LEVELS.includes(grade) || Number.isNaN(Date.parse(event.occurredAt))) {
      throw new Error(`${event.subject} ${event.eventId}: institutionId, to (A–D) and occurredAt are required`);
    }
    const table = manager.getRepository(Institution).metadata.tablePath;
    await manager.query(
      `UPDATE ${table} SET credit_grade = $2, credit_grade_at = $3 WHERE id = $1 AND (credit_grade_at IS NULL OR credit_grade_at <= $3)`,
      [data.institutionId, grade, event.occurredAt],
    );
  }
}
