import { DomainError, type Department } from '@shanyu/common';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_DEPARTMENTS, type AuthenticatedRequest, PUBLIC_ROUTE } from './decorators.js';
import type { TokenRevocations } from './token-revocations.js';
import { TokenService } from './token.service.js';

/**
 * Every route needs a bearer token that is valid, unexpired and not revoked (logout) unless
 * marked @Public(); @Departments() narrows who may call.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly revocations: TokenRevocations,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('UNAUTHENTICATED', '需要登录：请在 Authorization 头中提供 Bearer 令牌');
    const token = this.tokens.verifyToken(match[1]);
    await this.revocations.assertNotRevoked(token.jti);
    const { actor } = token;
    request.actor = actor;
    request.token = token;
    const allowed = this.reflector.getAllAndOverride<Department[] | undefined>(ALLOWED_DEPARTMENTS, targets);
    if (allowed && actor.department !== 'admin' && !allowed.includes(actor.department)) {
      throw new DomainError('DEPARTMENT_NOT_ALLOWED', `部门 ${actor.department} 无权执行此操作`);
    }
    return true;
  }
}
