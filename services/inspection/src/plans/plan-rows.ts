import type { DrawInput } from '@shanyu/contracts';

/**
 * A plan's pool and result are rows (plan_pool, plan_draw; migration 1764000000400, written and
 * read by PlanRepository); the plan row keeps only the draw input's header.
 */

/** The draw input without its per-institution parts: what the plan row keeps. */
export type DrawInputHeader = Omit<DrawInput, 'institutions' | 'conflicts' | 'lastTime'>;

/** Copies only the header's fields, so that a whole draw input passed in leaves its per-institution parts behind. */
export function drawInputHeader(input: DrawInputHeader): DrawInputHeader {
  return {
    algorithm: input.algorithm,
    departments: input.departments,
    inspectorsPerDepartment: input.inspectorsPerDepartment,
    ratios: input.ratios,
    inspectors: input.inspectors,
  };
}

/** department → drawn inspectors, from plan_draw's flattened list (departments in plan order, the same number each). */
export function inspectorsByDepartment(departments: readonly string[], flat: readonly string[]): Record<string, string[]> {
  const m = departments.length ? flat.length / departments.length : 0;
  return Object.fromEntries(departments.map((d, k) => [d, flat.slice(k * m, (k + 1) * m)]));
}
