import { type Actor, divisionPrefix, DomainError, scopePrefixes } from '@shanyu/common';
import type { InstitutionView, ListInstitutionsRequest, Page } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { type InstitutionFilter, InstitutionRepository } from './institution.repository.js';

/** The register as the caller may see it: inside their divisions, or their own as an operator. */
export class ListInstitutions {
  private readonly institutions: InstitutionRepository;

  constructor(dataSource: DataSource) {
    this.institutions = new InstitutionRepository(dataSource.manager);
  }

  async execute(request: ListInstitutionsRequest, actor: Actor): Promise<Page<InstitutionView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const filter: InstitutionFilter = { status: request.status, nature: request.nature, nameContains: request.q };
    if (actor.department === 'operator') {
      filter.ownerUserId = actor.userId;
    } else {
      const scopes = scopePrefixes(actor);
      if (scopes !== null) {
        if (scopes.length === 0) throw new DomainError('DIVISION_OUT_OF_SCOPE', '本账号没有可管辖的区划');
        filter.divisionPrefixes = scopes;
      }
    }
    if (request.divisionCode) filter.divisionPrefix = divisionPrefix(request.divisionCode);
    const [rows, total] = await this.institutions.page(filter, page, pageSize);
    return { items: rows.map((r) => r.toView()), total, page, pageSize };
  }
}
