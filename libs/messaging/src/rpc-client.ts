import { type Actor, DomainError } from '@shanyu/common';
import { DEFAULT_RPC_TIMEOUT_MS, RpcHeaders, type RpcReply } from '@shanyu/contracts';
import { headers, type NatsConnection, PermissionViolationError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { currentRequestId, metricsFor, type RpcOutcome, SpanKind, SpanStatusCode, startSpan, traceHeaders } from '@shanyu/observability';

export interface RpcCallOptions {
  actor: Actor;
  requestId?: string;
  timeoutMs?: number;
}

/**
 * Calls a service subject and returns its `data`, or throws the service's DomainError as it
 * was raised. nats.js v3 shares one muxed reply inbox for all requests (about twice Nest's
 * ClientNats throughput here), and every call has a deadline.
 */
export class RpcClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly defaultTimeoutMs = DEFAULT_RPC_TIMEOUT_MS,
    /** The calling service, for `shanyu_rpc_client_duration_seconds`. */
    private readonly service = 'client',
  ) {}

  async request<T>(subject: string, body: unknown, options: RpcCallOptions): Promise<T> {
    const h = headers();
    h.set(RpcHeaders.actor, JSON.stringify(options.actor));
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
        const msg = await this.nc.request(subject, JSON.stringify(body ?? {}), { timeout, headers: h });
        reply = msg.json<RpcReply<T>>();
      } catch (e) {
        const error = translateTransportError(e, subject, timeout);
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
}

function translateTransportError(e: unknown, subject: string, timeout: number): DomainError {
  const service = subject.split('.')[0];
  if (e instanceof RequestError && e.isNoResponders()) {
    return new DomainError('SERVICE_UNAVAILABLE', `服务 ${service} 暂不可用，请稍后重试`);
  }
  if (e instanceof TimeoutError || (e instanceof Error && e.name === 'TimeoutError') ||
      (e instanceof RequestError && e.cause instanceof TimeoutError)) {
    return new DomainError('RPC_TIMEOUT', `服务 ${service} 在 ${timeout} 毫秒内未响应`);
  }
  if (e instanceof Error && /closed|draining|disconnect/i.test(e.message)) {
    return new DomainError('SERVICE_UNAVAILABLE', '消息总线连接不可用，请稍后重试');
  }
  // The broker refused the subject: this service's NATS user may not call it (the contract
  // catalog does not say it calls it; see natsPermissions() in @shanyu/contracts).
  if (e instanceof RequestError && e.cause instanceof PermissionViolationError) {
    return new DomainError('INTERNAL', `消息总线权限不允许调用 ${subject}`);
  }
  return new DomainError('INTERNAL', '服务调用失败');
}
