import { AccessPolicy, type Actor, type Department, departmentNotAllowed } from '@shanyu/common';

export interface InstitutionScope {
  divisionCode: string;
  ownerUserId: string | null;
}

/**
 * Who may do what with staff records:
 *  - register, import, end staff and enter their credentials: the institution's operator (the
 *    account that registered it), the health bureau in its divisions (lead department, also for
 *    institutions without an operator account), admins;
 *  - record a yearly re-check: the same, and public security in its divisions;
 *  - read staff, statistics and alerts: the operator for its own institution; health, public
 *    security, education, human resources, civil affairs, market regulation and the street
 *    office in their divisions; admins (fire and finance have no use for staff data);
 *  - add bans: public security and health only (the ban list is theirs); read the ban list:
 *    the same; enter criminal-record query results for a person: public security;
 *  - see full resident ID numbers: public security, in every reply (criminal-record checks and
 *    bans are its work); health officials one at a time through the audited reveal, with a
 *    reason; everyone else, operators and admins included, only the masked number.
 */
const READERS: ReadonlySet<Department> = new Set(['health', 'police', 'education', 'hrss', 'civil', 'market', 'street', 'admin']);

export class StaffAccessPolicy extends AccessPolicy {
  assertCanRead(actor: Actor, institution: InstitutionScope): void {
    if (actor.department === 'operator') return this.assertOperatorOf(actor, institution);
    if (!READERS.has(actor.department)) throw departmentNotAllowed(actor, '查看从业人员信息');
    this.assertCovers(actor, institution.divisionCode);
  }

  assertCanWrite(actor: Actor, institution: InstitutionScope): void {
    if (actor.department === 'operator') return this.assertOperatorOf(actor, institution);
    if (actor.department !== 'health' && actor.department !== 'admin') throw departmentNotAllowed(actor, '登记从业人员信息');
    this.assertCovers(actor, institution.divisionCode);
  }

  assertCanRecordRecheck(actor: Actor, institution: InstitutionScope): void {
    if (actor.department === 'police') return this.assertCovers(actor, institution.divisionCode);
    this.assertCanWrite(actor, institution);
  }

  assertCanReveal(actor: Actor, institution: InstitutionScope): void {
    if (actor.department !== 'health' && actor.department !== 'police') throw departmentNotAllowed(actor, '查看完整身份证号');
    this.assertCovers(actor, institution.divisionCode);
  }

  assertCanReadDivision(actor: Actor, divisionCode: string): void {
    if (actor.department === 'operator' || !READERS.has(actor.department)) throw departmentNotAllowed(actor, '查看辖区从业人员统计');
    this.assertCovers(actor, divisionCode);
  }

  /** 从业禁止 / 终身禁入 are decided and entered by public security or health: they hold the records a ban rests on. */
  assertCanManageBans(actor: Actor): void {
    if (actor.department !== 'police' && actor.department !== 'health' && actor.department !== 'admin') {
      throw departmentNotAllowed(actor, '录入或查看从业禁止名单', ['police', 'health']);
    }
  }

  assertCanEnterRecordCheck(actor: Actor): void {
    if (actor.department !== 'police' && actor.department !== 'admin') throw departmentNotAllowed(actor, '录入违法犯罪记录查询结果', ['police']);
  }

  /** Full resident ID numbers in replies: public security only. */
  seesFullIdNumbers(actor: Actor | null): boolean {
    return actor?.department === 'police';
  }
}
