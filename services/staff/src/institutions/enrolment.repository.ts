import type { ClassType } from '@shanyu/contracts';
import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import type { Enrolment } from '../domain/ratios.js';

export interface EnrolmentRow {
  institutionId: string;
  source: Enrolment['source'];
  classType: ClassType;
  children: number;
}

/**
 * Children enrolled per institution, source (registered places or the latest roster) and class
 * type. The table has no entity: raw SQL.
 */
export class EnrolmentRepository {
  constructor(private readonly manager: EntityManager) {}

  async of(institutionIds: string[]): Promise<EnrolmentRow[]> {
    if (!institutionIds.length) return [];
    const rows: { institution_id: string; source: Enrolment['source']; class_type: ClassType; children: number }[] = await this.manager.query(
      `SELECT institution_id, source, class_type, children FROM ${this.table} WHERE institution_id = ANY($1::uuid[])`,
      [institutionIds],
    );
    return rows.map((r) => ({ institutionId: r.institution_id, source: r.source, classType: r.class_type, children: r.children }));
  }

  /** The day of the latest roster held for the institution, if any. */
  async latestRosterOn(institutionId: string): Promise<string | null> {
    const [held]: { as_of: string | null }[] = await this.manager.query(
      `SELECT max(as_of)::text AS as_of FROM ${this.table} WHERE institution_id = $1 AND source = 'roster'`,
      [institutionId],
    );
    return held?.as_of ?? null;
  }

  async save(institutionId: string, source: Enrolment['source'], classType: ClassType, children: number, asOf: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.table} (institution_id, source, class_type, children, as_of) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (institution_id, source, class_type) DO UPDATE SET children = EXCLUDED.children, as_of = EXCLUDED.as_of, updated_at = now()`,
      [institutionId, source, classType, children, asOf],
    );
  }

  private get table(): string {
    return schemaTable(this.manager, 'enrolment');
  }
}
