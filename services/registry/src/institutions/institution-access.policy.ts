import { type Actor, actorCoversDivision, DomainError } from '@shanyu/common';
import type { InstitutionNature } from '@shanyu/contracts';
import { registrationAuthorityFor } from './institution.entity.js';

/** Departments that may read the register inside their divisions (DOMAIN.md §2: all supervising departments). */
const READERS = new Set(['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'admin']);

/**
 * Who may register and change an institution: its registration authority for its nature
 * (市场监管 for-profit, 民政 non-profit; seed 001 §二(四)1), the operator for its own, and admins.
 */
export class InstitutionAccessPolicy {
  assertCanRegister(actor: Actor, nature: InstitutionNature, divisionCode: string): void {
    this.assertCanWrite(actor, nature);
    this.assertInScope(actor, divisionCode);
  }

  assertCanChange(actor: Actor, target: { nature: InstitutionNature; divisionCode: string; ownerUserId: string | null }, newDivision?: string): void {
    this.assertCanWrite(actor, target.nature);
    if (actor.department === 'operator') {
      this.assertOwner(actor, target);
    } else {
      this.assertInScope(actor, target.divisionCode);
    }
    if (newDivision) this.assertInScope(actor, newDivision);
  }

  assertCanRead(actor: Actor, target: { divisionCode: string; ownerUserId: string | null }): void {
    if (actor.department === 'operator') return this.assertOwner(actor, target);
    if (!READERS.has(actor.department)) throw this.departmentNotAllowed(actor);
    this.assertInScope(actor, target.divisionCode);
  }

  /** 备案 is filed by the operator or on its behalf by the registration authority. */
  assertCanSubmitFiling(actor: Actor, target: { nature: InstitutionNature; divisionCode: string; ownerUserId: string | null }): void {
    this.assertCanChange(actor, target);
  }

  /**
   * 备案审核, 普惠认定, 示范评定 belong to the district health bureau (卫生健康部门) of the
   * institution's district (国卫办人口发〔2019〕25号; seed 001 §二(四)1).
   */
  assertHealthBureau(actor: Actor, target: { divisionCode: string }, what: string): void {
    if (actor.department !== 'health') {
      throw new DomainError('DEPARTMENT_NOT_ALLOWED', `${what}由卫生健康部门办理，部门 ${actor.department} 无权办理`);
    }
    this.assertInScope(actor, target.divisionCode);
  }

  /** 注销: the registration authority, the health bureau that filed it, the operator, or an admin. */
  assertCanDeregister(actor: Actor, target: { nature: InstitutionNature; divisionCode: string; ownerUserId: string | null }): void {
    if (actor.department === 'health') return this.assertInScope(actor, target.divisionCode);
    this.assertCanChange(actor, target);
  }

  private assertCanWrite(actor: Actor, nature: InstitutionNature): void {
    if (actor.department === 'admin' || actor.department === 'operator') return;
    if (actor.department !== registrationAuthorityFor(nature)) {
      const authority = nature === 'for_profit' ? '市场监管部门' : '民政部门';
      throw new DomainError('DEPARTMENT_NOT_ALLOWED', `${nature === 'for_profit' ? '营利性' : '非营利性'}托育机构由${authority}登记，本部门无权办理`);
    }
  }

  private assertInScope(actor: Actor, divisionCode: string): void {
    if (actor.department === 'operator' && actor.divisions.length === 0) return;
    if (!actorCoversDivision(actor, divisionCode)) {
      throw new DomainError('DIVISION_OUT_OF_SCOPE', `区划 ${divisionCode} 不在本账号的管辖范围内`);
    }
  }

  private assertOwner(actor: Actor, target: { ownerUserId: string | null }): void {
    if (target.ownerUserId !== actor.userId) {
      throw new DomainError('FORBIDDEN', '举办者只能查看和变更本机构的信息');
    }
  }

  private departmentNotAllowed(actor: Actor): DomainError {
    return new DomainError('DEPARTMENT_NOT_ALLOWED', `部门 ${actor.department} 无权查看机构登记信息`);
  }
}
