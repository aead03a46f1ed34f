import { SchemaMigration } from '@shanyu/persistence';

export class UserAccounts1763800000200 extends SchemaMigration {
  name = 'UserAccounts1763800000200';

  protected readonly upSteps = [
    `
      CREATE TABLE user_account (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        department text NOT NULL,
        role text NOT NULL,
        divisions text[] NOT NULL,
        display_name text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
  ];

  protected readonly downSteps = [`DROP TABLE user_account`];
}
