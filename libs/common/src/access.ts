import type { Actor, Department } from './actor.js';
import { actorCoversDivision } from './division-scope.js';
import { DomainError } from './errors.js';

/** The name of each department as people read it in a refusal (never its code). */
export const DEPARTMENT_NAMES: Record<Department, string> = {
  health: '卫生健康部门',
  market: '市场监督管理部门',
  civil: '民政部门',
  fire: '消防救援机构',
  police: '公安机关',
  education: '教育部门',
  hrss: '人力资源社会保障部门',
  street: '乡镇（街道）',
  finance: '财政部门',
  operator: '机构举办者',
  admin: '平台管理员',
};

export function departmentName(department: string): string {
  return DEPARTMENT_NAMES[department as Department] ?? department;
}

/** `卫生健康部门、乡镇（街道）` */
export function departmentNames(departments: readonly string[]): string {
  return departments.map(departmentName).join('、');
}

// One code per access rule, in every service and the gateway:
//   DEPARTMENT_NOT_ALLOWED  the actor's department may not do this at all
//   ROLE_NOT_ALLOWED        the department may, the actor's role (an inspector account) may not
//   DIVISION_OUT_OF_SCOPE   the target lies outside the actor's divisions
//   NOT_OWN_INSTITUTION     an operator acting on an institution it does not run
//   INSPECTOR_NOT_ASSIGNED  an inspector acting on a visit they are not assigned to
// (SCOPE_NOT_GRANTED, the API client's route scopes, is the gateway's own.)

/** `what` completes 「…无权」: `审核备案`. */
export function departmentNotAllowed(actor: Pick<Actor, 'department'>, what: string, allowed?: readonly string[]): DomainError {
  const only = allowed?.length ? `（仅限${departmentNames(allowed)}）` : '';
  return new DomainError('DEPARTMENT_NOT_ALLOWED', `${departmentName(actor.department)}无权${what}${only}`);
}

export function roleNotAllowed(what: string): DomainError {
  return new DomainError('ROLE_NOT_ALLOWED', `执法人员账号无权${what}：只能查看和记录被指派的检查`);
}

export function divisionOutOfScope(divisionCode: string | null | undefined): DomainError {
  return new DomainError('DIVISION_OUT_OF_SCOPE', `区划 ${divisionCode ?? '（未知）'} 不在本账号的管辖范围内`);
}

export function notOwnInstitution(institutionName?: string): DomainError {
  return new DomainError('NOT_OWN_INSTITUTION', `${institutionName ? `机构「${institutionName}」不是本账号举办的机构；` : ''}举办者只能查看和办理本机构的事项`);
}

export function inspectorNotAssigned(): DomainError {
  return new DomainError('INSPECTOR_NOT_ASSIGNED', '只有被指派参加本次检查的执法人员才能查看、记录或签字确认');
}

/** An inspector account (执法人员) may do only the work of the visits it is assigned to. */
export function isInspector(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'inspector';
}

/**
 * The rules every service's access policy is made of, each refusing with its one code; a
 * service's policy extends it with the decisions of its own domain (who approves, who reads).
 */
export class AccessPolicy {
  /** The actor's department is one of `allowed` (admins only where listed); `what` completes 「…无权」. */
  assertDepartment(actor: Actor, allowed: readonly Department[], what: string): void {
    if (!allowed.includes(actor.department))
      throw departmentNotAllowed(
        actor,
        what,
        allowed.filter((d) => d !== 'admin'),
      );
  }

  /** The division lies within the actor's divisions (admins: everywhere; an unknown division only for admins). */
  assertCovers(actor: Actor, divisionCode: string | null): void {
    if (divisionCode === null ? actor.department !== 'admin' : !actorCoversDivision(actor, divisionCode)) throw divisionOutOfScope(divisionCode);
  }

  /** The operator (举办者 account) who runs the institution, or an admin acting for anyone. */
  assertOperatorOf(actor: Actor, institution: { ownerUserId: string | null; name?: string } | null, what = '办理机构举办者的事项'): void {
    if (actor.department === 'admin') return;
    if (actor.department !== 'operator') throw departmentNotAllowed(actor, what, ['operator']);
    if (!institution?.ownerUserId || institution.ownerUserId !== actor.userId) throw notOwnInstitution(institution?.name);
  }
}
