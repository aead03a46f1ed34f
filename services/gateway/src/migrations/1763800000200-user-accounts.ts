import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserAccounts1763800000200 implements MigrationInterface {
  name = 'UserAccounts1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`
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
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP TABLE user_account`);
  }
}
