import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/** What the register counts per street on a day. */
export interface StreetCounts {
  /** Operating: registered by then, not deregistered by then (成长驿站 left out). */
  operating: number;
  /** Of which filed: an approved filing whose receipt was issued by then. */
  filed: number;
  places: number;
  filedPlaces: number;
  /** Places of 幼儿园托班 (举办主体 kindergarten), counted in `places` too. */
  kindergartenPlaces: number;
  inclusivePlaces: number;
  withHealthCentre: number;
}

/** The register's 指标 counts. */
export class IndicatorsRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Per street code under the prefix, as the register stood on a day: every institution
   * registered by then and not deregistered by then, with the street, 举办主体 and places of its
   * history row in force that day; filed when its receipt was issued by then. 成长驿站 are not
   * 托育机构 and are left out. Raw SQL: filtered aggregates over lateral joins.
   */
  async countsByDivision(prefix: string, asOf: string): Promise<Map<string, StreetCounts>> {
    const institution = schemaTable(this.manager, 'institution');
    const history = schemaTable(this.manager, 'institution_history');
    const filing = schemaTable(this.manager, 'filing');
    const rows: {
      division_code: string;
      operating: number;
      filed: number;
      places: number;
      filed_places: number;
      kindergarten_places: number;
      inclusive_places: number;
      with_health_centre: number;
    }[] = await this.manager.query(
      `SELECT h.division_code,
              count(*)::int AS operating,
              count(*) FILTER (WHERE f.filed)::int AS filed,
              coalesce(sum(h.total_places), 0)::int AS places,
              coalesce(sum(h.total_places) FILTER (WHERE f.filed), 0)::int AS filed_places,
              coalesce(sum(h.total_places) FILTER (WHERE h.operator_type = 'kindergarten'), 0)::int AS kindergarten_places,
              coalesce(sum((i.inclusive->>'inclusivePlaces')::int)
                FILTER (WHERE f.filed AND (i.inclusive->>'grantedOn')::date <= $2::date), 0)::int AS inclusive_places,
              count(*) FILTER (WHERE f.filed AND f.health_centre)::int AS with_health_centre
         FROM ${institution} i
         CROSS JOIN LATERAL (SELECT division_code, operator_type, total_places FROM ${history}
                              WHERE institution_id = i.id AND valid_from <= $2::date
                              ORDER BY valid_from DESC LIMIT 1) h
         LEFT JOIN LATERAL (SELECT true AS filed, submission->'healthCentre' IS NOT NULL AS health_centre FROM ${filing}
                             WHERE institution_id = i.id AND status = 'approved' AND receipt_issued_on <= $2::date
                             ORDER BY receipt_issued_on LIMIT 1) f ON true
        WHERE i.id IN (SELECT institution_id FROM ${history} WHERE division_code LIKE $1)
          AND i.registered_on <= $2::date AND (i.deregistered_on IS NULL OR i.deregistered_on > $2::date)
          AND h.division_code LIKE $1 AND h.operator_type <> 'growth_station'
        GROUP BY h.division_code`,
      [`${prefix}%`, asOf],
    );
    return new Map(
      rows.map((r) => [
        r.division_code,
        {
          operating: r.operating,
          filed: r.filed,
          places: r.places,
          filedPlaces: r.filed_places,
          kindergartenPlaces: r.kindergarten_places,
          inclusivePlaces: r.inclusive_places,
          withHealthCentre: r.with_health_centre,
        },
      ]),
    );
  }
}
