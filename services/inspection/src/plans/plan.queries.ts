import { type Actor, DomainError, withinDivision } from '@shanyu/common';
import type { CreditGrade, InspectionAlert, InstitutionPlanDrawsRequest, InstitutionPlanDrawView, ListPlansRequest, Page, PlanDrawEntryView, PlanPageRequest, PlanPoolEntryView, PlanSummaryView, PlanView } from '@shanyu/contracts';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { assertCovers, scopeWhere } from '../access.js';
import { schemaTable } from '@shanyu/persistence';
import { planNotFound } from './draw-plan.use-case.js';
import { InspectionPlan } from './plan.entity.js';
import { inspectorsByDepartment } from './plan-rows.js';
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
 * A page of the pool in pool order: rows plan_pool by position, so a page costs the same
 * wherever it is in the pool. With all pages and the plan view anyone rebuilds the draw input (draw.ts).
 */
export class GetPlanPool {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: PlanPageRequest, actor: Actor | null): Promise<Page<PlanPoolEntryView>> {
    const plan = await planSummaryOrFail(this.dataSource, request.id, actor);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 100;
    const rows: PlanPoolEntryView[] = await this.dataSource.query(
      `SELECT institution_id AS "institutionId", name, grade, coalesce(conflicts, '{}'::jsonb) AS conflicts, coalesce(last_time, '{}'::jsonb) AS "lastTime"
       FROM ${schemaTable(this.dataSource, 'plan_pool')} WHERE plan_id = $1 AND position > $2 AND position <= $3 ORDER BY position`,
      [plan.id, (page - 1) * pageSize, page * pageSize],
    );
    return { items: rows, total: plan.summary.pool.institutions, page, pageSize };
  }
}

/**
 * 一公开: the drawn plans that drew one institution, latest draw first (its public page). One
 * indexed look-up in plan_draw (institution_id, plan_id), not every plan's result pages.
 */
export class GetInstitutionPlanDraws {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: InstitutionPlanDrawsRequest): Promise<Page<InstitutionPlanDrawView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const manager = this.dataSource.manager;
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM ${schemaTable(manager, 'plan_draw')} WHERE institution_id = $1`, [request.institutionId]) as { total: number }[];
    if (total === 0 || (page - 1) * pageSize >= total) return { items: [], total, page, pageSize };
    const rows = await drawRows(
      manager,
      `d.institution_id = $1 ORDER BY (SELECT drawn_at FROM ${schemaTable(manager, 'inspection_plan')} WHERE id = d.plan_id) DESC, d.plan_id LIMIT $2 OFFSET $3`,
      [request.institutionId, pageSize, (page - 1) * pageSize],
    );
    const plans = new Map((await this.dataSource.getRepository(InspectionPlan).find({ select: PLAN_SUMMARY_SELECT, where: { id: In(rows.map((r) => r.plan_id)) } })).map((p) => [p.id, p]));
    const items = rows.map((r) => {
      const plan = plans.get(r.plan_id)!;
      return { plan: planSummaryView(plan), position: r.position, drawn: drawEntryView(plan.departments, r) };
    });
    return { items, total, page, pageSize };
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
    const rows = await drawRows(this.dataSource.manager, `d.plan_id = $1 AND d.position > $2 AND d.position <= $3 ORDER BY d.position`, [plan.id, (page - 1) * pageSize, page * pageSize]);
    const items = rows.map((r) => drawEntryView(plan.departments, r));
    return { items, total: plan.summary.result.institutions, page, pageSize };
  }
}

interface DrawRow {
  plan_id: string;
  position: number;
  institution_id: string;
  name: string;
  grade: CreditGrade;
  /** Comma-separated: node-pg's array parser reads a uuid[] character by character (a 500-entry page of 7 × 2 inspectors: 7,000 ids). */
  inspectors: string;
  alerts: InspectionAlert[];
  inspection_id: string | null;
}

/** plan_draw rows (`where`: condition, order and limit) with their pool row's name and the joint inspection opened for each (if any). */
async function drawRows(manager: EntityManager, where: string, params: unknown[]): Promise<DrawRow[]> {
  return manager.query(
    `SELECT d.plan_id, d.position, d.institution_id, p.name, d.grade, array_to_string(d.inspectors, ',') AS inspectors, coalesce(d.alerts, '[]'::jsonb) AS alerts, i.id AS inspection_id
     FROM ${schemaTable(manager, 'plan_draw')} d
     JOIN ${schemaTable(manager, 'plan_pool')} p ON p.plan_id = d.plan_id AND p.position = d.pool_position
     LEFT JOIN ${schemaTable(manager, 'inspection')} i ON i.plan_id = d.plan_id AND i.institution_id = d.institution_id
     WHERE ${where}`,
    params,
  );
}

function drawEntryView(departments: readonly string[], r: DrawRow): PlanDrawEntryView {
  return { institutionId: r.institution_id, name: r.name, grade: r.grade, inspectors: inspectorsByDepartment(departments, r.inspectors ? r.inspectors.split(',') : []), alerts: r.alerts, inspectionId: r.inspection_id };
}
