import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import type { ListStaffRequest, RevealIdNumberRequest, RevealedIdNumber, StaffPage, StaffView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import { PersonRepository } from '../people/person.repository.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import { staffNotFound } from './end-staff.use-case.js';
import { EmploymentRepository } from './employment.repository.js';
import type { StaffViews } from './staff-views.js';

/** Staff of one institution, as the caller may see them. */
export class ListStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly views: StaffViews,
  ) {}

  async execute(request: ListStaffRequest, actor: Actor, today = shanghaiToday()): Promise<StaffPage> {
    const { manager } = this.dataSource;
    const institution = await institutionOrThrow(manager, request.institutionId);
    this.policy.assertCanRead(actor, institution);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 50;
    const [rows, total] = await new EmploymentRepository(manager).page(institution.id, request.status ?? 'active', page, pageSize);
    return { items: await this.views.build(manager, rows, today, this.policy.seesFullIdNumbers(actor)), total, page, pageSize };
  }
}

export class GetStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly views: StaffViews,
  ) {}

  async execute(id: string, actor: Actor, today = shanghaiToday()): Promise<StaffView> {
    const { manager } = this.dataSource;
    const employment = await new EmploymentRepository(manager).byId(id);
    if (!employment) throw staffNotFound(id);
    this.policy.assertCanRead(actor, await institutionOrThrow(manager, employment.institutionId));
    return this.views.one(manager, employment, today, this.policy.seesFullIdNumbers(actor));
  }
}

/**
 * The full ID number of one staff member for a health (or public security) official who states
 * why: "only when needed". The audit entry keeps who looked, when and why (never the number).
 */
export class RevealIdNumber {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly vault: ResidentIdVault,
  ) {}

  async execute(request: RevealIdNumberRequest, actor: Actor, requestId?: string): Promise<RevealedIdNumber> {
    return this.unitOfWork.run(async (tx) => {
      const employment = await new EmploymentRepository(tx.manager).byId(request.staffId);
      if (!employment) throw staffNotFound(request.staffId);
      this.policy.assertCanReveal(actor, await institutionOrThrow(tx.manager, employment.institutionId));
      const person = await new PersonRepository(tx.manager).byId(employment.personId);
      if (!person) throw new DomainError('INTERNAL', '人员记录缺失');
      await tx.audit({
        actor,
        action: 'staff.reveal-id',
        entity: 'employment',
        entityId: employment.id,
        reason: request.reason,
        after: { idNumber: person.idMasked },
        requestId,
      });
      return { staffId: employment.id, idNumber: this.vault.reveal(person) };
    });
  }
}
