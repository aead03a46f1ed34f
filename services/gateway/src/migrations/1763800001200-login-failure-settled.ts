import { SchemaMigration } from '@shanyu/persistence';

/**
 * A login attempt is recorded before its password is checked (so concurrent attempts are counted
 * one by one); `settled` marks the rows whose password was found wrong. Only those make the next
 * attempt wait, so parallel correct logins of one account are never delayed by each other.
 */
export class LoginFailureSettled1763800001200 extends SchemaMigration {
  name = 'LoginFailureSettled1763800001200';

  protected readonly upSteps = [`ALTER TABLE login_failure ADD COLUMN settled boolean NOT NULL DEFAULT true`];

  protected readonly downSteps = [`ALTER TABLE login_failure DROP COLUMN settled`];
}
