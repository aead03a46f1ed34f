import { type Actor, departmentNotAllowed, divisionPrefix, DomainError, isInspector, shanghaiToday } from '@shanyu/common';
import type { InspectionFormView, InspectionView, ListInspectionsRequest, Page, RectificationNoticeView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { assertCanReadVisit, inspectorOfActor, isOperator, scopeWhere } from '../access.js';
import { labelOf } from '../departments.js';
import { Finding } from '../findings/finding.entity.js';
import { InstitutionReplica } from '../replicas/institution-replica.entity.js';
import { Inspection } from './inspection.entity.js';
import { formView, inspectionView } from './inspection-views.js';
import { inspectionNotFound } from './record-results.use-case.js';

/** A read of one visit: found, and readable by the caller (an inspector account: only a visit it is assigned to). */
export abstract class InspectionQuery {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly now: () => Date,
  ) {}

  protected async readable(id: string, actor: Actor): Promise<Inspection> {
    const inspection = await this.dataSource.getRepository(Inspection).findOneBy({ id });
    if (!inspection) throw inspectionNotFound(id);
    await assertCanReadVisit(this.dataSource.manager, actor, inspection);
    return inspection;
  }
}

export class GetInspection extends InspectionQuery {
  async execute(id: string, actor: Actor): Promise<InspectionView> {
    return inspectionView(this.dataSource.manager, await this.readable(id, actor), shanghaiToday(this.now()));
  }
}

export class GetInspectionForm extends InspectionQuery {
  async execute(id: string, actor: Actor): Promise<InspectionFormView> {
    if (isOperator(actor)) throw departmentNotAllowed(actor, '查看检查表（检查表由执法人员填写）');
    return formView(this.dataSource.manager, await this.readable(id, actor));
  }
}

export class ListInspections {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async execute(request: ListInspectionsRequest, actor: Actor): Promise<Page<InspectionView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const qb = this.dataSource.getRepository(Inspection).createQueryBuilder('i');
    if (isOperator(actor)) {
      const own = (await this.dataSource.getRepository(InstitutionReplica).findBy({ ownerUserId: actor.userId })).map((x) => x.id);
      qb.where('i.institution_id = ANY(:own)', { own });
    } else if (isInspector(actor)) {
      const inspector = await inspectorOfActor(this.dataSource.manager, actor);
      const assigned = inspector ? [{ department: inspector.department, inspectorIds: [inspector.id] }] : [];
      qb.where(inspector ? 'i.departments @> CAST(:assigned AS jsonb)' : 'false', { assigned: JSON.stringify(assigned) });
    } else {
      const scope = scopeWhere(actor, 'i.division_code');
      qb.where(scope.sql, scope.params);
    }
    if (request.institutionId) qb.andWhere('i.institution_id = :institutionId', { institutionId: request.institutionId });
    if (request.planId) qb.andWhere('i.plan_id = :planId', { planId: request.planId });
    if (request.status) qb.andWhere('i.status = :status', { status: request.status });
    if (request.divisionCode) qb.andWhere('i.division_code LIKE :division', { division: `${divisionPrefix(request.divisionCode)}%` });
    const [rows, total] = await qb.orderBy('i.scheduled_on', 'DESC').addOrderBy('i.created_at', 'DESC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    const today = shanghaiToday(this.now());
    const items = await Promise.all(rows.map((r) => inspectionView(this.dataSource.manager, r, today)));
    return { items, total, page, pageSize };
  }
}

/** 整改意见书: the written rectification notice the operator reads (findings, legal basis, deadlines). */
export class GetRectificationNotice extends InspectionQuery {
  async execute(id: string, actor: Actor): Promise<RectificationNoticeView> {
    const inspection = await this.readable(id, actor);
    if (inspection.status !== 'completed') throw new DomainError('INSPECTION_NOT_COMPLETED', '检查尚未完成，整改意见书尚未出具');
    const findings = await this.dataSource.getRepository(Finding).find({ where: { inspectionId: inspection.id }, order: { deadline: 'ASC', itemCode: 'ASC' } });
    const departments = inspection.departments.map((d) => d.department);
    const lines = findings.map((f, i) =>
      `${i + 1}. 【${labelOf(f.department)}】${f.item.text}。发现问题：${f.note ?? '（无）'}。依据：${f.item.legalBasis}。请于 ${f.deadline} 前整改完毕。`);
    const text = findings.length
      ? [
          `${inspection.institutionName}：`,
          `${inspection.completedOn}，${departments.map(labelOf).join('、')}等部门依据检查事项清单对你单位开展联合检查（综合查一次），发现以下问题，现责令你单位限期整改：`,
          ...lines,
          '整改完成后请及时提交整改报告；逾期未整改或整改不到位的，将依据行政处罚事项清单依法处理。',
        ].join('\n')
      : `${inspection.institutionName}：${inspection.completedOn} 联合检查未发现需要整改的问题。`;
    return {
      noticeNo: inspection.noticeNo ?? '',
      inspectionId: inspection.id,
      institutionId: inspection.institutionId,
      institutionName: inspection.institutionName,
      issuedOn: inspection.completedOn!,
      departments,
      findings: findings.map((f) => ({ findingId: f.id, department: f.department, itemText: f.item.text, legalBasis: f.item.legalBasis, note: f.note, severity: f.item.severity, deadline: f.deadline })),
      text,
    };
  }
}
