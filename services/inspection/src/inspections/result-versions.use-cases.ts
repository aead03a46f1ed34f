import { type Actor, departmentName, DomainError, isInspector } from '@shanyu/common';
import type {
  DecideLateResultRequest,
  InspectionFormView,
  InspectionIdRequest,
  ResolveResultRequest,
  ResultItemRequest,
  ResultVersionView,
} from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { assertCovers, assertDepartment, assignedInspector } from '../access.js';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import type { CompleteInspection } from './complete-inspection.js';
import type { Inspection } from './inspection.entity.js';
import { InspectionRepository } from './inspection.repository.js';
import { formView } from './inspection-views.js';
import { InspectionQuery } from './inspection.queries.js';
import { publishResolved, resultVersionViews } from './result-records.js';

function itemOf(inspection: Inspection, itemCode: string) {
  const item = inspection.form.find((i) => i.code === itemCode);
  if (!item) throw new DomainError('ITEM_NOT_ON_FORM', `事项 ${itemCode} 不在本次检查表上`);
  return item;
}

/** An official (or the platform admin) of the department, in the visit's division. */
function assertDepartmentOfficial(actor: Actor, inspection: Inspection, department: string, what: string): void {
  assertDepartment(actor, [department], what);
  assertCovers(actor, inspection.divisionCode);
}

/** Every value recorded for one item, newest first, for whoever may read the visit. */
export class ListResultVersions extends InspectionQuery {
  async execute(request: ResultItemRequest, actor: Actor): Promise<ResultVersionView[]> {
    const inspection = await this.readable(request.id, actor);
    itemOf(inspection, request.itemCode);
    const versions = await new InspectionRepository(this.dataSource.manager).resultVersions(inspection.id, request.itemCode);
    return resultVersionViews(new InspectorRepository(this.dataSource.manager), versions);
  }
}

/** Results that reached the server after their department signed off: waiting for a decision, or decided. */
export class ListLateResults extends InspectionQuery {
  async execute(request: InspectionIdRequest, actor: Actor): Promise<ResultVersionView[]> {
    const inspection = await this.readable(request.id, actor);
    const versions = await new InspectionRepository(this.dataSource.manager).lateResultVersions(inspection.id);
    return resultVersionViews(new InspectorRepository(this.dataSource.manager), versions);
  }
}

/**
 * A person resolves an item in conflict (an assigned inspector of its department or one of the
 * department's officials): the chosen version — the record's or one that waited — becomes the
 * record, the others are closed as resolved, all with the reason. Audited; an event.
 */
export class ResolveResult {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
  ) {}

  async execute(request: ResolveResultRequest, actor: Actor, requestId?: string): Promise<InspectionFormView> {
    return this.unitOfWork.run(async (tx) => {
      const inspections = new InspectionRepository(tx.manager);
      const inspection = await inspections.lock(request.id);
      const item = itemOf(inspection, request.itemCode);
      if (isInspector(actor)) {
        const { inspector } = await assignedInspector(new InspectorRepository(tx.manager), inspection, actor);
        if (inspector.department !== item.department)
          throw new DomainError('ITEM_OTHER_DEPARTMENT', `事项 ${item.code} 属于${departmentName(item.department)}`);
      } else {
        assertDepartmentOfficial(actor, inspection, item.department, '裁定检查结果冲突');
      }
      const current = await inspections.result(inspection.id, item.code);
      if (!current?.inConflict) throw new DomainError('RESULT_NOT_IN_CONFLICT', `事项 ${item.code} 没有待裁定的冲突`);
      const versions = await inspections.resultVersions(inspection.id, item.code);
      const chosen = versions.find((v) => v.id === request.versionId && (v.status === 'current' || v.status === 'conflict'));
      if (!chosen) throw new DomainError('RESULT_VERSION_NOT_FOUND', `版本 ${request.versionId} 不是该事项现有或冲突中的结果`);
      const at = this.now().toISOString();
      const decision = (id: string) => ({ by: actor.userId, at, reason: request.reason.trim(), chosen: id === chosen.id });
      for (const v of versions.filter((x) => x.status === 'conflict')) {
        if (v.id !== chosen.id) await inspections.saveResultVersion(Object.assign(v, { status: 'resolved', decision: decision(v.id) }));
      }
      if (chosen.status === 'conflict') {
        await inspections.supersedeCurrentVersion(inspection.id, item.code);
        const version = current.version + 1;
        await inspections.saveResultVersion(Object.assign(chosen, { status: 'current', version, decision: decision(chosen.id) }));
        await inspections.saveResult(
          Object.assign(current, {
            result: chosen.result,
            note: chosen.note,
            evidence: chosen.evidence,
            inspectorId: chosen.inspectorId,
            recordedAt: chosen.recordedAt,
            version,
            inConflict: false,
          }),
        );
      } else {
        await inspections.saveResultVersion(Object.assign(chosen, { decision: decision(chosen.id) }));
        await inspections.saveResult(Object.assign(current, { inConflict: false }));
      }
      await publishResolved(tx, inspection, chosen, 'conflict-resolved', request.reason.trim(), actor);
      await tx.audit({
        actor,
        action: 'inspection.result.resolve',
        entity: 'inspection',
        entityId: inspection.id,
        requestId,
        after: {
          itemCode: item.code,
          chosenVersionId: chosen.id,
          result: chosen.result,
          note: chosen.note,
          evidence: chosen.evidence,
          reason: request.reason.trim(),
          version: chosen.version,
        },
      });
      return formView(tx.manager, inspection);
    });
  }
}

/**
 * An official of the result's department decides a late result: accepted into the record as an
 * amendment (补正) — the record's next version, and a finding when a completed inspection's item
 * now fails — or rejected; either with the reason, audited, an event.
 */
export class DecideLateResult {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly complete: CompleteInspection,
    private readonly now: () => Date,
  ) {}

  async execute(request: DecideLateResultRequest, actor: Actor, requestId?: string): Promise<ResultVersionView> {
    return this.unitOfWork.run(async (tx) => {
      const inspections = new InspectionRepository(tx.manager);
      const inspection = await inspections.lock(request.id);
      // Who may decide at all first (a department of the visit, in its division), so that a wrong id tells nothing to others.
      assertDepartment(
        actor,
        inspection.departments.map((d) => d.department),
        '决定逾时结果是否补正',
      );
      assertCovers(actor, inspection.divisionCode);
      const late = await inspections.resultVersion(inspection.id, request.versionId);
      assertDepartmentOfficial(actor, inspection, late.department, '决定逾时结果是否补正');
      if (late.status !== 'late') throw new DomainError('RESULT_NOT_LATE', `该结果不是待决定的逾时结果（${late.status}）`);
      const now = this.now();
      const decision = { by: actor.userId, at: now.toISOString(), reason: request.reason.trim(), chosen: request.decision === 'accept' };
      if (request.decision === 'accept') {
        const current = await inspections.result(inspection.id, late.itemCode);
        const version = (current?.version ?? 0) + 1;
        await inspections.supersedeCurrentVersion(inspection.id, late.itemCode);
        await inspections.saveResultVersion(Object.assign(late, { status: 'accepted', version, decision }));
        await inspections.saveResult(
          inspections.newResult({
            inspectionId: inspection.id,
            itemCode: late.itemCode,
            department: late.department,
            result: late.result,
            note: late.note,
            evidence: late.evidence,
            inspectorId: late.inspectorId,
            recordedAt: late.recordedAt,
            version,
            inConflict: current?.inConflict ?? false,
          }),
        );
        await this.complete.recordLateFinding(tx, inspection, late, actor, now);
      } else {
        await inspections.saveResultVersion(Object.assign(late, { status: 'rejected', decision }));
      }
      await publishResolved(tx, inspection, late, request.decision === 'accept' ? 'late-accepted' : 'late-rejected', decision.reason, actor);
      await tx.audit({
        actor,
        action: request.decision === 'accept' ? 'inspection.result.amend' : 'inspection.result.reject-late',
        entity: 'inspection',
        entityId: inspection.id,
        requestId,
        after: {
          itemCode: late.itemCode,
          versionId: late.id,
          result: late.result,
          note: late.note,
          evidence: late.evidence,
          reason: decision.reason,
          version: late.version,
        },
      });
      const [view] = await resultVersionViews(new InspectorRepository(tx.manager), [late]);
      return view!;
    });
  }
}
