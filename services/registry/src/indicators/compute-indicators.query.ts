import { type Actor, divisionLevelOf, divisionPrefix, findDivision, shanghaiToday } from '@shanyu/common';
import {
  type DivisionIndicators,
  indicatorOf,
  type IndicatorsRequest,
  indicatorScope,
  type IndicatorsView,
  type IndicatorValue,
  ratioOf,
  SUPPLY_INDICATORS as I,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { PopulationRepository } from '../population/population.repository.js';
import { IndicatorsRepository, type StreetCounts } from './indicators.repository.js';

/** Default target for the supply gap: the national 2025 target of 4.5 places per 1,000 residents (《“十四五”公共服务规划》). */
export const DEFAULT_TARGET_PER_THOUSAND = 4.5;

const ZERO: StreetCounts = { operating: 0, filed: 0, places: 0, filedPlaces: 0, kindergartenPlaces: 0, inclusivePlaces: 0, withHealthCentre: 0 };

const add = (a: StreetCounts, b: StreetCounts): StreetCounts => ({
  operating: a.operating + b.operating,
  filed: a.filed + b.filed,
  places: a.places + b.places,
  filedPlaces: a.filedPlaces + b.filedPlaces,
  kindergartenPlaces: a.kindergartenPlaces + b.kindergartenPlaces,
  inclusivePlaces: a.inclusivePlaces + b.inclusivePlaces,
  withHealthCentre: a.withHealthCentre + b.withHealthCentre,
});

type Coverage = { operating: number; filed: number; streets: number };

/**
 * 指标 the register can compute, for a division and each division inside it (a county's
 * streets, a city's counties), as the register stood at the end of a month (today while the
 * month runs): institutions registered and not deregistered by then, their street and places in
 * force then, filed when their receipt was issued by then. Each figure over all operating
 * institutions comes with its filed-only figure beside it.
 */
export class ComputeIndicators {
  private readonly counts: IndicatorsRepository;
  private readonly population: PopulationRepository;

  constructor(
    dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.counts = new IndicatorsRepository(dataSource.manager);
    this.population = new PopulationRepository(dataSource.manager);
  }

  async execute(request: IndicatorsRequest, actor: Actor): Promise<IndicatorsView> {
    const scope = indicatorScope(request, actor, shanghaiToday(this.now()));
    const target = request.targetPerThousand ?? DEFAULT_TARGET_PER_THOUSAND;
    const byStreet = await this.counts.countsByDivision(divisionPrefix(scope.divisionCode), scope.asOf);
    const population = await this.population.latestUpTo(scope.divisions, Number(scope.month.slice(0, 4)));

    const within = (code: string) => {
      const prefix = divisionPrefix(code);
      let total = ZERO;
      for (const [street, counts] of byStreet) if (street.startsWith(prefix)) total = add(total, counts);
      return total;
    };
    const [head, ...inside] = scope.divisions as [string, ...string[]];
    const coverage =
      divisionLevelOf(head) === 'county'
        ? {
            operating: inside.filter((s) => (byStreet.get(s)?.operating ?? 0) > 0).length,
            filed: inside.filter((s) => (byStreet.get(s)?.filed ?? 0) > 0).length,
            streets: inside.length,
          }
        : undefined;
    const divisions: DivisionIndicators[] = [this.describe(head, within(head), population.get(head), target, coverage)];
    for (const code of inside) divisions.push(this.describe(code, within(code), population.get(code), target));
    return { divisionCode: scope.divisionCode, month: scope.month, asOf: this.now().toISOString(), divisions };
  }

  private describe(
    code: string,
    c: StreetCounts,
    pop: { resident: number; under3: number; year: number } | undefined,
    target: number,
    coverage?: Coverage,
  ): DivisionIndicators {
    const perThousand = (places: number) => (pop ? ratioOf(places, pop.resident, 1000) : null);
    const indicators: IndicatorValue[] = [
      indicatorOf(I.placesPer1000, perThousand(c.places), c.places, pop?.resident),
      indicatorOf(I.placesPer1000Filed, perThousand(c.filedPlaces), c.filedPlaces, pop?.resident),
      indicatorOf(I.kindergartenClassPlaces, c.kindergartenPlaces),
      indicatorOf(I.filingRate, ratioOf(c.filed, c.operating, 100), c.filed, c.operating),
      indicatorOf(I.inclusiveShare, ratioOf(c.inclusivePlaces, c.places, 100), c.inclusivePlaces, c.places),
      indicatorOf(I.healthCentreCoverage, ratioOf(c.withHealthCentre, c.filed, 100), c.withHealthCentre, c.filed),
    ];
    if (coverage) {
      indicators.push(
        indicatorOf(I.streetCoverage, ratioOf(coverage.operating, coverage.streets, 100), coverage.operating, coverage.streets),
        indicatorOf(I.streetCoverageFiled, ratioOf(coverage.filed, coverage.streets, 100), coverage.filed, coverage.streets),
      );
    }
    const targetPlaces = pop ? Math.ceil((pop.resident / 1000) * target) : null;
    return {
      divisionCode: code,
      divisionName: findDivision(code)?.name ?? code,
      level: divisionLevelOf(code) ?? 'county',
      indicators,
      supply: {
        residentPopulation: pop?.resident ?? null,
        childrenUnder3: pop?.under3 ?? null,
        populationYear: pop?.year ?? null,
        places: c.places,
        filedPlaces: c.filedPlaces,
        kindergartenPlaces: c.kindergartenPlaces,
        inclusivePlaces: c.inclusivePlaces,
        targetPerThousand: target,
        targetPlaces,
        gap: targetPlaces === null ? null : Math.max(0, targetPlaces - c.places),
      },
    };
  }
}
