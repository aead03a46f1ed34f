import {
  CREDIT_GRADES,
  type CreditGrade,
  type GradeCounts,
  PLAN_EXCLUDED_SHOWN,
  type PlanSummaryView,
  type PlanView,
  type PublishedDrawInput,
} from '@shanyu/contracts';
import type { InspectionPlan } from './plan.entity.js';
import { type DrawInputHeader, drawInputHeader } from './plan-rows.js';
import type { PlanRepository, PlanSummaryRow } from './plan.repository.js';

export function gradeCounts(list: readonly { grade: CreditGrade }[]): GradeCounts {
  const counts = Object.fromEntries(CREDIT_GRADES.map((g) => [g, 0])) as GradeCounts;
  for (const x of list) counts[x.grade] += 1;
  return counts;
}

/** Counts of a pool or a result: in all, by grade, and (shanyu-draw/v2) how many are registered institutions not yet filed. */
export function stratumCounts(list: readonly { grade: CreditGrade; filed?: boolean }[]): { institutions: number; byGrade: GradeCounts; unfiled?: number } {
  const counts = { institutions: list.length, byGrade: gradeCounts(list) };
  return list.some((x) => x.filed !== undefined) ? { ...counts, unfiled: list.filter((x) => x.filed === false).length } : counts;
}

/** The plan as listed (also publicly): the seed stays hidden until the draw reveals it. */
export function planSummaryView(plan: PlanSummaryRow): PlanSummaryView {
  return {
    id: plan.id,
    title: plan.title,
    divisionCode: plan.divisionCode,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    departments: plan.departments,
    status: plan.status,
    policyVersion: plan.policyVersion,
    seedCommitment: plan.seedCommitment,
    seed: plan.status === 'drawn' ? plan.seed : null,
    publicEntropy: plan.publicEntropy,
    poolHash: plan.poolHash,
    pool: plan.summary.pool,
    result: plan.summary.result,
    excludedTotal: plan.summary.excludedTotal,
    committedAt: plan.committedAt.toISOString(),
    drawnAt: plan.drawnAt?.toISOString() ?? null,
  };
}

/** The draw input without its per-institution parts (those are paged: GetPlanPool). */
export function publishedDrawInput(input: DrawInputHeader, pool: PublishedDrawInput['pool']): PublishedDrawInput {
  return { ...drawInputHeader(input), pool };
}

/** One plan from a fully loaded entity (commit and draw have it in memory anyway). */
export function planViewOf(plan: InspectionPlan): PlanView {
  return {
    ...planSummaryView(plan),
    drawInput: publishedDrawInput(plan.drawInput, plan.summary.pool),
    names: { inspectors: plan.names.inspectors },
    excluded: plan.excluded.slice(0, PLAN_EXCLUDED_SHOWN),
  };
}

/** One plan read from the database without its pool, result or institution names. */
export async function loadPlanView(plans: PlanRepository, plan: PlanSummaryRow): Promise<PlanView> {
  const parts = await plans.publishedParts(plan.id, PLAN_EXCLUDED_SHOWN);
  return {
    ...planSummaryView(plan),
    drawInput: publishedDrawInput(parts.input, plan.summary.pool),
    names: { inspectors: parts.inspectors },
    excluded: parts.excluded,
  };
}
