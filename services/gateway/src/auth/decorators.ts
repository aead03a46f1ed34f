import type { Actor, Department } from '@shanyu/common';
import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { VerifiedToken } from './token.service.js';

export const PUBLIC_ROUTE = 'shanyu:public';
export const ALLOWED_DEPARTMENTS = 'shanyu:departments';
export const INSPECTOR_ROUTE = 'shanyu:inspectors';

/** No token needed (login, public register, health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Only these departments (and the platform admin) may call the route; others get 403
 * DEPARTMENT_NOT_ALLOWED. Published in the OpenAPI operation as `x-departments`, so a client
 * (the console's menu, a department system) knows before calling.
 */
export const Departments = (...departments: Department[]) =>
  applyDecorators(SetMetadata(ALLOWED_DEPARTMENTS, departments), ApiExtension('x-departments', departments));

/**
 * Part of an inspector account's visit work (role `inspector`): every other route answers it
 * 403 ROLE_NOT_ALLOWED after the department check. Which visits it reaches, the services decide.
 */
export const ForInspectors = () => SetMetadata(INSPECTOR_ROUTE, true);

export interface AuthenticatedRequest {
  actor?: Actor;
  /** The verified bearer token (its jti is what logout revokes). */
  token?: VerifiedToken;
  id: string;
  /** The client address (Fastify's request.ip; honours X-Forwarded-For only with TRUST_PROXY). */
  ip?: string;
}

/** The caller as the token says. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor!;
});

/** The request id (x-request-id), carried into NATS headers and logs. */
export const CurrentRequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().id;
});
