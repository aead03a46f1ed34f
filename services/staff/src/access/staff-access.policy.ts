import { type Actor, actorCoversDivision, DomainError, type Department } from '@shanyu/common';

export interface InstitutionScope {
  divisionCode: string;
  ownerUserId: string | null;
}

/**
 * Who may do what with staff records (DOMAIN.md §2 and §5):
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

export class StaffAccessPolicy {
  assertCanRead(actor: Actor, institution: InstitutionScope): void {
    if (actor.department === 'operator') return this.assertOwner(actor, institution);
    if (!READERS.has(actor.department)) throw notAllowed(actor, '查看从业人员信息');
    this.assertInScope(actor, institution.divisionCode);
  }

  assertCanWrite(actor: Actor, institution: InstitutionScope): void {
    if (actor.department === 'operator') return this.assertOwner(actor, institution);
    if (actor.department !== 'health' && actor.department !== 'admin') throw notAllowed(actor, '登记从业人员信息');
    this.assertInScope(actor, institution.divisionCode);
  }

  assertCanRecordRecheck(actor: Actor, institution: InstitutionScope): void {
    if (actor.department === 'police') return this.assertInScope(actor, institution.divisionCode);
    this.assertCanWrite(actor, institution);
  }

  assertCanReveal(actor: Actor, institution: InstitutionScope): void {
    if (actor.department !== 'health' && actor.department !== 'police') throw notAllowed(actor, '查看完整身份证号');
    this.assertInScope(actor, institution.divisionCode);
  }

  assertCanReadDivision(actor: Actor, divisionCode: string): void {
    if (actor.department === 'operator' || !READERS.has(actor.department)) throw notAllowed(actor, '查看辖区从业人员统计');
    this.assertInScope(actor, divisionCode);
  }

  /** 从业禁止 / 终身禁入 are decided and entered by public security or health (issue 5 §4). */
  assertCanManageBans(actor: Actor): void {
    if (actor.department !== 'police' && actor.department !== 'health' && actor.department !== 'admin') {
      throw new DomainError('DEPARTMENT_NOT_ALLOWED', '只有公安机关和卫生健康部门可以录入或查看从业禁止名单');
    }
  }

  assertCanEnterRecordCheck(actor: Actor): void {
    if (actor.department !== 'police' && actor.department !== 'admin') {
      throw new DomainError('DEPARTMENT_NOT_ALLOWED', '违法犯罪记录查询结果由公安机关录入');
    }
  }

  /** Full resident ID numbers in replies: public security only. */
  seesFullIdNumbers(actor: Actor | null): boolean {
    return actor?.department === 'police';
  }

  private assertOwner(actor: Actor, institution: InstitutionScope): void {
    if (!institution.ownerUserId || institution.ownerUserId !== actor.userId) {
      throw new DomainError('FORBIDDEN', '举办者只能管理本机构的从业人员');
    }
  }

  private assertInScope(actor: Actor, divisionCode: string): void {
    if (!actorCoversDivision(actor, divisionCode)) throw new DomainError('DIVISION_OUT_OF_SCOPE', `区划 ${divisionCode} 不在本账号的管辖范围内`);
  }
}

function notAllowed(actor: Actor, what: string): DomainError {
  return new DomainError('DEPARTMENT_NOT_ALLOWED', `部门 ${actor.department} 无权${what}`);
}
