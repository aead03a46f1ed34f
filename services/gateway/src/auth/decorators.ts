import type { Actor, Department } from '@shanyu/common';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'shanyu:public';
export const ALLOWED_DEPARTMENTS = 'shanyu:departments';

/** No token needed (login, public register, health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these departments may call the route; others get 403 DEPARTMENT_NOT_ALLOWED. */
export const Departments = (...departments: Department[]) => SetMetadata(ALLOWED_DEPARTMENTS, departments);

export interface AuthenticatedRequest {
  actor?: Actor;
  id: string;
}

/** The caller as the token says. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor!;
});

/** The request id (x-request-id), carried into NATS headers and logs. */
export const CurrentRequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().id;
});
