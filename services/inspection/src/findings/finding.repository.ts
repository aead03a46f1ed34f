import { DomainError } from '@shanyu/common';
import type { FindingStatus } from '@shanyu/contracts';
import { pageOf } from '@shanyu/persistence';
import { type EntityManager, IsNull } from 'typeorm';
import { type DivisionScope, scopeCondition } from '../division-scope.js';
import { Finding } from './finding.entity.js';

export type NewFinding = Omit<Finding, 'version' | 'isOpen' | 'isOverdue' | 'toView'>;

/** Which findings a list shows: an operator's own institutions', or those inside a division scope. */
export type FindingReaders = { institutionIds: string[] } | { scope: DivisionScope };

/** Findings (failed items) and their rectification (整改). */
export class FindingRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(Finding);
  }

  async get(id: string): Promise<Finding> {
    return found(await this.rows.findOneBy({ id }), id);
  }

  /** The finding, locked until the transaction ends. */
  async lock(id: string): Promise<Finding> {
    return found(await this.rows.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }), id);
  }

  async add(fields: NewFinding): Promise<Finding> {
    const finding = this.rows.create(fields);
    await this.manager.save(finding);
    return finding;
  }

  async save(findings: Finding | Finding[]): Promise<void> {
    await this.manager.save(findings);
  }

  existsFor(inspectionId: string, itemCode: string): Promise<boolean> {
    return this.rows.existsBy({ inspectionId, itemCode });
  }

  /** The findings an inspection recorded, in item order. */
  ofInspection(inspectionId: string): Promise<Finding[]> {
    return this.rows.find({ where: { inspectionId }, order: { itemCode: 'ASC' } });
  }

  /** The findings an inspection recorded as the rectification notice lists them: by deadline, then item. */
  ofInspectionByDeadline(inspectionId: string): Promise<Finding[]> {
    return this.rows.find({ where: { inspectionId }, order: { deadline: 'ASC', itemCode: 'ASC' } });
  }

  /** The findings a re-inspection re-checks, in item order. */
  reinspectedBy(reinspectionId: string): Promise<Finding[]> {
    return this.rows.find({ where: { reinspectionId }, order: { itemCode: 'ASC' } });
  }

  /** The findings a re-inspection re-checks, locked until the transaction ends. */
  lockReinspectedBy(reinspectionId: string): Promise<Finding[]> {
    return this.rows.find({ where: { reinspectionId }, lock: { mode: 'pessimistic_write' } });
  }

  /** An inspection's findings that no re-inspection has taken up yet (open or closed), locked until the transaction ends. */
  lockNotReinspected(inspectionId: string): Promise<Finding[]> {
    return this.rows.find({ where: { inspectionId, reinspectionId: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  /** A page of findings by deadline, then item; `overdue`: open or reported, past the deadline on `today`. */
  async page(
    readers: FindingReaders,
    filter: { institutionId?: string; department?: string; status?: FindingStatus | 'overdue' },
    today: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: Finding[]; total: number }> {
    const qb = this.rows.createQueryBuilder('f');
    if ('institutionIds' in readers) {
      qb.where('f.institution_id = ANY(:own)', { own: readers.institutionIds });
    } else {
      const within = scopeCondition('f.division_code', readers.scope);
      qb.where(within.sql, within.params);
    }
    if (filter.institutionId) qb.andWhere('f.institution_id = :institutionId', { institutionId: filter.institutionId });
    if (filter.department) qb.andWhere('f.department = :department', { department: filter.department });
    if (filter.status === 'overdue') qb.andWhere(`f.status IN ('open', 'reported') AND f.deadline < :today`, { today });
    else if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    return pageOf(qb.orderBy('f.deadline', 'ASC').addOrderBy('f.item_code', 'ASC'), page, pageSize);
  }

  /**
   * Up to `limit` findings open past their deadline on `today` and not yet announced as overdue,
   * earliest deadline first, locked; those another sweep holds are skipped, not waited for.
   */
  lockOverdueNotAnnounced(today: string, limit: number): Promise<Finding[]> {
    return this.rows
      .createQueryBuilder('f')
      .where(`f.status IN ('open', 'reported') AND f.deadline < :today AND f.overdue_notified_on IS NULL`, { today })
      .orderBy('f.deadline', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }
}

function found(finding: Finding | null, id: string): Finding {
  if (!finding) throw new DomainError('FINDING_NOT_FOUND', `整改事项 ${id} 不存在`);
  return finding;
}
