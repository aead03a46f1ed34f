import { type Actor, shanghaiToday } from '@shanyu/common';
import type { FilingView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { filingNotFound } from './filing-errors.js';
import { FilingRepository } from './filing.repository.js';

/** One filing with its automatic check, rule by rule, for whoever may see the institution. */
export class GetFiling {
  private readonly filings: FilingRepository;
  private readonly institutions: InstitutionRepository;

  constructor(
    dataSource: DataSource,
    private readonly policy: InstitutionAccessPolicy,
  ) {
    this.filings = new FilingRepository(dataSource.manager);
    this.institutions = new InstitutionRepository(dataSource.manager);
  }

  async execute(id: string, actor: Actor): Promise<FilingView> {
    const filing = await this.filings.byId(id);
    if (!filing) throw filingNotFound(id);
    const institution = await this.institutions.byIdOrFail(filing.institutionId);
    this.policy.assertCanRead(actor, institution);
    return filing.toView(shanghaiToday());
  }
}
