import type { Actor } from '@shanyu/common';
import { IndicatorsRequest, RegistryRpc } from '@shanyu/contracts';
import { Caller, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ComputeIndicators } from './compute-indicators.query.js';

@Controller()
export class IndicatorHandlers {
  constructor(private readonly computeIndicators: ComputeIndicators) {}

  @Handles(RegistryRpc.computeIndicators)
  compute(@Payload() body: IndicatorsRequest, @Caller() actor: Actor) {
    return this.computeIndicators.execute(body, actor);
  }
}
