import { SubsidyRpc } from '@shanyu/contracts';
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
  @Handles(SubsidyRpc.ping)
  async ping() {
    await this.dataSource.query('SELECT 1');
    return { service: 'subsidy', time: new Date().toISOString(), outboxBacklog: await this.relay.backlog() };
  }
}
