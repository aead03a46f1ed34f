import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A login attempt is recorded before its password is checked (so concurrent attempts are counted
 * one by one); `settled` marks the rows whose password was found wrong. Only those make the next
 * attempt wait, so parallel correct logins of one account are never delayed by each other.
 */
export class LoginFailureSettled1763800001200 implements MigrationInterface {
  name = 'LoginFailureSettled1763800001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`ALTER TABLE login_failure ADD COLUMN settled boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`ALTER TABLE login_failure DROP COLUMN settled`);
  }
}
