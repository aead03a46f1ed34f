import { type Actor, actorCoversDivision, type Department, DomainError } from '@shanyu/common';

/** Departments that read subsidy data of their divisions (rosters, runs, lines, the ledger). */
const READERS: readonly Department[] = ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'];

/**
 * Who may do what with subsidies: the operator submits its own institutions' rosters; health
 * (卫健) computes runs; street office → health → finance approve, each in its own divisions;
 * health and finance publish policies for their divisions; admins act everywhere.
 */
export class SubsidyAccessPolicy {
  assertDepartment(actor: Actor, allowed: readonly Department[], what: string): void {
    if (!allowed.includes(actor.department)) {
      throw new DomainError('DEPARTMENT_NOT_ALLOWED', `${what}须由${allowed.map(label).join('、')}办理（当前：${label(actor.department)}）`);
    }
  }

  assertCovers(actor: Actor, divisionCode: string): void {
    if (!actorCoversDivision(actor, divisionCode)) throw new DomainError('DIVISION_OUT_OF_SCOPE', `区划 ${divisionCode} 不在您的管辖范围内`);
  }

  /** The institution's own operator (its 举办者 account) or an admin. */
  assertOperatorOf(actor: Actor, institution: { ownerUserId: string | null; name: string }): void {
    if (actor.department === 'admin') return;
    if (actor.department !== 'operator') throw new DomainError('DEPARTMENT_NOT_ALLOWED', '收托名册由机构举办者报送');
    if (institution.ownerUserId !== actor.userId) throw new DomainError('FORBIDDEN', `您不是机构 ${institution.name} 的举办者账号，不能报送其名册`);
  }

  assertCanRead(actor: Actor, institution: { ownerUserId: string | null; divisionCode: string; name: string }): void {
    if (actor.department === 'operator') {
      if (institution.ownerUserId !== actor.userId) throw new DomainError('FORBIDDEN', `您不是机构 ${institution.name} 的举办者账号`);
      return;
    }
    this.assertDepartment(actor, READERS, '查看补助数据');
    this.assertCovers(actor, institution.divisionCode);
  }

  isReader(actor: Actor): boolean {
    return READERS.includes(actor.department);
  }
}

const LABELS: Partial<Record<Department, string>> = {
  health: '卫生健康部门', street: '镇街', finance: '财政部门', operator: '机构举办者', admin: '平台管理员', market: '市场监管部门', civil: '民政部门', education: '教育部门',
};
function label(d: Department): string {
  return LABELS[d] ?? d;
}
