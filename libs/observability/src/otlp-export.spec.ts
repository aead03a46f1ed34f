import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { contextFromHeaders, flushTracing, initTracing, inSpan, SpanKind } from './tracing.js';

// A file of its own: turning export on changes the process's tracer provider.
describe('OTLP/HTTP export (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('sends recorded spans to <endpoint>/v1/traces with the service name', async () => {
    const received: { path: string; body: Buffer }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      await initTracing({ service: 'registry', otlpEndpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}/` });
      const traceId = 'a'.repeat(31) + 'b';
      await inSpan(
        'registry.institution.get',
        SpanKind.SERVER,
        contextFromHeaders({ get: () => `00-${traceId}-${'c'.repeat(16)}-01` }),
        {},
        async () => undefined,
      );
      await flushTracing();
      expect(received.map((r) => r.path)).toContain('/v1/traces');
      const body = received.map((r) => r.body.toString('latin1')).join('');
      expect(body).toContain('shanyu-registry');
      expect(body).toContain('registry.institution.get');
    } finally {
      collector.close();
    }
  });
});
