import type { EntityManager } from 'typeorm';
import { SelfInspection } from './self-inspection.entity.js';

/** 举办者自查: the operators' own checks. */
export class SelfInspectionRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(SelfInspection);
  }

  async add(fields: Omit<SelfInspection, 'toView'>): Promise<SelfInspection> {
    const row = this.rows.create(fields);
    await this.manager.save(row);
    return row;
  }

  /** An institution's self-inspections, newest first. */
  ofInstitution(institutionId: string): Promise<SelfInspection[]> {
    return this.rows.find({ where: { institutionId }, order: { submittedAt: 'DESC' } });
  }

  latestOf(institutionId: string): Promise<SelfInspection | null> {
    return this.rows.findOne({ where: { institutionId }, order: { submittedAt: 'DESC' } });
  }
}
