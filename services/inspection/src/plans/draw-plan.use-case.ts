import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type DrawnInstitution, type DrawPlanRequest, InspectionEvt, PLAN_DRAWN_PART_SIZE, type PlanDrawnData, type PlanView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { assertCovers, assertMayPlan } from '../access.js';
import { draw, DrawError } from '../draw/draw.js';
import { repeatAlerts } from '../inspections/inspection-history.js';
import { InspectionRepository } from '../inspections/inspection.repository.js';
import type { SupervisionPolicies } from '../policy/supervision-policies.js';
import type { PlanCounts } from './plan.entity.js';
import { PlanRepository } from './plan.repository.js';
import { planViewOf, stratumCounts } from './plan-views.js';

/**
 * Bytes of drawn institutions per event part: with 8 departments × 10 inspectors an entry is
 * ~3.3 KB, so 500 of them would pass NATS's 1 MB max_payload; a part closes at whichever comes first.
 */
const PART_BYTES = 512 * 1024;

/** Splits the drawn institutions into event parts: at most `size` entries and about PART_BYTES each, in draw order. */
export function drawnParts(drawn: DrawnInstitution[], size: number): DrawnInstitution[][] {
  const parts: DrawnInstitution[][] = [];
  let current: DrawnInstitution[] = [];
  let bytes = 0;
  for (const d of drawn) {
    const length = Buffer.byteLength(JSON.stringify(d)) + 1;
    if (current.length && (current.length >= size || bytes + length > PART_BYTES)) {
      parts.push(current);
      current = [];
      bytes = 0;
    }
    current.push(d);
    bytes += length;
  }
  if (current.length || parts.length === 0) parts.push(current);
  return parts;
}

/**
 * Position (1-based) of an institution in the pool, which the commit sorted by id: a binary search, where a map of a
 * province's pool would hash 100,000 ids for 16,500 drawn. An id found is at its position whatever the order.
 */
export function poolPositionOf(pool: readonly { id: string }[], id: string): number {
  let low = 0;
  let high = pool.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = pool[middle]!.id;
    if (at === id) return middle + 1;
    if (at < id) low = middle + 1;
    else high = middle - 1;
  }
  throw new Error(`institution ${id} is not in the plan's pool, or the pool is not sorted by id`);
}

/**
 * 双随机 step 2 (reveal and draw): mixes the public entropy announced at the draw into the
 * committed seed, runs the documented generator (draw.ts) and publishes seed and result.
 * Repeated inspections of a drawn institution by a department are flagged, not dropped.
 * The result is published as evt.inspection.plan.drawn.v1 in parts (PLAN_DRAWN_PART_SIZE drawn
 * institutions at most each): a province's draw (16,500 institutions) is 12 MB in one message.
 */
export class DrawPlan {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: SupervisionPolicies,
    private readonly now: () => Date,
    private readonly options: { partSize?: number } = {},
  ) {}

  async execute(request: DrawPlanRequest, actor: Actor, requestId?: string): Promise<PlanView> {
    return this.unitOfWork.run(async (tx) => {
      const plans = new PlanRepository(tx.manager);
      const plan = await plans.lock(request.id);
      assertMayPlan(actor, plan.departments, '执行双随机抽取');
      assertCovers(actor, plan.divisionCode);
      if (plan.status === 'drawn') throw new DomainError('PLAN_ALREADY_DRAWN', `抽查计划已于 ${plan.drawnAt?.toISOString()} 抽取，结果已公开`);
      const publicEntropy = request.publicEntropy ?? null;
      const input = await plans.drawInput(plan.id, plan.drawInput);
      let drawn;
      try {
        drawn = draw(input, plan.seed, publicEntropy);
      } catch (e) {
        if (e instanceof DrawError) throw new DomainError('PLAN_NOT_ENOUGH_INSPECTORS', e.message);
        throw e;
      }
      const history = await new InspectionRepository(tx.manager).history(drawn.map((d) => d.institutionId));
      const policy = await this.policies.policyFor(tx.manager, plan.divisionCode, plan.periodFrom);
      await plans.insertDraws(
        plan.id,
        input.departments,
        drawn,
        (id) => poolPositionOf(input.institutions, id),
        (id) => repeatAlerts(history.get(id) ?? [], plan.departments, plan.periodFrom, policy.repeatWindowDays),
      );
      plan.status = 'drawn';
      plan.publicEntropy = publicEntropy;
      plan.drawnAt = this.now();
      plan.drawnBy = { department: actor.department, userId: actor.userId };
      plan.summary = { ...plan.summary, result: stratumCounts(drawn) } satisfies PlanCounts;
      await plans.recordDraw(plan);
      const parts = drawnParts(drawn, this.options.partSize ?? PLAN_DRAWN_PART_SIZE);
      // One insert per part: a text[] of a province's 12 MB of JSON costs more to escape and parse than 33 round trips.
      for (const [i, part] of parts.entries()) {
        const data: PlanDrawnData = {
          planId: plan.id,
          part: i + 1,
          parts: parts.length,
          institutions: drawn.length,
          divisionCode: plan.divisionCode,
          periodFrom: plan.periodFrom,
          periodTo: plan.periodTo,
          seed: plan.seed,
          seedCommitment: plan.seedCommitment,
          publicEntropy,
          poolHash: plan.poolHash,
          drawn: part,
        };
        await tx.publish(InspectionEvt.planDrawn, { actor, entityId: plan.id, data });
      }
      await tx.audit({
        actor,
        action: 'plan.draw',
        entity: 'plan',
        entityId: plan.id,
        after: { drawnOn: shanghaiToday(plan.drawnAt), institutions: drawn.length, publicEntropy, eventParts: parts.length },
        requestId,
      });
      return planViewOf(plan);
    });
  }
}
