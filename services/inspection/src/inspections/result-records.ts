import { randomUUID } from 'node:crypto';
import { type Actor, DomainError } from '@shanyu/common';
import { InspectionEvt, type ItemResult, type ResultRecordedData, type ResultResolvedData, type ResultVersionView } from '@shanyu/contracts';
import type { Transaction } from '@shanyu/messaging';
import { type EntityManager, In } from 'typeorm';
import { Inspector } from '../inspectors/inspector.entity.js';
import { type Inspection, InspectionResultRow, ResultVersion } from './inspection.entity.js';

export interface ResultValue {
  result: ItemResult;
  note: string | null;
  evidence: { ref: string; takenAt: string; location: string }[];
}

/** Same result, note and evidence: a write sent again (a reply lost on the way back) changes nothing. */
export function sameValue(a: ResultValue, b: ResultValue): boolean {
  const refs = (v: ResultValue) => v.evidence.map((e) => e.ref).sort().join('\n');
  return a.result === b.result && (a.note ?? '') === (b.note ?? '') && refs(a) === refs(b);
}

/**
 * The record of an inspection's item results and every version behind it: the only place that
 * reads or writes inspection_result and result_version.
 */
export class ResultRecords {
  constructor(private readonly manager: EntityManager) {}

  current(inspectionId: string, itemCode: string): Promise<InspectionResultRow | null> {
    return this.manager.getRepository(InspectionResultRow).findOneBy({ inspectionId, itemCode });
  }

  /** Every version of an item, newest first. */
  versionsOf(inspectionId: string, itemCode: string): Promise<ResultVersion[]> {
    return this.manager.getRepository(ResultVersion).find({ where: { inspectionId, itemCode }, order: { receivedAt: 'DESC', id: 'ASC' } });
  }

  /** Results received after their department signed off, waiting or decided, oldest first; one upload's items in item order. */
  lateOf(inspectionId: string): Promise<ResultVersion[]> {
    return this.manager.getRepository(ResultVersion).find({ where: { inspectionId, status: In(['late', 'accepted', 'rejected']) }, order: { receivedAt: 'ASC', itemCode: 'ASC', id: 'ASC' } });
  }

  async version(inspectionId: string, id: string): Promise<ResultVersion> {
    const found = await this.manager.getRepository(ResultVersion).findOneBy({ inspectionId, id });
    if (!found) throw new DomainError('RESULT_VERSION_NOT_FOUND', `结果版本 ${id} 不存在`);
    return found;
  }

  async add(fields: Omit<ResultVersion, 'id' | 'decision'> & { decision?: ResultVersion['decision'] }): Promise<ResultVersion> {
    const row = this.manager.getRepository(ResultVersion).create({ id: randomUUID(), decision: null, ...fields });
    return this.manager.getRepository(ResultVersion).save(row);
  }

  save(version: ResultVersion): Promise<ResultVersion> {
    return this.manager.getRepository(ResultVersion).save(version);
  }

  /** The version now current for its item becomes superseded. */
  async supersedeCurrent(inspectionId: string, itemCode: string): Promise<void> {
    await this.manager.getRepository(ResultVersion).update({ inspectionId, itemCode, status: 'current' }, { status: 'superseded' });
  }

  /** Sets the record of an item to a value (a new version number) or only its conflict flag. */
  async setRecord(row: InspectionResultRow): Promise<void> {
    await this.manager.getRepository(InspectionResultRow).save(row);
  }

  newRecord(fields: Omit<InspectionResultRow, never>): InspectionResultRow {
    return this.manager.getRepository(InspectionResultRow).create(fields);
  }

  /** Versions as published: the inspectors' names beside their ids. */
  async views(versions: ResultVersion[]): Promise<ResultVersionView[]> {
    const ids = [...new Set(versions.map((v) => v.inspectorId))];
    const names = new Map((ids.length ? await this.manager.getRepository(Inspector).findBy({ id: In(ids) }) : []).map((i) => [i.id, i.name]));
    return versions.map((v) => ({
      id: v.id, inspectionId: v.inspectionId, itemCode: v.itemCode, department: v.department, version: v.version, baseVersion: v.baseVersion,
      result: v.result, note: v.note, evidence: v.evidence, inspectorId: v.inspectorId, inspectorName: names.get(v.inspectorId) ?? null, deviceId: v.deviceId,
      recordedAt: v.recordedAt.toISOString(), receivedAt: v.receivedAt.toISOString(), status: v.status, decision: v.decision,
    }));
  }
}

/** evt.inspection.result.recorded.v1 for a version as it reached the server (the entity is the version: one event each). */
export async function publishRecorded(tx: Transaction, inspection: Inspection, v: ResultVersion, actor: Actor): Promise<void> {
  const data: ResultRecordedData = {
    inspectionId: inspection.id, institutionId: inspection.institutionId, itemCode: v.itemCode, department: v.department, versionId: v.id, version: v.version,
    status: v.status as ResultRecordedData['status'], result: v.result, inspectorId: v.inspectorId, deviceId: v.deviceId, recordedAt: v.recordedAt.toISOString(),
  };
  await tx.publish(InspectionEvt.resultRecorded, { actor, entityId: v.id, data });
}

/** evt.inspection.result.resolved.v1 for a person's decision. */
export async function publishResolved(tx: Transaction, inspection: Inspection, v: ResultVersion, resolution: ResultResolvedData['resolution'], reason: string, actor: Actor): Promise<void> {
  const data: ResultResolvedData = {
    inspectionId: inspection.id, institutionId: inspection.institutionId, itemCode: v.itemCode, department: v.department, versionId: v.id, version: v.version,
    resolution, reason, by: actor.userId,
  };
  await tx.publish(InspectionEvt.resultResolved, { actor, entityId: v.id, data });
}
