import { type Actor, divisionPrefix, shanghaiToday } from '@shanyu/common';
import {
  contributionOfCounts,
  indicatorRatio,
  indicatorScope,
  type IndicatorContribution,
  type IndicatorsRequest,
  type IndicatorValue,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { IndicatorsRepository } from './indicators.repository.js';

interface Counts extends Record<string, number> {
  filed: number;
  rostered: number;
  rosteredPlaces: number;
  enrolled: number;
  subsidised: number;
  paidFen: number;
}

const ZERO: Counts = { filed: 0, rostered: 0, rosteredPlaces: 0, enrolled: 0, subsidised: 0, paidFen: 0 };
const GROUP = '收托与补助';

/**
 * 指标 of enrolment and subsidies (在托人数, 托位使用率, 补助) for a district and
 * each of its streets and a month: from the month's current 收托名册 and the posted runs.
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
    const rows = await this.counts.countsByDivision(divisionPrefix(scope.divisionCode), scope.month);
    return contributionOfCounts(scope, rows, ZERO, describe);
  }
}

function describe(c: Counts): IndicatorValue[] {
  return [
    {
      group: GROUP,
      key: 'enrolledChildren',
      label: '在托婴幼儿',
      unit: '人',
      value: c.enrolled,
      definition: '本月已报送收托名册（现行版本）中的婴幼儿人数',
      source: '各机构按月报送的收托名册（补助依据实际收托数）',
    },
    {
      group: GROUP,
      key: 'placeUtilisation',
      label: '托位使用率',
      unit: '%',
      value: indicatorRatio(c.enrolled, c.rosteredPlaces, 100),
      numerator: c.enrolled,
      denominator: c.rosteredPlaces,
      definition: '在托婴幼儿数 ÷ 已报送本月名册机构的备案托位数',
      source: '环翠区托位使用率 26.56%（威海市环翠区卫生健康局、发展和改革局《关于创建省级婴幼儿照护服务示范区的报告》）',
    },
    {
      group: GROUP,
      key: 'rosterSubmissionRate',
      label: '名册报送率',
      unit: '%',
      value: indicatorRatio(c.rostered, c.filed, 100),
      numerator: c.rostered,
      denominator: c.filed,
      definition: '已报送本月收托名册的机构 ÷ 已备案机构（当前）',
      source: '收托名册按月报送（本平台口径）',
    },
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
