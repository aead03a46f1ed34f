import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type EndStaffRequest, StaffEvt, type StaffView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { CertificateRateMonitor } from '../stats/certificate-rate-monitor.js';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { EmploymentRepository } from './employment.repository.js';
import type { StaffViews } from './staff-views.js';

export function staffNotFound(id: string): DomainError {
  return new DomainError('STAFF_NOT_FOUND', `从业人员记录 ${id} 不存在`);
}

/** 离职: ends the employment on a date; the person, credentials, checks and flags stay. */
export class EndStaff {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly views: StaffViews,
    private readonly ratios: RatioMonitor,
    private readonly certificates: CertificateRateMonitor,
  ) {}

  async execute(request: EndStaffRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffView> {
    return this.unitOfWork.run(async (tx) => {
      const employments = new EmploymentRepository(tx.manager);
      const employment = await employments.byIdForUpdate(request.staffId);
      if (!employment) throw staffNotFound(request.staffId);
      const institution = await institutionOrThrow(tx.manager, employment.institutionId);
      this.policy.assertCanWrite(actor, institution);
      if (employment.endDate !== null) throw new DomainError('STAFF_ALREADY_ENDED', `该人员已于 ${employment.endDate} 离职`);
      if (request.endDate < employment.startDate) {
        throw DomainError.validation([{ field: 'endDate', code: 'isNotBefore', message: `离职日期不能早于入职日期 ${employment.startDate}` }]);
      }
      if (request.endDate > today) throw DomainError.validation([{ field: 'endDate', code: 'notInFuture', message: `离职日期不能晚于今天（${today}）` }]);
      const before = await this.views.one(tx.manager, employment, today);
      await employments.end(employment.id, request.endDate, request.reason ?? null);
      const ended = await employments.byIdOrFail(employment.id);
      const after = await this.views.one(tx.manager, ended, today);
      await tx.publish(StaffEvt.employmentEnded, {
        actor,
        entityId: ended.id,
        data: {
          institutionId: institution.id,
          divisionCode: institution.divisionCode,
          ownerUserId: institution.ownerUserId,
          staffId: ended.id,
          endDate: request.endDate,
        },
      });
      await tx.audit({ actor, action: 'staff.end', entity: 'employment', entityId: ended.id, before, after, reason: request.reason ?? null, requestId });
      await this.ratios.evaluate(tx.manager, tx, institution, actor, today);
      await this.certificates.evaluate(tx.manager, tx, [institution], actor, today);
      return this.policy.seesFullIdNumbers(actor) ? this.views.one(tx.manager, ended, today, true) : after;
    });
  }
}
