import { type Actor, DomainError, type FieldProblem } from '@shanyu/common';
import type { InspectionFormView, RecordResultsRequest } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { assignedInspector } from '../access.js';
import { labelOf } from '../departments.js';
import type { UnitOfWork } from '@shanyu/messaging';
import { Inspection, InspectionResultRow } from './inspection.entity.js';
import { formView } from './inspection-views.js';

export function inspectionNotFound(id: string): DomainError {
  return new DomainError('INSPECTION_NOT_FOUND', `检查 ${id} 不存在`);
}

export async function lockInspection(manager: EntityManager, id: string): Promise<Inspection> {
  const inspection = await manager.getRepository(Inspection).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!inspection) throw inspectionNotFound(id);
  return inspection;
}


/**
 * Results of one department's items, by one of its assigned inspectors, all or nothing:
 * an item not on the form, another department's item, a department that has signed off or a
 * caller not assigned is refused with its code and nothing is written. Re-recording an item
 * before sign-off replaces the earlier result.
 */
export class RecordResults {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
  ) {}

  async execute(request: RecordResultsRequest, actor: Actor, requestId?: string): Promise<InspectionFormView> {
    return this.unitOfWork.run(async (tx) => {
      const inspection = await lockInspection(tx.manager, request.id);
      if (inspection.status === 'completed') throw new DomainError('INSPECTION_COMPLETED', '检查已完成，结果不能再修改');
      const { inspector, row } = await assignedInspector(tx.manager, inspection, actor);
      if (row.signedOffAt) throw new DomainError('INSPECTION_SIGNED_OFF', `${labelOf(inspector.department)}部门已于 ${row.signedOffAt} 签字确认，结果不能再修改`);

      const form = new Map(inspection.form.map((i) => [i.code, i]));
      const notOnForm: FieldProblem[] = [];
      const otherDepartment: FieldProblem[] = [];
      const invalid: FieldProblem[] = [];
      const seen = new Set<string>();
      request.results.forEach((r, i) => {
        const item = form.get(r.itemCode);
        if (!item) notOnForm.push({ field: `results.${i}.itemCode`, code: 'ITEM_NOT_ON_FORM', message: `事项 ${r.itemCode} 不在本次检查表上（清单之外无检查）` });
        else if (item.department !== inspector.department) otherDepartment.push({ field: `results.${i}.itemCode`, code: 'ITEM_OTHER_DEPARTMENT', message: `事项 ${r.itemCode} 属于${labelOf(item.department)}部门` });
        if (seen.has(r.itemCode)) invalid.push({ field: `results.${i}.itemCode`, code: 'duplicate', message: `事项 ${r.itemCode} 重复` });
        seen.add(r.itemCode);
        if (r.result === 'fail' && !r.note?.trim()) invalid.push({ field: `results.${i}.note`, code: 'isDefined', message: '不合格项必须写明发现的问题（写入整改意见书）' });
      });
      if (notOnForm.length) throw new DomainError('ITEM_NOT_ON_FORM', notOnForm.map((p) => p.message).join('；'), [...notOnForm, ...otherDepartment]);
      if (otherDepartment.length) throw new DomainError('ITEM_OTHER_DEPARTMENT', `只能记录本部门（${labelOf(inspector.department)}）的检查事项：${otherDepartment.map((p) => p.message).join('；')}`, otherDepartment);
      if (invalid.length) throw DomainError.validation(invalid);

      const recordedAt = this.now();
      const rows = request.results.map((r) => tx.manager.getRepository(InspectionResultRow).create({
        inspectionId: inspection.id, itemCode: r.itemCode, department: inspector.department, result: r.result, note: r.note?.trim() || null,
        evidence: (r.evidence ?? []).map((e) => ({ ref: e.ref, takenAt: e.takenAt, location: e.location })), inspectorId: inspector.id, recordedAt,
      }));
      await tx.manager.getRepository(InspectionResultRow).upsert(rows, ['inspectionId', 'itemCode']);
      await tx.audit({
        actor, action: 'inspection.results', entity: 'inspection', entityId: inspection.id, requestId,
        after: { department: inspector.department, inspectorId: inspector.id, results: request.results.map((r) => ({ itemCode: r.itemCode, result: r.result })) },
      });
      return formView(tx.manager, inspection);
    });
  }
}
