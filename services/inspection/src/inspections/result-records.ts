import type { Actor } from '@shanyu/common';
import { InspectionEvt, type ItemResult, type ResultRecordedData, type ResultResolvedData, type ResultVersionView } from '@shanyu/contracts';
import type { Transaction } from '@shanyu/messaging';
import type { InspectorRepository } from '../inspectors/inspector.repository.js';
import type { Inspection, ResultVersion } from './inspection.entity.js';

export interface ResultValue {
  result: ItemResult;
  note: string | null;
  evidence: { ref: string; takenAt: string; location: string }[];
}

/** Same result, note and evidence: a write sent again (a reply lost on the way back) changes nothing. */
export function sameValue(a: ResultValue, b: ResultValue): boolean {
  const refs = (v: ResultValue) =>
    v.evidence
      .map((e) => e.ref)
      .sort()
      .join('\n');
  return a.result === b.result && (a.note ?? '') === (b.note ?? '') && refs(a) === refs(b);
}

/** Versions as published: the inspectors' names beside their ids. */
export async function resultVersionViews(inspectors: InspectorRepository, versions: ResultVersion[]): Promise<ResultVersionView[]> {
  const names = await inspectors.namesOf([...new Set(versions.map((v) => v.inspectorId))]);
  return versions.map((v) => ({
    id: v.id,
    inspectionId: v.inspectionId,
    itemCode: v.itemCode,
    department: v.department,
    version: v.version,
    baseVersion: v.baseVersion,
    result: v.result,
    note: v.note,
    evidence: v.evidence,
    inspectorId: v.inspectorId,
    inspectorName: names.get(v.inspectorId) ?? null,
    deviceId: v.deviceId,
    recordedAt: v.recordedAt.toISOString(),
    receivedAt: v.receivedAt.toISOString(),
    status: v.status,
    decision: v.decision,
  }));
}

/** How both result events name the version: its inspection, institution, item, department and version. */
function versionRef(inspection: Inspection, v: ResultVersion) {
  return {
    inspectionId: inspection.id,
    institutionId: inspection.institutionId,
    itemCode: v.itemCode,
    department: v.department,
    versionId: v.id,
    version: v.version,
  };
}

/** evt.inspection.result.recorded.v1 for a version as it reached the server (the entity is the version: one event each). */
export async function publishRecorded(tx: Transaction, inspection: Inspection, v: ResultVersion, actor: Actor): Promise<void> {
  const data: ResultRecordedData = {
    ...versionRef(inspection, v),
    status: v.status as ResultRecordedData['status'],
    result: v.result,
    inspectorId: v.inspectorId,
    deviceId: v.deviceId,
    recordedAt: v.recordedAt.toISOString(),
  };
  await tx.publish(InspectionEvt.resultRecorded, { actor, entityId: v.id, data });
}

/** evt.inspection.result.resolved.v1 for a person's decision. */
export async function publishResolved(
  tx: Transaction,
  inspection: Inspection,
  v: ResultVersion,
  resolution: ResultResolvedData['resolution'],
  reason: string,
  actor: Actor,
): Promise<void> {
  const data: ResultResolvedData = {
    ...versionRef(inspection, v),
    resolution,
    reason,
    by: actor.userId,
  };
  await tx.publish(InspectionEvt.resultResolved, { actor, entityId: v.id, data });
}
