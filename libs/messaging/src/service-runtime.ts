import { ActorTokenVerifier, ConfigError, type JsonLogger } from '@shanyu/common';
import { AuditLog, initializeAndMigrate } from '@shanyu/persistence';
import {
  flushTracing,
  initTracing,
  metricsFor,
  type MetricsServer,
  observabilityConfigFromEnv,
  type PoolStats,
  type ServiceMetrics,
  startMetricsServer,
} from '@shanyu/observability';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { ensureEventStreams } from './event-streams.js';
import { connectNats } from './nats-connection.js';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { type IdentityIssuer, RpcClient } from './rpc-client.js';
import { UnitOfWork } from './unit-of-work.js';

export interface ServiceRuntimeOptions {
  service: string;
  natsUrl: string;
  /** NATS_USER / NATS_PASSWORD of the service (its permissions: natsPermissions() in @shanyu/contracts); unset = no credentials. */
  natsUser?: string;
  natsPassword?: string;
  /** IDENTITY_PUBLIC_KEY: the gateway's public key, which every caller's identity token must verify against. */
  identityPublicKey: string | undefined;
  /** Signs the identity token of each call this process makes on someone's behalf (the gateway only). */
  identityIssuer?: IdentityIssuer;
  dataSource: DataSource;
  logger: JsonLogger;
  rpcTimeoutMs?: number;
  /** Start the outbox relay (off in tests that drive it by hand). */
  relay?: boolean;
  /** Port of the Prometheus listener; default METRICS_PORT (0 or unset: none). */
  metricsPort?: number;
}

/**
 * Everything a service needs from the outside world, connected and migrated before Nest
 * starts: the database (own schema), NATS, JetStream streams, outbox relay, audit log.
 */
export class ServiceRuntime {
  private constructor(
    readonly service: string,
    readonly dataSource: DataSource,
    readonly nats: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly relay: OutboxRelay,
    readonly unitOfWork: UnitOfWork,
    readonly auditLog: AuditLog,
    readonly rpc: RpcClient,
    readonly identity: ActorTokenVerifier,
    readonly logger: JsonLogger,
    readonly metrics: ServiceMetrics,
    /** The Prometheus listener, when METRICS_PORT (or the option) asked for one. */
    readonly metricsServer: MetricsServer | undefined,
    private readonly removeMetricsSources: () => void,
  ) {}

  static async start(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { logger, dataSource, service } = options;
    if (!options.identityPublicKey) {
      throw new ConfigError(
        '缺少 IDENTITY_PUBLIC_KEY（网关身份令牌公钥，npm run admin -- identity-keys 生成）/ IDENTITY_PUBLIC_KEY is required: without it no caller can be verified',
      );
    }
    const identity = new ActorTokenVerifier(options.identityPublicKey);
    const observability = observabilityConfigFromEnv();
    await initTracing({ service, otlpEndpoint: observability.otlpEndpoint });
    await initializeAndMigrate(dataSource);
    const nats = await connectNats(options.natsUrl, service, { user: options.natsUser, password: options.natsPassword });
    const jsm = await jetstreamManager(nats);
    await ensureEventStreams(jsm);
    const js = jetstream(nats);
    const relay = new OutboxRelay({ dataSource, js, logger, service });
    const auditLog = new AuditLog();
    const unitOfWork = new UnitOfWork(dataSource, new Outbox(), auditLog, () => relay.notify());
    const metrics = metricsFor(service);
    const removeSources = [metrics.addOutboxSource(() => relay.stats()), metrics.addPoolSource(() => poolStats(dataSource))];
    const metricsPort = options.metricsPort ?? observability.metricsPort;
    const metricsServer = metricsPort ? await startMetricsServer(metrics, metricsPort, observability.metricsHost) : undefined;
    if (metricsServer) logger.info('metrics listening', { port: metricsServer.port, path: '/metrics' });
    const runtime = new ServiceRuntime(
      service,
      dataSource,
      nats,
      js,
      jsm,
      relay,
      unitOfWork,
      auditLog,
      new RpcClient(nats, options.rpcTimeoutMs, service, options.identityIssuer),
      identity,
      logger,
      metrics,
      metricsServer,
      () => removeSources.forEach((remove) => remove()),
    );
    if (options.relay !== false) relay.start();
    logger.info('service runtime ready', { service });
    return runtime;
  }

  async stop(): Promise<void> {
    this.removeMetricsSources();
    await this.metricsServer?.close();
    await flushTracing();
    await this.relay.stop();
    await this.nats.drain().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** pg's pool behind TypeORM's postgres driver (`driver.master`). */
function poolStats(dataSource: DataSource): PoolStats {
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : { total: 0, idle: 0, waiting: 0 };
}
