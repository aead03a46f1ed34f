import { randomUUID } from 'node:crypto';
import { type Actor, DomainError } from '@shanyu/common';
import { type InstitutionView, RegistryEvt, type RegisterInstitutionRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { isUniqueViolation } from '@shanyu/persistence';
import { Institution } from './institution.entity.js';
import type { InstitutionAccessPolicy } from './institution-access.policy.js';

/** 登记: records a new institution, its event and its audit entry in one transaction. */
export class RegisterInstitution {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
  ) {}

  async execute(request: RegisterInstitutionRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    this.policy.assertCanRegister(actor, request.nature, request.divisionCode);
    try {
      return await this.unitOfWork.run(async (tx) => {
        const repo = tx.manager.getRepository(Institution);
        if (await repo.exists({ where: { uscc: request.uscc } })) throw usccTaken(request.uscc);
        const institution = repo.create({
          id: randomUUID(),
          name: request.name,
          uscc: request.uscc,
          nature: request.nature,
          operatorType: request.operatorType,
          careForms: request.careForms,
          divisionCode: request.divisionCode,
          countyCode: request.divisionCode.slice(0, 6),
          address: request.address,
          floor: request.floor,
          buildingAreaM2: request.buildingAreaM2,
          outdoorAreaM2: request.outdoorAreaM2,
          places: { ...request.places },
          status: 'registered',
          ownerUserId: actor.department === 'operator' ? actor.userId : null,
        });
        await repo.save(institution);
        const view = institution.toView();
        await tx.publish(RegistryEvt.institutionRegistered, {
          actor,
          entityId: institution.id,
          data: { institution: view },
        });
        await tx.audit({ actor, action: 'institution.register', entity: 'institution', entityId: institution.id, after: view, requestId });
        return view;
      });
    } catch (e) {
      if (isUniqueViolation(e, 'institution_uscc_unique')) throw usccTaken(request.uscc);
      throw e;
    }
  }
}

function usccTaken(uscc: string): DomainError {
  return new DomainError('INSTITUTION_USCC_TAKEN', `统一社会信用代码 ${uscc} 已登记`, [
    { field: 'uscc', code: 'INSTITUTION_USCC_TAKEN', message: '该统一社会信用代码已登记' },
  ]);
}
