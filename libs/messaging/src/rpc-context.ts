import { type Actor, type ActorTokenVerifier } from '@shanyu/common';
import { RpcHeaders } from '@shanyu/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { MsgHdrs } from '@nats-io/transport-node';

/** What a handler knows about the call besides its body. */
export class RpcCallContext {
  constructor(
    readonly subject: string,
    readonly headers: MsgHdrs | undefined,
    private readonly identity: ActorTokenVerifier,
  ) {}

  get requestId(): string | undefined {
    return this.headers?.get(RpcHeaders.requestId) || undefined;
  }

  /** The caller's token as sent, for a call made on the caller's behalf (`RpcClient.request(…, { identityToken })`). */
  get identityToken(): string | undefined {
    return this.headers?.get(RpcHeaders.identity) || undefined;
  }

  /**
   * The caller's identity, verified from the `shanyu-identity` token: refused (IDENTITY_MISSING /
   * IDENTITY_INVALID / IDENTITY_EXPIRED) when absent, forged or expired. Read only by handlers
   * that need to know who acts, so the public read subjects need no token.
   */
  get actor(): Actor {
    return this.identity.verify(this.identityToken);
  }
}

/** Handler parameter: the acting department/user, verified from the call's identity token. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToRpc().getContext<RpcCallContext>().actor);

/** Handler parameter: the request id for logs and the audit trail. */
export const RequestId = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => ctx.switchToRpc().getContext<RpcCallContext>().requestId,
);
