import { DomainError } from '@shanyu/common';
import { CLASS_TYPES, type ClassType } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import type { Enrolment } from '../domain/ratios.js';
import { EnrolmentRepository } from './enrolment.repository.js';
import type { InstitutionReplica } from './institution-replica.entity.js';
import { InstitutionRepository } from './institution.repository.js';

/** The replica of an institution, or INSTITUTION_NOT_FOUND (also when the registry's event has not arrived yet). */
export async function institutionOrThrow(manager: EntityManager, id: string): Promise<InstitutionReplica> {
  const institution = await new InstitutionRepository(manager).byId(id);
  if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${id} 不存在（或登记信息尚未同步到从业人员服务）`);
  return institution;
}

export function assertNotDeregistered(institution: InstitutionReplica): void {
  if (institution.status === 'deregistered') throw new DomainError('INSTITUTION_DEREGISTERED', `机构 ${institution.name} 已注销，不能登记从业人员`);
}

/**
 * Children per class type for the ratio check: the latest roster the subsidy service reported
 * when there is one (source `roster`), else the registered places (source `registered_places`).
 */
export async function enrolmentOf(manager: EntityManager, institutionIds: string[]): Promise<Map<string, Partial<Record<ClassType, Enrolment>>>> {
  const rows = await new EnrolmentRepository(manager).of(institutionIds);
  const out = new Map<string, Partial<Record<ClassType, Enrolment>>>();
  const hasRoster = new Set(rows.filter((r) => r.source === 'roster').map((r) => r.institutionId));
  // A roster counts every class type: one it does not list has no children enrolled.
  for (const id of hasRoster) out.set(id, Object.fromEntries(CLASS_TYPES.map((c) => [c, { children: 0, source: 'roster' }])));
  for (const row of rows) {
    if (hasRoster.has(row.institutionId) !== (row.source === 'roster')) continue;
    const entry = out.get(row.institutionId) ?? {};
    entry[row.classType] = { children: row.children, source: row.source };
    out.set(row.institutionId, entry);
  }
  return out;
}

/** Replaces one source's enrolment of an institution (all class types at once). */
export async function recordEnrolment(
  manager: EntityManager,
  institutionId: string,
  source: Enrolment['source'],
  counts: Partial<Record<ClassType, number>>,
  asOf: string,
): Promise<void> {
  const enrolment = new EnrolmentRepository(manager);
  for (const classType of CLASS_TYPES) {
    await enrolment.save(institutionId, source, classType, Math.max(0, Math.trunc(counts[classType] ?? 0)), asOf);
  }
}
