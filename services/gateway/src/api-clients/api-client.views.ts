import type { ApiClient, ApiClientSecret } from './api-client.entity.js';
import type { ApiClientView } from './api-client.contracts.js';

/** What an admin sees of a client: never a secret or its hash. */
export function toApiClientView(client: ApiClient, secrets: ApiClientSecret[]): ApiClientView {
  return {
    id: client.id,
    clientId: client.clientId,
    name: client.name,
    department: client.department,
    divisions: client.divisions,
    scopes: client.scopes,
    createdAt: client.createdAt.toISOString(),
    createdBy: client.createdBy,
    revokedAt: client.revokedAt?.toISOString() ?? null,
    revokeReason: client.revokeReason,
    lastUsedAt: client.lastUsedAt?.toISOString() ?? null,
    secrets: secrets
      .filter((s) => s.apiClientId === client.id)
      .sort((a, b) => a.version - b.version)
      .map((s) => ({ version: s.version, createdAt: s.createdAt.toISOString(), validUntil: s.validUntil?.toISOString() ?? null })),
  };
}
