import type { Actor } from '@shanyu/common';
import { IndicatorsRequest, InspectionRpc } from '@shanyu/contracts';
import { Caller, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ComputeInspectionIndicators } from './compute-inspection-indicators.query.js';

/** `inspection.indicators.compute`: the supervision figures the gateway merges into GET /api/v1/indicators. */
@Controller()
export class InspectionIndicatorHandlers {
  constructor(private readonly computeIndicators: ComputeInspectionIndicators) {}

  @Handles(InspectionRpc.computeIndicators)
  compute(@Payload() body: IndicatorsRequest, @Caller() actor: Actor) {
    return this.computeIndicators.execute(body, actor);
  }
}
