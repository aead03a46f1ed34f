import { AccessPolicy, type Actor, type Department, departmentNotAllowed, scopePrefixes } from '@shanyu/common';
import type { Db } from '@shanyu/persistence';
import { InstitutionRepository } from '../institutions/institution.repository.js';

export interface CreditScope {
  divisionCode: string | null;
  ownerUserId: string | null;
}

/**
 * Whose a credit record (a repair request, a listing) is: the institution's division and operator
 * as the register copy has them now, else the division the record was made in.
 */
export async function scopeOfRecord(db: Db, record: { institution_id: string; division_code: string }): Promise<CreditScope> {
  const institution = await new InstitutionRepository(db).get(record.institution_id);
  return { divisionCode: institution?.divisionCode ?? record.division_code, ownerUserId: institution?.ownerUserId ?? null };
}

/**
 * Who may see and change credit:
 *  - read an institution's credit (score, grade, every entry): its operator (the account that
 *    registered it); every supervising department in its divisions — joint punishment needs
 *    all of them to see it; admins;
 *  - read the red and black lists: the departments in their divisions, admins (not operators);
 *  - ask for a repair (信用修复): the operator for its own institution, or the health bureau in
 *    its divisions on the institution's behalf;
 *  - decide a repair: the district health bureau of the institution's division only (the lead
 *    department: 区卫生健康局牵头 in 环翠区's credit scheme), always with a reason;
 *  - a serious-breach listing (严重失信主体名单): the district health bureau of the institution's
 *    division notifies and decides; the operator, and only the operator, states its case;
 *  - the public sees the grade of filed institutions (公示) and a listing in publication, nothing else.
 */
const DEPARTMENTS: ReadonlySet<Department> = new Set(['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'admin']);

export class CreditAccessPolicy extends AccessPolicy {
  assertCanRead(actor: Actor, institution: CreditScope): void {
    if (actor.department === 'operator') return this.assertOperatorOf(actor, institution);
    if (!DEPARTMENTS.has(actor.department)) throw departmentNotAllowed(actor, '查看信用信息');
    this.assertCovers(actor, institution.divisionCode);
  }

  /** The division prefixes a list may cover for the actor (null: everything, admins). */
  listScope(actor: Actor, divisionCode: string | undefined): string[] | null {
    if (actor.department === 'operator' || !DEPARTMENTS.has(actor.department)) throw departmentNotAllowed(actor, '查看红黑名单');
    if (divisionCode) {
      this.assertCovers(actor, divisionCode);
      return [divisionCode];
    }
    return scopePrefixes(actor);
  }

  assertCanRequestRepair(actor: Actor, institution: CreditScope): void {
    if (actor.department === 'operator') return this.assertOperatorOf(actor, institution);
    if (actor.department !== 'health') throw departmentNotAllowed(actor, '申请信用修复', ['operator', 'health']);
    this.assertCovers(actor, institution.divisionCode);
  }

  assertCanDecideRepair(actor: Actor, institution: CreditScope): void {
    if (actor.department !== 'health') throw departmentNotAllowed(actor, '决定信用修复', ['health']);
    this.assertCovers(actor, institution.divisionCode);
  }

  assertCanDecideListing(actor: Actor, institution: CreditScope): void {
    if (actor.department !== 'health') throw departmentNotAllowed(actor, '认定严重失信主体名单', ['health']);
    this.assertCovers(actor, institution.divisionCode);
  }

  assertCanStateCase(actor: Actor, institution: CreditScope): void {
    if (actor.department !== 'operator') throw departmentNotAllowed(actor, '陈述申辩', ['operator']);
    this.assertOperatorOf(actor, institution);
  }
}
