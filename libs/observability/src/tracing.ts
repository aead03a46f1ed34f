import {
  context,
  createContextKey,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { setLogContextProvider } from '@shanyu/common';

export { SpanKind, SpanStatusCode, type Context, type Span };

/** Headers a trace travels in (W3C Trace Context), on HTTP and on NATS messages alike. */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/** Anything with `get(name)`: Node's IncomingHttpHeaders wrapped, NATS MsgHdrs. */
export interface HeaderGetter {
  get(name: string): string | string[] | null | undefined;
}

const REQUEST_ID = createContextKey('shanyu.request-id');
const propagator = new W3CTraceContextPropagator();
const getter: TextMapGetter<HeaderGetter> = {
  get: (carrier, key) => {
    const v = carrier.get(key);
    return v === '' || v === null ? undefined : v;
  },
  keys: () => [...TRACE_HEADERS],
};
const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

let provider: TracerProvider | undefined;
let exporting = false;

function baseSetup(): void {
  if (provider) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  setLogContextProvider(logContextFields);
  // Without an exporter spans are not recorded (AlwaysOff), but ids are still made and passed on,
  // so logs and event headers can be joined by trace id at almost no cost.
  provider = new TracerProvider({ sampler: new AlwaysOffSampler() });
}

export interface TracingOptions {
  service: string;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); unset: nothing is exported. */
  otlpEndpoint?: string;
}

/**
 * Sets up W3C trace context for the process (idempotent: the first service with an endpoint
 * turns export on). Export is OTLP/HTTP in batches to `<endpoint>/v1/traces`.
 */
export async function initTracing(options: TracingOptions): Promise<void> {
  baseSetup();
  if (!options.otlpEndpoint || exporting) return;
  exporting = true;
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
  const previous = provider;
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': `shanyu-${options.service}`, 'service.namespace': 'shanyu' }),
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) })],
  });
  await previous?.shutdown();
}

/** Sends spans still buffered (on a clean stop). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush().catch(() => undefined);
}

function tracer() {
  baseSetup();
  return provider!.getTracer('shanyu');
}

/** The context a caller sent in its headers (trace parent and request id). */
export function contextFromHeaders(headers: HeaderGetter | undefined, requestId?: string): Context {
  baseSetup();
  let ctx = headers ? propagator.extract(ROOT_CONTEXT, headers, getter) : ROOT_CONTEXT;
  if (requestId) ctx = ctx.setValue(REQUEST_ID, requestId);
  return ctx;
}

/** The current call's context with a request id (for logs and the next hop). */
export function withRequestId(ctx: Context, requestId: string | undefined): Context {
  return requestId ? ctx.setValue(REQUEST_ID, requestId) : ctx;
}

export function currentRequestId(): string | undefined {
  return context.active().getValue(REQUEST_ID) as string | undefined;
}

export function currentTraceId(): string | undefined {
  const span = trace.getSpan(context.active())?.spanContext();
  return span && isSpanContextValid(span) ? span.traceId : undefined;
}

/** Starts a span as a child of `parent` (default: the active context) and returns it with its context. */
export function startSpan(name: string, kind: SpanKind, attributes: Attributes = {}, parent: Context = context.active()): { span: Span; ctx: Context } {
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

/**
 * Runs `work` in a new span that ends with it (an error marks the span and is rethrown).
 * Everything `work` does — logs, RPCs, outbox rows — belongs to this span's trace.
 */
export async function inSpan<T>(name: string, kind: SpanKind, parent: Context, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  const { span, ctx } = startSpan(name, kind, attributes, parent);
  try {
    return await context.with(ctx, () => work(span));
  } catch (e) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
    throw e;
  } finally {
    span.end();
  }
}

/** Runs `work` with `ctx` active (for callback-style hooks). */
export function runWithContext<T>(ctx: Context, work: () => T): T {
  return context.with(ctx, work);
}

/** `traceparent` (and `tracestate`) of `ctx`, to put in outgoing headers; empty without a trace. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, recordSetter);
  return carrier;
}

function logContextFields(): Record<string, unknown> | undefined {
  const ctx = context.active();
  const requestId = ctx.getValue(REQUEST_ID) as string | undefined;
  const span = trace.getSpan(ctx)?.spanContext();
  const traced = span && isSpanContextValid(span);
  if (!requestId && !traced) return undefined;
  return { requestId, traceId: traced ? span.traceId : undefined, spanId: traced ? span.spanId : undefined };
}
