import { type Actor, withinDivision } from '@shanyu/common';
import type { ListPlansRequest, Page, PlanView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { assertCovers, scopeWhere } from '../access.js';
import { planNotFound } from './draw-plan.use-case.js';
import { InspectionPlan } from './plan.entity.js';
import { planView } from './plan-views.js';

/** A plan for officials in scope, or for anyone (一公开: the commitment before the draw, seed and result after). */
export class GetPlan {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, actor: Actor | null): Promise<PlanView> {
    const plan = await this.dataSource.getRepository(InspectionPlan).findOneBy({ id });
    if (!plan) throw planNotFound(id);
    if (actor) assertCovers(actor, plan.divisionCode);
    return planView(this.dataSource.manager, plan);
  }
}

export class ListPlans {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListPlansRequest, actor: Actor | null): Promise<Page<PlanView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const scope = scopeWhere(actor, 'p.division_code');
    const qb = this.dataSource.getRepository(InspectionPlan).createQueryBuilder('p').where(scope.sql, scope.params);
    let plans = await qb.orderBy('p.committed_at', 'DESC').getMany();
    if (request.divisionCode) plans = plans.filter((p) => withinDivision(request.divisionCode!, p.divisionCode) || withinDivision(p.divisionCode, request.divisionCode!));
    const items = await Promise.all(plans.slice((page - 1) * pageSize, page * pageSize).map((p) => planView(this.dataSource.manager, p)));
    return { items, total: plans.length, page, pageSize };
  }
}
