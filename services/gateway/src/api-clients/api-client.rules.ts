import { DomainError } from '@shanyu/common';
import type { ApiClient } from './api-client.entity.js';

/** A client that may still be changed (its secret rotated, or revoked): 404 when unknown, 409 when revoked. */
export function changeableClient(client: ApiClient | null, id: string): ApiClient {
  if (!client) throw new DomainError('API_CLIENT_NOT_FOUND', `接口客户端 ${id} 不存在`);
  if (client.revokedAt) throw new DomainError('API_CLIENT_ALREADY_REVOKED', `接口客户端 ${client.clientId} 已于 ${client.revokedAt.toISOString()} 吊销`);
  return client;
}
