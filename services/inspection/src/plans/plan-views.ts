import {
  CREDIT_GRADES, type CreditGrade, type DrawInput, type GradeCounts, PLAN_EXCLUDED_SHOWN, type PlanSummaryView, type PlanView, type PublishedDrawInput,
} from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { schemaTable } from '@shanyu/persistence';
import { InspectionPlan } from './plan.entity.js';

/**
 * Columns of a plan that stay small whatever the pool: views and lists select only these (the
 * jsonb draw input, names and result of a province's pool run to tens of MB, bench/draw.mjs).
 */
export const PLAN_SUMMARY_COLUMNS = [
  'id', 'title', 'divisionCode', 'periodFrom', 'periodTo', 'departments', 'status', 'policyVersion', 'poolHash', 'seedCommitment', 'seed', 'publicEntropy',
  'summary', 'committedAt', 'drawnAt',
] as const satisfies readonly (keyof InspectionPlan)[];
export type PlanSummaryRow = Pick<InspectionPlan, (typeof PLAN_SUMMARY_COLUMNS)[number]>;
export const PLAN_SUMMARY_SELECT = Object.fromEntries(PLAN_SUMMARY_COLUMNS.map((c) => [c, true])) as Record<(typeof PLAN_SUMMARY_COLUMNS)[number], true>;

export function gradeCounts(list: readonly { grade: CreditGrade }[]): GradeCounts {
  const counts = Object.fromEntries(CREDIT_GRADES.map((g) => [g, 0])) as GradeCounts;
  for (const x of list) counts[x.grade] += 1;
  return counts;
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
export function publishedDrawInput(input: Omit<DrawInput, 'institutions' | 'conflicts' | 'lastTime'>, pool: PublishedDrawInput['pool']): PublishedDrawInput {
  return { algorithm: input.algorithm, departments: input.departments, inspectorsPerDepartment: input.inspectorsPerDepartment, ratios: input.ratios, inspectors: input.inspectors, pool };
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
export async function loadPlanView(manager: EntityManager, plan: PlanSummaryRow): Promise<PlanView> {
  const [row] = await manager.query(
    `SELECT draw_input - 'institutions' - 'conflicts' - 'lastTime' AS input, names->'inspectors' AS inspectors,
       (SELECT coalesce(jsonb_agg(x.e ORDER BY x.n), '[]'::jsonb) FROM jsonb_array_elements(excluded) WITH ORDINALITY AS x(e, n) WHERE x.n <= $2) AS excluded
     FROM ${schemaTable(manager, 'inspection_plan')} WHERE id = $1`,
    [plan.id, PLAN_EXCLUDED_SHOWN],
  ) as { input: DrawInput; inspectors: Record<string, string>; excluded: InspectionPlan['excluded'] }[];
  return { ...planSummaryView(plan), drawInput: publishedDrawInput(row!.input, plan.summary.pool), names: { inspectors: row!.inspectors }, excluded: row!.excluded };
}
