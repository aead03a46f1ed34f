import { type ActorTokenVerifier, DomainError, type JsonLogger } from '@shanyu/common';
import { identityRequired, RpcHeaders, type RpcReply } from '@shanyu/contracts';
import { contextFromHeaders, inSpan, metricsFor, SpanKind, SpanStatusCode } from '@shanyu/observability';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { isObservable, lastValueFrom } from 'rxjs';
import { RpcCallContext } from './rpc-context.js';
import { toErrorBody } from './rpc-error.filter.js';

export interface NatsRpcServerOptions {
  connection: NatsConnection;
  /** Queue group: replicas of one service share its requests. */
  service: string;
  logger: JsonLogger;
  /** Checks the `shanyu-identity` token of each call whose handler asks who acts. */
  identity: ActorTokenVerifier;
  /** Requests larger than this are refused before parsing. */
  maxPayloadBytes?: number;
}

/**
 * Nest transport that answers `@MessagePattern(subject)` handlers over core NATS with the
 * plain JSON wire format of `@shanyu/contracts` (`{ok,data}` / `{ok:false,error}`), so any
 * NATS client in any language can call a service without knowing Nest's envelope.
 */
export class NatsRpcServer extends Server implements CustomTransportStrategy {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Replies waiting for this event-loop turn's single socket write (see `reply`). */
  private readonly pendingReplies: Array<{ msg: Msg; payload: string }> = [];

  constructor(private readonly options: NatsRpcServerOptions) {
    super();
  }

  listen(callback: (...args: unknown[]) => void): void {
    const { connection, service } = this.options;
    for (const subject of this.messageHandlers.keys()) {
      const sub = connection.subscribe(subject, {
        queue: service,
        callback: (err, msg) => {
          if (err) return this.options.logger.error('subscription error', { subject, err });
          const work = this.handle(msg, subject).finally(() => this.inFlight.delete(work));
          this.inFlight.add(work);
        },
      });
      this.subscriptions.push(sub);
    }
    this.options.logger.info('rpc listening', { service, subjects: [...this.messageHandlers.keys()] });
    callback();
  }

  /** Stops taking requests, then waits for the ones being answered. */
  async close(): Promise<void> {
    for (const sub of this.subscriptions) sub.unsubscribe();
    await Promise.allSettled([...this.inFlight]);
    this.flushReplies();
  }

  on(): void {
    /* status events are not used by this transport */
  }

  unwrap<T>(): T {
    return this.options.connection as T;
  }

  /** Answers one request in a server span that continues the caller's trace (`traceparent` header). */
  private async handle(msg: Msg, pattern: string): Promise<void> {
    const started = performance.now();
    const parent = contextFromHeaders(msg.headers, msg.headers?.get(RpcHeaders.requestId) || undefined);
    await inSpan(pattern, SpanKind.SERVER, parent, { 'messaging.system': 'nats', 'messaging.destination.name': msg.subject }, async (span) => {
      const reply = await this.answer(msg);
      if (msg.reply) this.reply(msg, JSON.stringify(reply));
      const outcome = reply.ok ? 'ok' : reply.error.code === 'INTERNAL' ? 'internal' : 'domain_error';
      if (outcome === 'internal') span.setStatus({ code: SpanStatusCode.ERROR });
      const seconds = (performance.now() - started) / 1000;
      metricsFor(this.options.service).rpcServerDuration.observe({ subject: pattern, outcome }, seconds);
      this.options.logger.debug('rpc', {
        subject: msg.subject,
        ok: reply.ok,
        code: reply.ok ? undefined : reply.error.code,
        ms: Math.round(seconds * 1000),
      });
    });
  }

  /**
   * Replies finish on separate promise chains, and nats.js flushes its outbound buffer in a
   * microtask, so each reply was its own socket write (22% of an echo server's CPU, bench/README.md).
   * Queued until the end of this event-loop turn, the turn's replies leave in one write.
   */
  private reply(msg: Msg, payload: string): void {
    if (this.pendingReplies.push({ msg, payload }) === 1) setImmediate(() => this.flushReplies());
  }

  private flushReplies(): void {
    for (const { msg, payload } of this.pendingReplies.splice(0)) msg.respond(payload);
  }

  private async answer(msg: Msg): Promise<RpcReply<unknown>> {
    try {
      const max = this.options.maxPayloadBytes ?? 1_000_000;
      if (msg.data.length > max) throw new DomainError('PAYLOAD_TOO_LARGE', `请求体超过 ${max} 字节`);
      let body: unknown;
      try {
        body = msg.data.length ? JSON.parse(msg.string()) : {};
      } catch {
        throw DomainError.validation([{ field: '(body)', code: 'isJson', message: '请求体不是合法的 JSON' }]);
      }
      // The subscription's own key first: Nest's getHandlerByPattern JSON.parses every subject and
      // throws a SyntaxError for each plain one (6.5% of an echo server's CPU, bench/README.md).
      const handler = this.messageHandlers.get(msg.subject) ?? this.getHandlerByPattern(msg.subject);
      if (!handler) throw new DomainError('NOT_FOUND', `未知的主题 ${msg.subject}`);
      const context = new RpcCallContext(msg.subject, msg.headers, this.options.identity);
      // Checked before the handler: a subject that needs an identity refuses a call without one even if its handler never asks who acts.
      if (identityRequired(msg.subject)) void context.actor;
      const result = await handler(body, context);
      const data = isObservable(result) ? await lastValueFrom(result, { defaultValue: null }) : result;
      return { ok: true, data: data ?? null };
    } catch (e) {
      const error = toErrorBody(e);
      if (error.code === 'INTERNAL') this.options.logger.error('rpc handler failed', { subject: msg.subject, err: e });
      return { ok: false, error };
    }
  }
}
