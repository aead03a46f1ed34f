import { type Actor, DomainError, withinDivision } from '@shanyu/common';
import type {
  InstitutionPlanDrawsRequest,
  InstitutionPlanDrawView,
  ListPlansRequest,
  Page,
  PlanDrawEntryView,
  PlanPageRequest,
  PlanPoolEntryView,
  PlanSummaryView,
  PlanView,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { assertCovers } from '../access.js';
import { divisionScopeOf } from '../division-scope.js';
import { inspectorsByDepartment } from './plan-rows.js';
import { type DrawRow, PlanRepository, type PlanSummaryRow } from './plan.repository.js';
import { loadPlanView, planSummaryView } from './plan-views.js';

/** The plan's small columns, for officials in scope or for anyone (actor null: 一公开). */
async function readableSummary(plans: PlanRepository, id: string, actor: Actor | null): Promise<PlanSummaryRow> {
  const plan = await plans.summary(id);
  if (actor) assertCovers(actor, plan.divisionCode);
  return plan;
}

/** A plan for officials in scope, or for anyone (一公开: the commitment before the draw, seed and result after). */
export class GetPlan {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, actor: Actor | null): Promise<PlanView> {
    const plans = new PlanRepository(this.dataSource.manager);
    return loadPlanView(plans, await readableSummary(plans, id, actor));
  }
}

export class ListPlans {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListPlansRequest, actor: Actor | null): Promise<Page<PlanSummaryView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    let plans = await new PlanRepository(this.dataSource.manager).summariesWithin(divisionScopeOf(actor));
    if (request.divisionCode)
      plans = plans.filter((p) => withinDivision(request.divisionCode!, p.divisionCode) || withinDivision(p.divisionCode, request.divisionCode!));
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
    const plans = new PlanRepository(this.dataSource.manager);
    const plan = await readableSummary(plans, request.id, actor);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 100;
    return { items: await plans.poolPage(plan.id, page, pageSize), total: plan.summary.pool.institutions, page, pageSize };
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
    const plans = new PlanRepository(this.dataSource.manager);
    const total = await plans.drawCountOf(request.institutionId);
    if (total === 0 || (page - 1) * pageSize >= total) return { items: [], total, page, pageSize };
    const rows = await plans.drawsOfInstitution(request.institutionId, page, pageSize);
    const summaries = new Map((await plans.summaries(rows.map((r) => r.plan_id))).map((p) => [p.id, p]));
    const items = rows.map((r) => {
      const plan = summaries.get(r.plan_id)!;
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
    const plans = new PlanRepository(this.dataSource.manager);
    const plan = await readableSummary(plans, request.id, actor);
    if (plan.status !== 'drawn' || !plan.summary.result) throw new DomainError('PLAN_NOT_DRAWN', '抽查计划尚未抽取，抽取后公布抽中机构');
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 100;
    const most = maxDrawsPageSize(plan.departments.length, plan.summary.inspectorsPerDepartment);
    if (pageSize > most) {
      throw DomainError.validation([
        { field: 'pageSize', code: 'max', message: `本计划每个部门抽取 ${plan.summary.inspectorsPerDepartment} 名执法人员，每页最多 ${most} 家机构` },
      ]);
    }
    const items = (await plans.drawsPage(plan.id, page, pageSize)).map((r) => drawEntryView(plan.departments, r));
    return { items, total: plan.summary.result.institutions, page, pageSize };
  }
}

function drawEntryView(departments: readonly string[], r: DrawRow): PlanDrawEntryView {
  return {
    institutionId: r.institution_id,
    name: r.name,
    grade: r.grade,
    ...(r.filed === null ? {} : { filed: r.filed }),
    inspectors: inspectorsByDepartment(departments, r.inspectors ? r.inspectors.split(',') : []),
    alerts: r.alerts,
    inspectionId: r.inspection_id,
  };
}
