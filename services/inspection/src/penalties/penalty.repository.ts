import { DomainError } from '@shanyu/common';
import { isUniqueViolation } from '@shanyu/persistence';
import { type EntityManager, In } from 'typeorm';
import { Penalty } from './penalty.entity.js';

/** 行政处罚决定. */
export class PenaltyRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(Penalty);
  }

  /** Records a decision; a decision number the department has already used is refused. */
  async add(fields: Omit<Penalty, 'toView'>): Promise<Penalty> {
    const penalty = this.rows.create(fields);
    try {
      await this.manager.save(penalty);
    } catch (e) {
      if (isUniqueViolation(e, 'penalty_department_decision_no_key'))
        throw new DomainError('PENALTY_DECISION_NO_TAKEN', `处罚决定书文号 ${fields.decisionNo} 已使用`);
      throw e;
    }
    return penalty;
  }

  /** Penalties of an institution and/or a finding (all when neither is given), latest first. */
  list(filter: { institutionId?: string; findingId?: string }): Promise<Penalty[]> {
    const where: Record<string, string> = {};
    if (filter.institutionId) where.institutionId = filter.institutionId;
    if (filter.findingId) where.findingId = filter.findingId;
    return this.rows.find({ where, order: { issuedOn: 'DESC', decisionNo: 'ASC' } });
  }

  async ofFindings(findingIds: string[]): Promise<Penalty[]> {
    return findingIds.length ? this.rows.findBy({ findingId: In(findingIds) }) : [];
  }
}
