import { type Actor, divisionLevelOf, divisionPrefix, findDivision, formatRuleSource, resolveRules, shanghaiToday, streetsOf } from '@shanyu/common';
import {
  type DivisionIndicators,
  indicatorOf,
  type IndicatorsRequest,
  indicatorScope,
  type IndicatorsView,
  type IndicatorTarget,
  type IndicatorValue,
  ratioOf,
  SUPPLY_INDICATORS as I,
  TARGET_INDICATORS,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { PopulationRepository } from '../population/population.repository.js';
import type { RegistryRuleDocuments } from '../rules/registry-rule-documents.js';
import { IndicatorsRepository, type StreetCounts } from './indicators.repository.js';
import type { TargetRuleBody, TargetRuleDocument } from './targets/target-rule-body.js';

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
 * institutions comes with its filed-only figure beside it; each division with the development
 * targets (发展目标) in force for it then; a county or street with its city's figures beside it.
 */
export class ComputeIndicators {
  private readonly counts: IndicatorsRepository;
  private readonly population: PopulationRepository;

  constructor(
    dataSource: DataSource,
    private readonly rules: RegistryRuleDocuments,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.counts = new IndicatorsRepository(dataSource.manager);
    this.population = new PopulationRepository(dataSource.manager);
  }

  async execute(request: IndicatorsRequest, actor: Actor): Promise<IndicatorsView> {
    const scope = indicatorScope(request, actor, shanghaiToday(this.now()));
    const byStreet = await this.counts.countsByDivision(scope.countPrefix, scope.asOf);
    const population = await this.population.latestUpTo(scope.counted, Number(scope.month.slice(0, 4)));
    const targetDocuments = await this.rules.targets();

    const within = (code: string) => {
      const prefix = divisionPrefix(code);
      let total = ZERO;
      for (const [street, counts] of byStreet) if (street.startsWith(prefix)) total = add(total, counts);
      return total;
    };
    const describe = (code: string) => {
      const inside = streetCoverage(code, byStreet);
      return this.describe(code, within(code), population.get(code), targetsOf(targetDocuments, code, scope.asOf), request.targetPerThousand, inside);
    };
    return {
      divisionCode: scope.divisionCode,
      month: scope.month,
      asOf: this.now().toISOString(),
      divisions: scope.divisions.map(describe),
      comparison: scope.comparedWith ? describe(scope.comparedWith) : null,
    };
  }

  private describe(
    code: string,
    c: StreetCounts,
    pop: { resident: number; under3: number; year: number } | undefined,
    targets: IndicatorTarget[],
    requestedPerThousand: number | undefined,
    coverage: Coverage | undefined,
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
    const target = requestedPerThousand ?? targets.find((t) => t.indicatorKey === I.placesPer1000.key)?.value ?? null;
    const targetPlaces = pop && target !== null ? Math.ceil((pop.resident / 1000) * target) : null;
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
      targets,
    };
  }
}

/** A county's street coverage: of its streets, how many have an operating (a filed) institution; undefined for other levels. */
function streetCoverage(code: string, byStreet: Map<string, StreetCounts>): Coverage | undefined {
  if (divisionLevelOf(code) !== 'county') return undefined;
  const streets = streetsOf(code).map((s) => s.code);
  return {
    operating: streets.filter((s) => (byStreet.get(s)?.operating ?? 0) > 0).length,
    filed: streets.filter((s) => (byStreet.get(s)?.filed ?? 0) > 0).length,
    streets: streets.length,
  };
}

/** The targets in force for a division on a day, not yet judged (the gateway judges them once every service's figures are in). */
function targetsOf(documents: readonly TargetRuleDocument[], divisionCode: string, date: string): IndicatorTarget[] {
  return resolveRules<TargetRuleBody>('target', documents, divisionCode, date).rules.map((rule) => ({
    indicatorKey: rule.body.indicator,
    label: TARGET_INDICATORS[rule.body.indicator]?.label ?? rule.body.indicator,
    direction: rule.body.direction,
    value: rule.body.value,
    unit: TARGET_INDICATORS[rule.body.indicator]?.unit ?? '',
    byYear: rule.body.byYear,
    actual: null,
    met: null,
    rule: {
      key: rule.key,
      documentKey: rule.from.documentKey,
      version: rule.from.version,
      jurisdiction: rule.from.jurisdiction,
      jurisdictionName: rule.from.jurisdictionName,
      source: rule.sources.map(formatRuleSource).join('；'),
    },
  }));
}
