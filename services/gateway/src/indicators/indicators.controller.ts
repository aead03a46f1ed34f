import type { Actor } from '@shanyu/common';
import { IndicatorsRequest, type IndicatorsView, RegistryRpc, rpcOf, StaffRpc } from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { HEALTH_SERVICES } from '../health/health.controller.js';

/** 指标: the registry's figures, with each other running service's indicators merged in by division. */
@ApiTags('indicators 指标')
@ApiBearerAuth()
@Controller('api/v1/indicators')
export class IndicatorsController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(HEALTH_SERVICES) private readonly services: string[],
  ) {}

  @Get()
  @ApiOperation({ summary: '区域指标 (each with its definition and source) for a district and its streets, plus supply and demand per street' })
  @ApiQuery({ name: 'divisionCode', example: '330106' })
  @ApiQuery({ name: 'month', required: false, example: '2026-11' })
  @ApiQuery({ name: 'targetPerThousand', required: false, example: 4.5 })
  @RpcReply(RegistryRpc.computeIndicators)
  async get(@Query() query: IndicatorsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<IndicatorsView> {
    const base = await this.rpc.call(RegistryRpc.computeIndicators, query, { actor, requestId });
    const others = this.services.filter((s) => s !== 'registry');
    // A service that is down or has no indicators leaves its figures out rather than failing the page.
    const contributions = await Promise.all(
      others.map((s) => this.rpc.call(rpcOf(StaffRpc.computeIndicators, s), query, { actor, requestId, timeoutMs: 10_000 }).catch(() => null)),
    );
    for (const contribution of contributions) {
      for (const part of contribution?.divisions ?? []) {
        base.divisions.find((d) => d.divisionCode === part.divisionCode)?.indicators.push(...part.indicators);
      }
    }
    for (const division of base.divisions) {
      const enrolled = division.indicators.find((i) => i.key === 'enrolledChildren');
      if (!enrolled) continue;
      // 入托率 needs the subsidy service's rosters and the registry's population: only here are both at hand.
      const under3 = division.supply?.childrenUnder3 ?? null;
      division.indicators.push({
        group: enrolled.group,
        key: 'enrolmentRate',
        label: '入托率',
        unit: '%',
        value: under3 && enrolled.value !== null ? Math.round((enrolled.value / under3) * 100 * 10_000) / 10_000 : null,
        numerator: enrolled.value ?? undefined,
        denominator: under3 ?? undefined,
        definition: '本月收托名册中的在托婴幼儿数 ÷ 3 岁以下婴幼儿数（人口数据）',
        source: '环翠区入托率 6.07%（威海市环翠区卫生健康局、发展和改革局《关于创建省级婴幼儿照护服务示范区的报告》）',
      });
    }
    return base;
  }
}
