import { In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Population } from './population.entity.js';

export interface PopulationFilter {
  /** Division code prefixes (`LIKE prefix%`), any of which matches. */
  divisionPrefixes?: string[];
  divisionPrefix?: string;
  year?: number;
}

export interface PopulationFigures {
  resident: number;
  under3: number;
  year: number;
}

/** Resident population and children under 3 per division and year. */
export class PopulationRepository {
  constructor(private readonly manager: EntityManager) {}

  /** A row replaces the one of the same division and year. */
  async upsert(rows: Population[]): Promise<void> {
    await this.manager.upsert(Population, rows, ['divisionCode', 'year']);
  }

  /** By division and year, at most 5,000 rows. */
  list(filter: PopulationFilter): Promise<Population[]> {
    const qb = this.manager.createQueryBuilder(Population, 'p');
    if (filter.divisionPrefixes) qb.andWhere('p.division_code LIKE ANY(:scopes)', { scopes: filter.divisionPrefixes.map((s) => `${s}%`) });
    if (filter.divisionPrefix) qb.andWhere('p.division_code LIKE :div', { div: `${filter.divisionPrefix}%` });
    if (filter.year) qb.andWhere('p.year = :year', { year: filter.year });
    return qb.orderBy('p.division_code').addOrderBy('p.year').limit(5_000).getMany();
  }

  /** Per division, the latest figures of the year or before. */
  async latestUpTo(codes: string[], year: number): Promise<Map<string, PopulationFigures>> {
    const rows = await this.manager.find(Population, {
      where: { divisionCode: In(codes), year: LessThanOrEqual(year) },
      order: { divisionCode: 'ASC', year: 'DESC' },
    });
    const latest = new Map<string, PopulationFigures>();
    for (const r of rows) {
      if (!latest.has(r.divisionCode)) latest.set(r.divisionCode, { resident: r.residentPopulation, under3: r.childrenUnder3, year: r.year });
    }
    return latest;
  }
}
