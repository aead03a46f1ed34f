import type { Actor } from '@shanyu/common';
import type { InstitutionView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { Institution } from './institution.entity.js';
import type { InstitutionAccessPolicy } from './institution-access.policy.js';
import { notFound } from './update-institution.use-case.js';

export class GetInstitution {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: InstitutionAccessPolicy,
  ) {}

  async execute(id: string, actor: Actor): Promise<InstitutionView> {
    const institution = await this.dataSource.getRepository(Institution).findOneBy({ id });
    if (!institution) throw notFound(id);
    this.policy.assertCanRead(actor, institution);
    return institution.toView();
  }
}
