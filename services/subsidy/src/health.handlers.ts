import { SubsidySubjects } from '@shanyu/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@shanyu/messaging';

@Controller()
export class HealthHandlers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** Answers the gateway's /health and the container health check. */
  @MessagePattern(SubsidySubjects.ping)
  async ping() {
    await this.dataSource.query('SELECT 1');
    return { service: 'subsidy', time: new Date().toISOString(), outboxBacklog: await this.relay.backlog() };
  }
}
