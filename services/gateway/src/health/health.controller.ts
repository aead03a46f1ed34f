import { SYSTEM_ACTOR } from '@shanyu/common';
import { RpcClient } from '@shanyu/messaging';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators.js';
import { pingDatabase } from '../data-source.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const HEALTH_SERVICES = Symbol('HEALTH_SERVICES');

type Check = { status: 'up' | 'down'; ms?: number; error?: string; [k: string]: unknown };

async function timed(probe: () => Promise<Record<string, unknown> | void>): Promise<Check> {
  const started = performance.now();
  try {
    const extra = (await probe()) ?? {};
    return { status: 'up', ms: Math.round(performance.now() - started), ...extra };
  } catch (e) {
    return { status: 'down', ms: Math.round(performance.now() - started), error: (e as Error).message };
  }
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(HEALTH_SERVICES) private readonly services: string[],
  ) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL, NATS and each service (200 when all are up, else 503)' })
  @ApiQuery({
    name: 'scope',
    required: false,
    enum: ['self'],
    description:
      "self: only this gateway's own PostgreSQL and NATS (the Kubernetes probes: one service being down must not take every gateway out of the load balancer)",
  })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/Health' } })
  @ApiResponse({ status: 503, schema: { $ref: '#/components/schemas/Health' } })
  async health(@Res() reply: FastifyReply, @Query('scope') scope?: string) {
    const pinged = scope === 'self' ? [] : this.services;
    const [postgres, nats, ...services] = await Promise.all([
      timed(() => pingDatabase(this.dataSource)),
      timed(async () => {
        if (this.nats.isClosed()) throw new Error('connection closed');
        const rtt = await this.nats.rtt();
        return { rttMs: rtt, server: this.nats.info?.version };
      }),
      ...pinged.map((service) =>
        timed(() => this.rpc.request<Record<string, unknown>>(`${service}.health.ping`, {}, { actor: SYSTEM_ACTOR, timeoutMs: 1_500 })),
      ),
    ]);
    const checks: Record<string, Check> = { postgres, nats };
    pinged.forEach((s, i) => (checks[s] = services[i]));
    const up = Object.values(checks).every((c) => c.status === 'up');
    void reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'degraded', time: new Date().toISOString(), checks });
  }
}
