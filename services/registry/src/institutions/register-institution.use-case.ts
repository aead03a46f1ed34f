import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type InstitutionView, RegistryEvt, type RegisterInstitutionRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { InstitutionAccessPolicy } from './institution-access.policy.js';
import { InstitutionRepository } from './institution.repository.js';

/** 登记: records a new institution, its event and its audit entry in one transaction. */
export class RegisterInstitution {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: RegisterInstitutionRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    this.policy.assertCanRegister(actor, request.nature, request.divisionCode);
    // 登记日期: the licence's date, which may precede its entry here; never a day still to come.
    const today = shanghaiToday(this.now());
    const registeredOn = request.registeredOn ?? today;
    if (registeredOn > today) {
      throw DomainError.validation([{ field: 'registeredOn', code: 'DATE_IN_FUTURE', message: `登记日期 ${registeredOn} 晚于今天（${today}）` }]);
    }
    return this.unitOfWork.run(async (tx) => {
      const institutions = new InstitutionRepository(tx.manager);
      if (await institutions.usccRegistered(request.uscc)) throw usccTaken(request.uscc);
      const institution = await institutions.insert({
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
        registeredOn,
        deregisteredOn: null,
        ownerUserId: actor.department === 'operator' ? actor.userId : null,
      });
      // A concurrent registration of the same USCC committed first.
      if (!institution) throw usccTaken(request.uscc);
      await institutions.recordHistory(institution, registeredOn);
      const view = institution.toView();
      await tx.publish(RegistryEvt.institutionRegistered, {
        actor,
        entityId: institution.id,
        data: { institution: view },
      });
      await tx.audit({ actor, action: 'institution.register', entity: 'institution', entityId: institution.id, after: view, requestId });
      return view;
    });
  }
}

function usccTaken(uscc: string): DomainError {
  return new DomainError('INSTITUTION_USCC_TAKEN', `统一社会信用代码 ${uscc} 已登记`, [
    { field: 'uscc', code: 'INSTITUTION_USCC_TAKEN', message: '该统一社会信用代码已登记' },
  ]);
}
