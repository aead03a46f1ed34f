import type { Actor } from '@shanyu/common';
import { enrolmentRatios, IndicatorsRequest, type IndicatorsView, judgeTargets, RegistryRpc, rpcOf, StaffRpc } from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
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
  @Departments('health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance')
  @ApiOperation({
    summary:
      "区域指标 (each with its definition and source) for a district and its streets (a city and its counties), as they stood at the end of the month, plus supply and demand; figures over all operating institutions with their filed-only figures beside them (filedOnlyOf); each division's development targets (发展目标) judged against its figures; a district's or street's city figures beside it (comparison)",
  })
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
    const divisions = base.comparison ? [...base.divisions, base.comparison] : base.divisions;
    for (const contribution of contributions) {
      for (const part of contribution?.divisions ?? []) {
        divisions.find((d) => d.divisionCode === part.divisionCode)?.indicators.push(...part.indicators);
      }
    }
    for (const division of divisions) {
      // 托位使用率 and 入托率 divide the subsidy service's children by the registry's places and
      // population: only here are both at hand; targets are judged once every figure is in.
      division.indicators.push(...enrolmentRatios(division));
      judgeTargets(division);
    }
    return base;
  }
}
