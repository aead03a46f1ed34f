import { RegistryRpc } from '@shanyu/contracts';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay, Handles } from '@shanyu/messaging';

@Controller()
export class HealthHandlers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** Answers the gateway's /health and the container health check. */
  @Handles(RegistryRpc.ping)
  async ping() {
    await this.dataSource.query('SELECT 1');
    return { service: 'registry', time: new Date().toISOString(), outboxBacklog: await this.relay.backlog() };
  }
}
