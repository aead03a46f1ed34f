import { type Actor, DomainError } from '@shanyu/common';
import { type AnyRpcDef, DEFAULT_RPC_TIMEOUT_MS, type ReplyOf, type RequestOf, RpcHeaders, type RpcReply } from '@shanyu/contracts';
import { createInbox, headers, type Msg, type MsgHdrs, type NatsConnection, PermissionViolationError, type Subscription } from '@nats-io/transport-node';
import { currentRequestId, metricsFor, type RpcOutcome, SpanKind, SpanStatusCode, startSpan, traceHeaders } from '@shanyu/observability';

/** Who acts on a call: an actor the client's issuer signs a token for, or a token already issued (forwarded or obtained from the gateway). */
export type RpcCallOptions = { requestId?: string; timeoutMs?: number } & ({ actor: Actor; identityToken?: never } | { identityToken: string; actor?: never });

/** Signs identity tokens: the gateway's signing key (`ActorTokenSigner` in @shanyu/common). */
export interface IdentityIssuer {
  tokenFor(actor: Actor): { token: string };
}

interface PendingCall {
  subject: string;
  timeout: number;
  timer: NodeJS.Timeout;
  settle: (error: DomainError | undefined, msg?: Msg) => void;
}

/**
 * Calls a service subject and returns its `data`, or throws the service's DomainError as it
 * was raised. Every call has a deadline.
 *
 * Requests share one reply subscription (`<inboxPrefix>.<id>.*`, a token per call) rather than
 * nats.js's `request()`: that builds a RequestError and a TimeoutError with stack traces for every
 * call, which made it the client's top cost (bench/README.md, "RPC client"). The outcomes are the
 * same: a 503 status reply is "no responders" (SERVICE_UNAVAILABLE), the broker's permission
 * violation for the subject fails the call at once, a closed connection fails every open call.
 */
export class RpcClient {
  private readonly inbox: string;
  private readonly pending = new Map<string, PendingCall>();
  private subscription?: Subscription;
  private nextToken = 0;
  /** Requests waiting for this event-loop turn's single socket write (see `send`). */
  private readonly outgoing: Array<{ token: string; subject: string; payload: string; headers: MsgHdrs }> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly defaultTimeoutMs = DEFAULT_RPC_TIMEOUT_MS,
    /** The calling service, for `shanyu_rpc_client_duration_seconds`. */
    private readonly service = 'client',
    /** Only the gateway and the operators' CLI hold the signing key; other callers pass `identityToken`. */
    private readonly issuer?: IdentityIssuer,
  ) {
    // The connection's own inbox prefix: the broker lets each NATS user read only its replies.
    const prefix = (nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
    this.inbox = createInbox(prefix || undefined);
    void this.watchPermissionViolations();
    void nc.closed().then(() => this.failAll(new DomainError('SERVICE_UNAVAILABLE', '消息总线连接不可用，请稍后重试')));
  }

  /** Calls a subject by its definition: the compiler checks the body against its request class and types the reply. */
  call<D extends AnyRpcDef>(def: D, body: RequestOf<D>, options: RpcCallOptions): Promise<ReplyOf<D>> {
    return this.request<ReplyOf<D>>(def.subject, body, options);
  }

  /** Calls a subject by name: for a subject chosen at run time (pings, the per-service indicators); prefer `call`. */
  async request<T>(subject: string, body: unknown, options: RpcCallOptions): Promise<T> {
    const h = headers();
    h.set(RpcHeaders.identity, this.identityToken(options));
    const requestId = options.requestId ?? currentRequestId();
    if (requestId) h.set(RpcHeaders.requestId, requestId);
    // A client span, its traceparent in the request's headers: the service continues this trace.
    const { span, ctx } = startSpan(subject, SpanKind.CLIENT, { 'messaging.system': 'nats', 'messaging.destination.name': subject });
    for (const [key, value] of Object.entries(traceHeaders(ctx))) h.set(key, value);
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    const started = performance.now();
    let outcome: RpcOutcome = 'internal';
    try {
      let reply: RpcReply<T>;
      try {
        const msg = await this.send(subject, JSON.stringify(body ?? {}), h, timeout);
        reply = msg.json<RpcReply<T>>();
      } catch (e) {
        const error = e instanceof DomainError ? e : transportFailure(e);
        outcome = error.code === 'RPC_TIMEOUT' ? 'timeout' : error.code === 'SERVICE_UNAVAILABLE' ? 'unavailable' : 'internal';
        throw error;
      }
      if (reply.ok) {
        outcome = 'ok';
        return reply.data;
      }
      outcome = reply.error.code === 'INTERNAL' ? 'internal' : 'domain_error';
      throw DomainError.fromBody(reply.error);
    } finally {
      if (outcome !== 'ok' && outcome !== 'domain_error') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      span.end();
      metricsFor(this.service).rpcClientDuration.observe({ subject, outcome }, (performance.now() - started) / 1000);
    }
  }

  private identityToken(options: RpcCallOptions): string {
    if (options.identityToken) return options.identityToken;
    if (!this.issuer) throw new DomainError('INTERNAL', '此客户端没有签发身份令牌的密钥：请传入 identityToken');
    return this.issuer.tokenFor(options.actor!).token;
  }

  private send(subject: string, payload: string, h: MsgHdrs, timeout: number): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      this.ensureSubscribed();
      const token = (this.nextToken++).toString(36);
      const timer = setTimeout(() => this.settle(token, new DomainError('RPC_TIMEOUT', `服务 ${serviceOf(subject)} 在 ${timeout} 毫秒内未响应`)), timeout);
      this.pending.set(token, {
        subject,
        timeout,
        timer,
        settle: (error, msg) => (error ? reject(error) : resolve(msg!)),
      });
      // Calls start on separate promise chains and nats.js flushes in a microtask, so each would be
      // its own socket write; queued to the end of this turn, the turn's requests leave in one write.
      if (this.outgoing.push({ token, subject, payload, headers: h }) === 1) setImmediate(() => this.flushOutgoing());
    });
  }

  private flushOutgoing(): void {
    for (const { token, subject, payload, headers: h } of this.outgoing.splice(0)) {
      if (!this.pending.has(token)) continue; // already failed (connection closed)
      try {
        this.nc.publish(subject, payload, { reply: `${this.inbox}.${token}`, headers: h });
      } catch (e) {
        this.settle(token, transportFailure(e));
      }
    }
  }

  private ensureSubscribed(): void {
    if (this.subscription && !this.subscription.isClosed()) return;
    const subscription = this.nc.subscribe(`${this.inbox}.*`, {
      callback: (_err, msg) => {
        const token = msg.subject.slice(this.inbox.length + 1);
        // A 503 status with no body is the broker saying nobody listens on the subject.
        const noResponders = msg.data.length === 0 && msg.headers?.code === 503;
        const call = this.pending.get(token);
        if (call)
          this.settle(token, noResponders ? new DomainError('SERVICE_UNAVAILABLE', `服务 ${serviceOf(call.subject)} 暂不可用，请稍后重试`) : undefined, msg);
      },
    });
    this.subscription = subscription;
    // The broker may refuse the reply subscription itself: every call waiting on it fails now.
    void subscription.closed.then((reason) => {
      if (reason instanceof Error) this.failAll(new DomainError('INTERNAL', `消息总线权限不允许订阅回复主题 ${this.inbox}`));
    });
  }

  private settle(token: string, error: DomainError | undefined, msg?: Msg): void {
    const call = this.pending.get(token);
    if (!call) return;
    this.pending.delete(token);
    clearTimeout(call.timer);
    call.settle(error, msg);
  }

  private failAll(error: DomainError): void {
    for (const token of [...this.pending.keys()]) this.settle(token, error);
  }

  /** The broker refused a request's subject: fail the calls to it at once instead of at their deadline. */
  private async watchPermissionViolations(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type !== 'error' || !(status.error instanceof PermissionViolationError) || status.error.operation !== 'publish') continue;
      const refused = status.error.subject;
      for (const [token, call] of this.pending) {
        // The catalog does not say this service calls the subject (see natsPermissions() in @shanyu/contracts).
        if (call.subject === refused) this.settle(token, new DomainError('INTERNAL', `消息总线权限不允许调用 ${refused}`));
      }
    }
  }
}

function serviceOf(subject: string): string {
  return subject.split('.')[0];
}

function transportFailure(e: unknown): DomainError {
  if (e instanceof Error && /closed|draining|disconnect/i.test(e.message)) {
    return new DomainError('SERVICE_UNAVAILABLE', '消息总线连接不可用，请稍后重试');
  }
  return new DomainError('INTERNAL', '服务调用失败');
}
