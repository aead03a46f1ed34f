import { JsonLogger } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { contextFromHeaders, currentRequestId, currentTraceId, inSpan, SpanKind, startSpan, traceHeaders } from './tracing.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const headersOf = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? '' });

describe('tracing', () => {
  it("continues a caller's traceparent: child spans, outgoing headers and log lines carry its trace id", async () => {
    const lines: string[] = [];
    const logger = new JsonLogger('registry', 'info', (line) => lines.push(line));
    const parent = contextFromHeaders(headersOf({ traceparent: PARENT }), 'req-1');
    const outgoing = await inSpan('registry.institution.register', SpanKind.SERVER, parent, {}, async (span) => {
      expect(span.spanContext().traceId).toBe(TRACE_ID);
      expect(currentTraceId()).toBe(TRACE_ID);
      expect(currentRequestId()).toBe('req-1');
      await new Promise((r) => setTimeout(r, 1)); // the context survives async hops
      logger.info('handled', { institutionId: 'x' });
      return traceHeaders();
    });
    expect(outgoing.traceparent).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-0[01]$`));
    expect(outgoing.traceparent).not.toContain('00f067aa0ba902b7'); // the child's span id, not the caller's
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ msg: 'handled', requestId: 'req-1', traceId: TRACE_ID, institutionId: 'x' });
    expect(currentTraceId()).toBeUndefined();
  });

  it('starts a new trace when the caller sent none (ids are made even without an exporter)', () => {
    const { span, ctx } = startSpan('GET /x', SpanKind.SERVER, {}, contextFromHeaders(headersOf({ traceparent: 'garbage' })));
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanContext().traceId).not.toBe('0'.repeat(32));
    expect(traceHeaders(ctx).traceparent).toContain(span.spanContext().traceId);
    span.end();
  });

  it('a log line outside any call has no request or trace id; explicit fields win', async () => {
    const lines: string[] = [];
    const logger = new JsonLogger('gateway', 'info', (line) => lines.push(line));
    logger.info('idle');
    await inSpan('x', SpanKind.INTERNAL, contextFromHeaders(undefined, 'req-2'), {}, async () => logger.info('busy', { requestId: 'explicit' }));
    expect(JSON.parse(lines[0]!)).not.toHaveProperty('traceId');
    expect(JSON.parse(lines[0]!)).not.toHaveProperty('requestId');
    expect(JSON.parse(lines[1]!)).toMatchObject({ requestId: 'explicit', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('a failing span rethrows the error', async () => {
    await expect(
      inSpan('boom', SpanKind.INTERNAL, contextFromHeaders(undefined), {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});

describe('log context', () => {
  it('masks a resident ID number sent as the request id, like every other field', async () => {
    const lines: string[] = [];
    const logger = new JsonLogger('registry', 'info', (line) => lines.push(line));
    await inSpan('x', SpanKind.SERVER, contextFromHeaders(undefined, '330106199001011234'), {}, async () => logger.info('handled'));
    expect(lines[0]).not.toContain('330106199001011234');
    expect(JSON.parse(lines[0]!).requestId).toBe('330106********1234');
  });
});
