import type { DivisionIndicators, IndicatorValue } from './indicator.contracts.js';

/**
 * The supply and enrolment indicators (托位、备案、收托) as one set of definitions: the registry,
 * the subsidy service and the gateway each fill in the figures they hold, with the label,
 * definition and source written here once. Every figure over all operating institutions has a
 * filed-only figure beside it (`filedOnlyOf`), so that a district's published figure (counted
 * over every operating institution, as districts publish it) and the figure over filed
 * institutions are never confused.
 */
export type IndicatorDefinition = Omit<IndicatorValue, 'value' | 'numerator' | 'denominator'>;

/** The national target and its document (the plan's “幼有所育” indicator). */
const PLAN =
  '《“十四五”公共服务规划》（国家发展改革委等 21 部门联合印发，2022 年 1 月发布）“幼有所育”指标：每千人口拥有 3 岁以下婴幼儿托位数，2020 年 1.8 个，2025 年 4.5 个';
const GUIDANCE = '《国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见》（国办发〔2019〕15号）';
const FILING_RULES = '《托育机构登记和备案办法（试行）》（国卫办人口发〔2019〕25号）';
const SETTING_STANDARD = '《托育机构设置标准（试行）》（国卫人口发〔2019〕58号）';
/** Ratios no national document gives a formula for. */
const PLATFORM = '计算口径为本平台定义（国家文件未规定统一计算公式）';
const ROSTERS = '在托人数依据各托育机构按月报送的收托名册';

/** Who counts as operating on a day: registered by then, not deregistered by then; 成长驿站 are not 托育机构. */
export const OPERATING = '运营中托育机构（已登记、未注销；含幼儿园托班和家庭托育点，不含成长驿站）';
/** Who counts as filed on a day: an approved filing whose receipt was issued by then. */
export const FILED = '已备案机构（已取得备案回执）';

const ENROLMENT = '收托与补助';

export const SUPPLY_INDICATORS = {
  placesPer1000: {
    key: 'placesPer1000',
    label: '每千人口托位数',
    unit: '个/千人',
    definition: `${OPERATING}的托位数 ÷（常住人口 ÷ 1000），按所选月份月末在册的机构和托位计`,
    source: `${PLAN}；托位按${SETTING_STANDARD}的班型登记`,
  },
  placesPer1000Filed: {
    key: 'placesPer1000Filed',
    label: '每千人口托位数（已备案）',
    unit: '个/千人',
    filedOnlyOf: 'placesPer1000',
    definition: `月末${FILED}的托位数 ÷（常住人口 ÷ 1000）`,
    source: `备案：${FILING_RULES}；指标：${PLAN}`,
  },
  kindergartenClassPlaces: {
    key: 'kindergartenClassPlaces',
    label: '其中：幼儿园托班托位数',
    unit: '个',
    definition: '运营中机构中举办主体为幼儿园（幼儿园托班）的托位数，已计入每千人口托位数，单列以便与各地公布的口径核对',
    source: `${PLATFORM}；婴幼儿照护服务的发展要求见${GUIDANCE}`,
  },
  filingRate: {
    key: 'filingRate',
    label: '备案率',
    unit: '%',
    definition: `月末${FILED}数 ÷ 月末${OPERATING}数`,
    source: `托育机构登记后向所在地县级卫生健康部门备案：${FILING_RULES}；${PLATFORM}`,
  },
  inclusiveShare: {
    key: 'inclusiveShare',
    label: '普惠托位占比',
    unit: '%',
    definition: `已获普惠认定的托位数 ÷ ${OPERATING}的托位数`,
    source: `优先支持普惠性婴幼儿照护服务机构：${GUIDANCE}；${PLATFORM}`,
  },
  healthCentreCoverage: {
    key: 'healthCentreCoverage',
    label: '医育结合签约率',
    unit: '%',
    definition: '备案时已签约社区卫生服务中心儿童保健医生的机构 ÷ 已备案机构',
    source: '杭州“医育结合”：托育机构儿保医生签约全覆盖（报道《“幼有所育”迈向“幼有善育” 打通托育服务“最后一公里”》）',
  },
  streetCoverage: {
    key: 'streetCoverage',
    label: '街道（乡镇）覆盖率',
    unit: '%',
    definition: `有至少 1 家${OPERATING}的街道（乡镇）数 ÷ 街道（乡镇）总数`,
    source: PLATFORM,
  },
  streetCoverageFiled: {
    key: 'streetCoverageFiled',
    label: '街道（乡镇）覆盖率（已备案）',
    unit: '%',
    filedOnlyOf: 'streetCoverage',
    definition: `有至少 1 家${FILED}的街道（乡镇）数 ÷ 街道（乡镇）总数`,
    source: PLATFORM,
  },
} as const satisfies Record<string, IndicatorDefinition>;

export const ENROLMENT_INDICATORS = {
  enrolledChildren: {
    group: ENROLMENT,
    key: 'enrolledChildren',
    label: '在托婴幼儿',
    unit: '人',
    definition: '本月现行收托名册中的婴幼儿，按儿童去重：同一儿童在区域内几家机构的名册中只计一次（以身份证号的密钥散列识别）',
    source: ROSTERS,
  },
  enrolledChildrenFiled: {
    group: ENROLMENT,
    key: 'enrolledChildrenFiled',
    label: '在托婴幼儿（已备案机构）',
    unit: '人',
    filedOnlyOf: 'enrolledChildren',
    definition: `月末${FILED}本月名册中的婴幼儿，按儿童去重`,
    source: ROSTERS,
  },
  enrolledUnder3: {
    group: ENROLMENT,
    key: 'enrolledUnder3',
    label: '在托 3 岁以下婴幼儿',
    unit: '人',
    definition: '在托婴幼儿中本月月龄不足 36 个月（按出生年月计）者，按儿童去重',
    source: ROSTERS,
  },
  enrolledUnder3Filed: {
    group: ENROLMENT,
    key: 'enrolledUnder3Filed',
    label: '在托 3 岁以下婴幼儿（已备案机构）',
    unit: '人',
    filedOnlyOf: 'enrolledUnder3',
    definition: `月末${FILED}本月名册中月龄不足 36 个月者，按儿童去重`,
    source: ROSTERS,
  },
  rosterEntries: {
    group: ENROLMENT,
    key: 'rosterEntries',
    label: '名册人次',
    unit: '人次',
    definition: '本月现行收托名册的行数合计：同一儿童在几家机构的名册中即计几次（减去在托婴幼儿，即跨机构重复报送的人次）',
    source: ROSTERS,
  },
  rosterSubmissionRate: {
    group: ENROLMENT,
    key: 'rosterSubmissionRate',
    label: '名册报送率',
    unit: '%',
    definition: `已报送本月收托名册的机构 ÷ 月末${OPERATING}数`,
    source: `${ROSTERS}；${PLATFORM}`,
  },
  placeUtilisation: {
    group: ENROLMENT,
    key: 'placeUtilisation',
    label: '托位使用率',
    unit: '%',
    definition: `在托婴幼儿（按儿童去重）÷ ${OPERATING}的托位数，均按所选月份计`,
    source: `${ROSTERS}；${PLATFORM}`,
  },
  placeUtilisationFiled: {
    group: ENROLMENT,
    key: 'placeUtilisationFiled',
    label: '托位使用率（已备案）',
    unit: '%',
    filedOnlyOf: 'placeUtilisation',
    definition: `${FILED}的在托婴幼儿（按儿童去重）÷ ${FILED}的托位数`,
    source: `${ROSTERS}；${PLATFORM}`,
  },
  enrolmentRate: {
    group: ENROLMENT,
    key: 'enrolmentRate',
    label: '入托率',
    unit: '%',
    definition: '在托 3 岁以下婴幼儿（按儿童去重，全部运营中机构）÷ 3 岁以下婴幼儿数（人口数据）',
    source: `${ROSTERS}；${PLATFORM}`,
  },
  enrolmentRateFiled: {
    group: ENROLMENT,
    key: 'enrolmentRateFiled',
    label: '入托率（已备案机构）',
    unit: '%',
    filedOnlyOf: 'enrolmentRate',
    definition: `${FILED}的在托 3 岁以下婴幼儿（按儿童去重）÷ 3 岁以下婴幼儿数（人口数据）`,
    source: `${ROSTERS}；${PLATFORM}`,
  },
} as const satisfies Record<string, IndicatorDefinition>;

/** n ÷ d × scale, to 4 decimals; null without a denominator or a numerator. */
export const ratioOf = (n: number | null | undefined, d: number | null | undefined, scale = 1): number | null =>
  n === null || n === undefined || !d ? null : Math.round((n / d) * scale * 10_000) / 10_000;

/** An indicator of `definition` with its figures (absent numerator and denominator are left out). */
export function indicatorOf(definition: IndicatorDefinition, value: number | null, numerator?: number | null, denominator?: number | null): IndicatorValue {
  return {
    ...definition,
    value,
    ...(numerator === null || numerator === undefined ? {} : { numerator }),
    ...(denominator === null || denominator === undefined ? {} : { denominator }),
  };
}

/**
 * 托位使用率 and 入托率 (each with its filed-only figure) of one division: they divide the
 * subsidy service's children (from the rosters) by the registry's places and population, so
 * only the party holding both — the gateway, after merging — computes them. Nothing when the
 * subsidy service's figures are missing (the service is down): a rate without its numerator
 * would read as zero enrolment.
 */
export function enrolmentRatios(division: Pick<DivisionIndicators, 'indicators' | 'supply'>): IndicatorValue[] {
  const figure = (key: string) => division.indicators.find((i) => i.key === key)?.value ?? null;
  if (!division.indicators.some((i) => i.key === ENROLMENT_INDICATORS.enrolledChildren.key)) return [];
  const s = division.supply;
  const rate = (definition: IndicatorDefinition, n: number | null, d: number | null) => indicatorOf(definition, ratioOf(n, d, 100), n, d);
  return [
    rate(ENROLMENT_INDICATORS.placeUtilisation, figure('enrolledChildren'), s.places),
    rate(ENROLMENT_INDICATORS.placeUtilisationFiled, figure('enrolledChildrenFiled'), s.filedPlaces),
    rate(ENROLMENT_INDICATORS.enrolmentRate, figure('enrolledUnder3'), s.childrenUnder3),
    rate(ENROLMENT_INDICATORS.enrolmentRateFiled, figure('enrolledUnder3Filed'), s.childrenUnder3),
  ];
}

/**
 * The indicators a development target (发展目标, rule family `target`) may be set for, with the
 * unit a target's value is in. `healthManagementRate` is reported by the maternal and child
 * health system, not computed here: its target is shown without a figure.
 */
export const TARGET_INDICATORS: Readonly<Record<string, { label: string; unit: string }>> = {
  ...Object.fromEntries(
    [
      SUPPLY_INDICATORS.placesPer1000,
      SUPPLY_INDICATORS.placesPer1000Filed,
      SUPPLY_INDICATORS.filingRate,
      SUPPLY_INDICATORS.inclusiveShare,
      SUPPLY_INDICATORS.healthCentreCoverage,
      SUPPLY_INDICATORS.streetCoverage,
      ENROLMENT_INDICATORS.placeUtilisation,
      ENROLMENT_INDICATORS.enrolmentRate,
    ].map((d) => [d.key, { label: d.label, unit: d.unit }]),
  ),
  staffCertificateRate: { label: '从业人员持证率', unit: '%' },
  healthManagementRate: { label: '婴幼儿健康管理率', unit: '%' },
};

/** Each target of the division judged against the division's figure of the same key (once every service's figures are merged in). */
export function judgeTargets(division: Pick<DivisionIndicators, 'indicators' | 'targets'>): void {
  for (const target of division.targets) {
    const actual = division.indicators.find((i) => i.key === target.indicatorKey)?.value ?? null;
    target.actual = actual;
    target.met = actual === null ? null : target.direction === 'atLeast' ? actual >= target.value : actual <= target.value;
  }
}
