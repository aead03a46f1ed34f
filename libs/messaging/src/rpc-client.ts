import { type Actor, DomainError } from '@shanyu/common';
import { DEFAULT_RPC_TIMEOUT_MS, RpcHeaders, type RpcReply } from '@shanyu/contracts';
import { headers, type NatsConnection, RequestError, TimeoutError } from '@nats-io/transport-node';

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
  ) {}

  async request<T>(subject: string, body: unknown, options: RpcCallOptions): Promise<T> {
    const h = headers();
    h.set(RpcHeaders.actor, JSON.stringify(options.actor));
    if (options.requestId) h.set(RpcHeaders.requestId, options.requestId);
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    let reply: RpcReply<T>;
    try {
      const msg = await this.nc.request(subject, JSON.stringify(body ?? {}), { timeout, headers: h });
      reply = msg.json<RpcReply<T>>();
    } catch (e) {
      throw translateTransportError(e, subject, timeout);
    }
    if (reply.ok) return reply.data;
    throw DomainError.fromBody(reply.error);
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
  return new DomainError('INTERNAL', '服务调用失败');
}
