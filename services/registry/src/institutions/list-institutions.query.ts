import { type Actor, divisionPrefix, DomainError, scopePrefixes } from '@shanyu/common';
import type { InstitutionView, ListInstitutionsRequest, Page } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { Institution } from './institution.entity.js';

/** The register as the caller may see it: inside their divisions, or their own as an operator. */
export class ListInstitutions {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListInstitutionsRequest, actor: Actor): Promise<Page<InstitutionView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const qb = this.dataSource.getRepository(Institution).createQueryBuilder('i');
    if (actor.department === 'operator') {
      qb.andWhere('i.owner_user_id = :owner', { owner: actor.userId });
    } else {
      const scopes = scopePrefixes(actor);
      if (scopes !== null) {
        if (scopes.length === 0) throw new DomainError('DIVISION_OUT_OF_SCOPE', '本账号没有可管辖的区划');
        qb.andWhere('i.division_code LIKE ANY(:scopes)', { scopes: scopes.map((s) => `${s}%`) });
      }
    }
    if (request.divisionCode) qb.andWhere('i.division_code LIKE :div', { div: `${divisionPrefix(request.divisionCode)}%` });
    if (request.status) qb.andWhere('i.status = :status', { status: request.status });
    if (request.nature) qb.andWhere('i.nature = :nature', { nature: request.nature });
    if (request.q) qb.andWhere('i.name ILIKE :q', { q: `%${request.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` });
    const [rows, total] = await qb
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => r.toView()), total, page, pageSize };
  }
}
