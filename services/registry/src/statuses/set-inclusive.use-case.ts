import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type InclusiveRequest, type InstitutionView, RegistryEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { institutionNotFound } from '../institutions/institution-errors.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';

/** 普惠认定: only filed institutions; records the approved price cap (fen) and inclusive places. */
export class SetInclusive {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
  ) {}

  async execute(request: InclusiveRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    return this.unitOfWork.run(async (tx) => {
      const institutions = new InstitutionRepository(tx.manager);
      const institution = await institutions.byIdForUpdate(request.institutionId);
      if (!institution) throw institutionNotFound(request.institutionId);
      this.policy.assertHealthBureau(actor, institution, '普惠认定');
      const before = institution.inclusive;
      if (request.action === 'grant') {
        if (institution.status !== 'filed') throw new DomainError('INSTITUTION_NOT_FILED', '只有已备案的机构可以认定为普惠性托育机构');
        if (request.inclusivePlaces! > institution.totalPlaces) {
          throw new DomainError('INCLUSIVE_PLACES_EXCEED', `普惠托位 ${request.inclusivePlaces} 个超过机构托位 ${institution.totalPlaces} 个`, [
            { field: 'inclusivePlaces', code: 'INCLUSIVE_PLACES_EXCEED', message: `不能超过机构托位数 ${institution.totalPlaces}` },
          ]);
        }
        institution.inclusive = {
          priceCapFen: request.priceCapFen!,
          inclusivePlaces: request.inclusivePlaces!,
          grantedOn: shanghaiToday(),
          decisionNo: request.decisionNo ?? null,
        };
      } else {
        if (!institution.inclusive) throw new DomainError('INCLUSIVE_NOT_GRANTED', '该机构未获普惠认定，无需撤销');
        institution.inclusive = null;
      }
      await institutions.save(institution);
      const view = institution.toView();
      await tx.publish(request.action === 'grant' ? RegistryEvt.inclusiveGranted : RegistryEvt.inclusiveRevoked, {
        actor,
        entityId: institution.id,
        data: { institution: view, reason: request.reason },
      });
      await tx.audit({
        actor,
        action: `inclusive.${request.action}`,
        entity: 'institution',
        entityId: institution.id,
        before: { inclusive: before },
        after: { inclusive: institution.inclusive },
        reason: request.reason,
        requestId,
      });
      return view;
    });
  }
}
