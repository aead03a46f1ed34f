import { type Actor, shanghaiToday } from '@shanyu/common';
import type { FilingView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { Filing } from './filing.entity.js';
import { filingNotFound } from './filing-errors.js';

/** One filing with its automatic check, rule by rule, for whoever may see the institution. */
export class GetFiling {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: InstitutionAccessPolicy,
  ) {}

  async execute(id: string, actor: Actor): Promise<FilingView> {
    const filing = await this.dataSource.getRepository(Filing).findOneBy({ id });
    if (!filing) throw filingNotFound(id);
    const institution = await this.dataSource.getRepository(Institution).findOneByOrFail({ id: filing.institutionId });
    this.policy.assertCanRead(actor, institution);
    return filing.toView(shanghaiToday());
  }
}
