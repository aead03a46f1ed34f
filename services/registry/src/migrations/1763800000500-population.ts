import { SchemaMigration } from '@shanyu/persistence';

export class Population1763800000500 extends SchemaMigration {
  name = 'Population1763800000500';

  protected readonly upSteps = [
    `
      CREATE TABLE population (
        division_code text NOT NULL,
        year int NOT NULL,
        resident_population int NOT NULL CHECK (resident_population >= 0),
        children_under3 int NOT NULL CHECK (children_under3 >= 0),
        source text NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL,
        PRIMARY KEY (division_code, year)
      )`,
  ];

  protected readonly downSteps = [`DROP TABLE population`];
}
