import { connect } from '@nats-io/transport-node';
import { natsInboxPrefix } from '@shanyu/contracts';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../outbox-relay.js';

/** `<service>.health.ping`: answers the gateway's /health and the container health check once the database answers. */
export function healthHandlersFor(service: string): Type<unknown> {
  @Controller()
  class HealthHandlers {
    constructor(
      @Inject(DataSource) private readonly dataSource: DataSource,
      @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    ) {}

    @MessagePattern(`${service}.health.ping`)
    async ping() {
      await this.dataSource.query('SELECT 1');
      return { service, time: new Date().toISOString(), outboxBacklog: await this.relay.backlog() };
    }
  }
  return HealthHandlers;
}

/**
 * The container health check's whole work: exits 0 when the service answers its ping over NATS,
 * asked with the service's own credentials (NATS_USER / NATS_PASSWORD), whose permissions allow it.
 */
export async function exitWithPing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<never> {
  const user = env.NATS_USER || undefined;
  try {
    const nc = await connect({
      servers: (env.NATS_URL ?? 'nats://127.0.0.1:4222').split(','),
      timeout: 2_000,
      ...(user ? { user, pass: env.NATS_PASSWORD ?? '', inboxPrefix: natsInboxPrefix(user) } : {}),
    });
    const msg = await nc.request(`${service}.health.ping`, '{}', { timeout: 2_000 });
    process.exit((msg.json() as { ok: boolean }).ok ? 0 : 1);
  } catch {
    process.exit(1);
  }
}
