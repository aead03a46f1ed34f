import { type Actor, shanghaiToday } from '@shanyu/common';
import type { FilingView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { Institution } from '../institutions/institution.entity.js';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { Filing } from './filing.entity.js';
import { filingNotFound } from './filing-errors.js';
import { FilingRepository } from './filing.repository.js';

/** A query about one filing, answered to whoever may see its institution. */
export abstract class FilingQuery {
  private readonly filings: FilingRepository;
  private readonly institutions: InstitutionRepository;

  constructor(
    dataSource: DataSource,
    private readonly policy: InstitutionAccessPolicy,
  ) {
    this.filings = new FilingRepository(dataSource.manager);
    this.institutions = new InstitutionRepository(dataSource.manager);
  }

  /** The filing and its institution; an unknown filing is FILING_NOT_FOUND, an institution the actor may not read is refused. */
  protected async readable(id: string, actor: Actor): Promise<{ filing: Filing; institution: Institution }> {
    const filing = await this.filings.byId(id);
    if (!filing) throw filingNotFound(id);
    const institution = await this.institutions.byIdOrFail(filing.institutionId);
    this.policy.assertCanRead(actor, institution);
    return { filing, institution };
  }
}

/** One filing with its automatic check, rule by rule, for whoever may see the institution. */
export class GetFiling extends FilingQuery {
  async execute(id: string, actor: Actor): Promise<FilingView> {
    const { filing } = await this.readable(id, actor);
    return filing.toView(shanghaiToday());
  }
}
