import { SchemaMigration } from '@shanyu/persistence';

/**
 * Events about an institution the credit service's register copy does not know yet (a staff ban
 * delivered before the registration): parked, applied when the institution arrives, dead-lettered
 * only once the bound has passed.
 */
export class ParkedEvents1764000000300 extends SchemaMigration {
  name = 'ParkedEvents1764000000300';

  protected readonly upSteps = [
    `
      CREATE TABLE parked_event (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        source text NOT NULL,
        institution_id uuid NOT NULL,
        subject text NOT NULL,
        occurred_at timestamptz NOT NULL,
        envelope jsonb NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
    `CREATE INDEX parked_event_institution ON parked_event (institution_id)`,
    `CREATE INDEX parked_event_parked_at ON parked_event (parked_at)`,
  ];

  protected readonly downSteps = [`DROP TABLE parked_event`];
}
