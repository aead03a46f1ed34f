import { SchemaMigration } from '@shanyu/persistence';

/**
 * The registry's dates on the institution replica (from the institution record its events carry):
 * indicators count an institution as operating at a month's end from `registered_on` until
 * `deregistered_on`, and leave out 成长驿站 (`operator_type`), as the registry does. Rows already
 * replicated take their earliest status fact as registration day and their deregistration fact's
 * day; the next event of the institution brings the registry's own.
 */
export class ReplicaDates1765100000100 extends SchemaMigration {
  name = 'ReplicaDates1765100000100';

  protected readonly upSteps = [
    `ALTER TABLE institution_replica ADD COLUMN registered_on date, ADD COLUMN deregistered_on date, ADD COLUMN operator_type text`,
    `UPDATE institution_replica r SET registered_on = (SELECT min(effective_on) FROM institution_fact f WHERE f.institution_id = r.id AND f.fact = 'status')`,
    `UPDATE institution_replica r
        SET deregistered_on = (SELECT max(effective_on) FROM institution_fact f
                                WHERE f.institution_id = r.id AND f.fact = 'status' AND f.value = '"deregistered"'::jsonb)
      WHERE r.status = 'deregistered'`,
  ];

  protected readonly downSteps = [`ALTER TABLE institution_replica DROP COLUMN operator_type, DROP COLUMN deregistered_on, DROP COLUMN registered_on`];
}
