import { SqlRepository } from '../sql.js';

/** The measures counted per street code, which add up to the district's. */
export type Measure = 'operating' | 'rostered' | 'rosterEntries' | 'subsidised' | 'paidFen';

/** Children counted once each inside one division: they do not add up over streets (a child may be on rosters in two). */
export interface DistinctChildren {
  divisionCode: string;
  enrolled: number;
  enrolledFiled: number;
  under3: number;
  under3Filed: number;
}

/** 指标 of enrolment and subsidies: counts from the current rosters, the posted runs and the ledger. */
export class IndicatorsRepository extends SqlRepository {
  /**
   * Per street code under the prefix and measure, the month's count (a street with nothing to
   * count is missing): institutions operating on `asOf` (registered by then, not deregistered by
   * then; 成长驿站 left out), those of them with a current roster of the month, their roster
   * lines, children subsidised and the amount posted.
   */
  async countsByDivision(prefix: string, month: string, asOf: string): Promise<{ divisionCode: string; measure: Measure; n: number }[]> {
    const t = this.t;
    const rows: { division_code: string; measure: Measure; n: string }[] = await this.manager.query(
      `WITH operating AS (
         SELECT id, division_code FROM ${t.institution}
          WHERE division_code LIKE $1 AND (operator_type IS NULL OR operator_type <> 'growth_station')
            AND (registered_on IS NULL OR registered_on <= $3::date)
            AND (deregistered_on > $3::date OR (deregistered_on IS NULL AND status <> 'deregistered')))
       SELECT division_code, 'operating' AS measure, count(*) AS n FROM operating GROUP BY division_code
       UNION ALL
       SELECT i.division_code, 'rostered', count(*) FROM ${t.roster} r JOIN operating i ON i.id = r.institution_id
        WHERE r.month = $2 AND r.current GROUP BY i.division_code
       UNION ALL
       SELECT i.division_code, 'rosterEntries', sum(r.total) FROM ${t.roster} r JOIN ${t.institution} i ON i.id = r.institution_id
        WHERE i.division_code LIKE $1 AND (i.operator_type IS NULL OR i.operator_type <> 'growth_station') AND r.month = $2 AND r.current
        GROUP BY i.division_code
       UNION ALL
       SELECT l.division_code, 'subsidised', count(DISTINCT (l.institution_id, l.child_key)) FROM ${t.line} l JOIN ${t.run} run ON run.id = l.run_id
        WHERE l.division_code LIKE $1 AND run.status = 'posted' AND l.kind = 'regular' AND l.period = $2 AND l.status = 'payable' AND l.child_key IS NOT NULL
        GROUP BY l.division_code
       UNION ALL
       SELECT division_code, 'paidFen', sum(amount_fen) FROM ${t.ledger}
        WHERE division_code LIKE $1 AND month = $2 GROUP BY division_code`,
      [`${prefix}%`, month, asOf],
    );
    return rows.map((r) => ({ divisionCode: r.division_code, measure: r.measure, n: Number(r.n) }));
  }

  /**
   * Children on the month's current rosters, each counted once per division however many
   * rosters of institutions inside it name them (by their keyed hash): all of them, those on
   * rosters of institutions filed on `asOf` (their latest status fact by then), and of each those
   * born after `under3After` (YYYY-MM: under 36 months old in the month). 成长驿站 are left out.
   */
  async distinctChildren(divisions: { code: string; prefix: string }[], month: string, asOf: string, under3After: string): Promise<DistinctChildren[]> {
    const t = this.t;
    const rows: { division_code: string; enrolled: string; enrolled_filed: string; under3: string; under3_filed: string }[] = await this.manager.query(
      `WITH entries AS (
         SELECT i.division_code, e.child_key, e.birth_month,
                coalesce((SELECT f.value = '"filed"'::jsonb FROM ${t.fact} f
                           WHERE f.institution_id = i.id AND f.fact = 'status' AND f.effective_on <= $4::date
                           ORDER BY f.effective_on DESC, f.id DESC LIMIT 1), false) AS filed
           FROM ${t.roster} r
           JOIN ${t.institution} i ON i.id = r.institution_id
           JOIN ${t.entry} e ON e.roster_id = r.id
          WHERE r.month = $3 AND r.current AND i.division_code LIKE ANY ($2::text[])
            AND (i.operator_type IS NULL OR i.operator_type <> 'growth_station'))
       SELECT d.code AS division_code,
              count(DISTINCT e.child_key) AS enrolled,
              count(DISTINCT e.child_key) FILTER (WHERE e.filed) AS enrolled_filed,
              count(DISTINCT e.child_key) FILTER (WHERE e.birth_month > $5) AS under3,
              count(DISTINCT e.child_key) FILTER (WHERE e.filed AND e.birth_month > $5) AS under3_filed
         FROM unnest($1::text[], $2::text[]) AS d (code, prefix)
         JOIN entries e ON e.division_code LIKE d.prefix
        GROUP BY d.code`,
      [divisions.map((d) => d.code), divisions.map((d) => `${d.prefix}%`), month, asOf, under3After],
    );
    return rows.map((r) => ({
      divisionCode: r.division_code,
      enrolled: Number(r.enrolled),
      enrolledFiled: Number(r.enrolled_filed),
      under3: Number(r.under3),
      under3Filed: Number(r.under3_filed),
    }));
  }
}
