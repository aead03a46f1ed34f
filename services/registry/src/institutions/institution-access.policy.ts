import { AccessPolicy, type Actor, departmentNotAllowed, divisionPrefix, DomainError, scopePrefixes } from '@shanyu/common';
import type { InstitutionNature } from '@shanyu/contracts';
import { registrationAuthorityFor } from './institution.entity.js';

/** Departments that may read the register inside their divisions: every supervising department, since all of them inspect. */
const READERS = new Set(['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'admin']);

/**
 * Who may register and change an institution: its registration authority for its nature
 * (市场监管 for-profit, 民政 non-profit; 西政办函〔2021〕15号 §二(四)1), the operator for its own, and admins.
 */
export class InstitutionAccessPolicy extends AccessPolicy {
  assertCanRegister(actor: Actor, nature: InstitutionNature, divisionCode: string): void {
    this.assertCanWrite(actor, nature);
    this.assertInScope(actor, divisionCode);
  }

  assertCanChange(actor: Actor, target: { nature: InstitutionNature; divisionCode: string; ownerUserId: string | null }, newDivision?: string): void {
    this.assertCanWrite(actor, target.nature);
    if (actor.department === 'operator') {
      this.assertOperatorOf(actor, target);
    } else {
      this.assertInScope(actor, target.divisionCode);
    }
    if (newDivision) this.assertInScope(actor, newDivision);
  }

  assertCanRead(actor: Actor, target: { divisionCode: string; ownerUserId: string | null }): void {
    if (actor.department === 'operator') return this.assertOperatorOf(actor, target);
    if (!READERS.has(actor.department)) throw departmentNotAllowed(actor, '查看机构登记信息');
    this.assertInScope(actor, target.divisionCode);
  }

  /** 备案 is filed by the operator or on its behalf by the registration authority. */
  assertCanSubmitFiling(actor: Actor, target: { nature: InstitutionNature; divisionCode: string; ownerUserId: string | null }): void {
    this.assertCanChange(actor, target);
  }

  /**
   * 备案审核, 普惠认定, 示范评定 belong to the district health bureau (卫生健康部门) of the
   * institution's district (国卫办人口发〔2019〕25号; 西政办函〔2021〕15号 §二(四)1).
   */
  assertHealthBureau(actor: Actor, target: { divisionCode: string }, what: string): void {
    if (actor.department !== 'health') throw departmentNotAllowed(actor, what, ['health']);
    this.assertInScope(actor, target.divisionCode);
  }

  /** 注销: the registration authority, the health bureau that filed it, the operator, or an admin. */
  assertCanDeregister(actor: Actor, target: { nature: InstitutionNature; divisionCode: string; ownerUserId: string | null }): void {
    if (actor.department === 'health') return this.assertInScope(actor, target.divisionCode);
    this.assertCanChange(actor, target);
  }

  private assertCanWrite(actor: Actor, nature: InstitutionNature): void {
    if (actor.department === 'admin' || actor.department === 'operator') return;
    const authority = registrationAuthorityFor(nature);
    if (actor.department !== authority) throw departmentNotAllowed(actor, `登记或变更${nature === 'for_profit' ? '营利性' : '非营利性'}托育机构`, [authority]);
  }

  private assertInScope(actor: Actor, divisionCode: string): void {
    if (actor.department === 'operator' && actor.divisions.length === 0) return;
    this.assertCovers(actor, divisionCode);
  }
}

/** The part of the register a list shows: an operator its own institutions, anyone else their divisions; narrowed to `divisionCode` when asked. */
export function listScope(actor: Actor, divisionCode?: string): { ownerUserId?: string; divisionPrefixes?: string[]; divisionPrefix?: string } {
  const scope: { ownerUserId?: string; divisionPrefixes?: string[]; divisionPrefix?: string } = {};
  if (actor.department === 'operator') {
    scope.ownerUserId = actor.userId;
  } else {
    const scopes = scopePrefixes(actor);
    if (scopes !== null) {
      if (scopes.length === 0) throw new DomainError('DIVISION_OUT_OF_SCOPE', '本账号没有可管辖的区划');
      scope.divisionPrefixes = scopes;
    }
  }
  if (divisionCode) scope.divisionPrefix = divisionPrefix(divisionCode);
  return scope;
}
