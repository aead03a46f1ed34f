import {
  type Actor,
  actorCoversDivision,
  departmentNotAllowed,
  divisionOutOfScope,
  inspectorNotAssigned,
  isInspector,
  notOwnInstitution,
} from '@shanyu/common';
import { INSPECTION_DEPARTMENTS } from '@shanyu/contracts';
import type { Inspection } from './inspections/inspection.entity.js';
import type { InspectorRepository } from './inspectors/inspector.repository.js';
import type { InstitutionReplica } from './replicas/institution-replica.entity.js';
import type { InstitutionRepository } from './replicas/institution.repository.js';

/**
 * Who may see and do what in the inspection service: departments, division scope, operators'
 * own institutions, and inspector accounts only on the visits they are assigned to (the subjects
 * an inspector may call at all are decided once, by the service's InspectorRoleGuard).
 */
export function assertDepartment(actor: Actor, departments: readonly string[], what: string): void {
  if (actor.department === 'admin') return;
  if (!departments.includes(actor.department)) throw departmentNotAllowed(actor, what, departments);
}

/** Lead joint 双随机 plans across departments: the street office in its area, health for the sector. */
export const JOINT_PLANNING_DEPARTMENTS = ['street', 'health'];

/**
 * 双随机 planning within each department's remit (国发〔2019〕5号: every department draws its own
 * random inspections, joint ones are coordinated): the leading departments plan for any set of
 * departments, any other inspecting department only for itself, alone.
 */
export function assertMayPlan(actor: Actor, departments: readonly string[], what: string): void {
  if (actor.department === 'admin' || JOINT_PLANNING_DEPARTMENTS.includes(actor.department)) return;
  if (!(INSPECTION_DEPARTMENTS as readonly string[]).includes(actor.department)) throw departmentNotAllowed(actor, what, INSPECTION_DEPARTMENTS);
  if (departments.length !== 1 || departments[0] !== actor.department) {
    throw departmentNotAllowed(actor, `${what}（联合抽查须由乡镇（街道）或卫生健康部门牵头；本部门只能抽查本部门事项）`, JOINT_PLANNING_DEPARTMENTS);
  }
}

export function assertCovers(actor: Actor, divisionCode: string): void {
  if (!actorCoversDivision(actor, divisionCode)) throw divisionOutOfScope(divisionCode);
}

export function isOperator(actor: Actor): boolean {
  return actor.department === 'operator';
}

/** The operator who runs the institution (admins act for anyone). */
export function assertOwner(actor: Actor, institution: Pick<InstitutionReplica, 'ownerUserId' | 'name'> | null): void {
  if (actor.department === 'admin') return;
  if (!isOperator(actor)) throw departmentNotAllowed(actor, '办理机构举办者的事项', ['operator']);
  if (!institution || institution.ownerUserId !== actor.userId) throw notOwnInstitution(institution?.name);
}

/** Reading an institution's supervision records: officials in scope, or the operator who owns it. */
export function assertCanRead(actor: Actor, record: { divisionCode: string; institutionId: string }, institution: InstitutionReplica | null): void {
  if (isOperator(actor)) {
    if (!institution || institution.ownerUserId !== actor.userId) throw notOwnInstitution(institution?.name);
    return;
  }
  assertCovers(actor, record.divisionCode);
}

/** Reading one visit: as any record, and an inspector account only a visit it is assigned to. */
export async function assertCanReadVisit(
  lookups: { institutions: InstitutionRepository; inspectors: InspectorRepository },
  actor: Actor,
  inspection: Inspection,
): Promise<void> {
  if (isInspector(actor)) {
    await assignedInspector(lookups.inspectors, inspection, actor);
    return;
  }
  const institution = isOperator(actor) ? await lookups.institutions.find(inspection.institutionId) : null;
  assertCanRead(actor, inspection, institution);
}

/** The caller must be an inspector assigned to the inspection; returns the inspector and their department's row. */
export async function assignedInspector(inspectors: InspectorRepository, inspection: Inspection, actor: Actor) {
  const inspector = await inspectors.activeOfUser(actor.userId);
  const row = inspector ? inspection.departmentOf(inspector.department) : undefined;
  if (!inspector || !row || !row.inspectorIds.includes(inspector.id)) throw inspectorNotAssigned();
  return { inspector, row };
}
