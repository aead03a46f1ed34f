import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import type { InspectionView, ReinspectionRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { assertCovers, assertDepartment } from '../access.js';
import { FindingRepository } from '../findings/finding.repository.js';
import type { SupervisionPolicies } from '../policy/supervision-policies.js';
import { INSPECTING_DEPARTMENTS } from './create-inspection.use-case.js';
import { InspectionRepository } from './inspection.repository.js';
import { inspectionView } from './inspection-views.js';

/**
 * 复查: a follow-up of a completed inspection with only its still-open findings' items (as they
 * stood on the original form), by the departments that own them and the same inspectors, linked
 * to the original. Not counted towards the yearly cap. Each finding it re-checks ends corrected
 * or not corrected when it completes.
 */
export class CreateReinspection {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: SupervisionPolicies,
    private readonly now: () => Date,
  ) {}

  async execute(request: ReinspectionRequest, actor: Actor, requestId?: string): Promise<InspectionView> {
    assertDepartment(actor, INSPECTING_DEPARTMENTS, '发起复查');
    return this.unitOfWork.run(async (tx) => {
      const inspections = new InspectionRepository(tx.manager);
      const findings = new FindingRepository(tx.manager);
      const original = await inspections.lock(request.id);
      assertCovers(actor, original.divisionCode);
      if (original.status !== 'completed') throw new DomainError('INSPECTION_NOT_COMPLETED', '检查尚未完成，不能复查');
      const open = (await findings.lockNotReinspected(original.id)).filter((f) => f.isOpen);
      if (open.length === 0) throw new DomainError('NO_OPEN_FINDINGS', '该检查没有待复查的整改事项');
      const codes = new Set(open.map((f) => f.itemCode));
      const departments = original.departments.filter((d) => open.some((f) => f.department === d.department));
      const now = this.now();
      const scheduledOn = request.scheduledOn ?? shanghaiToday(now);
      const policy = await this.policies.policyFor(tx.manager, original.divisionCode, scheduledOn);
      const reinspection = await inspections.add({
        id: randomUUID(),
        kind: 'reinspection',
        planId: null,
        complaintId: null,
        originalInspectionId: original.id,
        institutionId: original.institutionId,
        institutionName: original.institutionName,
        divisionCode: original.divisionCode,
        grade: original.grade,
        formKind: 'reinspection',
        scheduledOn,
        status: 'open',
        leadDepartment: actor.department,
        departments: departments.map((d) => ({ department: d.department, inspectorIds: d.inspectorIds, signedOffAt: null, signedOffBy: null, comment: null })),
        form: original.form.filter((i) => codes.has(i.code)),
        alerts: [],
        policyVersion: policy.version,
        noticeNo: null,
        createdAt: now,
        createdBy: { department: actor.department, userId: actor.userId },
        completedAt: null,
        completedOn: null,
      });
      for (const f of open) f.reinspectionId = reinspection.id;
      await findings.save(open);
      await tx.audit({
        actor,
        action: 'inspection.reinspect',
        entity: 'inspection',
        entityId: reinspection.id,
        after: { originalInspectionId: original.id, findings: open.map((f) => f.id) },
        requestId,
      });
      return inspectionView(tx.manager, reinspection, shanghaiToday(now));
    });
  }
}
