import { type Actor, DomainError } from '@shanyu/common';
import type { InstitutionView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { InstitutionAccessPolicy } from './institution-access.policy.js';
import { institutionNotFound } from './institution-errors.js';
import { InstitutionRepository } from './institution.repository.js';

export class GetInstitution {
  private readonly institutions: InstitutionRepository;

  constructor(
    dataSource: DataSource,
    private readonly policy: InstitutionAccessPolicy,
  ) {
    this.institutions = new InstitutionRepository(dataSource.manager);
  }

  async execute(id: string, actor: Actor): Promise<InstitutionView> {
    const institution = await this.institutions.byId(id);
    if (!institution) throw institutionNotFound(id);
    this.policy.assertCanRead(actor, institution);
    return institution.toView();
  }

  /** By USCC: the same record and the same access rules as by id. */
  async byUscc(uscc: string, actor: Actor): Promise<InstitutionView> {
    const id = await this.institutions.idByUscc(uscc);
    if (!id) throw new DomainError('INSTITUTION_NOT_FOUND', `统一社会信用代码 ${uscc} 没有登记的机构`);
    return this.execute(id, actor);
  }
}
