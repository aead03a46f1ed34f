import type { Actor } from '@shanyu/common';
import { validateContract } from '@shanyu/contracts';
import { AuditLog } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import { type ApiClientView, RevokeApiClientBody } from './api-client.contracts.js';
import { toApiClientView } from './api-client.views.js';
import { ApiClientRepository } from './api-client.repository.js';
import { changeableClient } from './api-client.rules.js';

/**
 * Revokes a client at once: the gateway checks the client on every request made with its
 * tokens or API key, so tokens already issued stop working on the next request (401
 * API_CLIENT_REVOKED) on every replica. Its secrets end now. Cannot be undone: create a new client.
 */
export class RevokeApiClient {
  private readonly auditLog = new AuditLog();

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(id: string, body: RevokeApiClientBody, actor: Actor, requestId?: string): Promise<ApiClientView> {
    const input = await validateContract(RevokeApiClientBody, body ?? {});
    return this.dataSource.transaction(async (manager) => {
      const clients = new ApiClientRepository(manager);
      const client = changeableClient(await clients.lock(id), id);
      const at = this.now();
      Object.assign(client, { revokedAt: at, revokedBy: actor.userId, revokeReason: input.reason?.trim() ?? null });
      await clients.revoke(client.id, { revokedAt: at, revokedBy: actor.userId, revokeReason: client.revokeReason });
      const secrets = await clients.secretsOf(client.id);
      for (const s of secrets) {
        if (s.validUntil === null || s.validUntil > at) {
          s.validUntil = at;
          await clients.endSecret(s.id, at);
        }
      }
      await this.auditLog.record(manager, {
        actor,
        action: 'api_client.revoke',
        entity: 'api_client',
        entityId: client.id,
        reason: client.revokeReason,
        requestId,
        after: { clientId: client.clientId, revokedAt: at.toISOString() },
      });
      return toApiClientView(client, secrets);
    });
  }
}
