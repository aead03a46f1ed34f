import type { Actor } from '@shanyu/common';
import { InspectionRpc, IssuePenaltyBody, ListPenaltiesRequest } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IssuePenalty, ListPenalties } from './penalty.use-cases.js';

/** `inspection.penalty.*`: 行政处罚 tied to findings. */
@Controller()
export class PenaltyHandlers {
  constructor(
    private readonly issuePenalty: IssuePenalty,
    private readonly listPenalties: ListPenalties,
  ) {}

  @Handles(InspectionRpc.issuePenalty)
  issue(@Payload() body: IssuePenaltyBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.issuePenalty.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.listPenalties)
  list(@Payload() body: ListPenaltiesRequest, @Caller() actor: Actor) {
    return this.listPenalties.execute(body, actor);
  }
}
