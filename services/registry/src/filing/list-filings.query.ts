import { type Actor, shanghaiToday } from '@shanyu/common';
import type { FilingView, ListFilingsRequest, Page } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { listScope } from '../institutions/institution-access.policy.js';
import { type FilingFilter, FilingRepository } from './filing.repository.js';

/** Filings in the caller's divisions; `overdue=true` lists undecided filings past their deadline. */
export class ListFilings {
  private readonly filings: FilingRepository;

  constructor(dataSource: DataSource) {
    this.filings = new FilingRepository(dataSource.manager);
  }

  async execute(request: ListFilingsRequest, actor: Actor, today = shanghaiToday()): Promise<Page<FilingView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const filter: FilingFilter = { institutionId: request.institutionId, status: request.status, ...listScope(actor, request.divisionCode) };
    if (request.overdue === 'true') filter.overdueOn = today;
    const [rows, total] = await this.filings.page(filter, page, pageSize);
    return { items: rows.map((f) => f.toView(today)), total, page, pageSize };
  }
}
