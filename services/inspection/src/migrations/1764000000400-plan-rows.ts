import { SchemaMigration, type MigrationStep } from '@shanyu/persistence';
import type { QueryRunner } from 'typeorm';

/**
 * A plan's pool and result as rows instead of jsonb on the plan (bench/draw.mjs: at 100,000
 * institutions each 500-entry pool page unpacked the whole pool, 0.8 s a page, 164 s for all).
 * The plan row keeps the draw input without its per-institution parts and the inspectors' names.
 *
 * plan_pool: one row per pool entry in pool order (sorted by id), position 1…N. conflicts and
 * last_time (department → inspectors) are NULL when empty, as almost all are.
 * plan_draw: one row per drawn institution in draw order, position 1…K; pool_position points at
 * its pool row (name, conflicts); inspectors are the drawn ones flattened in the plan's
 * department order, inspectorsPerDepartment each (the draw always picks exactly that many).
 * No foreign keys on these rows: they are written only with their plan, in its transaction, and a
 * row trigger per pool entry would cost 100,000 look-ups at a province's commit.
 */
export class PlanRows1764000000400 extends SchemaMigration {
  name = 'PlanRows1764000000400';

  protected readonly upSteps: MigrationStep[] = [
    `
      CREATE TABLE plan_pool (
        plan_id uuid NOT NULL,
        position int NOT NULL,
        institution_id uuid NOT NULL,
        name text NOT NULL,
        grade char(1) NOT NULL,
        conflicts jsonb,
        last_time jsonb,
        PRIMARY KEY (plan_id, position)
      )`,
    `
      CREATE TABLE plan_draw (
        plan_id uuid NOT NULL,
        position int NOT NULL,
        pool_position int NOT NULL,
        institution_id uuid NOT NULL,
        grade char(1) NOT NULL,
        inspectors uuid[] NOT NULL,
        alerts jsonb,
        PRIMARY KEY (plan_id, position)
      )`,
    // Opening a drawn institution's inspection, and the plans that drew one institution (一公开).
    `CREATE UNIQUE INDEX plan_draw_institution ON plan_draw (institution_id, plan_id)`,

    // Plans already stored: their jsonb moves into rows, one plan at a time. MATERIALIZED: a
    // province's jsonb is detoasted once per plan, not once per entry.
    async (q: QueryRunner) => {
      const plans: { id: string }[] = await q.query(`SELECT id FROM inspection_plan`);
      for (const { id } of plans) {
        await q.query(
          `
        WITH p AS MATERIALIZED (
          SELECT id, draw_input->'institutions' AS institutions, draw_input->'conflicts' AS conflicts, draw_input->'lastTime' AS last_time, names->'institutions' AS names
          FROM inspection_plan WHERE id = $1)
        INSERT INTO plan_pool (plan_id, position, institution_id, name, grade, conflicts, last_time)
        SELECT p.id, x.n, (x.e->>'id')::uuid, coalesce(p.names->>(x.e->>'id'), x.e->>'id'), x.e->>'grade',
          nullif(p.conflicts->(x.e->>'id'), '{}'::jsonb), nullif(p.last_time->(x.e->>'id'), '{}'::jsonb)
        FROM p, jsonb_array_elements(p.institutions) WITH ORDINALITY AS x(e, n)`,
          [id],
        );
        await q.query(
          `
        WITH p AS MATERIALIZED (SELECT id, departments, result FROM inspection_plan WHERE id = $1 AND result IS NOT NULL)
        INSERT INTO plan_draw (plan_id, position, pool_position, institution_id, grade, inspectors, alerts)
        SELECT p.id, r.n, pp.position, pp.institution_id, r.e->>'grade',
          ARRAY(SELECT i.v::uuid FROM unnest(p.departments) WITH ORDINALITY AS d(dep, k), jsonb_array_elements_text(r.e->'inspectors'->d.dep) WITH ORDINALITY AS i(v, j) ORDER BY d.k, i.j),
          nullif(r.e->'alerts', '[]'::jsonb)
        FROM p
        CROSS JOIN jsonb_array_elements(p.result) WITH ORDINALITY AS r(e, n)
        JOIN plan_pool pp ON pp.plan_id = p.id AND pp.institution_id = (r.e->>'institutionId')::uuid`,
          [id],
        );
      }
    },
    `UPDATE inspection_plan SET draw_input = draw_input - 'institutions' - 'conflicts' - 'lastTime', names = names - 'institutions'`,
    `ALTER TABLE inspection_plan DROP COLUMN result`,
  ];

  protected readonly downSteps = [
    `ALTER TABLE inspection_plan ADD COLUMN result jsonb`,
    `
      UPDATE inspection_plan p SET
        draw_input = p.draw_input || jsonb_build_object(
          'institutions', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', x.institution_id, 'grade', x.grade) ORDER BY x.position), '[]'::jsonb) FROM plan_pool x WHERE x.plan_id = p.id),
          'conflicts', (SELECT coalesce(jsonb_object_agg(x.institution_id, x.conflicts), '{}'::jsonb) FROM plan_pool x WHERE x.plan_id = p.id AND x.conflicts IS NOT NULL),
          'lastTime', (SELECT coalesce(jsonb_object_agg(x.institution_id, x.last_time), '{}'::jsonb) FROM plan_pool x WHERE x.plan_id = p.id AND x.last_time IS NOT NULL)),
        names = p.names || jsonb_build_object('institutions', (SELECT coalesce(jsonb_object_agg(x.institution_id, x.name), '{}'::jsonb) FROM plan_pool x WHERE x.plan_id = p.id)),
        result = CASE WHEN p.status = 'drawn' THEN (
          SELECT coalesce(jsonb_agg(jsonb_build_object(
            'institutionId', d.institution_id, 'grade', d.grade, 'name', pp.name, 'alerts', coalesce(d.alerts, '[]'::jsonb),
            'inspectors', (SELECT jsonb_object_agg(dep, to_jsonb(d.inspectors[(k - 1) * (p.draw_input->>'inspectorsPerDepartment')::int + 1 : k * (p.draw_input->>'inspectorsPerDepartment')::int]))
                           FROM unnest(p.departments) WITH ORDINALITY AS u(dep, k))) ORDER BY d.position), '[]'::jsonb)
          FROM plan_draw d JOIN plan_pool pp ON pp.plan_id = d.plan_id AND pp.position = d.pool_position WHERE d.plan_id = p.id) END`,
    `DROP TABLE plan_draw`,
    `DROP TABLE plan_pool`,
  ];
}
