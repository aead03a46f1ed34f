import { type Actor, actorCoversDivision, DomainError, scopePrefixes } from '@shanyu/common';
import type { EntityManager } from 'typeorm';
import { Inspector } from './inspectors/inspector.entity.js';
import { InstitutionReplica } from './replicas/institution-replica.entity.js';

/** Who may see and do what in the inspection service: division scope, departments, operators' own institutions. */
export function assertDepartment(actor: Actor, departments: readonly string[], what: string): void {
  if (actor.department === 'admin') return;
  if (!departments.includes(actor.department)) throw new DomainError('DEPARTMENT_NOT_ALLOWED', `部门 ${actor.department} 无权${what}`);
}

export function assertCovers(actor: Actor, divisionCode: string): void {
  if (!actorCoversDivision(actor, divisionCode)) throw new DomainError('DIVISION_OUT_OF_SCOPE', `无权访问区划 ${divisionCode} 的数据`);
}

export function isOperator(actor: Actor): boolean {
  return actor.department === 'operator';
}

/** Reading an institution's supervision records: officials in scope, or the operator who owns it. */
export function assertCanRead(actor: Actor, record: { divisionCode: string; institutionId: string }, institution: InstitutionReplica | null): void {
  if (isOperator(actor)) {
    if (!institution || institution.ownerUserId !== actor.userId) throw new DomainError('DIVISION_OUT_OF_SCOPE', '只能查看本机构的记录');
    return;
  }
  assertCovers(actor, record.divisionCode);
}

/** Query-builder condition restricting `column` to the actor's divisions (`true` for admins and the public). */
export function scopeWhere(actor: Actor | null, column: string): { sql: string; params: Record<string, unknown> } {
  const prefixes = actor ? scopePrefixes(actor) : null;
  if (prefixes === null) return { sql: 'true', params: {} };
  return { sql: `${column} LIKE ANY(:scopePrefixes)`, params: { scopePrefixes: prefixes.map((p) => `${p}%`) } };
}

export async function institutionOrFail(manager: EntityManager, id: string): Promise<InstitutionReplica> {
  const institution = await manager.getRepository(InstitutionReplica).findOneBy({ id });
  if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${id} 不存在（或尚未同步到检查服务）`);
  return institution;
}

/** The inspector record linked to the caller's account, if any. */
export async function inspectorOfActor(manager: EntityManager, actor: Actor): Promise<Inspector | null> {
  return manager.getRepository(Inspector).findOneBy({ userId: actor.userId, active: true });
}
