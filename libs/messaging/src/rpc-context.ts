import { type Actor, DomainError, isActor } from '@shanyu/common';
import { RpcHeaders } from '@shanyu/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { MsgHdrs } from '@nats-io/transport-node';

/** What a handler knows about the call besides its body. */
export class RpcCallContext {
  constructor(
    readonly subject: string,
    readonly headers: MsgHdrs | undefined,
  ) {}

  get requestId(): string | undefined {
    return this.headers?.get(RpcHeaders.requestId) || undefined;
  }

  /** The caller's identity from the `shanyu-actor` header; refused when absent or malformed. */
  get actor(): Actor {
    const raw = this.headers?.get(RpcHeaders.actor);
    let parsed: unknown;
    try {
      parsed = raw ? JSON.parse(raw) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!isActor(parsed)) {
      throw new DomainError('UNAUTHENTICATED', `缺少或无效的调用者身份头 ${RpcHeaders.actor}`);
    }
    return parsed;
  }
}

/** Handler parameter: the acting department/user from the call's headers. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  ctx.switchToRpc().getContext<RpcCallContext>().actor,
);

/** Handler parameter: the request id for logs and the audit trail. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined =>
  ctx.switchToRpc().getContext<RpcCallContext>().requestId,
);
