import { SchemaMigration } from '@shanyu/persistence';

export class CalendarYears1763800000300 extends SchemaMigration {
  name = 'CalendarYears1763800000300';

  protected readonly upSteps = [
    `
      CREATE TABLE calendar_year (
        year int PRIMARY KEY,
        source text NOT NULL,
        entries jsonb NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL
      )`,
  ];

  protected readonly downSteps = [`DROP TABLE calendar_year`];
}
