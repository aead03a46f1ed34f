import { SchemaMigration } from '@shanyu/persistence';

/**
 * Dated facts, so that any past month's indicators are computed from what was in force then:
 *
 * - `registered_on`: the day the institution was registered (登记日期 on its licence), which may
 *   be before it was entered here; existing rows take the day they were entered.
 * - `deregistered_on`: the day it stopped operating (注销); existing deregistered rows take the
 *   day of their last change, which for them is the deregistration.
 * - `institution_history`: what indicators count of an institution (street, 举办主体, places),
 *   each row holding from `valid_from` until the next row of the same institution. A registration
 *   writes the first row (from its registration day), a change of one of these a new row from the
 *   day of the change. Existing institutions get one row from their registration day.
 *
 * Filings are dated already (`filing.receipt_issued_on`).
 */
export class DatedRegister1765100000100 extends SchemaMigration {
  name = 'DatedRegister1765100000100';

  protected readonly upSteps = [
    `ALTER TABLE institution ADD COLUMN registered_on date, ADD COLUMN deregistered_on date`,
    `UPDATE institution SET registered_on = (created_at AT TIME ZONE 'Asia/Shanghai')::date`,
    `UPDATE institution SET deregistered_on = (updated_at AT TIME ZONE 'Asia/Shanghai')::date WHERE status = 'deregistered'`,
    `ALTER TABLE institution ALTER COLUMN registered_on SET NOT NULL`,
    `
      CREATE TABLE institution_history (
        institution_id uuid NOT NULL REFERENCES institution (id),
        valid_from date NOT NULL,
        division_code text NOT NULL,
        operator_type text NOT NULL,
        places jsonb NOT NULL,
        total_places int NOT NULL CHECK (total_places >= 0),
        PRIMARY KEY (institution_id, valid_from)
      )`,
    `CREATE INDEX institution_history_division ON institution_history (division_code text_pattern_ops)`,
    `
      INSERT INTO institution_history (institution_id, valid_from, division_code, operator_type, places, total_places)
      SELECT id, registered_on, division_code, operator_type, places,
             coalesce((places->>'infant')::int, 0) + coalesce((places->>'toddler')::int, 0)
               + coalesce((places->>'older')::int, 0) + coalesce((places->>'mixed')::int, 0)
        FROM institution`,
  ];

  protected readonly downSteps = [`DROP TABLE institution_history`, `ALTER TABLE institution DROP COLUMN deregistered_on, DROP COLUMN registered_on`];
}
