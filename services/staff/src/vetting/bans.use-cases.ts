import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, maskName, shanghaiToday } from '@shanyu/common';
import { type AddBanRequest, type BanPage, type BanView, type ListBansRequest, StaffEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { EmploymentRepository } from '../employments/employment.repository.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { Person } from '../people/person.entity.js';
import { PersonRepository } from '../people/person.repository.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import { BanRepository } from './ban.repository.js';
import { Ban } from './vetting.entities.js';
import { VettingRepository } from './vetting.repository.js';

function toView(ban: Ban, person: Person, idNumber: string | null): BanView {
  return {
    id: ban.id,
    name: ban.name,
    idNumber: idNumber ?? person.idMasked,
    idNumberDisclosure: idNumber ? 'full' : 'masked',
    kind: ban.kind,
    startsOn: ban.startsOn,
    endsOn: ban.endsOn,
    authority: ban.authority,
    documentNo: ban.documentNo,
    reason: ban.reason,
    addedBy: { department: ban.addedByDepartment, userId: ban.addedByUser },
    createdAt: ban.createdAt.toISOString(),
    matchedStaff: ban.matched,
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
    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      const person = await this.vault.findOrCreate(manager, request.idNumber, request.name);
      const bans = new BanRepository(manager);
      if (await bans.exists(person.id, request.documentNo)) throw duplicate();
      const ban = Object.assign(new Ban(), {
        id: randomUUID(),
        personId: person.id,
        name: request.name,
        kind: request.kind,
        startsOn: request.startsOn,
        endsOn: request.endsOn ?? null,
        authority: request.authority,
        documentNo: request.documentNo,
        reason: request.reason,
        addedByDepartment: actor.department,
        addedByUser: actor.userId,
        matched: [] as Ban['matched'],
      });
      if (!(await bans.insert(ban))) throw duplicate();
      if (ban.endsOn === null || ban.endsOn >= today) {
        const employments = new EmploymentRepository(manager);
        const vetting = new VettingRepository(manager);
        for (const employment of await employments.currentOfPerson(person.id)) {
          await employments.setVetting(employment.id, 'rejected', 'BANNED', ban.id);
          await vetting.flag(employment.id, 'ban_matched', ban.id);
          // The event must name the division (credit, inspection file it by division): without the copy of the register the ban is refused, to be entered again once it arrives.
          const institution = await institutionOrThrow(manager, employment.institutionId);
          await tx.publish(StaffEvt.banMatched, {
            actor,
            entityId: employment.id,
            data: {
              institutionId: employment.institutionId,
              divisionCode: institution.divisionCode,
              ownerUserId: institution.ownerUserId,
              banId: ban.id,
              staffId: employment.id,
              banKind: ban.kind,
              authority: ban.authority,
              documentNo: ban.documentNo,
              nameMasked: maskName(employment.name),
              idNumberMasked: person.idMasked,
            },
          });
          ban.matched.push({ staffId: employment.id, institutionId: employment.institutionId });
        }
        if (ban.matched.length) await bans.setMatched(ban.id, ban.matched);
      }
      const saved = await bans.byIdOrFail(ban.id);
      const masked = toView(saved, person, null);
      await tx.audit({ actor, action: 'ban.add', entity: 'ban', entityId: ban.id, after: masked, reason: request.reason, requestId });
      return this.policy.seesFullIdNumbers(actor) ? toView(saved, person, this.vault.reveal(person)) : masked;
    });
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
    const { manager } = this.dataSource;
    const [bans, total] = await new BanRepository(manager).page(page, pageSize);
    const people = await new PersonRepository(manager).byIds([...new Set(bans.map((b) => b.personId))]);
    const byId = new Map(people.map((p) => [p.id, p]));
    const full = this.policy.seesFullIdNumbers(actor);
    return {
      items: bans.map((b) => {
        const p = byId.get(b.personId)!;
        return toView(b, p, full ? this.vault.reveal(p) : null);
      }),
      total,
      page,
      pageSize,
    };
  }
}
