import type { Actor } from '@shanyu/common';
import { IndicatorsRequest, SubsidyRpc } from '@shanyu/contracts';
import { Caller, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ComputeSubsidyIndicators } from './compute-subsidy-indicators.query.js';

/** `subsidy.indicators.compute`: the enrolment and subsidy figures the gateway merges into GET /api/v1/indicators. */
@Controller()
export class SubsidyIndicatorHandlers {
  constructor(private readonly computeIndicators: ComputeSubsidyIndicators) {}

  @Handles(SubsidyRpc.computeIndicators)
  compute(@Payload() body: IndicatorsRequest, @Caller() actor: Actor) {
    return this.computeIndicators.execute(body, actor);
  }
}
