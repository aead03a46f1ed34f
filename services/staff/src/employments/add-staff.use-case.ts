import { type Actor, shanghaiToday } from '@shanyu/common';
import type { AddStaffRequest, StaffView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import type { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import { assertNotDeregistered, institutionOrThrow } from '../institutions/institutions.js';
import type { HireStaff } from './hire-staff.js';

/** Hires into one institution: the caller must be able to write to it, and it must not be deregistered. */
export abstract class HiringUseCase {
  constructor(
    private readonly dataSource: DataSource,
    protected readonly unitOfWork: UnitOfWork,
    protected readonly policy: StaffAccessPolicy,
    protected readonly hiring: HireStaff,
  ) {}

  protected async hiringInstitution(institutionId: string, actor: Actor): Promise<InstitutionReplica> {
    const institution = await institutionOrThrow(this.dataSource.manager, institutionId);
    this.policy.assertCanWrite(actor, institution);
    assertNotDeregistered(institution);
    return institution;
  }
}

/** 从业人员登记 (POST /institutions/:id/staff): vetted at once; a banned person is refused (STAFF_BANNED). */
export class AddStaff extends HiringUseCase {
  async execute(request: AddStaffRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffView> {
    const institution = await this.hiringInstitution(request.institutionId, actor);
    const { institutionId: _id, ...body } = request;
    const outcome = await this.unitOfWork.run((tx) => this.hiring.hire(tx, institution, body, actor, today, requestId, this.policy.seesFullIdNumbers(actor)));
    if (!outcome.hired) throw outcome.error;
    return outcome.view;
  }
}
