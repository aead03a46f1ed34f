import { isActor, isInspector, roleNotAllowed } from '@shanyu/common';
import { type ContractEntry, inspectorMayCall, RpcHeaders } from '@shanyu/contracts';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { RpcCallContext } from './rpc-context.js';

/**
 * The role rule of a service, in one place: an inspector account (role `inspector`) may call only
 * the subjects of its catalog marked `inspector` (and the public ones); anything else is
 * ROLE_NOT_ALLOWED before a handler runs. Which visits it may touch is the handlers' business.
 */
@Injectable()
export class InspectorRoleGuard implements CanActivate {
  private readonly bySubject: Map<string, ContractEntry>;

  constructor(entries: readonly ContractEntry[]) {
    this.bySubject = new Map(entries.map((e) => [e.subject, e]));
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'rpc') return true;
    const call = context.switchToRpc().getContext<RpcCallContext>();
    const entry = this.bySubject.get(call.subject);
    if (entry && inspectorMayCall(entry)) return true;
    const raw = call.headers?.get(RpcHeaders.actor);
    let actor: unknown;
    try {
      actor = raw ? JSON.parse(raw) : undefined;
    } catch {
      return true; // a malformed header is refused by the handler's @Caller() with UNAUTHENTICATED
    }
    if (isActor(actor) && isInspector(actor)) throw roleNotAllowed('执行此操作');
    return true;
  }
}
