import { SqlRepository } from '../sql.js';

/** The measures counted per division code. */
export type Measure = 'filed' | 'rostered' | 'rosteredPlaces' | 'enrolled' | 'subsidised' | 'paidFen';

/** 指标 of enrolment and subsidies: counts from the current rosters, the posted runs and the ledger. */
export class IndicatorsRepository extends SqlRepository {
  /** Per division code under the prefix and measure, the month's count (a division with nothing to count is missing). */
  async countsByDivision(prefix: string, month: string): Promise<{ divisionCode: string; measure: Measure; n: number }[]> {
    const t = this.t;
    const rows: { division_code: string; measure: Measure; n: string }[] = await this.manager.query(
      `SELECT division_code, 'filed' AS measure, count(*) AS n FROM ${t.institution}
        WHERE division_code LIKE $1 AND status = 'filed' GROUP BY division_code
       UNION ALL
       SELECT i.division_code, 'rostered', count(*) FROM ${t.roster} r JOIN ${t.institution} i ON i.id = r.institution_id
        WHERE i.division_code LIKE $1 AND r.month = $2 AND r.current GROUP BY i.division_code
       UNION ALL
       SELECT i.division_code, 'rosteredPlaces', sum(i.total_places) FROM ${t.roster} r JOIN ${t.institution} i ON i.id = r.institution_id
        WHERE i.division_code LIKE $1 AND r.month = $2 AND r.current GROUP BY i.division_code
       UNION ALL
       SELECT i.division_code, 'enrolled', sum(r.total) FROM ${t.roster} r JOIN ${t.institution} i ON i.id = r.institution_id
        WHERE i.division_code LIKE $1 AND r.month = $2 AND r.current GROUP BY i.division_code
       UNION ALL
       SELECT l.division_code, 'subsidised', count(DISTINCT (l.institution_id, l.child_key)) FROM ${t.line} l JOIN ${t.run} run ON run.id = l.run_id
        WHERE l.division_code LIKE $1 AND run.status = 'posted' AND l.kind = 'regular' AND l.period = $2 AND l.status = 'payable' AND l.child_key IS NOT NULL
        GROUP BY l.division_code
       UNION ALL
       SELECT division_code, 'paidFen', sum(amount_fen) FROM ${t.ledger}
        WHERE division_code LIKE $1 AND month = $2 GROUP BY division_code`,
      [`${prefix}%`, month],
    );
    return rows.map((r) => ({ divisionCode: r.division_code, measure: r.measure, n: Number(r.n) }));
  }
}
