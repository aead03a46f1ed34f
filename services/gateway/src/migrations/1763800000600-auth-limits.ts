import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Abuse limits kept in the gateway's own schema, so every gateway replica counts the same
 * failed logins and refuses the same revoked tokens.
 */
export class AuthLimits1763800000600 implements MigrationInterface {
  name = 'AuthLimits1763800000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    // One row per failed (or in-flight) login; a success deletes the username's rows.
    await q.query(`
      CREATE TABLE login_failure (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_failure_username_at ON login_failure (username, at)`);
    await q.query(`CREATE INDEX login_failure_ip_at ON login_failure (ip, at)`);
    // Revoked tokens by their jti until they would have expired anyway.
    await q.query(`
      CREATE TABLE revoked_token (
        jti uuid PRIMARY KEY,
        user_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX revoked_token_expires_at ON revoked_token (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP TABLE revoked_token`);
    await q.query(`DROP TABLE login_failure`);
  }
}
