import { SchemaMigration } from '@shanyu/persistence';

/**
 * Machine credentials of department systems (issue 11): an API client per department system,
 * with the routes and divisions it may use, and its secrets (scrypt hashes only, never the
 * secret) by version, so a rotation can leave the previous secret valid for an overlap period.
 */
export class ApiClients1763800001100 extends SchemaMigration {
  name = 'ApiClients1763800001100';

  protected readonly upSteps = [
    `
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
      )`,
    // valid_until: null while the secret is current; set by a rotation (end of the overlap) or a revocation.
    `
      CREATE TABLE api_client_secret (
        id uuid PRIMARY KEY,
        api_client_id uuid NOT NULL REFERENCES api_client (id),
        version integer NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        valid_until timestamptz,
        UNIQUE (api_client_id, version)
      )`,
  ];

  protected readonly downSteps = [`DROP TABLE api_client_secret`, `DROP TABLE api_client`];
}
