import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type DeregistrationRequest, type InstitutionView, RegistryEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { institutionNotFound } from '../institutions/institution-errors.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';

/** 注销: ends the institution; its receipt stops verifying as current and its 普惠 status lapses. */
export class DeregisterInstitution {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: DeregistrationRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    return this.unitOfWork.run(async (tx) => {
      const institutions = new InstitutionRepository(tx.manager);
      const institution = await institutions.byIdForUpdate(request.institutionId);
      if (!institution) throw institutionNotFound(request.institutionId);
      this.policy.assertCanDeregister(actor, institution);
      if (institution.status === 'deregistered') throw new DomainError('INSTITUTION_DEREGISTERED', '该机构已注销');
      const effectiveOn = request.effectiveOn ?? shanghaiToday(this.now());
      if (effectiveOn < institution.registeredOn) {
        throw DomainError.validation([
          { field: 'effectiveOn', code: 'BEFORE_REGISTRATION', message: `注销日期 ${effectiveOn} 早于登记日期 ${institution.registeredOn}` },
        ]);
      }
      const before = institution.toView();
      institution.status = 'deregistered';
      institution.deregisteredOn = effectiveOn;
      institution.inclusive = null;
      await institutions.save(institution);
      const view = institution.toView();
      await tx.publish(RegistryEvt.institutionDeregistered, {
        actor,
        entityId: institution.id,
        data: { institution: view, reason: request.reason, effectiveOn },
      });
      await tx.audit({
        actor,
        action: 'institution.deregister',
        entity: 'institution',
        entityId: institution.id,
        before,
        after: view,
        reason: request.reason,
        requestId,
      });
      return view;
    });
  }
}
