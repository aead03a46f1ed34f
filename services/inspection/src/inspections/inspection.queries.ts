import { type Actor, departmentNotAllowed, DomainError, isInspector, shanghaiToday } from '@shanyu/common';
import type { InspectionFormView, InspectionView, ListInspectionsRequest, Page, RectificationNoticeView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { assertCanReadVisit, isOperator } from '../access.js';
import { labelOf } from '../departments.js';
import { divisionScopeOf } from '../division-scope.js';
import { FindingRepository } from '../findings/finding.repository.js';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import type { Inspection } from './inspection.entity.js';
import { InspectionRepository, type InspectionReaders } from './inspection.repository.js';
import { formView, inspectionView } from './inspection-views.js';

/** A read of one visit: found, and readable by the caller (an inspector account: only a visit it is assigned to). */
export abstract class InspectionQuery {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly now: () => Date,
  ) {}

  protected async readable(id: string, actor: Actor): Promise<Inspection> {
    const manager = this.dataSource.manager;
    const inspection = await new InspectionRepository(manager).get(id);
    await assertCanReadVisit({ institutions: new InstitutionRepository(manager), inspectors: new InspectorRepository(manager) }, actor, inspection);
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
    const manager = this.dataSource.manager;
    let readers: InspectionReaders;
    if (isOperator(actor)) {
      readers = { institutionIds: await new InstitutionRepository(manager).idsOwnedBy(actor.userId) };
    } else if (isInspector(actor)) {
      const inspector = await new InspectorRepository(manager).activeOfUser(actor.userId);
      readers = { assignedTo: inspector && { department: inspector.department, inspectorId: inspector.id } };
    } else {
      readers = { scope: divisionScopeOf(actor) };
    }
    const { items: rows, total } = await new InspectionRepository(manager).page(
      readers,
      { institutionId: request.institutionId, planId: request.planId, status: request.status, divisionCode: request.divisionCode },
      page,
      pageSize,
    );
    const today = shanghaiToday(this.now());
    const items = await Promise.all(rows.map((r) => inspectionView(manager, r, today)));
    return { items, total, page, pageSize };
  }
}

/** 整改意见书: the written rectification notice the operator reads (findings, legal basis, deadlines). */
export class GetRectificationNotice extends InspectionQuery {
  async execute(id: string, actor: Actor): Promise<RectificationNoticeView> {
    const inspection = await this.readable(id, actor);
    if (inspection.status !== 'completed') throw new DomainError('INSPECTION_NOT_COMPLETED', '检查尚未完成，整改意见书尚未出具');
    const findings = await new FindingRepository(this.dataSource.manager).ofInspectionByDeadline(inspection.id);
    const departments = inspection.departments.map((d) => d.department);
    const lines = findings.map(
      (f, i) =>
        `${i + 1}. 【${labelOf(f.department)}】${f.item.text}。发现问题：${f.note ?? '（无）'}。依据：${f.item.legalBasis}。请于 ${f.deadline} 前整改完毕。`,
    );
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
      findings: findings.map((f) => ({
        findingId: f.id,
        department: f.department,
        itemText: f.item.text,
        legalBasis: f.item.legalBasis,
        note: f.note,
        severity: f.item.severity,
        deadline: f.deadline,
      })),
      text,
    };
  }
}
