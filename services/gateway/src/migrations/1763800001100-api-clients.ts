import { currentSchema } from '@shanyu/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine credentials of department systems (issue 11): an API client per department system,
 * with the routes and divisions it may use, and its secrets (scrypt hashes only, never the
 * secret) by version, so a rotation can leave the previous secret valid for an overlap period.
 */
export class ApiClients1763800001100 implements MigrationInterface {
  name = 'ApiClients1763800001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`
      CREATE TABLE api_client (
        id uuid PRIMARY KEY,
        client_id text NOT NULL UNIQUE,
        name text NOT NULL,
        department text NOT NULL,
        divisions text[] NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        revoke_reason text,
        last_used_at timestamptz
      )`);
    // valid_until: null while the secret is current; set by a rotation (end of the overlap) or a revocation.
    await q.query(`
      CREATE TABLE api_client_secret (
        id uuid PRIMARY KEY,
        api_client_id uuid NOT NULL REFERENCES api_client (id),
        version integer NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        valid_until timestamptz,
        UNIQUE (api_client_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL search_path TO "${await currentSchema(q)}"`);
    await q.query(`DROP TABLE api_client_secret`);
    await q.query(`DROP TABLE api_client`);
  }
}
