import { SchemaMigration } from '@shanyu/persistence';

/**
 * The credit service's serious-breach listings (严重失信主体名单, evt.credit.listing.*), one row per
 * listing in its latest step: `step` orders the steps (0 notified or stated, 1 decided, 2 removed)
 * so a step delivered again after a later one changes nothing. A listing counts against a month
 * whose last day falls in its publication: from `published_from`, before `published_until` (the
 * maximum period ends it by itself, without an event) and before `removed_on` (移出 on repair).
 */
export class SeriousListings1765200000100 extends SchemaMigration {
  name = 'SeriousListings1765200000100';

  protected readonly upSteps = [
    `
      CREATE TABLE listing_replica (
        listing_id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        division_code text NOT NULL,
        status text NOT NULL,
        step smallint NOT NULL,
        decision_no text,
        published_from date,
        published_until date,
        removed_on date,
        source_event uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX listing_replica_published ON listing_replica (institution_id) WHERE published_from IS NOT NULL`,
  ];

  protected readonly downSteps = [`DROP TABLE listing_replica`];
}
