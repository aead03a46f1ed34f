import { type JsonLogger } from '@shanyu/common';
import { AuditLog, initializeAndMigrate } from '@shanyu/persistence';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { ensureEventStreams } from './event-streams.js';
import { connectNats } from './nats-connection.js';
import { Outbox } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { RpcClient } from './rpc-client.js';
import { UnitOfWork } from './unit-of-work.js';

export interface ServiceRuntimeOptions {
  service: string;
  natsUrl: string;
  dataSource: DataSource;
  logger: JsonLogger;
  rpcTimeoutMs?: number;
  /** Start the outbox relay (off in tests that drive it by hand). */
  relay?: boolean;
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
    readonly logger: JsonLogger,
  ) {}

  static async start(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { logger, dataSource, service } = options;
    await initializeAndMigrate(dataSource);
    const nats = await connectNats(options.natsUrl, service);
    const jsm = await jetstreamManager(nats);
    await ensureEventStreams(jsm);
    const js = jetstream(nats);
    const relay = new OutboxRelay({ dataSource, js, logger });
    const auditLog = new AuditLog();
    const unitOfWork = new UnitOfWork(dataSource, new Outbox(), auditLog, () => relay.notify());
    const runtime = new ServiceRuntime(service, dataSource, nats, js, jsm, relay, unitOfWork, auditLog, new RpcClient(nats, options.rpcTimeoutMs), logger);
    if (options.relay !== false) relay.start();
    logger.info('service runtime ready', { service });
    return runtime;
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    await this.nats.drain().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
