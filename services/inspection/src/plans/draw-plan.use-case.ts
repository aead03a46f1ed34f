import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type DrawPlanRequest, InspectionEvents, type PlanView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { assertCovers, assertDepartment } from '../access.js';
import { draw, DrawError } from '../draw/draw.js';
import { historyOf, repeatAlerts } from '../inspections/inspection-history.js';
import type { SupervisionPolicy } from '../policy/supervision-policy.js';
import { PLANNING_DEPARTMENTS } from './commit-plan.use-case.js';
import { InspectionPlan } from './plan.entity.js';
import { planView } from './plan-views.js';

export function planNotFound(id: string): DomainError {
  return new DomainError('PLAN_NOT_FOUND', `抽查计划 ${id} 不存在`);
}

/**
 * 双随机 step 2 (reveal and draw): mixes the public entropy announced at the draw into the
 * committed seed, runs the documented generator (draw.ts) and publishes seed and result.
 * Repeated inspections of a drawn institution by a department are flagged, not dropped.
 */
export class DrawPlan {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: SupervisionPolicy,
    private readonly now: () => Date,
  ) {}

  async execute(request: DrawPlanRequest, actor: Actor, requestId?: string): Promise<PlanView> {
    return this.unitOfWork.run(async (tx) => {
      const plan = await tx.manager.getRepository(InspectionPlan).findOne({ where: { id: request.id }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw planNotFound(request.id);
      assertDepartment(actor, PLANNING_DEPARTMENTS, '执行双随机抽取');
      assertCovers(actor, plan.divisionCode);
      if (plan.status === 'drawn') throw new DomainError('PLAN_ALREADY_DRAWN', `抽查计划已于 ${plan.drawnAt?.toISOString()} 抽取，结果已公开`);
      const publicEntropy = request.publicEntropy ?? null;
      let drawn;
      try {
        drawn = draw(plan.drawInput, plan.seed, publicEntropy);
      } catch (e) {
        if (e instanceof DrawError) throw new DomainError('PLAN_NOT_ENOUGH_INSPECTORS', e.message);
        throw e;
      }
      const history = await historyOf(tx.manager, drawn.map((d) => d.institutionId));
      plan.result = drawn.map((d) => ({
        ...d,
        name: plan.names.institutions[d.institutionId] ?? d.institutionId,
        alerts: repeatAlerts(history.get(d.institutionId) ?? [], plan.departments, plan.periodFrom, this.policy.repeatWindowDays),
      }));
      plan.status = 'drawn';
      plan.publicEntropy = publicEntropy;
      plan.drawnAt = this.now();
      plan.drawnBy = { department: actor.department, userId: actor.userId };
      await tx.manager.save(plan);
      await tx.publish({
        subject: InspectionEvents.planDrawn, actor, entityId: plan.id,
        data: {
          planId: plan.id, divisionCode: plan.divisionCode, periodFrom: plan.periodFrom, periodTo: plan.periodTo, seed: plan.seed, seedCommitment: plan.seedCommitment,
          publicEntropy, poolHash: plan.poolHash, drawn,
        },
      });
      await tx.audit({ actor, action: 'plan.draw', entity: 'plan', entityId: plan.id, after: { drawnOn: shanghaiToday(plan.drawnAt), institutions: drawn.length, publicEntropy }, requestId });
      return planView(tx.manager, plan);
    });
  }
}
