import type { FindingView, InspectionFormView, InspectionView, ItemResultView } from '@shanyu/contracts';
import { type EntityManager, In } from 'typeorm';
import { Finding } from '../findings/finding.entity.js';
import { groupByArea } from '../forms/merged-form.js';
import { Inspector } from '../inspectors/inspector.entity.js';
import { SelfInspection } from '../self-inspections/self-inspection.entity.js';
import { type Inspection, InspectionResultRow } from './inspection.entity.js';

export async function resultsOf(manager: EntityManager, inspectionId: string): Promise<InspectionResultRow[]> {
  return manager.getRepository(InspectionResultRow).find({ where: { inspectionId }, order: { itemCode: 'ASC' } });
}

const toResultView = (r: InspectionResultRow): ItemResultView => ({
  itemCode: r.itemCode, department: r.department, result: r.result, note: r.note, evidence: r.evidence, inspectorId: r.inspectorId, recordedAt: r.recordedAt.toISOString(),
  version: r.version, inConflict: r.inConflict,
});

export function summaryOf(inspection: Inspection, results: InspectionResultRow[]): InspectionView['summary'] {
  const count = (v: string) => results.filter((r) => r.result === v).length;
  return { items: inspection.form.length, pass: count('pass'), fail: count('fail'), notApplicable: count('not_applicable'), pending: inspection.form.length - results.length };
}

export function basicItemFailed(inspection: Inspection, results: InspectionResultRow[]): boolean {
  const basic = new Set(inspection.form.filter((i) => i.basic).map((i) => i.code));
  return results.some((r) => r.result === 'fail' && basic.has(r.itemCode));
}

export async function inspectionView(manager: EntityManager, inspection: Inspection, today: string): Promise<InspectionView> {
  const results = await resultsOf(manager, inspection.id);
  const ids = inspection.departments.flatMap((d) => d.inspectorIds);
  const inspectors = new Map((ids.length ? await manager.getRepository(Inspector).findBy({ id: In(ids) }) : []).map((x) => [x.id, x]));
  const findings: FindingView[] = (await manager.getRepository(Finding).find({ where: { inspectionId: inspection.id }, order: { itemCode: 'ASC' } })).map((f) => f.toView(today));
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
    alerts: inspection.alerts,
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
  const results = new Map((await resultsOf(manager, inspection.id)).map((r) => [r.itemCode, r]));
  const previous = inspection.originalInspectionId
    ? new Map((await manager.getRepository(Finding).findBy({ reinspectionId: inspection.id })).map((f) => [f.itemCode, f.id]))
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
  const self = await manager.getRepository(SelfInspection).findOne({ where: { institutionId: inspection.institutionId }, order: { submittedAt: 'DESC' } });
  return {
    inspectionId: inspection.id,
    institutionId: inspection.institutionId,
    institutionName: inspection.institutionName,
    formKind: inspection.formKind,
    areas: groupByArea(items),
    byDepartment,
    selfInspection: self
      ? { id: self.id, submittedAt: self.submittedAt.toISOString(), failed: self.results.filter((r) => r.result === 'fail').map((r) => ({ itemCode: r.itemCode, note: r.note })) }
      : null,
  };
}
