import type { CreditGrade, DrawInput, DrawnInstitution, InspectionAlert } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { schemaTable } from '@shanyu/persistence';

/**
 * A plan's pool and result as rows (plan_pool, plan_draw; migration 1764000000400): written with
 * one multi-row INSERT each (arrays unnested in PostgreSQL), paged by position.
 */

/** The draw input without its per-institution parts: what the plan row keeps. */
export type DrawInputHeader = Omit<DrawInput, 'institutions' | 'conflicts' | 'lastTime'>;

export function drawInputHeader(input: DrawInput): DrawInputHeader {
  return { algorithm: input.algorithm, departments: input.departments, inspectorsPerDepartment: input.inspectorsPerDepartment, ratios: input.ratios, inspectors: input.inspectors };
}

const jsonOrNull = (value: object | undefined): string | null => (value && Object.keys(value).length ? JSON.stringify(value) : null);

/** The pool in pool order (position 1…N), each with its name, grade, conflicts and last-time inspectors. */
export async function insertPoolRows(manager: EntityManager, planId: string, input: DrawInput, nameOf: (id: string) => string): Promise<void> {
  const list = input.institutions;
  await manager.query(
    `INSERT INTO ${schemaTable(manager, 'plan_pool')} (plan_id, position, institution_id, name, grade, conflicts, last_time)
     SELECT $1, x.n, x.institution_id, x.name, x.grade, x.conflicts, x.last_time
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS x(institution_id, name, grade, conflicts, last_time, n)`,
    [
      planId, list.map((i) => i.id), list.map((i) => nameOf(i.id)), list.map((i) => i.grade),
      list.map((i) => jsonOrNull(input.conflicts[i.id])), list.map((i) => jsonOrNull(input.lastTime[i.id])),
    ],
  );
}

const UUID_TEXT = 36;

/**
 * The whole draw input back from the plan's header and its pool rows. The pool comes as one text
 * value (36-character id + grade per entry, in pool order) rather than 100,000 rows: node-pg
 * builds an object per row, the single string is split in a few milliseconds.
 */
export async function loadDrawInput(manager: EntityManager, planId: string, header: DrawInputHeader): Promise<DrawInput> {
  const [row] = await manager.query(
    `SELECT string_agg(institution_id::text || grade, '' ORDER BY position) AS pool,
       jsonb_object_agg(institution_id, conflicts) FILTER (WHERE conflicts IS NOT NULL) AS conflicts,
       jsonb_object_agg(institution_id, last_time) FILTER (WHERE last_time IS NOT NULL) AS last_time
     FROM ${schemaTable(manager, 'plan_pool')} WHERE plan_id = $1`,
    [planId],
  ) as { pool: string | null; conflicts: DrawInput['conflicts'] | null; last_time: DrawInput['lastTime'] | null }[];
  const packed = row?.pool ?? '';
  const width = UUID_TEXT + 1;
  const institutions: DrawInput['institutions'] = new Array(packed.length / width);
  for (let i = 0, at = 0; at < packed.length; i++, at += width) {
    institutions[i] = { id: packed.slice(at, at + UUID_TEXT), grade: packed[at + UUID_TEXT] as CreditGrade };
  }
  return { ...header, institutions, conflicts: row?.conflicts ?? {}, lastTime: row?.last_time ?? {} };
}

/** The drawn institutions in draw order; `poolPosition` (1-based) ties each to its pool row. */
export async function insertDrawRows(
  manager: EntityManager, planId: string, departments: readonly string[], drawn: readonly (DrawnInstitution & { poolPosition: number; alerts: InspectionAlert[] })[],
): Promise<void> {
  await manager.query(
    `INSERT INTO ${schemaTable(manager, 'plan_draw')} (plan_id, position, pool_position, institution_id, grade, inspectors, alerts)
     SELECT $1, x.n, x.pool_position, x.institution_id, x.grade, string_to_array(x.inspectors, ',')::uuid[], x.alerts
     FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS x(pool_position, institution_id, grade, inspectors, alerts, n)`,
    [
      planId, drawn.map((d) => d.poolPosition), drawn.map((d) => d.institutionId), drawn.map((d) => d.grade),
      // One comma-joined list per drawn institution (a two-dimensional uuid[] would be unnested element by
      // element; string_to_array took half the time of casting an array literal in bench/draw.mjs's setting).
      drawn.map((d) => departments.flatMap((dep) => d.inspectors[dep] ?? []).join(',')),
      drawn.map((d) => (d.alerts.length ? JSON.stringify(d.alerts) : null)),
    ],
  );
}

/** department → drawn inspectors, from plan_draw's flattened list (departments in plan order, the same number each). */
export function inspectorsByDepartment(departments: readonly string[], flat: readonly string[]): Record<string, string[]> {
  const m = departments.length ? flat.length / departments.length : 0;
  return Object.fromEntries(departments.map((d, k) => [d, flat.slice(k * m, (k + 1) * m)]));
}
