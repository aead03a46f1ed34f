import { type Actor, departmentName, DomainError, shanghaiDateTime, shanghaiToday } from '@shanyu/common';
import type { InspectionView, SignOffRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { assignedInspector } from '../access.js';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import type { CompleteInspection } from './complete-inspection.js';
import { InspectionRepository } from './inspection.repository.js';
import { inspectionView } from './inspection-views.js';

/**
 * A department signs off its part (an assigned inspector, every one of the department's items
 * recorded). The inspection completes when every department has signed, not before.
 */
export class SignOff {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complete: CompleteInspection,
    private readonly now: () => Date,
  ) {}

  async execute(request: SignOffRequest, actor: Actor, requestId?: string): Promise<InspectionView> {
    return this.unitOfWork.run(async (tx) => {
      const inspections = new InspectionRepository(tx.manager);
      const inspection = await inspections.lock(request.id);
      if (inspection.status === 'completed') throw new DomainError('INSPECTION_COMPLETED', '检查已完成');
      const { inspector, row } = await assignedInspector(new InspectorRepository(tx.manager), inspection, actor);
      if (row.signedOffAt)
        throw new DomainError('INSPECTION_SIGNED_OFF', `${departmentName(row.department)}已于 ${shanghaiDateTime(row.signedOffAt)} 签字确认`);
      const results = await inspections.results(inspection.id);
      const inConflict = results.filter((r) => r.department === row.department && r.inConflict);
      if (inConflict.length) {
        throw new DomainError(
          'INSPECTION_RESULTS_IN_CONFLICT',
          `还有 ${inConflict.length} 项结果存在冲突，须先裁定才能签字确认：${inConflict.map((r) => r.itemCode).join('、')}`,
          inConflict.map((r) => ({ field: r.itemCode, code: 'INSPECTION_RESULTS_IN_CONFLICT', message: `${r.itemCode} 有两种记录，待裁定` })),
        );
      }
      const recorded = new Set(results.map((r) => r.itemCode));
      const missing = inspection.form.filter((i) => i.department === row.department && !recorded.has(i.code));
      if (missing.length) {
        throw new DomainError(
          'INSPECTION_RESULTS_INCOMPLETE',
          `还有 ${missing.length} 项未记录结果，不能签字确认：${missing.map((i) => i.code).join('、')}`,
          missing.map((i) => ({ field: i.code, code: 'INSPECTION_RESULTS_INCOMPLETE', message: `${i.code} ${i.text} 未记录结果` })),
        );
      }
      const now = this.now();
      inspection.departments = inspection.departments.map((d) =>
        d.department === row.department ? { ...d, signedOffAt: now.toISOString(), signedOffBy: inspector.id, comment: request.comment ?? null } : d,
      );
      await tx.audit({
        actor,
        action: 'inspection.sign-off',
        entity: 'inspection',
        entityId: inspection.id,
        after: { department: row.department, inspectorId: inspector.id, comment: request.comment ?? null },
        requestId,
      });
      if (inspection.departments.every((d) => d.signedOffAt)) await this.complete.run(tx, inspection, actor, now, requestId);
      else await inspections.save(inspection);
      return inspectionView(tx.manager, inspection, shanghaiToday(now));
    });
  }
}
