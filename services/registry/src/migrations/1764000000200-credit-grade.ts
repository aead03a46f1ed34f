import { SchemaMigration } from '@shanyu/persistence';

/**
 * The public register shows each institution's credit grade (公示), followed from the credit
 * service's evt.credit.grade.changed.v1 (public/credit-grade.follower.ts). Null until the credit
 * service first changes it: every institution starts at its model's start grade (B).
 */
export class CreditGrade1764000000200 extends SchemaMigration {
  name = 'CreditGrade1764000000200';

  protected readonly upSteps = [
    `ALTER TABLE institution ADD COLUMN credit_grade char(1) CHECK (credit_grade IN ('A', 'B', 'C', 'D'))`,
    // When the credit service decided it (the event's occurredAt): an older event never overwrites a newer grade.
    `ALTER TABLE institution ADD COLUMN credit_grade_at timestamptz`,
  ];

  protected readonly downSteps = [`ALTER TABLE institution DROP COLUMN credit_grade_at`, `ALTER TABLE institution DROP COLUMN credit_grade`];
}
