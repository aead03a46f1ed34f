import { type Actor, divisionPrefix, DomainError, scopePrefixes, shanghaiToday } from '@shanyu/common';
import type { FilingView, ListFilingsRequest, Page } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { Filing } from './filing.entity.js';

/** Filings in the caller's divisions; `overdue=true` lists undecided filings past their deadline. */
export class ListFilings {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListFilingsRequest, actor: Actor, today = shanghaiToday()): Promise<Page<FilingView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const qb = this.dataSource.getRepository(Filing).createQueryBuilder('f');
    if (actor.department === 'operator') {
      qb.innerJoin('institution', 'i', 'i.id = f.institution_id').andWhere('i.owner_user_id = :owner', { owner: actor.userId });
    } else {
      const scopes = scopePrefixes(actor);
      if (scopes !== null) {
        if (scopes.length === 0) throw new DomainError('DIVISION_OUT_OF_SCOPE', '本账号没有可管辖的区划');
        qb.andWhere('f.division_code LIKE ANY(:scopes)', { scopes: scopes.map((s) => `${s}%`) });
      }
    }
    if (request.divisionCode) qb.andWhere('f.division_code LIKE :div', { div: `${divisionPrefix(request.divisionCode)}%` });
    if (request.institutionId) qb.andWhere('f.institution_id = :iid', { iid: request.institutionId });
    if (request.status) qb.andWhere('f.status = :status', { status: request.status });
    if (request.overdue === 'true') {
      qb.andWhere(`f.status = 'submitted'`).andWhere(
        `(CASE WHEN (f."check"->'summary'->>'fail')::int > 0 THEN f.notice_due_by ELSE f.receipt_due_by END) < :today`,
        { today },
      );
    }
    const [rows, total] = await qb.orderBy('f.submitted_at', 'DESC').addOrderBy('f.id').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: rows.map((f) => f.toView(today)), total, page, pageSize };
  }
}
