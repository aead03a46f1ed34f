import { createHash } from 'node:crypto';
import { type Actor, type Department, DomainError } from '@shanyu/common';
import type { DataSource } from 'typeorm';
import type { LoginLimiter } from '../auth/login-limiter.js';
import type { ApiClientSecret } from './api-client.entity.js';
import { ApiClientRepository } from './api-client.repository.js';
import { hashClientSecret, verifyClientSecret } from './client-secret.js';
import { routeScope } from './scopes.js';

/** A department system acting through the gateway: who it is (as an Actor) and the routes it may call. */
export interface ClientAccess {
  actor: Actor;
  clientId: string;
  secretId: string;
  scopes: string[];
}

/** How long a verified API key is remembered (its client and secret are still checked on every request). */
const API_KEY_CACHE_MS = 60_000;
const API_KEY_CACHE_MAX = 10_000;

const CLIENT_ID = /^[a-z0-9][a-z0-9-]{2,99}$/;
const invalidClient = () => new DomainError('INVALID_CLIENT', '接口客户端编号或密钥错误');

/** The actor a client acts as: its department, role `system`, its divisions; audited as `client:<clientId>`. */
export function clientActor(clientId: string, department: Department, divisions: string[]): Actor {
  return { department, role: 'system', userId: `client:${clientId}`, divisions, clientId };
}

/**
 * Checks client credentials (client_id + secret, or an `X-Api-Key: <clientId>.<secret>` header)
 * and, on every request, that the client is not revoked and the secret the caller used has not
 * ended. Wrong secrets are counted by the login limiter (key `client:<clientId>`), so guessing is
 * refused like wrong passwords (429 ACCOUNT_LOCKED / TOO_MANY_LOGIN_ATTEMPTS).
 */
export class ApiClientAuthenticator {
  private dummyHash?: Promise<string>;
  private readonly verifiedKeys = new Map<string, { clientId: string; secretId: string; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly limiter: LoginLimiter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The secret's id when `secret` is a current secret of the client; 401 INVALID_CLIENT otherwise. */
  async verify(clientId: string, secret: string, ip = 'unknown'): Promise<{ secretId: string }> {
    if (!CLIENT_ID.test(clientId) || !secret || secret.length > 200) throw invalidClient();
    const key = `client:${clientId}`;
    const attempt = await this.limiter.begin(key, ip);
    const at = this.now();
    const clients = new ApiClientRepository(this.dataSource.manager);
    const client = await clients.byClientId(clientId);
    const secrets = client && !client.revokedAt ? (await clients.secretsOf(client.id)).filter((s) => s.validUntil === null || s.validUntil > at) : [];
    let matched: ApiClientSecret | undefined;
    for (const s of secrets) {
      if (await verifyClientSecret(secret, s.secretHash)) matched = s;
    }
    if (!secrets.length) {
      // About the same time for an unknown client as for a wrong secret.
      this.dummyHash ??= hashClientSecret('shanyu-timing-equaliser');
      await verifyClientSecret(secret, await this.dummyHash);
    }
    if (!client || !matched) {
      await this.limiter.failed(key, attempt);
      throw invalidClient();
    }
    await this.limiter.succeeded(key);
    await clients.markUsed(client.id, at);
    return { secretId: matched.id };
  }

  /** The client as it is now, for a request made with a token or key issued for `secretId`. */
  async access(clientId: string, secretId: string): Promise<ClientAccess> {
    const row = await new ApiClientRepository(this.dataSource.manager).access(clientId, secretId);
    if (!row) throw new DomainError('TOKEN_INVALID', '无效的访问令牌，请重新获取');
    if (row.revokedAt) throw new DomainError('API_CLIENT_REVOKED', `接口客户端 ${clientId} 已被吊销`);
    if (row.validUntil && row.validUntil <= this.now()) {
      throw new DomainError('CLIENT_SECRET_EXPIRED', `接口客户端 ${clientId} 的此密钥已轮换并过期，请使用新密钥重新获取令牌`);
    }
    return { actor: clientActor(clientId, row.department, row.divisions), clientId, secretId, scopes: row.scopes };
  }

  /** `X-Api-Key: <clientId>.<secret>`: verified once a minute per key (scrypt is slow on purpose), checked against the client every time. */
  async fromApiKey(header: string, ip?: string): Promise<ClientAccess> {
    const dot = header.indexOf('.');
    const clientId = header.slice(0, dot);
    const secret = header.slice(dot + 1);
    if (dot < 1 || !CLIENT_ID.test(clientId) || !secret || secret.length > 200) {
      throw new DomainError('INVALID_CLIENT', 'X-Api-Key 应为「接口客户端编号.密钥」');
    }
    const digest = createHash('sha256').update(header).digest('hex');
    const cached = this.verifiedKeys.get(digest);
    let secretId = cached && cached.until > Date.now() ? cached.secretId : undefined;
    if (!secretId) {
      secretId = (await this.verify(clientId, secret, ip)).secretId;
      if (this.verifiedKeys.size >= API_KEY_CACHE_MAX) this.verifiedKeys.clear();
      this.verifiedKeys.set(digest, { clientId, secretId, until: Date.now() + API_KEY_CACHE_MS });
    }
    return this.access(clientId, secretId);
  }
}

/** 403 SCOPE_NOT_GRANTED naming the route's scope unless the client was granted it. */
export function assertScope(access: ClientAccess, method: string, fastifyUrl: string): void {
  const scope = routeScope(method, fastifyUrl);
  if (access.scopes.includes(scope)) return;
  throw new DomainError('SCOPE_NOT_GRANTED', `接口客户端 ${access.clientId} 未被授权调用 ${scope}`, [
    { field: 'scope', code: 'SCOPE_NOT_GRANTED', message: scope },
  ]);
}
