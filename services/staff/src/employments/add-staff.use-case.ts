import { type Actor, shanghaiToday } from '@shanyu/common';
import type { AddStaffRequest, StaffView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { assertNotDeregistered, institutionOrThrow } from '../institutions/institutions.js';
import type { HireStaff } from './hire-staff.js';

/** 从业人员登记 (POST /institutions/:id/staff): vetted at once; a banned person is refused (STAFF_BANNED). */
export class AddStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly hiring: HireStaff,
  ) {}

  async execute(request: AddStaffRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffView> {
    const institution = await institutionOrThrow(this.dataSource.manager, request.institutionId);
    this.policy.assertCanWrite(actor, institution);
    assertNotDeregistered(institution);
    const { institutionId: _id, ...body } = request;
    const outcome = await this.unitOfWork.run((tx) => this.hiring.hire(tx, institution, body, actor, today, requestId, this.policy.seesFullIdNumbers(actor)));
    if (!outcome.hired) throw outcome.error;
    return outcome.view;
  }
}
