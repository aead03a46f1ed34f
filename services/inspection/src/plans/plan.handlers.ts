import type { Actor } from '@shanyu/common';
import {
  CommitPlanBody,
  DrawPlanRequest,
  InspectionRpc,
  InstitutionPlanDrawsRequest,
  ListPlansRequest,
  PlanIdRequest,
  PlanPageRequest,
} from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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

  @Handles(InspectionRpc.commitPlan)
  commit(@Payload() body: CommitPlanBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.commitPlan.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.drawPlan)
  draw(@Payload() body: DrawPlanRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.drawPlan.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.getPlan)
  get(@Payload() body: PlanIdRequest, @Caller() actor: Actor) {
    return this.getPlan.execute(body.id, actor);
  }

  @Handles(InspectionRpc.listPlans)
  list(@Payload() body: ListPlansRequest, @Caller() actor: Actor) {
    return this.listPlans.execute(body, actor);
  }

  @Handles(InspectionRpc.planPool)
  pool(@Payload() body: PlanPageRequest, @Caller() actor: Actor) {
    return this.planPool.execute(body, actor);
  }

  @Handles(InspectionRpc.planDraws)
  draws(@Payload() body: PlanPageRequest, @Caller() actor: Actor) {
    return this.planDraws.execute(body, actor);
  }

  /** Public: the commitment before the draw, the seed and result after. */
  @Handles(InspectionRpc.publicGetPlan)
  getPublic(@Payload() body: PlanIdRequest) {
    return this.getPlan.execute(body.id, null);
  }

  @Handles(InspectionRpc.publicListPlans)
  listPublic(@Payload() body: ListPlansRequest) {
    return this.listPlans.execute(body, null);
  }

  @Handles(InspectionRpc.publicPlanPool)
  poolPublic(@Payload() body: PlanPageRequest) {
    return this.planPool.execute(body, null);
  }

  @Handles(InspectionRpc.publicPlanDraws)
  drawsPublic(@Payload() body: PlanPageRequest) {
    return this.planDraws.execute(body, null);
  }

  /** Public: the drawn plans that drew one institution (its public page). */
  @Handles(InspectionRpc.publicPlanDrawsOfInstitution)
  drawsOfInstitutionPublic(@Payload() body: InstitutionPlanDrawsRequest) {
    return this.institutionPlanDraws.execute(body);
  }
}
