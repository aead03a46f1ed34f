import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type Context,
  contextFromHeaders,
  runWithContext,
  type ServiceMetrics,
  SpanKind,
  SpanStatusCode,
  startSpan,
  statusClass,
  type Span,
} from '@shanyu/observability';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TRACE = Symbol('shanyu.trace');
type Traced = FastifyRequest & { [TRACE]?: { span: Span; ctx: Context } };

/**
 * Per request: a server span continuing the caller's `traceparent` (or starting a trace), active
 * while the route runs so logs, NATS requests and outbox rows carry it; its trace id in the
 * `x-trace-id` response header; and `shanyu_http_request_duration_seconds` by route pattern.
 */
export function registerHttpObservability(fastify: FastifyInstance, metrics: ServiceMetrics): void {
  fastify.addHook('onRequest', (request: Traced, reply, done) => {
    const parent = contextFromHeaders({ get: (name) => request.headers[name] }, request.id);
    const traced = startSpan(`${request.method}`, SpanKind.SERVER, { 'http.request.method': request.method }, parent);
    request[TRACE] = traced;
    void reply.header('x-trace-id', traced.span.spanContext().traceId);
    runWithContext(traced.ctx, done);
  });
  // The body is parsed in the socket's callbacks, outside the context: enter it again before the route runs.
  fastify.addHook('preHandler', (request: Traced, _reply, done) => {
    if (request[TRACE]) runWithContext(request[TRACE].ctx, done);
    else done();
  });
  // Runs before the access log's hook, which it puts back in the request's context (trace id in the line).
  fastify.addHook('onResponse', (request: Traced, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    if (route !== '/metrics') {
      metrics.httpRequestDuration.observe({ route, method: request.method, status_class: statusClass(reply.statusCode) }, reply.elapsedTime / 1000);
    }
    const traced = request[TRACE];
    if (!traced) return done();
    traced.span.updateName(`${request.method} ${route}`);
    traced.span.setAttributes({ 'http.route': route, 'http.response.status_code': reply.statusCode });
    if (reply.statusCode >= 500) traced.span.setStatus({ code: SpanStatusCode.ERROR });
    traced.span.end();
    runWithContext(traced.ctx, done);
  });
}

/**
 * `GET /metrics` (Prometheus text format) on the gateway's own port, outside /api and the OpenAPI
 * document, only when METRICS_TOKEN is set, and then only with `Authorization: Bearer <token>`.
 * Without a token the public port has no /metrics (404): Prometheus scrapes the internal listener
 * of METRICS_PORT, as it does every other service.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: ServiceMetrics, token: string | undefined): void {
  if (!token) return;
  const expected = digest(`Bearer ${token}`);
  fastify.get('/metrics', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ statusCode: 401, code: 'UNAUTHENTICATED', message: '需要监控令牌 (METRICS_TOKEN)' });
    }
    const { contentType, body } = await metrics.expose();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
