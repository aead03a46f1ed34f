import type { Department } from '@shanyu/common';
import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { ApiClient, ApiClientSecret } from './api-client.entity.js';

/** What a request made with a client's token or key is checked against: the client now, and the secret it was issued for. */
export interface ClientAccessRow {
  department: Department;
  divisions: string[];
  scopes: string[];
  revokedAt: Date | null;
  validUntil: Date | null;
}

/** API clients (接口客户端) and their secret versions. */
export class ApiClientRepository {
  constructor(private readonly manager: EntityManager) {}

  byClientId(clientId: string): Promise<ApiClient | null> {
    return this.manager.findOneBy(ApiClient, { clientId });
  }

  /** The client, locked until the transaction ends, so changes of one client happen one after another. */
  lock(id: string): Promise<ApiClient | null> {
    return this.manager.findOne(ApiClient, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every client, newest first. */
  all(): Promise<ApiClient[]> {
    return this.manager.find(ApiClient, { order: { createdAt: 'DESC', clientId: 'ASC' } });
  }

  secretsOf(apiClientId: string): Promise<ApiClientSecret[]> {
    return this.manager.findBy(ApiClientSecret, { apiClientId });
  }

  /** The secrets of every client. */
  allSecrets(): Promise<ApiClientSecret[]> {
    return this.manager.find(ApiClientSecret);
  }

  async insert(client: ApiClient): Promise<void> {
    await this.manager.insert(ApiClient, client);
  }

  async insertSecret(secret: ApiClientSecret): Promise<void> {
    await this.manager.insert(ApiClientSecret, secret);
  }

  async revoke(id: string, revocation: Pick<ApiClient, 'revokedAt' | 'revokedBy' | 'revokeReason'>): Promise<void> {
    await this.manager.update(ApiClient, { id }, revocation);
  }

  async endSecret(secretId: string, validUntil: Date): Promise<void> {
    await this.manager.update(ApiClientSecret, { id: secretId }, { validUntil });
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.manager.update(ApiClient, { id }, { lastUsedAt: at });
  }

  /** Undefined when the client or that secret of it is unknown. */
  async access(clientId: string, secretId: string): Promise<ClientAccessRow | undefined> {
    // Raw SQL: one round trip for the join, as it runs on every request a client makes.
    const [row]: ClientAccessRow[] = await this.manager.query(
      `SELECT c.department, c.divisions, c.scopes, c.revoked_at AS "revokedAt", s.valid_until AS "validUntil"
         FROM ${schemaTable(this.manager, 'api_client')} c JOIN ${schemaTable(this.manager, 'api_client_secret')} s ON s.api_client_id = c.id
        WHERE c.client_id = $1 AND s.id = $2`,
      [clientId, secretId],
    );
    return row;
  }
}
