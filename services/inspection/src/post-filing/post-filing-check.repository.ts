import type { PostFilingCheckStatus } from '@shanyu/contracts';
import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

export interface PostFilingCheckRow {
  institution_id: string;
  institution_name: string | null;
  division_code: string;
  filed_on: string;
  due_on: string;
  policy_version: string;
  source: string;
  inspection_id: string | null;
  visited_on: string | null;
}

/** 备案后核查 (`post_filing_check`): one per filed institution, the first visit due after its filing. */
export class PostFilingCheckRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Schedules the check unless the institution has one; an inspection of it completed on or after
   * the filing day (delivered before the filing event) makes it done at once.
   */
  async schedule(check: { institutionId: string; divisionCode: string; filedOn: string; dueOn: string; policyVersion: string; source: string }): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.table} (institution_id, division_code, filed_on, due_on, policy_version, source, inspection_id, visited_on)
       SELECT $1, $2, $3, $4, $5, $6, v.id, v.completed_on
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (
           SELECT id, completed_on FROM ${schemaTable(this.manager, 'inspection')}
            WHERE institution_id = $1 AND status = 'completed' AND completed_on >= $3
            ORDER BY completed_on, completed_at LIMIT 1
         ) v ON true
       ON CONFLICT (institution_id) DO NOTHING`,
      [check.institutionId, check.divisionCode, check.filedOn, check.dueOn, check.policyVersion, check.source],
    );
  }

  /** The completed inspection is the first visit after the filing, if the institution's check is still waiting for one. */
  async markVisited(institutionId: string, inspectionId: string, on: string): Promise<void> {
    await this.manager.query(
      `UPDATE ${this.table} SET inspection_id = $2, visited_on = $3 WHERE institution_id = $1 AND inspection_id IS NULL AND filed_on <= $3`,
      [institutionId, inspectionId, on],
    );
  }

  /** A page of checks within division prefixes (null: all), by due day; `status` as of `today`. */
  async page(
    filter: { prefixes: string[] | null; institutionId: string | null; status: PostFilingCheckStatus | null; today: string },
    page: number,
    pageSize: number,
  ): Promise<{ rows: PostFilingCheckRow[]; total: number }> {
    const rows: (PostFilingCheckRow & { total: number })[] = await this.manager.query(
      `SELECT c.institution_id, i.name AS institution_name, c.division_code, c.filed_on::text AS filed_on, c.due_on::text AS due_on,
              c.policy_version, c.source, c.inspection_id, c.visited_on::text AS visited_on, count(*) OVER ()::int AS total
         FROM ${this.table} c LEFT JOIN ${schemaTable(this.manager, 'institution')} i ON i.id = c.institution_id
        WHERE ($1::text[] IS NULL OR c.division_code LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) AS p))
          AND ($2::text IS NULL
               OR ($2 = 'done' AND c.inspection_id IS NOT NULL)
               OR ($2 = 'due' AND c.inspection_id IS NULL AND c.due_on >= $3)
               OR ($2 = 'overdue' AND c.inspection_id IS NULL AND c.due_on < $3))
          AND ($6::uuid IS NULL OR c.institution_id = $6)
        ORDER BY c.inspection_id IS NOT NULL, c.due_on, c.institution_id
        LIMIT $4 OFFSET $5`,
      [filter.prefixes, filter.status, filter.today, pageSize, (page - 1) * pageSize, filter.institutionId],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  private get table(): string {
    return schemaTable(this.manager, 'post_filing_check');
  }
}
