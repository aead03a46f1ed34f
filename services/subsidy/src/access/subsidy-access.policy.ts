import { AccessPolicy, type Actor, type Department, notOwnInstitution } from '@shanyu/common';

/** Departments that read subsidy data of their divisions (rosters, runs, lines, the ledger). */
const READERS: readonly Department[] = ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'];

/**
 * Who may do what with subsidies: the operator submits its own institutions' rosters; health
 * (卫健) computes runs; street office → health → finance approve, each in its own divisions;
 * health and finance publish policies for their divisions; admins act everywhere.
 */
export class SubsidyAccessPolicy extends AccessPolicy {
  /** 审核: the street office, health and finance, each at its own stage. */
  static readonly APPROVERS: readonly Department[] = ['street', 'health', 'finance'];

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
