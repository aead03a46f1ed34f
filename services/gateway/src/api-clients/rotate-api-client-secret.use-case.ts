import { randomUUID } from 'node:crypto';
import { type Actor, DomainError } from '@shanyu/common';
import { validateContract } from '@shanyu/contracts';
import { AuditLog } from '@shanyu/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiClient, ApiClientSecret } from './api-client.entity.js';
import { DEFAULT_OVERLAP_SECONDS, type IssuedClientSecret, RotateApiClientSecretBody } from './api-client.contracts.js';
import { hashClientSecret, newClientSecret } from './client-secret.js';

export interface RotatedClientSecret extends IssuedClientSecret {
  /** Until when the previous secrets (and tokens issued with them) keep working. */
  previousValidUntil: string;
}

/** Loads a client for a change, locked; 404 when unknown, 409 when revoked. */
export async function lockApiClient(manager: EntityManager, id: string): Promise<ApiClient> {
  const client = await manager.getRepository(ApiClient).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!client) throw new DomainError('API_CLIENT_NOT_FOUND', `接口客户端 ${id} 不存在`);
  if (client.revokedAt) throw new DomainError('API_CLIENT_ALREADY_REVOKED', `接口客户端 ${client.clientId} 已于 ${client.revokedAt.toISOString()} 吊销`);
  return client;
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
      const client = await lockApiClient(manager, id);
      const at = this.now();
      const overlapUntil = new Date(at.getTime() + (input.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000);
      const repo = manager.getRepository(ApiClientSecret);
      const secrets = await repo.findBy({ apiClientId: client.id });
      for (const s of secrets) {
        if (s.validUntil === null || s.validUntil > overlapUntil) await repo.update({ id: s.id }, { validUntil: overlapUntil });
      }
      const version = Math.max(0, ...secrets.map((s) => s.version)) + 1;
      await repo.insert({ id: randomUUID(), apiClientId: client.id, version, secretHash, createdAt: at, validUntil: null });
      await this.auditLog.record(manager, {
        actor, action: 'api_client.rotate', entity: 'api_client', entityId: client.id, requestId,
        after: { clientId: client.clientId, version, previousValidUntil: overlapUntil.toISOString() },
      });
      return { clientId: client.clientId, version, clientSecret: secret, apiKey: `${client.clientId}.${secret}`, previousValidUntil: overlapUntil.toISOString() };
    });
  }
}
