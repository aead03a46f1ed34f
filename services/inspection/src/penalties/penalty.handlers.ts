import type { Actor } from '@shanyu/common';
import { InspectionSubjects, IssuePenaltyBody, ListPenaltiesRequest } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IssuePenalty, ListPenalties } from './penalty.use-cases.js';

/** `inspection.penalty.*`: 行政处罚 tied to findings. */
@Controller()
export class PenaltyHandlers {
  constructor(
    private readonly issuePenalty: IssuePenalty,
    private readonly listPenalties: ListPenalties,
  ) {}

  @MessagePattern(InspectionSubjects.issuePenalty)
  issue(@Payload() body: IssuePenaltyBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.issuePenalty.execute(body, actor, requestId);
  }

  @MessagePattern(InspectionSubjects.listPenalties)
  list(@Payload() body: ListPenaltiesRequest, @Caller() actor: Actor) {
    return this.listPenalties.execute(body, actor);
  }
}
