import { type Actor, DomainError, type Department } from '@shanyu/common';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_DEPARTMENTS, type AuthenticatedRequest, PUBLIC_ROUTE } from './decorators.js';
import { TokenService } from './token.service.js';

/** Every route needs a bearer token unless marked @Public(); @Departments() narrows who may call. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError('UNAUTHENTICATED', '需要登录：请在 Authorization 头中提供 Bearer 令牌');
    const actor: Actor = this.tokens.verify(match[1]);
    request.actor = actor;
    const allowed = this.reflector.getAllAndOverride<Department[] | undefined>(ALLOWED_DEPARTMENTS, targets);
    if (allowed && actor.department !== 'admin' && !allowed.includes(actor.department)) {
      throw new DomainError('DEPARTMENT_NOT_ALLOWED', `部门 ${actor.department} 无权执行此操作`);
    }
    return true;
  }
}
