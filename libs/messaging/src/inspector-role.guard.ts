import { isInspector, roleNotAllowed } from '@shanyu/common';
import { type ContractEntry, inspectorMayCall } from '@shanyu/contracts';
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
    // The verified identity: a subject outside the open ones has already refused a call without one.
    if (isInspector(call.actor)) throw roleNotAllowed('执行此操作');
    return true;
  }
}
