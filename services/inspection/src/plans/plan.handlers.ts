import type { Actor } from '@shanyu/common';
import { CommitPlanBody, DrawPlanRequest, InspectionSubjects, InstitutionPlanDrawsRequest, ListPlansRequest, PlanIdRequest, PlanPageRequest } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CommitPlan } from './commit-plan.use-case.js';
import { DrawPlan } from './draw-plan.use-case.js';
import { GetInstitutionPlanDraws, GetPlan, GetPlanDraws, GetPlanPool, ListPlans } from './plan.queries.js';

/** `inspection.plan.*` (双随机) and the public view of plans (一公开). */
@Controller()
export class PlanHandlers {
  constructor(
    private readonly commitPlan: CommitPlan,
    private readonly drawPlan: DrawPlan,
    private readonly getPlan: GetPlan,
    private readonly listPlans: ListPlans,
    private readonly planPool: GetPlanPool,
    private readonly planDraws: GetPlanDraws,
    private readonly institutionPlanDraws: GetInstitutionPlanDraws,
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

  @MessagePattern(InspectionSubjects.planPool)
  pool(@Payload() body: PlanPageRequest, @Caller() actor: Actor) {
    return this.planPool.execute(body, actor);
  }

  @MessagePattern(InspectionSubjects.planDraws)
  draws(@Payload() body: PlanPageRequest, @Caller() actor: Actor) {
    return this.planDraws.execute(body, actor);
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

  @MessagePattern(InspectionSubjects.publicPlanPool)
  poolPublic(@Payload() body: PlanPageRequest) {
    return this.planPool.execute(body, null);
  }

  @MessagePattern(InspectionSubjects.publicPlanDraws)
  drawsPublic(@Payload() body: PlanPageRequest) {
    return this.planDraws.execute(body, null);
  }

  /** Public: the drawn plans that drew one institution (its public page). */
  @MessagePattern(InspectionSubjects.publicPlanDrawsOfInstitution)
  drawsOfInstitutionPublic(@Payload() body: InstitutionPlanDrawsRequest) {
    return this.institutionPlanDraws.execute(body);
  }
}
