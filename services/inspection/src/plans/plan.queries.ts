import { type Actor, DomainError, withinDivision } from '@shanyu/common';
import type { InspectionAlert, ListPlansRequest, Page, PlanDrawEntryView, PlanPageRequest, PlanPoolEntryView, PlanSummaryView, PlanView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { assertCovers, scopeWhere } from '../access.js';
import { tableOf } from '../sql.js';
import { planNotFound } from './draw-plan.use-case.js';
import { InspectionPlan, type PlanResultRow } from './plan.entity.js';
import { loadPlanView, PLAN_SUMMARY_COLUMNS, PLAN_SUMMARY_SELECT, type PlanSummaryRow, planSummaryView } from './plan-views.js';

/** The plan's small columns, for officials in scope or for anyone (actor null: 一公开). */
async function planSummaryOrFail(dataSource: DataSource, id: string, actor: Actor | null): Promise<PlanSummaryRow> {
  const plan = await dataSource.getRepository(InspectionPlan).findOne({ select: PLAN_SUMMARY_SELECT, where: { id } });
  if (!plan) throw planNotFound(id);
  if (actor) assertCovers(actor, plan.divisionCode);
  return plan;
}

/** A plan for officials in scope, or for anyone (一公开: the commitment before the draw, seed and result after). */
export class GetPlan {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, actor: Actor | null): Promise<PlanView> {
    return loadPlanView(this.dataSource.manager, await planSummaryOrFail(this.dataSource, id, actor));
  }
}

export class ListPlans {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListPlansRequest, actor: Actor | null): Promise<Page<PlanSummaryView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const scope = scopeWhere(actor, 'p.division_code');
    const qb = this.dataSource.getRepository(InspectionPlan).createQueryBuilder('p').select(PLAN_SUMMARY_COLUMNS.map((c) => `p.${c}`)).where(scope.sql, scope.params);
    let plans = await qb.orderBy('p.committed_at', 'DESC').getMany();
    if (request.divisionCode) plans = plans.filter((p) => withinDivision(request.divisionCode!, p.divisionCode) || withinDivision(p.divisionCode, request.divisionCode!));
    return { items: plans.slice((page - 1) * pageSize, page * pageSize).map(planSummaryView), total: plans.length, page, pageSize };
  }
}

/**
 * A page of the pool in pool order, read from the stored jsonb in PostgreSQL: the pool is never
 * loaded whole into Node. With all pages and the plan view anyone rebuilds the draw input (draw.ts).
 */
export class GetPlanPool {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: PlanPageRequest, actor: Actor | null): Promise<Page<PlanPoolEntryView>> {
    const plan = await planSummaryOrFail(this.dataSource, request.id, actor);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 100;
    // MATERIALIZED: the jsonb is detoasted once, not once per entry.
    const rows: PlanPoolEntryView[] = await this.dataSource.query(
      `WITH p AS MATERIALIZED (
         SELECT draw_input->'institutions' AS institutions, draw_input->'conflicts' AS conflicts, draw_input->'lastTime' AS last_time, names->'institutions' AS names
         FROM ${tableOf(this.dataSource, 'inspection_plan')} WHERE id = $1),
       page AS (SELECT x.e, x.n FROM p, jsonb_array_elements(p.institutions) WITH ORDINALITY AS x(e, n) ORDER BY x.n LIMIT $2 OFFSET $3)
       SELECT page.e->>'id' AS "institutionId", coalesce(p.names->>(page.e->>'id'), page.e->>'id') AS name, page.e->>'grade' AS grade,
         coalesce(p.conflicts->(page.e->>'id'), '{}'::jsonb) AS conflicts, coalesce(p.last_time->(page.e->>'id'), '{}'::jsonb) AS "lastTime"
       FROM page, p ORDER BY page.n`,
      [plan.id, pageSize, (page - 1) * pageSize],
    );
    return { items: rows, total: plan.summary.pool.institutions, page, pageSize };
  }
}

/** Bytes a page of drawn institutions may take: NATS's max_payload is 1 MB, alerts and names need room too. */
const DRAWS_PAGE_BYTES = 768 * 1024;

/**
 * The largest page of drawn institutions that fits: an entry grows with departments × inspectors
 * per department (a 36-character id each); 7 × 2 allows the usual 500, the extreme 8 × 10 about 220.
 */
export function maxDrawsPageSize(departments: number, inspectorsPerDepartment: number): number {
  return Math.min(500, Math.floor(DRAWS_PAGE_BYTES / (200 + departments * (20 + inspectorsPerDepartment * 39))));
}

/** A page of the drawn institutions in draw order, with the joint inspection opened for each (if any). */
export class GetPlanDraws {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: PlanPageRequest, actor: Actor | null): Promise<Page<PlanDrawEntryView>> {
    const plan = await planSummaryOrFail(this.dataSource, request.id, actor);
    if (plan.status !== 'drawn' || !plan.summary.result) throw new DomainError('PLAN_NOT_DRAWN', '抽查计划尚未抽取，抽取后公布抽中机构');
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 100;
    const most = maxDrawsPageSize(plan.departments.length, plan.summary.inspectorsPerDepartment);
    if (pageSize > most) {
      throw DomainError.validation([{ field: 'pageSize', code: 'max', message: `本计划每个部门抽取 ${plan.summary.inspectorsPerDepartment} 名执法人员，每页最多 ${most} 家机构` }]);
    }
    const rows: { e: PlanResultRow; inspection_id: string | null }[] = await this.dataSource.query(
      `WITH p AS MATERIALIZED (SELECT result FROM ${tableOf(this.dataSource, 'inspection_plan')} WHERE id = $1),
       page AS (SELECT x.e, x.n FROM p, jsonb_array_elements(p.result) WITH ORDINALITY AS x(e, n) ORDER BY x.n LIMIT $2 OFFSET $3)
       SELECT page.e, i.id AS inspection_id FROM page
       LEFT JOIN ${tableOf(this.dataSource, 'inspection')} i ON i.plan_id = $1 AND i.institution_id = (page.e->>'institutionId')::uuid
       ORDER BY page.n`,
      [plan.id, pageSize, (page - 1) * pageSize],
    );
    const items = rows.map(({ e, inspection_id }) => ({
      institutionId: e.institutionId, name: e.name, grade: e.grade, inspectors: e.inspectors, alerts: e.alerts as InspectionAlert[], inspectionId: inspection_id,
    }));
    return { items, total: plan.summary.result.institutions, page, pageSize };
  }
}
