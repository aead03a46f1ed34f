import { SchemaMigration } from '@shanyu/persistence';

/**
 * Abuse limits kept in the gateway's own schema, so every gateway replica counts the same
 * failed logins and refuses the same revoked tokens.
 */
export class AuthLimits1763800000600 extends SchemaMigration {
  name = 'AuthLimits1763800000600';

  protected readonly upSteps = [
    // One row per failed (or in-flight) login; a success deletes the username's rows.
    `
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX login_failure_username_at ON login_failure (username, at)`,
    `CREATE INDEX login_failure_ip_at ON login_failure (ip, at)`,
    // Revoked tokens by their jti until they would have expired anyway.
    `
      CREATE TABLE revoked_token (
        jti uuid PRIMARY KEY,
        user_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX revoked_token_expires_at ON revoked_token (expires_at)`,
  ];

  protected readonly downSteps = [`DROP TABLE revoked_token`, `DROP TABLE login_failure`];
}
