import type { Actor } from '@shanyu/common';
import { IndicatorsRequest, RegistrySubjects } from '@shanyu/contracts';
import { Caller } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ComputeIndicators } from './compute-indicators.query.js';

@Controller()
export class IndicatorHandlers {
  constructor(private readonly computeIndicators: ComputeIndicators) {}

  @MessagePattern(RegistrySubjects.computeIndicators)
  compute(@Payload() body: IndicatorsRequest, @Caller() actor: Actor) {
    return this.computeIndicators.execute(body, actor);
  }
}
