import { DomainError } from '@shanyu/common';
import { CLASS_TYPES, type ClassType } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { schemaTable } from '@shanyu/persistence';
import type { Enrolment } from '../domain/ratios.js';
import { InstitutionReplica } from './institution-replica.entity.js';

/** The replica of an institution, or INSTITUTION_NOT_FOUND (also when the registry's event has not arrived yet). */
export async function institutionOrThrow(db: EntityManager | DataSource, id: string): Promise<InstitutionReplica> {
  const institution = await db.getRepository(InstitutionReplica).findOneBy({ id });
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
export async function enrolmentOf(db: EntityManager | DataSource, institutionIds: string[]): Promise<Map<string, Partial<Record<ClassType, Enrolment>>>> {
  const rows: { institution_id: string; source: Enrolment['source']; class_type: ClassType; children: number }[] = institutionIds.length
    ? await db.query(
      `SELECT institution_id, source, class_type, children FROM ${schemaTable(db, 'enrolment')} WHERE institution_id = ANY($1::uuid[])`,
      [institutionIds],
    )
    : [];
  const out = new Map<string, Partial<Record<ClassType, Enrolment>>>();
  const hasRoster = new Set(rows.filter((r) => r.source === 'roster').map((r) => r.institution_id));
  // A roster counts every class type: one it does not list has no children enrolled.
  for (const id of hasRoster) out.set(id, Object.fromEntries(CLASS_TYPES.map((c) => [c, { children: 0, source: 'roster' }])));
  for (const row of rows) {
    if (hasRoster.has(row.institution_id) !== (row.source === 'roster')) continue;
    const entry = out.get(row.institution_id) ?? {};
    entry[row.class_type] = { children: row.children, source: row.source };
    out.set(row.institution_id, entry);
  }
  return out;
}

/** Replaces one source's enrolment of an institution (all class types at once). */
export async function recordEnrolment(
  manager: EntityManager, institutionId: string, source: Enrolment['source'], counts: Partial<Record<ClassType, number>>, asOf: string,
): Promise<void> {
  const t = schemaTable(manager, 'enrolment');
  for (const classType of CLASS_TYPES) {
    await manager.query(
      `INSERT INTO ${t} (institution_id, source, class_type, children, as_of) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (institution_id, source, class_type) DO UPDATE SET children = EXCLUDED.children, as_of = EXCLUDED.as_of, updated_at = now()`,
      [institutionId, source, classType, Math.max(0, Math.trunc(counts[classType] ?? 0)), asOf],
    );
  }
}
