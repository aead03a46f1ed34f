import { ServiceMetrics } from '@shanyu/observability';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerHttpObservability, registerMetricsRoute } from './observability.js';

async function app(token?: string) {
  const metrics = new ServiceMetrics('gateway', { defaultMetrics: false });
  const fastify = Fastify();
  registerHttpObservability(fastify, metrics);
  registerMetricsRoute(fastify, metrics, token);
  fastify.get('/api/v1/things/:id', async () => ({ ok: true }));
  await fastify.ready();
  return fastify;
}

const TOKEN = 'a-long-metrics-token';

describe('gateway metrics and trace hooks', () => {
  it('counts requests by route pattern and status class, and returns the trace id', async () => {
    const fastify = await app(TOKEN);
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const res = await fastify.inject({ url: '/api/v1/things/42', headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } });
    expect(res.headers['x-trace-id']).toBe(traceId);
    await fastify.inject({ url: '/nowhere' });
    const body = (await fastify.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(body).toMatch(/^shanyu_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/things\/:id"[^}]*status_class="2xx"[^}]*\} 1$/m);
    expect(body).toMatch(/^shanyu_http_request_duration_seconds_count\{[^}]*route="unmatched"[^}]*status_class="4xx"[^}]*\} 1$/m);
    expect(body).not.toContain('route="/metrics"');
    await fastify.close();
  });

  it('has no /metrics on the public port without METRICS_TOKEN (Prometheus scrapes METRICS_PORT)', async () => {
    const fastify = await app();
    expect((await fastify.inject({ url: '/metrics' })).statusCode).toBe(404);
    await fastify.close();
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const fastify = await app('a-long-metrics-token');
    expect((await fastify.inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await fastify.inject({ url: '/metrics', headers: { authorization: 'Bearer a-long-metrics-tokeN' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const ok = await fastify.inject({ url: '/metrics', headers: { authorization: 'Bearer a-long-metrics-token' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# TYPE shanyu_http_request_duration_seconds histogram');
    await fastify.close();
  });
});
