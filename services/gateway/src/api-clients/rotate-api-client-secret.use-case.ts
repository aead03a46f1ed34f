import { randomUUID } from 'node:crypto';
import type { Actor } from '@shanyu/common';
import { validateContract } from '@shanyu/contracts';
import { AuditLog } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import { ApiClientRepository } from './api-client.repository.js';
import { changeableClient } from './api-client.rules.js';
import { DEFAULT_OVERLAP_SECONDS, type IssuedClientSecret, RotateApiClientSecretBody } from './api-client.contracts.js';
import { hashClientSecret, newClientSecret } from './client-secret.js';

export interface RotatedClientSecret extends IssuedClientSecret {
  /** Until when the previous secrets (and tokens issued with them) keep working. */
  previousValidUntil: string;
}

/**
 * A new secret, returned once. The previous secrets keep working until the end of the overlap
 * (default one day) so the department can switch its system over without an outage; a shorter
 * end already set by an earlier rotation is kept.
 */
export class RotateApiClientSecret {
  private readonly auditLog = new AuditLog();

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(id: string, body: RotateApiClientSecretBody, actor: Actor, requestId?: string): Promise<RotatedClientSecret> {
    const input = await validateContract(RotateApiClientSecretBody, body ?? {});
    const secret = newClientSecret();
    const secretHash = await hashClientSecret(secret);
    return this.dataSource.transaction(async (manager) => {
      const clients = new ApiClientRepository(manager);
      const client = changeableClient(await clients.lock(id), id);
      const at = this.now();
      const overlapUntil = new Date(at.getTime() + (input.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000);
      const secrets = await clients.secretsOf(client.id);
      for (const s of secrets) {
        if (s.validUntil === null || s.validUntil > overlapUntil) await clients.endSecret(s.id, overlapUntil);
      }
      const version = Math.max(0, ...secrets.map((s) => s.version)) + 1;
      await clients.insertSecret({ id: randomUUID(), apiClientId: client.id, version, secretHash, createdAt: at, validUntil: null });
      await this.auditLog.record(manager, {
        actor,
        action: 'api_client.rotate',
        entity: 'api_client',
        entityId: client.id,
        requestId,
        after: { clientId: client.clientId, version, previousValidUntil: overlapUntil.toISOString() },
      });
      return {
        clientId: client.clientId,
        version,
        clientSecret: secret,
        apiKey: `${client.clientId}.${secret}`,
        previousValidUntil: overlapUntil.toISOString(),
      };
    });
  }
}
