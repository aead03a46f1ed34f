import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/** What the register counts per street. */
export interface StreetCounts {
  registered: number;
  filed: number;
  places: number;
  inclusivePlaces: number;
  withHealthCentre: number;
}

/** The register's 指标 counts. */
export class IndicatorsRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Per division code under the prefix, as of a day: institutions registered by then (not
   * deregistered), those filed by then (their receipt issued), their places, 普惠 places and
   * health-centre contracts. Raw SQL: filtered aggregates over a lateral join.
   */
  async countsByDivision(prefix: string, asOf: string): Promise<Map<string, StreetCounts>> {
    const institution = schemaTable(this.manager, 'institution');
    const filing = schemaTable(this.manager, 'filing');
    const rows: { division_code: string; registered: number; filed: number; places: number; inclusive_places: number; with_health_centre: number }[] =
      await this.manager.query(
        `SELECT i.division_code,
              count(*)::int AS registered,
              count(*) FILTER (WHERE filed)::int AS filed,
              coalesce(sum(total_places) FILTER (WHERE filed), 0)::int AS places,
              coalesce(sum((i.inclusive->>'inclusivePlaces')::int) FILTER (WHERE filed AND i.inclusive IS NOT NULL), 0)::int AS inclusive_places,
              count(*) FILTER (WHERE filed AND f.submission->'healthCentre' IS NOT NULL)::int AS with_health_centre
         FROM ${institution} i
         LEFT JOIN ${filing} f ON f.receipt_no = i.receipt_no
         CROSS JOIN LATERAL (SELECT i.status = 'filed' AND f.receipt_issued_on <= $2::date AS filed,
                                    (i.places->>'infant')::int + (i.places->>'toddler')::int + (i.places->>'older')::int + (i.places->>'mixed')::int AS total_places) x
        WHERE i.division_code LIKE $1 AND i.status <> 'deregistered' AND i.created_at < ($2::date + 1)
        GROUP BY i.division_code`,
        [`${prefix}%`, asOf],
      );
    return new Map(
      rows.map((r) => [
        r.division_code,
        { registered: r.registered, filed: r.filed, places: r.places, inclusivePlaces: r.inclusive_places, withHealthCentre: r.with_health_centre },
      ]),
    );
  }
}
