import type { Actor } from '@shanyu/common';
import { CommitPlanBody, DrawPlanRequest, InspectionSubjects, ListPlansRequest, PlanIdRequest } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CommitPlan } from './commit-plan.use-case.js';
import { DrawPlan } from './draw-plan.use-case.js';
import { GetPlan, ListPlans } from './plan.queries.js';

/** `inspection.plan.*` (双随机) and the public view of plans (一公开). */
@Controller()
export class PlanHandlers {
  constructor(
    private readonly commitPlan: CommitPlan,
    private readonly drawPlan: DrawPlan,
    private readonly getPlan: GetPlan,
    private readonly listPlans: ListPlans,
  ) {}

  @MessagePattern(InspectionSubjects.commitPlan)
  commit(@Payload() body: CommitPlanBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.commitPlan.execute(body, actor, requestId);
  }

  @MessagePattern(InspectionSubjects.drawPlan)
  draw(@Payload() body: DrawPlanRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.drawPlan.execute(body, actor, requestId);
  }

  @MessagePattern(InspectionSubjects.getPlan)
  get(@Payload() body: PlanIdRequest, @Caller() actor: Actor) {
    return this.getPlan.execute(body.id, actor);
  }

  @MessagePattern(InspectionSubjects.listPlans)
  list(@Payload() body: ListPlansRequest, @Caller() actor: Actor) {
    return this.listPlans.execute(body, actor);
  }

  /** Public: the commitment before the draw, the seed and result after. */
  @MessagePattern(InspectionSubjects.publicGetPlan)
  getPublic(@Payload() body: PlanIdRequest) {
    return this.getPlan.execute(body.id, null);
  }

  @MessagePattern(InspectionSubjects.publicListPlans)
  listPublic(@Payload() body: ListPlansRequest) {
    return this.listPlans.execute(body, null);
  }
}
