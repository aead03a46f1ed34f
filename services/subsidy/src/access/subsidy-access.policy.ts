import { type Actor, actorCoversDivision, type Department, departmentNotAllowed, divisionOutOfScope, notOwnInstitution } from '@shanyu/common';

/** Departments that read subsidy data of their divisions (rosters, runs, lines, the ledger). */
const READERS: readonly Department[] = ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'];

/**
 * Who may do what with subsidies: the operator submits its own institutions' rosters; health
 * (卫健) computes runs; street office → health → finance approve, each in its own divisions;
 * health and finance publish policies for their divisions; admins act everywhere.
 */
export class SubsidyAccessPolicy {
  assertDepartment(actor: Actor, allowed: readonly Department[], what: string): void {
    if (!allowed.includes(actor.department)) throw departmentNotAllowed(actor, what, allowed.filter((d) => d !== 'admin'));
  }

  assertCovers(actor: Actor, divisionCode: string): void {
    if (!actorCoversDivision(actor, divisionCode)) throw divisionOutOfScope(divisionCode);
  }

  /** The institution's own operator (its 举办者 account) or an admin. */
  assertOperatorOf(actor: Actor, institution: { ownerUserId: string | null; name: string }): void {
    if (actor.department === 'admin') return;
    if (actor.department !== 'operator') throw departmentNotAllowed(actor, '报送收托名册', ['operator']);
    if (institution.ownerUserId !== actor.userId) throw notOwnInstitution(institution.name);
  }

  assertCanRead(actor: Actor, institution: { ownerUserId: string | null; divisionCode: string; name: string }): void {
    if (actor.department === 'operator') {
      if (institution.ownerUserId !== actor.userId) throw notOwnInstitution(institution.name);
      return;
    }
    this.assertDepartment(actor, READERS, '查看补助数据');
    this.assertCovers(actor, institution.divisionCode);
  }

  isReader(actor: Actor): boolean {
    return READERS.includes(actor.department);
  }
}
