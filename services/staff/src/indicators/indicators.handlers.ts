import type { Actor } from '@shanyu/common';
import { IndicatorsRequest, StaffRpc } from '@shanyu/contracts';
import { Caller, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ComputeStaffIndicators } from './compute-staff-indicators.query.js';

/** `staff.indicators.compute`: the staff figures the gateway merges into GET /api/v1/indicators. */
@Controller()
export class StaffIndicatorHandlers {
  constructor(private readonly computeIndicators: ComputeStaffIndicators) {}

  @Handles(StaffRpc.computeIndicators)
  compute(@Payload() body: IndicatorsRequest, @Caller() actor: Actor) {
    return this.computeIndicators.execute(body, actor);
  }
}
