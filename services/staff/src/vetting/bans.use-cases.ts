import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, maskName, shanghaiToday } from '@shanyu/common';
import { type AddBanRequest, type BanPage, type BanView, type ListBansRequest, StaffEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { isUniqueViolation } from '@shanyu/persistence';
import { In, type DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { Employment } from '../employments/employment.entity.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import { Person } from '../people/person.entity.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import { Ban, StaffFlag } from './vetting.entities.js';

function toView(ban: Ban, person: Person, idNumber: string | null): BanView {
  return {
    id: ban.id, name: ban.name, idNumber: idNumber ?? person.idMasked, idNumberDisclosure: idNumber ? 'full' : 'masked',
    kind: ban.kind, startsOn: ban.startsOn, endsOn: ban.endsOn, authority: ban.authority, documentNo: ban.documentNo, reason: ban.reason,
    addedBy: { department: ban.addedByDepartment, userId: ban.addedByUser }, createdAt: ban.createdAt.toISOString(), matchedStaff: ban.matched,
  };
}

function duplicate(): DomainError {
  return new DomainError('BAN_DUPLICATE', '该人员依据同一决定文书的禁入记录已存在', [
    { field: 'documentNo', code: 'BAN_DUPLICATE', message: '同一人员、同一文书号的禁入记录已录入' },
  ]);
}

/**
 * 从业禁止 / 终身禁入 (public security or health). A ban not yet over flags at once every current
 * employment of the person, at every institution, and publishes evt.staff.ban.matched.v1 for
 * each institution affected; from then on hiring the person anywhere is refused (STAFF_BANNED).
 */
export class AddBan {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly vault: ResidentIdVault,
  ) {}

  async execute(request: AddBanRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<BanView> {
    this.policy.assertCanManageBans(actor);
    if (request.kind === 'lifetime' && request.endsOn !== undefined) {
      throw DomainError.validation([{ field: 'endsOn', code: 'notAllowed', message: '终身禁入没有截止日期' }]);
    }
    try {
      return await this.unitOfWork.run(async (tx) => {
        const { manager } = tx;
        const person = await this.vault.findOrCreate(manager, request.idNumber, request.name);
        const bans = manager.getRepository(Ban);
        if (await bans.existsBy({ personId: person.id, documentNo: request.documentNo })) throw duplicate();
        const ban = bans.create({
          id: randomUUID(), personId: person.id, name: request.name, kind: request.kind, startsOn: request.startsOn, endsOn: request.endsOn ?? null,
          authority: request.authority, documentNo: request.documentNo, reason: request.reason,
          addedByDepartment: actor.department, addedByUser: actor.userId, matched: [],
        });
        await bans.insert(ban);
        if (ban.endsOn === null || ban.endsOn >= today) {
          const current = await manager.getRepository(Employment).createQueryBuilder('e')
            .where('e.person_id = :p AND e.end_date IS NULL', { p: person.id }).orderBy('e.created_at').getMany();
          for (const employment of current) {
            await manager.getRepository(Employment).update({ id: employment.id }, { vettingStatus: 'rejected', vettingReason: 'BANNED', vettingRef: ban.id });
            await manager.createQueryBuilder().insert().into(StaffFlag).values({ id: randomUUID(), employmentId: employment.id, kind: 'ban_matched', refId: ban.id }).orIgnore().execute();
            // The event must name the division (credit, inspection file it by division): without the copy of the register the ban is refused, to be entered again once it arrives.
            const institution = await institutionOrThrow(manager, employment.institutionId);
            await tx.publish(StaffEvt.banMatched, {
              actor, entityId: employment.id,
              data: {
                institutionId: employment.institutionId, divisionCode: institution.divisionCode, ownerUserId: institution.ownerUserId,
                banId: ban.id, staffId: employment.id, banKind: ban.kind, authority: ban.authority, documentNo: ban.documentNo,
                nameMasked: maskName(employment.name), idNumberMasked: person.idMasked,
              },
            });
            ban.matched.push({ staffId: employment.id, institutionId: employment.institutionId });
          }
          if (ban.matched.length) await bans.update({ id: ban.id }, { matched: ban.matched });
        }
        const saved = await bans.findOneByOrFail({ id: ban.id });
        const masked = toView(saved, person, null);
        await tx.audit({ actor, action: 'ban.add', entity: 'ban', entityId: ban.id, after: masked, reason: request.reason, requestId });
        return this.policy.seesFullIdNumbers(actor) ? toView(saved, person, this.vault.reveal(person)) : masked;
      });
    } catch (e) {
      if (isUniqueViolation(e, 'ban_document_unique')) throw duplicate();
      throw e;
    }
  }
}

export class ListBans {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly vault: ResidentIdVault,
  ) {}

  async execute(request: ListBansRequest, actor: Actor): Promise<BanPage> {
    this.policy.assertCanManageBans(actor);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 50;
    const [bans, total] = await this.dataSource.getRepository(Ban).findAndCount({ order: { createdAt: 'DESC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    const people = await this.dataSource.getRepository(Person).findBy({ id: In([...new Set(bans.map((b) => b.personId))]) });
    const byId = new Map(people.map((p) => [p.id, p]));
    const full = this.policy.seesFullIdNumbers(actor);
    return {
      items: bans.map((b) => { const p = byId.get(b.personId)!; return toView(b, p, full ? this.vault.reveal(p) : null); }),
      total, page, pageSize,
    };
  }
}
