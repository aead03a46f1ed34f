import { randomBytes, randomUUID } from 'node:crypto';
import { type Actor, DomainError } from '@shanyu/common';
import { validateContract } from '@shanyu/contracts';
import { AuditLog } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import type { ApiClient, ApiClientSecret } from './api-client.entity.js';
import { ApiClientRepository } from './api-client.repository.js';
import { type ApiClientView, CreateApiClientBody, type IssuedClientSecret } from './api-client.contracts.js';
import { toApiClientView } from './api-client.views.js';
import { hashClientSecret, newClientSecret } from './client-secret.js';
import { type ApiRouteCatalog, checkScopes } from './scopes.js';

const SUFFIX_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `fire-330106-k3x9q2`: department, first division, six random characters. */
function newClientId(department: string, division: string): string {
  const suffix = [...randomBytes(6)].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('');
  return `${department}-${division}-${suffix}`;
}

/**
 * An admin gives a department system its own credentials: a client with its routes and
 * divisions, and a first secret returned once (only its scrypt hash is stored). Audited in the
 * gateway's log (entity `api_client`), without the secret.
 */
export class CreateApiClient {
  private readonly auditLog = new AuditLog();

  constructor(
    private readonly dataSource: DataSource,
    /** The OpenAPI routes: unknown scopes are refused when given (a tool without the HTTP app checks the format only). */
    private readonly catalog?: ApiRouteCatalog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(body: CreateApiClientBody, actor: Actor, requestId?: string): Promise<ApiClientView & IssuedClientSecret> {
    const input = await validateContract(CreateApiClientBody, body);
    const { scopes, problems } = checkScopes(input.scopes, this.catalog);
    if (problems.length) throw DomainError.validation(problems);
    const secret = newClientSecret();
    const secretHash = await hashClientSecret(secret);
    const at = this.now();
    return this.dataSource.transaction(async (manager) => {
      const clients = new ApiClientRepository(manager);
      const client: ApiClient = {
        id: randomUUID(),
        clientId: newClientId(input.department, input.divisions[0]),
        name: input.name.trim(),
        department: input.department,
        divisions: input.divisions,
        scopes,
        createdAt: at,
        createdBy: actor.userId,
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
        lastUsedAt: null,
      };
      await clients.insert(client);
      const first: ApiClientSecret = { id: randomUUID(), apiClientId: client.id, version: 1, secretHash, createdAt: at, validUntil: null };
      await clients.insertSecret(first);
      const view = toApiClientView(client, [first]);
      await this.auditLog.record(manager, { actor, action: 'api_client.create', entity: 'api_client', entityId: client.id, after: view, requestId });
      return { ...view, version: 1, clientSecret: secret, apiKey: `${client.clientId}.${secret}` };
    });
  }
}
