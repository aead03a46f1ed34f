import { type Actor, shanghaiToday } from '@shanyu/common';
import type { AddStaffRequest, StaffView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { isUniqueViolation } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { assertNotDeregistered, institutionOrThrow } from '../institutions/institutions.js';
import { alreadyEmployed, type HireStaff } from './hire-staff.js';

/** 从业人员登记 (POST /institutions/:id/staff): vetted at once; a banned person is refused (STAFF_BANNED). */
export class AddStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly hiring: HireStaff,
  ) {}

  async execute(request: AddStaffRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffView> {
    const institution = await institutionOrThrow(this.dataSource, request.institutionId);
    this.policy.assertCanWrite(actor, institution);
    assertNotDeregistered(institution);
    const { institutionId: _id, ...body } = request;
    let outcome;
    try {
      outcome = await this.unitOfWork.run((tx) => this.hiring.hire(tx, institution, body, actor, today, requestId, this.policy.seesFullIdNumbers(actor)));
    } catch (e) {
      if (isUniqueViolation(e, 'employment_active_unique')) throw alreadyEmployed();
      throw e;
    }
    if (!outcome.hired) throw outcome.error;
    return outcome.view;
  }
}
