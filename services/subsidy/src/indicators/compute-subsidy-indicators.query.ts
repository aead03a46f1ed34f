import { type Actor, addMonthsToMonth, divisionPrefix, shanghaiToday } from '@shanyu/common';
import {
  contributionOfCounts,
  ENROLMENT_INDICATORS as E,
  indicatorOf,
  indicatorRatio,
  indicatorScope,
  type IndicatorContribution,
  type IndicatorsRequest,
  type IndicatorValue,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { type DistinctChildren, IndicatorsRepository } from './indicators.repository.js';

interface Counts extends Record<string, number> {
  operating: number;
  rostered: number;
  rosterEntries: number;
  subsidised: number;
  paidFen: number;
}

const ZERO: Counts = { operating: 0, rostered: 0, rosterEntries: 0, subsidised: 0, paidFen: 0 };
const NO_CHILDREN = { enrolled: 0, enrolledFiled: 0, under3: 0, under3Filed: 0 };
const GROUP = '收托与补助';

/**
 * 指标 of enrolment and subsidies for a division, each division inside it and a month: children
 * on the month's current 收托名册, each counted once per division (all operating institutions,
 * and filed ones only; under 3 for 入托率), roster lines, 名册报送率 and what posted runs paid.
 * 托位使用率 and 入托率 divide these children by the registry's places and population: the
 * gateway computes them after merging.
 */
export class ComputeSubsidyIndicators {
  private readonly counts: IndicatorsRepository;

  constructor(
    dataSource: DataSource,
    private readonly now: () => Date,
  ) {
    this.counts = new IndicatorsRepository(dataSource.manager);
  }

  async execute(request: IndicatorsRequest, actor: Actor): Promise<IndicatorContribution> {
    const scope = indicatorScope(request, actor, shanghaiToday(this.now()));
    const rows = await this.counts.countsByDivision(scope.countPrefix, scope.month, scope.asOf);
    const children = await this.counts.distinctChildren(
      scope.counted.map((code) => ({ code, prefix: divisionPrefix(code) })),
      scope.month,
      scope.asOf,
      addMonthsToMonth(scope.month, -36),
    );
    const byDivision = new Map(children.map((c) => [c.divisionCode, c]));
    return contributionOfCounts(scope, rows, ZERO, (c, code) => describe(c, byDivision.get(code) ?? NO_CHILDREN));
  }
}

function describe(c: Counts, children: Omit<DistinctChildren, 'divisionCode'>): IndicatorValue[] {
  return [
    indicatorOf(E.enrolledChildren, children.enrolled),
    indicatorOf(E.enrolledChildrenFiled, children.enrolledFiled),
    indicatorOf(E.enrolledUnder3, children.under3),
    indicatorOf(E.enrolledUnder3Filed, children.under3Filed),
    indicatorOf(E.rosterEntries, c.rosterEntries),
    indicatorOf(E.rosterSubmissionRate, indicatorRatio(c.rostered, c.operating, 100), c.rostered, c.operating),
    {
      group: GROUP,
      key: 'childrenSubsidised',
      label: '受补助婴幼儿',
      unit: '人',
      value: c.subsidised,
      definition: '本月已入账（财政批准）的补助批次中，本月应发明细涉及的婴幼儿人数（按机构计）',
      source: '各补助政策版本所列依据（见补助政策）',
    },
    {
      group: GROUP,
      key: 'subsidyPaidFen',
      label: '补助入账金额',
      unit: '分',
      value: c.paidFen,
      definition: '本月补助批次经财政批准后记入台账的金额合计（含调整，以分计，页面按元显示）',
      source: '补助台账：财政批准后入账（本平台口径）',
    },
  ];
}
