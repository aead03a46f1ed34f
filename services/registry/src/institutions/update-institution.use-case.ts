import { type Actor, DomainError } from '@shanyu/common';
import { type InstitutionUpdatedData, type InstitutionView, RegistryEvents, type UpdateInstitutionRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { Institution } from './institution.entity.js';
import type { InstitutionAccessPolicy } from './institution-access.policy.js';

const CHANGEABLE = ['name', 'operatorType', 'careForms', 'divisionCode', 'address', 'floor', 'buildingAreaM2', 'outdoorAreaM2', 'places'] as const;

/** Changes registration data (登记变更); the audit entry keeps before, after and the reason. */
export class UpdateInstitution {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
  ) {}

  async execute(request: UpdateInstitutionRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    return this.unitOfWork.run(async (tx) => {
      const repo = tx.manager.getRepository(Institution);
      const institution = await repo.findOne({ where: { id: request.id }, lock: { mode: 'pessimistic_write' } });
      if (!institution) throw notFound(request.id);
      this.policy.assertCanChange(actor, institution, request.divisionCode);
      if (request.expectedVersion !== undefined && request.expectedVersion !== institution.version) {
        throw new DomainError('INSTITUTION_VERSION_CONFLICT', `机构信息已被他人修改（当前版本 ${institution.version}），请刷新后重试`);
      }
      const before = institution.toView();
      const changed: string[] = [];
      for (const key of CHANGEABLE) {
        const value = request[key];
        if (value === undefined) continue;
        const next = key === 'places' ? { ...(value as object) } : value;
        if (JSON.stringify(next) === JSON.stringify(before[key])) continue;
        (institution as unknown as Record<string, unknown>)[key] = next;
        changed.push(key);
      }
      if (changed.length === 0) return before;
      if (changed.includes('divisionCode')) institution.countyCode = institution.divisionCode.slice(0, 6);
      await repo.save(institution);
      const after = institution.toView();
      await tx.publish<InstitutionUpdatedData>({
        subject: RegistryEvents.institutionUpdated,
        actor,
        entityId: institution.id,
        data: { institution: after, changed },
      });
      await tx.audit({ actor, action: 'institution.update', entity: 'institution', entityId: institution.id, before, after, reason: request.reason, requestId });
      return after;
    });
  }
}

export function notFound(id: string): DomainError {
  return new DomainError('INSTITUTION_NOT_FOUND', `机构 ${id} 不存在`);
}
