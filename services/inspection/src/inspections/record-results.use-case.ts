import { type Actor, departmentName, DomainError, type FieldProblem, shanghaiDateTime } from '@shanyu/common';
import type { RecordResultsRequest, RecordResultsView, ResultOutcome } from '@shanyu/contracts';
import { assignedInspector } from '../access.js';
import type { UnitOfWork } from '@shanyu/messaging';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import type { Inspection, InspectionResultRow } from './inspection.entity.js';
import { InspectionRepository } from './inspection.repository.js';
import { publishRecorded, type ResultValue, sameValue } from './result-records.js';
import { formView } from './inspection-views.js';

/**
 * Results of one department's items, by one of its assigned inspectors. An item not on the form,
 * another department's item or a caller not assigned refuses the whole write. Otherwise every
 * value is kept as a version and nothing recorded is lost:
 * - received after the department signed off (or the inspection completed): kept as a late result
 *   for the department to accept (补正) or reject;
 * - written on an older version than the record's (`baseVersion`), or without one over another
 *   inspector's different value, or over another inspector's failing value with evidence, or while
 *   the item is already in conflict: kept as a conflict, the record unchanged until a person
 *   resolves it;
 * - the same value as the record's (a write sent again): nothing new;
 * - otherwise it becomes the record's next version.
 */
export class RecordResults {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
  ) {}

  async execute(request: RecordResultsRequest, actor: Actor, requestId?: string): Promise<RecordResultsView> {
    return this.unitOfWork.run(async (tx) => {
      const inspections = new InspectionRepository(tx.manager);
      const inspection = await inspections.lock(request.id);
      const { inspector, row } = await assignedInspector(new InspectorRepository(tx.manager), inspection, actor);
      assertOnForm(inspection, inspector.department, request);

      const receivedAt = this.now();
      const late = inspection.status === 'completed' || !!row.signedOffAt;
      const outcomes: ResultOutcome[] = [];
      const audited: object[] = [];
      for (const input of request.results) {
        const value = {
          result: input.result,
          note: input.note?.trim() || null,
          evidence: (input.evidence ?? []).map((e) => ({ ref: e.ref, takenAt: e.takenAt, location: e.location })),
        };
        const current = await inspections.result(inspection.id, input.itemCode);
        const currentVersion = current?.version ?? 0;
        const base = {
          inspectionId: inspection.id,
          itemCode: input.itemCode,
          department: inspector.department,
          baseVersion: input.baseVersion ?? null,
          ...value,
          inspectorId: inspector.id,
          deviceId: input.deviceId ?? null,
          recordedAt: input.recordedAt ? new Date(input.recordedAt) : receivedAt,
          receivedAt,
        };
        const waiting = late ? 'late' : conflictWith(current, value, inspector.id, input.baseVersion) ? 'conflict' : undefined;
        if (waiting) {
          const again = (await inspections.resultVersions(inspection.id, input.itemCode)).find(
            (v) => v.status === waiting && v.inspectorId === inspector.id && sameValue(v, value),
          );
          const kept = again ?? (await inspections.addResultVersion({ ...base, version: null, status: waiting }));
          if (!again) await publishRecorded(tx, inspection, kept, actor);
          if (waiting === 'conflict' && current && !current.inConflict) await inspections.saveResult(Object.assign(current, { inConflict: true }));
          outcomes.push({
            itemCode: input.itemCode,
            status: waiting,
            versionId: kept.id,
            version: currentVersion,
            message: waitingMessage(waiting, row, inspection),
          });
          audited.push({
            itemCode: input.itemCode,
            status: waiting,
            ...value,
            baseVersion: base.baseVersion,
            deviceId: base.deviceId,
            recordedAt: base.recordedAt,
            before: current && valueOf(current),
          });
          continue;
        }
        if (current && sameValue(current, value)) {
          const [latest] = (await inspections.resultVersions(inspection.id, input.itemCode)).filter((v) => v.status === 'current');
          outcomes.push({
            itemCode: input.itemCode,
            status: 'recorded',
            versionId: latest?.id ?? '',
            version: currentVersion,
            message: '结果已记录（与现有记录相同）',
          });
          continue;
        }
        await inspections.supersedeCurrentVersion(inspection.id, input.itemCode);
        const version = await inspections.addResultVersion({ ...base, version: currentVersion + 1, status: 'current' });
        await inspections.saveResult(
          inspections.newResult({
            ...value,
            inspectionId: inspection.id,
            itemCode: input.itemCode,
            department: inspector.department,
            inspectorId: inspector.id,
            recordedAt: base.recordedAt,
            version: currentVersion + 1,
            inConflict: false,
          }),
        );
        await publishRecorded(tx, inspection, version, actor);
        outcomes.push({ itemCode: input.itemCode, status: 'recorded', versionId: version.id, version: currentVersion + 1, message: '结果已记录' });
        audited.push({
          itemCode: input.itemCode,
          status: 'recorded',
          version: currentVersion + 1,
          ...value,
          baseVersion: base.baseVersion,
          deviceId: base.deviceId,
          recordedAt: base.recordedAt,
          before: current && valueOf(current),
        });
      }
      if (audited.length) {
        await tx.audit({
          actor,
          action: 'inspection.results',
          entity: 'inspection',
          entityId: inspection.id,
          requestId,
          after: { department: inspector.department, inspectorId: inspector.id, results: audited },
        });
      }
      return { ...(await formView(tx.manager, inspection)), outcomes };
    });
  }
}

function assertOnForm(inspection: Inspection, department: string, request: RecordResultsRequest): void {
  const form = new Map(inspection.form.map((i) => [i.code, i]));
  const notOnForm: FieldProblem[] = [];
  const otherDepartment: FieldProblem[] = [];
  const invalid: FieldProblem[] = [];
  const seen = new Set<string>();
  request.results.forEach((r, i) => {
    const item = form.get(r.itemCode);
    if (!item) notOnForm.push({ field: `results.${i}.itemCode`, code: 'ITEM_NOT_ON_FORM', message: `事项 ${r.itemCode} 不在本次检查表上（清单之外无检查）` });
    else if (item.department !== department)
      otherDepartment.push({
        field: `results.${i}.itemCode`,
        code: 'ITEM_OTHER_DEPARTMENT',
        message: `事项 ${r.itemCode} 属于${departmentName(item.department)}`,
      });
    if (seen.has(r.itemCode)) invalid.push({ field: `results.${i}.itemCode`, code: 'duplicate', message: `事项 ${r.itemCode} 重复` });
    seen.add(r.itemCode);
    if (r.result === 'fail' && !r.note?.trim())
      invalid.push({ field: `results.${i}.note`, code: 'isDefined', message: '不合格项必须写明发现的问题（写入整改意见书）' });
  });
  if (notOnForm.length) throw new DomainError('ITEM_NOT_ON_FORM', notOnForm.map((p) => p.message).join('；'), [...notOnForm, ...otherDepartment]);
  if (otherDepartment.length)
    throw new DomainError(
      'ITEM_OTHER_DEPARTMENT',
      `只能记录本部门（${departmentName(department)}）的检查事项：${otherDepartment.map((p) => p.message).join('；')}`,
      otherDepartment,
    );
  if (invalid.length) throw DomainError.validation(invalid);
}

/** Whether a write must wait for a person instead of becoming the record's next value. */
function conflictWith(current: InspectionResultRow | null, value: ResultValue, inspectorId: string, baseVersion: number | undefined): boolean {
  if (!current) return false;
  if (current.inConflict) return !sameValue(current, value) || current.inspectorId !== inspectorId;
  if (sameValue(current, value)) return false;
  if (baseVersion !== undefined && baseVersion < current.version) return true;
  if (current.inspectorId === inspectorId) return false;
  // Another inspector's value: without a base it was not seen; a failing value with evidence is never replaced silently.
  return baseVersion === undefined || (current.result === 'fail' && current.evidence.length > 0 && value.result !== 'fail');
}

function valueOf(r: ResultValue): ResultValue {
  return { result: r.result, note: r.note, evidence: r.evidence };
}

function waitingMessage(status: 'late' | 'conflict', row: { department: string; signedOffAt: string | null }, inspection: Inspection): string {
  if (status === 'conflict') return '与他人记录的结果冲突，已保留，待检查人员或部门负责人裁定';
  const when = row.signedOffAt ?? inspection.completedAt?.toISOString();
  return `${departmentName(row.department)}已于 ${when ? shanghaiDateTime(when) : '此前'} 签字确认：该结果已作为逾时结果保留，待部门决定是否补正`;
}
