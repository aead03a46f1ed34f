import { userInfo } from 'node:os';
import { type Actor, ActorTokenSigner } from '@shanyu/common';
import { connectNats, Outbox, OutboxRelay, RpcClient, UnitOfWork, type NatsConnection } from '@shanyu/messaging';
import { AuditLog, initializeAndMigrate } from '@shanyu/persistence';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { type GatewayConfig, requireIdentitySigningKey } from '../config.js';
import { gatewayDataSource } from '../data-source.js';
import type { JsonLogger } from '@shanyu/common';

/**
 * What the admin CLI connects to, opened on first use: the gateway's PostgreSQL schema (accounts,
 * calendar, its audit chain) and NATS (service RPCs, JetStream). The same settings as the gateway.
 */
export class AdminContext {
  private ds?: Promise<DataSource>;
  private nc?: Promise<NatsConnection>;
  private relay?: OutboxRelay;

  constructor(
    readonly config: GatewayConfig,
    readonly actor: Actor,
    readonly logger: JsonLogger,
  ) {}

  static actorFrom(env: NodeJS.ProcessEnv): Actor {
    let who = 'unknown';
    try {
      who = userInfo().username;
    } catch {
      /* no passwd entry in some containers */
    }
    return { department: 'admin', role: 'admin', userId: env.SHANYU_ADMIN_ACTOR?.trim() || `admin-cli:${who}`, divisions: [] };
  }

  dataSource(): Promise<DataSource> {
    this.ds ??= (async () => {
      const ds = gatewayDataSource(this.config.DATABASE_URL, this.config.GATEWAY_DB_SCHEMA);
      await initializeAndMigrate(ds);
      return ds;
    })();
    return this.ds;
  }

  nats(): Promise<NatsConnection> {
    this.nc ??= connectNats(this.config.NATS_URL, 'shanyu-admin-cli', { user: this.config.NATS_USER, password: this.config.NATS_PASSWORD });
    return this.nc;
  }

  async js(): Promise<JetStreamClient> {
    return jetstream(await this.nats());
  }

  async jsm(): Promise<JetStreamManager> {
    return jetstreamManager(await this.nats());
  }

  async rpc(): Promise<RpcClient> {
    return new RpcClient(await this.nats(), this.config.RPC_TIMEOUT_MS, 'admin-cli', new ActorTokenSigner(requireIdentitySigningKey(this.config)));
  }

  /** Changes of the gateway's own data: the change, its event and its audit entry in one transaction. */
  async unitOfWork(): Promise<UnitOfWork> {
    const dataSource = await this.dataSource();
    this.relay ??= new OutboxRelay({ dataSource, js: await this.js(), logger: this.logger });
    return new UnitOfWork(dataSource, new Outbox(), new AuditLog(), () => undefined);
  }

  /** Publishes what the CLI wrote to the outbox now (the running gateway's relay would, on its next poll). */
  async flushOutbox(): Promise<void> {
    if (this.relay) while ((await this.relay.publishBatch()) > 0);
  }

  async close(): Promise<void> {
    const [ds, nc] = await Promise.allSettled([this.ds, this.nc]);
    if (nc.status === 'fulfilled' && nc.value) await nc.value.drain().catch(() => undefined);
    if (ds.status === 'fulfilled' && ds.value?.isInitialized) await ds.value.destroy();
  }
}
