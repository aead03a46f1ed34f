import { divisionPrefix } from '@shanyu/common';
import { pageOf } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { Complaint } from '../complaints/complaint.entity.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { inspectionNotFound } from '../inspections/inspection.repository.js';

/** What 一公开 lists: completed inspections and closed complaints, of an institution or inside a division. */
export interface PublicFilter {
  institutionId?: string;
  divisionCode?: string;
}

/** The public register's reads: only completed inspections and closed complaints are ever public. */
export class PublicRegisterRepository {
  constructor(private readonly manager: EntityManager) {}

  /** A page of completed inspections, latest completed first. */
  async completedInspections(filter: PublicFilter, page: number, pageSize: number): Promise<{ items: Inspection[]; total: number }> {
    const qb = this.manager.getRepository(Inspection).createQueryBuilder('i').where(`i.status = 'completed'`);
    if (filter.institutionId) qb.andWhere('i.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.divisionCode) qb.andWhere('i.division_code LIKE :division', { division: `${divisionPrefix(filter.divisionCode)}%` });
    return pageOf(qb.orderBy('i.completed_at', 'DESC'), page, pageSize);
  }

  /** A completed inspection; one not completed is not found. */
  async completedInspection(id: string): Promise<Inspection> {
    const inspection = await this.manager.getRepository(Inspection).findOneBy({ id, status: 'completed' });
    if (!inspection) throw inspectionNotFound(id);
    return inspection;
  }

  /** A page of closed complaints, latest received first. */
  async closedComplaints(filter: PublicFilter, page: number, pageSize: number): Promise<{ items: Complaint[]; total: number }> {
    const qb = this.manager.getRepository(Complaint).createQueryBuilder('c').where(`c.status = 'closed'`);
    if (filter.institutionId) qb.andWhere('c.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.divisionCode) qb.andWhere('c.division_code LIKE :division', { division: `${divisionPrefix(filter.divisionCode)}%` });
    return pageOf(qb.orderBy('c.received_at', 'DESC'), page, pageSize);
  }
}
