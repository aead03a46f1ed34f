import { randomUUID } from 'node:crypto';
import { type Actor, departmentNotAllowed, DomainError, isInspector, roleNotAllowed, withinDivision } from '@shanyu/common';
import { type AddConflictRequest, type AddInspectorRequest, INSPECTION_DEPARTMENTS, type InspectorView, type ListInspectorsRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { assertCovers, assertDepartment } from '../access.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import { InspectorRepository } from './inspector.repository.js';

/** Adds an inspector to a department's pool (the department itself or an admin). */
export class AddInspector {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async execute(request: AddInspectorRequest, actor: Actor, requestId?: string): Promise<InspectorView> {
    if (actor.department === 'admin' && !request.department) {
      throw DomainError.validation([{ field: 'department', code: 'isDefined', message: '管理员添加执法人员时必须指定部门' }]);
    }
    const department = request.department ?? (actor.department as AddInspectorRequest['department'] & string);
    if (!(INSPECTION_DEPARTMENTS as readonly string[]).includes(department))
      throw departmentNotAllowed({ department }, '登记执法人员（没有执法检查职责）', INSPECTION_DEPARTMENTS);
    assertDepartment(actor, [department], '管理其他部门的执法人员');
    for (const code of request.divisionCodes) assertCovers(actor, code);
    return this.unitOfWork.run(async (tx) => {
      const inspector = await new InspectorRepository(tx.manager).add({
        id: randomUUID(),
        department,
        name: request.name,
        badgeNo: request.badgeNo,
        divisionCodes: request.divisionCodes,
        userId: request.userId ?? null,
        username: request.username ?? null,
        active: true,
      });
      await tx.audit({
        actor,
        action: 'inspector.add',
        entity: 'inspector',
        entityId: inspector.id,
        after: { department, name: inspector.name, badgeNo: inspector.badgeNo, divisionCodes: inspector.divisionCodes, username: inspector.username },
        requestId,
      });
      return inspector.toView();
    });
  }
}

export class ListInspectors {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListInspectorsRequest, actor: Actor): Promise<InspectorView[]> {
    if (actor.department === 'operator') throw departmentNotAllowed(actor, '查看执法人员名录');
    const inspectors = new InspectorRepository(this.dataSource.manager);
    const all = await inspectors.list(request.department);
    const visible = all.filter(
      (i) => worksWithin(actor, i.divisionCodes) && (request.divisionCode ? i.divisionCodes.some((d) => withinDivision(d, request.divisionCode!)) : true),
    );
    const conflicts = await inspectors.conflictsByInspector(visible.map((i) => i.id));
    return visible.map((i) => i.toView(conflicts.get(i.id)));
  }
}

/** An inspector is listed to those whose divisions overlap its own (a street office sees its district's inspectors too); admins see all. */
function worksWithin(actor: Actor, divisionCodes: readonly string[]): boolean {
  if (actor.department === 'admin') return true;
  return divisionCodes.some((d) => actor.divisions.some((scope) => withinDivision(scope, d) || withinDivision(d, scope)));
}

/** 回避: records a conflict of interest; the inspector is never drawn or assigned for that institution. */
export class AddConflict {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async execute(request: AddConflictRequest, actor: Actor, requestId?: string): Promise<InspectorView> {
    return this.unitOfWork.run(async (tx) => {
      const inspectors = new InspectorRepository(tx.manager);
      const inspector = await inspectors.get(request.inspectorId);
      // The inspector may declare their own conflict; otherwise their department (or an admin) records
      // it, for an institution inside its divisions (属地管理, as for adding the inspector).
      const self = inspector.userId !== null && inspector.userId === actor.userId;
      if (!self && isInspector(actor)) throw roleNotAllowed('登记其他执法人员的回避');
      if (!self) assertDepartment(actor, [inspector.department], '登记其他部门执法人员的回避');
      const institution = await new InstitutionRepository(tx.manager).get(request.institutionId);
      if (!self) assertCovers(actor, institution.divisionCode);
      await inspectors.addConflict({
        inspectorId: inspector.id,
        institutionId: institution.id,
        reason: request.reason,
        recordedBy: { department: actor.department, userId: actor.userId },
      });
      await tx.audit({
        actor,
        action: 'inspector.conflict',
        entity: 'inspector',
        entityId: inspector.id,
        after: { institutionId: institution.id, reason: request.reason },
        requestId,
      });
      return inspector.toView((await inspectors.conflictsByInspector([inspector.id])).get(inspector.id));
    });
  }
}
