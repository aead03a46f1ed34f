import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/** What the indicators count, per division. */
export type InspectionMeasure =
  'scheduled' | 'scheduledDone' | 'completed' | 'due' | 'dueOnTime' | 'open' | 'overdue' | 'complaints' | 'substantiated' | 'penalties' | 'fineFen';

/** The counts behind the joint-supervision indicators (指标), read across inspections, findings, complaints and penalties. */
export class IndicatorRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * One row per (division, measure) inside the division prefix, for the month `monthStart`…`monthEnd`,
   * open and overdue findings as they stood on `asOf`. In SQL: one UNION ALL of grouped counts,
   * where each measure reads its own table with the same filters.
   */
  async countsByDivision(
    prefix: string,
    monthStart: string,
    monthEnd: string,
    asOf: string,
  ): Promise<{ divisionCode: string; measure: InspectionMeasure; n: number }[]> {
    const t = (name: string) => schemaTable(this.manager, name);
    const rows: { division_code: string; measure: InspectionMeasure; n: string }[] = await this.manager.query(
      `SELECT division_code, 'scheduled' AS measure, count(*) AS n FROM ${t('inspection')}
         WHERE division_code LIKE $1 AND scheduled_on BETWEEN $2 AND $3 GROUP BY division_code
       UNION ALL
       SELECT division_code, 'scheduledDone', count(*) FROM ${t('inspection')}
         WHERE division_code LIKE $1 AND scheduled_on BETWEEN $2 AND $3 AND completed_on <= $3 GROUP BY division_code
       UNION ALL
       SELECT division_code, 'completed', count(*) FROM ${t('inspection')}
         WHERE division_code LIKE $1 AND completed_on BETWEEN $2 AND $3 GROUP BY division_code
       UNION ALL
       SELECT division_code, 'due', count(*) FROM ${t('finding')}
         WHERE division_code LIKE $1 AND deadline BETWEEN $2 AND $3 AND deadline < $4 GROUP BY division_code
       UNION ALL
       SELECT division_code, 'dueOnTime', count(*) FROM ${t('finding')}
         WHERE division_code LIKE $1 AND deadline BETWEEN $2 AND $3 AND deadline < $4 AND status = 'corrected'
           AND least(closed_on, ((report->>'reportedAt')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date) <= deadline GROUP BY division_code
       UNION ALL
       SELECT division_code, 'open', count(*) FROM ${t('finding')}
         WHERE division_code LIKE $1 AND recorded_on <= $4 AND (closed_on IS NULL OR closed_on > $4) GROUP BY division_code
       UNION ALL
       SELECT division_code, 'overdue', count(*) FROM ${t('finding')}
         WHERE division_code LIKE $1 AND deadline < $4 AND (closed_on IS NULL OR closed_on > $4) GROUP BY division_code
       UNION ALL
       SELECT division_code, 'complaints', count(*) FROM ${t('complaint')}
         WHERE division_code LIKE $1 AND (received_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2 AND $3 GROUP BY division_code
       UNION ALL
       SELECT division_code, 'substantiated', count(*) FROM ${t('complaint')}
         WHERE division_code LIKE $1 AND (outcome->>'substantiated')::boolean AND (outcome->>'closedOn')::date BETWEEN $2 AND $3 GROUP BY division_code
       UNION ALL
       SELECT division_code, 'penalties', count(*) FROM ${t('penalty')}
         WHERE division_code LIKE $1 AND issued_on BETWEEN $2 AND $3 GROUP BY division_code
       UNION ALL
       SELECT division_code, 'fineFen', coalesce(sum(fine_fen), 0) FROM ${t('penalty')}
         WHERE division_code LIKE $1 AND issued_on BETWEEN $2 AND $3 GROUP BY division_code`,
      [`${prefix}%`, monthStart, monthEnd, asOf],
    );
    return rows.map((r) => ({ divisionCode: r.division_code, measure: r.measure, n: Number(r.n) }));
  }
}
