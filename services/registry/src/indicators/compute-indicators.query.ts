import {
  type Actor,
  actorCoversDivision,
  departmentNotAllowed,
  divisionOutOfScope,
  divisionPrefix,
  findDivision,
  lastDayOfMonth,
  shanghaiToday,
  streetsOf,
} from '@shanyu/common';
import type { DivisionIndicators, IndicatorsRequest, IndicatorsView, IndicatorValue } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { PopulationRepository } from '../population/population.repository.js';
import { IndicatorsRepository, type StreetCounts } from './indicators.repository.js';

/** Default target for the supply gap: Hangzhou districts aim at 4.5–4.6 places per 1,000 residents (拱墅区 4.6 by 2025). */
export const DEFAULT_TARGET_PER_THOUSAND = 4.5;

const ZERO: StreetCounts = { registered: 0, filed: 0, places: 0, inclusivePlaces: 0, withHealthCentre: 0 };

const ratio = (n: number, d: number | null | undefined, scale = 1): number | null => (d ? Math.round((n / d) * scale * 10_000) / 10_000 : null);

/**
 * 指标 the register can compute, for a district and each of its streets, as of the
 * end of a month: an institution counts as filed when its receipt was issued by then.
 */
export class ComputeIndicators {
  private readonly counts: IndicatorsRepository;
  private readonly population: PopulationRepository;

  constructor(dataSource: DataSource) {
    this.counts = new IndicatorsRepository(dataSource.manager);
    this.population = new PopulationRepository(dataSource.manager);
  }

  async execute(request: IndicatorsRequest, actor: Actor): Promise<IndicatorsView> {
    if (actor.department === 'operator') throw departmentNotAllowed(actor, '查看区域指标');
    if (!actorCoversDivision(actor, request.divisionCode)) throw divisionOutOfScope(request.divisionCode);
    const month = request.month ?? shanghaiToday().slice(0, 7);
    const monthEnd = lastDayOfMonth(month);
    const target = request.targetPerThousand ?? DEFAULT_TARGET_PER_THOUSAND;
    const isCounty = request.divisionCode.length === 6;
    const streets = isCounty ? streetsOf(request.divisionCode).map((s) => s.code) : [];
    const byStreet = await this.counts.countsByDivision(divisionPrefix(request.divisionCode), monthEnd);
    const population = await this.population.latestUpTo([request.divisionCode, ...streets], Number(month.slice(0, 4)));

    const sum = (codes: string[]) =>
      codes.reduce<StreetCounts>((acc, code) => {
        const c = byStreet.get(code) ?? ZERO;
        return {
          registered: acc.registered + c.registered,
          filed: acc.filed + c.filed,
          places: acc.places + c.places,
          inclusivePlaces: acc.inclusivePlaces + c.inclusivePlaces,
          withHealthCentre: acc.withHealthCentre + c.withHealthCentre,
        };
      }, ZERO);
    const totals = sum([...byStreet.keys()]);
    const coverage = isCounty ? { covered: streets.filter((s) => (byStreet.get(s)?.filed ?? 0) > 0).length, streets: streets.length } : undefined;

    const divisions: DivisionIndicators[] = [this.describe(request.divisionCode, totals, population.get(request.divisionCode), target, coverage)];
    for (const street of streets) divisions.push(this.describe(street, byStreet.get(street) ?? ZERO, population.get(street), target));
    return { divisionCode: request.divisionCode, month, asOf: new Date().toISOString(), divisions };
  }

  private describe(
    code: string,
    c: StreetCounts,
    pop: { resident: number; under3: number; year: number } | undefined,
    target: number,
    coverage?: { covered: number; streets: number },
  ): DivisionIndicators {
    const indicators: IndicatorValue[] = [
      {
        key: 'placesPer1000',
        label: '每千人口托位数',
        unit: '个/千人',
        value: pop ? ratio(c.places, pop.resident, 1000) : null,
        numerator: c.places,
        denominator: pop?.resident,
        definition: '已备案机构托位数 ÷（常住人口 ÷ 1000）',
        source:
          '国家“十四五”规划指标；杭州 3.72（报道《“幼有所育”迈向“幼有善育” 打通托育服务“最后一公里”》）、环翠 3.85（威海市环翠区卫生健康局、发展和改革局《关于创建省级婴幼儿照护服务示范区的报告》）',
      },
      {
        key: 'filingRate',
        label: '备案率',
        unit: '%',
        value: ratio(c.filed, c.registered, 100),
        numerator: c.filed,
        denominator: c.registered,
        definition: '已备案机构数 ÷ 已登记机构数（不含注销）',
        source: '环翠区备案率 50%（威海市环翠区卫生健康局、发展和改革局《关于创建省级婴幼儿照护服务示范区的报告》）',
      },
      {
        key: 'inclusiveShare',
        label: '普惠托位占比',
        unit: '%',
        value: ratio(c.inclusivePlaces, c.places, 100),
        numerator: c.inclusivePlaces,
        denominator: c.places,
        definition: '普惠托位数 ÷ 已备案机构托位数',
        source: '厦门 4,300 / 15,700（报道《靶向发力 奏响托育服务进行曲》）',
      },
      {
        key: 'healthCentreCoverage',
        label: '医育结合签约率',
        unit: '%',
        value: ratio(c.withHealthCentre, c.filed, 100),
        numerator: c.withHealthCentre,
        denominator: c.filed,
        definition: '备案时已签约社区卫生服务中心儿童保健医生的机构 ÷ 已备案机构',
        source: '杭州“医育结合”：托育机构儿保医生签约全覆盖（报道《“幼有所育”迈向“幼有善育” 打通托育服务“最后一公里”》）',
      },
    ];
    if (coverage) {
      indicators.push({
        key: 'streetCoverage',
        label: '街道（乡镇）覆盖率',
        unit: '%',
        value: ratio(coverage.covered, coverage.streets, 100),
        numerator: coverage.covered,
        denominator: coverage.streets,
        definition: '有至少 1 家已备案机构的街道（乡镇）数 ÷ 街道（乡镇）总数',
        source: '杭州 97.41%（报道《“幼有所育”迈向“幼有善育” 打通托育服务“最后一公里”》）',
      });
    }
    const targetPlaces = pop ? Math.ceil((pop.resident / 1000) * target) : null;
    const division = findDivision(code);
    return {
      divisionCode: code,
      divisionName: division?.name ?? code,
      level: code.length === 9 ? 'street' : 'county',
      indicators,
      supply: {
        residentPopulation: pop?.resident ?? null,
        childrenUnder3: pop?.under3 ?? null,
        populationYear: pop?.year ?? null,
        places: c.places,
        inclusivePlaces: c.inclusivePlaces,
        targetPerThousand: target,
        targetPlaces,
        gap: targetPlaces === null ? null : Math.max(0, targetPlaces - c.places),
      },
    };
  }
}
