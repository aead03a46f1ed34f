import { departmentName } from '@shanyu/common';
import type { FindingView, InspectionAlert, InspectionFormView, InspectionView, ItemResultView } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { FindingRepository } from '../findings/finding.repository.js';
import { groupByArea } from '../forms/merged-form.js';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import { SelfInspectionRepository } from '../self-inspections/self-inspection.repository.js';
import type { Inspection, InspectionResultRow } from './inspection.entity.js';
import { InspectionRepository } from './inspection.repository.js';

const toResultView = (r: InspectionResultRow): ItemResultView => ({
  itemCode: r.itemCode,
  department: r.department,
  result: r.result,
  note: r.note,
  evidence: r.evidence,
  inspectorId: r.inspectorId,
  recordedAt: r.recordedAt.toISOString(),
  version: r.version,
  inConflict: r.inConflict,
});

export function summaryOf(inspection: Inspection, results: InspectionResultRow[]): InspectionView['summary'] {
  const count = (v: string) => results.filter((r) => r.result === v).length;
  return {
    items: inspection.form.length,
    pass: count('pass'),
    fail: count('fail'),
    notApplicable: count('not_applicable'),
    pending: inspection.form.length - results.length,
  };
}

export function basicItemFailed(inspection: Inspection, results: InspectionResultRow[]): boolean {
  const basic = new Set(inspection.form.filter((i) => i.basic).map((i) => i.code));
  return results.some((r) => r.result === 'fail' && basic.has(r.itemCode));
}

/**
 * What the field sent that waits for a person, per department: items in conflict (sign-off is
 * refused until resolved) and results received after the department signed off (补正 or reject).
 */
async function fieldAlerts(inspections: InspectionRepository, inspection: Inspection, results: InspectionResultRow[]): Promise<InspectionAlert[]> {
  const late = await inspections.lateWaitingByDepartment(inspection.id);
  const alerts: InspectionAlert[] = [];
  for (const { department } of inspection.departments) {
    const conflicts = results.filter((r) => r.department === department && r.inConflict).length;
    if (conflicts)
      alerts.push({
        code: 'INSPECTION_RESULTS_IN_CONFLICT',
        department,
        message: `${departmentName(department)}：${conflicts} 项结果有冲突，须由检查人员或本部门处理后方可签字`,
      });
    const waiting = late.find((l) => l.department === department)?.n ?? 0;
    if (waiting)
      alerts.push({
        code: 'LATE_RESULTS_WAITING',
        department,
        message: `${departmentName(department)}：${waiting} 项签字后送达的结果待本部门决定（补正或驳回）`,
      });
  }
  return alerts;
}

export async function inspectionView(manager: EntityManager, inspection: Inspection, today: string): Promise<InspectionView> {
  const inspections = new InspectionRepository(manager);
  const results = await inspections.results(inspection.id);
  const inspectors = new Map((await new InspectorRepository(manager).byIds(inspection.departments.flatMap((d) => d.inspectorIds))).map((x) => [x.id, x]));
  const findings: FindingView[] = (await new FindingRepository(manager).ofInspection(inspection.id)).map((f) => f.toView(today));
  return {
    id: inspection.id,
    kind: inspection.kind,
    planId: inspection.planId,
    complaintId: inspection.complaintId,
    originalInspectionId: inspection.originalInspectionId,
    institutionId: inspection.institutionId,
    institutionName: inspection.institutionName,
    divisionCode: inspection.divisionCode,
    grade: inspection.grade,
    formKind: inspection.formKind,
    scheduledOn: inspection.scheduledOn,
    status: inspection.status,
    leadDepartment: inspection.leadDepartment,
    departments: inspection.departments.map((d) => ({
      department: d.department,
      inspectors: d.inspectorIds.map((id) => ({ id, name: inspectors.get(id)?.name ?? id, badgeNo: inspectors.get(id)?.badgeNo ?? '' })),
      signedOffAt: d.signedOffAt,
      signedOffBy: d.signedOffBy,
      comment: d.comment,
    })),
    alerts: [...inspection.alerts, ...(await fieldAlerts(inspections, inspection, results))],
    policyVersion: inspection.policyVersion,
    summary: summaryOf(inspection, results),
    basicItemFailed: basicItemFailed(inspection, results),
    noticeNo: inspection.noticeNo,
    findings,
    createdAt: inspection.createdAt.toISOString(),
    completedAt: inspection.completedAt?.toISOString() ?? null,
  };
}

/** 一表通查: the frozen merged form with the results so far, and the operator's latest self-inspection. */
export async function formView(manager: EntityManager, inspection: Inspection): Promise<InspectionFormView> {
  const results = new Map((await new InspectionRepository(manager).results(inspection.id)).map((r) => [r.itemCode, r]));
  const previous = inspection.originalInspectionId
    ? new Map((await new FindingRepository(manager).reinspectedBy(inspection.id)).map((f) => [f.itemCode, f.id]))
    : new Map<string, string>();
  const items = inspection.form.map((item) => {
    const r = results.get(item.code);
    const finding = previous.get(item.code);
    return { ...item, result: r ? toResultView(r) : null, ...(finding ? { previousFinding: finding } : {}) };
  });
  const byDepartment: InspectionFormView['byDepartment'] = {};
  for (const d of inspection.departments) {
    const own = inspection.form.filter((i) => i.department === d.department);
    byDepartment[d.department] = { items: own.length, recorded: own.filter((i) => results.has(i.code)).length, signedOff: d.signedOffAt !== null };
  }
  const self = await new SelfInspectionRepository(manager).latestOf(inspection.institutionId);
  return {
    inspectionId: inspection.id,
    institutionId: inspection.institutionId,
    institutionName: inspection.institutionName,
    formKind: inspection.formKind,
    areas: groupByArea(items),
    byDepartment,
    selfInspection: self
      ? {
          id: self.id,
          submittedAt: self.submittedAt.toISOString(),
          failed: self.results.filter((r) => r.result === 'fail').map((r) => ({ itemCode: r.itemCode, note: r.note })),
        }
      : null,
  };
}
