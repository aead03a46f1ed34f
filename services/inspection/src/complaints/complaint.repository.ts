import { DomainError } from '@shanyu/common';
import type { ComplaintStatus } from '@shanyu/contracts';
import { pageOf } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { type DivisionScope, scopeCondition } from '../division-scope.js';
import { Complaint } from './complaint.entity.js';

export type NewComplaint = Omit<Complaint, 'version' | 'toView' | 'toPublicView'>;

/** 投诉举报. */
export class ComplaintRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(Complaint);
  }

  /** The complaint, locked until the transaction ends. */
  async lock(id: string): Promise<Complaint> {
    const complaint = await this.rows.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!complaint) throw new DomainError('COMPLAINT_NOT_FOUND', `投诉 ${id} 不存在`);
    return complaint;
  }

  async add(fields: NewComplaint): Promise<Complaint> {
    const complaint = this.rows.create(fields);
    await this.manager.save(complaint);
    return complaint;
  }

  async save(complaint: Complaint): Promise<void> {
    await this.manager.save(complaint);
  }

  /** A page of the complaints inside the scope (of one department when given), newest first. */
  async page(
    scope: DivisionScope,
    filter: { department?: string; status?: ComplaintStatus; institutionId?: string },
    page: number,
    pageSize: number,
  ): Promise<{ items: Complaint[]; total: number }> {
    const within = scopeCondition('c.division_code', scope);
    const qb = this.rows.createQueryBuilder('c').where(within.sql, within.params);
    if (filter.department) qb.andWhere('c.department = :department', { department: filter.department });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.institutionId) qb.andWhere('c.institution_id = :institutionId', { institutionId: filter.institutionId });
    return pageOf(qb.orderBy('c.received_at', 'DESC'), page, pageSize);
  }
}
