import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus series every Shanyu process exposes. The names are a public contract (the alert
 * rules and the Grafana dashboard in deploy/observability use them; a test keeps them in step):
 * change them only together with those files and the README.
 */
export const MetricNames = {
  httpRequestDuration: 'shanyu_http_request_duration_seconds',
  rpcServerDuration: 'shanyu_rpc_server_duration_seconds',
  rpcClientDuration: 'shanyu_rpc_client_duration_seconds',
  outboxBacklog: 'shanyu_outbox_backlog',
  outboxOldestAge: 'shanyu_outbox_oldest_age_seconds',
  outboxPublished: 'shanyu_outbox_published_total',
  consumerPending: 'shanyu_consumer_pending',
  consumerEvents: 'shanyu_consumer_events_total',
  consumerRedeliveries: 'shanyu_consumer_redeliveries_total',
  deadLetters: 'shanyu_dead_letters_total',
  dbPoolConnections: 'shanyu_db_pool_connections',
} as const;

/** How an RPC ended: a reply, a refusal the caller must handle, a fault, or no answer. */
export type RpcOutcome = 'ok' | 'domain_error' | 'internal' | 'timeout' | 'unavailable';

export interface OutboxStats {
  backlog: number;
  oldestAgeSeconds: number;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One service's metrics in their own registry, every series labelled `service`. Gauges that
 * describe state elsewhere (the outbox table, JetStream consumers, the pg pool) are read when
 * Prometheus scrapes, from the sources the runtime registers, so nothing polls in between.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'route' | 'method' | 'status_class'>;
  readonly rpcServerDuration: Histogram<'subject' | 'outcome'>;
  readonly rpcClientDuration: Histogram<'subject' | 'outcome'>;
  readonly outboxPublished: Counter;
  readonly consumerEvents: Counter<'consumer' | 'outcome'>;
  readonly consumerRedeliveries: Counter<'consumer'>;
  readonly deadLetters: Counter<'consumer'>;

  private readonly outboxSources = new Set<() => Promise<OutboxStats>>();
  private readonly consumerSources = new Map<string, () => Promise<number>>();
  private readonly poolSources = new Set<() => PoolStats>();

  constructor(
    readonly service: string,
    options: { defaultMetrics?: boolean } = {},
  ) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = new Histogram({
      name: MetricNames.httpRequestDuration,
      help: 'HTTP requests by route pattern, method and status class (2xx…5xx)',
      labelNames: ['route', 'method', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpcServerDuration = new Histogram({
      name: MetricNames.rpcServerDuration,
      help: 'NATS requests answered, by subject and outcome',
      labelNames: ['subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpcClientDuration = new Histogram({
      name: MetricNames.rpcClientDuration,
      help: 'NATS requests made to other services, by subject and outcome',
      labelNames: ['subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.outboxPublished = new Counter({ name: MetricNames.outboxPublished, help: 'Outbox rows published to JetStream', registers });
    this.consumerEvents = new Counter({
      name: MetricNames.consumerEvents,
      help: 'Event deliveries handled by durable consumers (done, duplicate, retry, dead)',
      labelNames: ['consumer', 'outcome'],
      registers,
    });
    this.consumerRedeliveries = new Counter({
      name: MetricNames.consumerRedeliveries,
      help: 'Event deliveries that were redeliveries (delivery count > 1)',
      labelNames: ['consumer'],
      registers,
    });
    this.deadLetters = new Counter({
      name: MetricNames.deadLetters,
      help: 'Events sent to the dead-letter stream after their last failed delivery',
      labelNames: ['consumer'],
      registers,
    });
    const outboxStats = async (): Promise<OutboxStats | undefined> => {
      const stats = await Promise.all([...this.outboxSources].map((read) => read().catch(() => undefined)));
      const known = stats.filter((s): s is OutboxStats => !!s);
      // Several runtimes of one service in one process (tests) read the same table: take the largest.
      return known.length
        ? { backlog: Math.max(...known.map((s) => s.backlog)), oldestAgeSeconds: Math.max(...known.map((s) => s.oldestAgeSeconds)) }
        : undefined;
    };
    new Gauge({
      name: MetricNames.outboxBacklog,
      help: 'Outbox rows committed but not yet acknowledged by JetStream',
      registers,
      async collect() {
        // NaN, not 0, when the table cannot be read: an alert must not take "unknown" for "empty".
        this.set((await outboxStats())?.backlog ?? Number.NaN);
      },
    });
    new Gauge({
      name: MetricNames.outboxOldestAge,
      help: 'Age of the oldest unpublished outbox row (0 when none)',
      registers,
      async collect() {
        this.set((await outboxStats())?.oldestAgeSeconds ?? Number.NaN);
      },
    });
    const consumerSources = this.consumerSources;
    new Gauge({
      name: MetricNames.consumerPending,
      help: 'Events in the stream not yet delivered to the durable consumer (JetStream num_pending)',
      labelNames: ['consumer'],
      registers,
      async collect() {
        const values = await Promise.all([...consumerSources].map(async ([consumer, read]) => [consumer, await read().catch(() => undefined)] as const));
        this.reset();
        for (const [consumer, pending] of values) if (pending !== undefined) this.set({ consumer }, pending);
      },
    });
    const poolSources = this.poolSources;
    new Gauge({
      name: MetricNames.dbPoolConnections,
      help: 'PostgreSQL pool connections: total open, idle, and callers waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        if (!poolSources.size) return;
        const stats = [...poolSources].map((read) => read());
        const sum = (key: keyof PoolStats) => stats.reduce((n, s) => n + s[key], 0);
        this.set({ state: 'total' }, sum('total'));
        this.set({ state: 'idle' }, sum('idle'));
        this.set({ state: 'waiting' }, sum('waiting'));
      },
    });
  }

  /** Registers a reader of the outbox table; returns its removal. */
  addOutboxSource(read: () => Promise<OutboxStats>): () => void {
    this.outboxSources.add(read);
    return () => this.outboxSources.delete(read);
  }

  /** Registers a durable consumer's pending count reader; returns its removal. */
  addConsumerSource(consumer: string, read: () => Promise<number>): () => void {
    this.consumerSources.set(consumer, read);
    return () => {
      if (this.consumerSources.get(consumer) === read) this.consumerSources.delete(consumer);
    };
  }

  /** Registers a pg pool; returns its removal. */
  addPoolSource(read: () => PoolStats): () => void {
    this.poolSources.add(read);
    return () => this.poolSources.delete(read);
  }

  /** The Prometheus text exposition of this service's registry. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

const byService = new Map<string, ServiceMetrics>();

/**
 * The metrics of a service in this process (one per service name: replicas started in one test
 * process share it, as they would share a Prometheus job).
 */
export function metricsFor(service: string): ServiceMetrics {
  let metrics = byService.get(service);
  if (!metrics) {
    metrics = new ServiceMetrics(service);
    byService.set(service, metrics);
  }
  return metrics;
}

/** `2xx`, `4xx`, … for a status code. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
