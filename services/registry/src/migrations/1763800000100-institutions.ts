import { SchemaMigration } from '@shanyu/persistence';

export class Institutions1763800000100 extends SchemaMigration {
  name = 'Institutions1763800000100';

  protected readonly upSteps = [
    `
      CREATE TABLE institution (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        uscc char(18) NOT NULL,
        nature text NOT NULL CHECK (nature IN ('for_profit', 'non_profit')),
        operator_type text NOT NULL,
        care_forms text[] NOT NULL,
        division_code text NOT NULL,
        county_code char(6) NOT NULL,
        address text NOT NULL,
        floor int NOT NULL,
        building_area_m2 numeric(10,2) NOT NULL,
        outdoor_area_m2 numeric(10,2) NOT NULL,
        places jsonb NOT NULL,
        status text NOT NULL,
        owner_user_id text,
        version int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT institution_uscc_unique UNIQUE (uscc)
      )`,
    `CREATE INDEX institution_division ON institution (division_code text_pattern_ops, status)`,
    `CREATE INDEX institution_owner ON institution (owner_user_id) WHERE owner_user_id IS NOT NULL`,
  ];

  protected readonly downSteps = [`DROP TABLE institution`];
}
