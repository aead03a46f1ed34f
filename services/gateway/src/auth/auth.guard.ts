import { type Department, departmentNotAllowed, DomainError, isInspector, roleNotAllowed } from '@shanyu/common';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiClientAuthenticator, assertScope, type ClientAccess } from '../api-clients/api-client-authenticator.js';
import { ALLOWED_DEPARTMENTS, type AuthenticatedRequest, INSPECTOR_ROUTE, PUBLIC_ROUTE } from './decorators.js';
import type { TokenRevocations } from './token-revocations.js';
import { TokenService } from './token.service.js';

/**
 * Every route needs a bearer token that is valid, unexpired and not revoked (logout) unless
 * marked @Public(); @Departments() narrows who may call, then an inspector account reaches only
 * routes marked @ForInspectors() (403 ROLE_NOT_ALLOWED). A department system (API client) sends
 * its token or `X-Api-Key: <clientId>.<secret>`: its client must not be revoked, the secret it
 * used must not have ended, and the route must be one of its scopes — checked on every request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly revocations: TokenRevocations,
    private readonly clients?: ApiClientAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<
      AuthenticatedRequest & {
        headers: Record<string, string | undefined>;
        method: string;
        routeOptions?: { url?: string };
      }
    >();
    const header = request.headers.authorization ?? '';
    const apiKey = request.headers['x-api-key'];
    let client: ClientAccess | undefined;
    if (!header && typeof apiKey === 'string' && this.clients) {
      client = await this.clients.fromApiKey(apiKey, request.ip);
    } else {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new DomainError('UNAUTHENTICATED', '需要登录：请在 Authorization 头中提供 Bearer 令牌');
      const token = this.tokens.verifyToken(match[1]);
      this.revocations.assertNotRevoked(token.jti);
      request.token = token;
      if (token.actor.clientId) {
        if (!this.clients || !token.secretId) throw new DomainError('TOKEN_INVALID', '无效的访问令牌，请重新获取');
        client = await this.clients.access(token.actor.clientId, token.secretId);
      }
    }
    if (client) {
      request.actor = client.actor; // first: a call refused for its scope is still logged as the client's
      // The auth routes (identity token, logout) are every client's own and cannot be granted as scopes.
      const url = request.routeOptions?.url ?? '';
      if (!url.startsWith('/api/v1/auth/')) assertScope(client, request.method, url);
    }
    const actor = client?.actor ?? request.token!.actor;
    request.actor = actor;
    const allowed = this.reflector.getAllAndOverride<Department[] | undefined>(ALLOWED_DEPARTMENTS, targets);
    if (allowed && actor.department !== 'admin' && !allowed.includes(actor.department)) {
      throw departmentNotAllowed(actor, '执行此操作', allowed);
    }
    if (isInspector(actor) && !this.reflector.getAllAndOverride<boolean>(INSPECTOR_ROUTE, targets)) throw roleNotAllowed('执行此操作');
    return true;
  }
}
