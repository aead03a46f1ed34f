import { InspectionRpc } from '@shanyu/contracts';
import { OutboxRelay, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller()
export class HealthHandlers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** Answers the gateway's /health and the container health check. */
  @Handles(InspectionRpc.ping)
  async ping() {
    await this.dataSource.query('SELECT 1');
    return { service: 'inspection', time: new Date().toISOString(), outboxBacklog: await this.relay.backlog() };
  }
}
