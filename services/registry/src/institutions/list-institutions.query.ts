import type { Actor } from '@shanyu/common';
import type { InstitutionView, ListInstitutionsRequest, Page } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { listScope } from './institution-access.policy.js';
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
    const filter: InstitutionFilter = { status: request.status, nature: request.nature, nameContains: request.q, ...listScope(actor, request.divisionCode) };
    const [rows, total] = await this.institutions.page(filter, page, pageSize);
    return { items: rows.map((r) => r.toView()), total, page, pageSize };
  }
}
