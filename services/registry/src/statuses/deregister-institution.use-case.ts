import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type DeregistrationRequest, type InstitutionView, RegistryEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { Institution } from '../institutions/institution.entity.js';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { notFound } from '../institutions/update-institution.use-case.js';

/** 注销: ends the institution; its receipt stops verifying as current and its 普惠 status lapses. */
export class DeregisterInstitution {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
  ) {}

  async execute(request: DeregistrationRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    return this.unitOfWork.run(async (tx) => {
      const institution = await tx.manager.getRepository(Institution).findOne({ where: { id: request.institutionId }, lock: { mode: 'pessimistic_write' } });
      if (!institution) throw notFound(request.institutionId);
      this.policy.assertCanDeregister(actor, institution);
      if (institution.status === 'deregistered') throw new DomainError('INSTITUTION_DEREGISTERED', '该机构已注销');
      const before = institution.toView();
      institution.status = 'deregistered';
      institution.inclusive = null;
      await tx.manager.save(institution);
      const view = institution.toView();
      const effectiveOn = request.effectiveOn ?? shanghaiToday();
      await tx.publish(RegistryEvt.institutionDeregistered, { actor, entityId: institution.id, data: { institution: view, reason: request.reason, effectiveOn } });
      await tx.audit({ actor, action: 'institution.deregister', entity: 'institution', entityId: institution.id, before, after: view, reason: request.reason, requestId });
      return view;
    });
  }
}
