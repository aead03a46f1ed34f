import type { Actor } from '@shanyu/common';
import { CreditRpc, IndicatorsRequest } from '@shanyu/contracts';
import { Caller, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ComputeCreditIndicators } from './compute-credit-indicators.query.js';

/** `credit.indicators.compute`: the credit figures the gateway merges into GET /api/v1/indicators. */
@Controller()
export class CreditIndicatorHandlers {
  constructor(private readonly computeIndicators: ComputeCreditIndicators) {}

  @Handles(CreditRpc.computeIndicators)
  compute(@Payload() body: IndicatorsRequest, @Caller() actor: Actor) {
    return this.computeIndicators.execute(body, actor);
  }
}
