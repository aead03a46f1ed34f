import { NATIONAL_JURISDICTION, type RuleSource } from '@shanyu/common';
import type { SupervisionDocument } from './supervision-policy.js';

/**
 * 综合监管 parameters, national (2026). The ratios rise as credit falls, as 国发〔2019〕5号 asks (A 5%,
 * B 10%, C 30%, D 100%). The yearly cap, the repeat window and the rectification deadlines are the
 * platform's defaults for what 国办发〔2024〕54号 asks each place to publish: a province, city,
 * district or street that publishes its own replaces them for itself (POST /api/v1/supervision-policies).
 * A new value is a new version, never an edit of this one.
 */
const DOUBLE_RANDOM: RuleSource = {
  title: '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见',
  documentNo: '国发〔2019〕5号',
};
const ENTERPRISE_INSPECTIONS: RuleSource = { title: '国务院办公厅关于严格规范涉企行政检查的意见', documentNo: '国办发〔2024〕54号' };
const PENALTY_LAW: RuleSource = { title: '中华人民共和国行政处罚法', article: '第四十二条' };

export const SUPERVISION_POLICY_2026: SupervisionDocument = {
  family: 'supervision',
  documentKey: 'supervision-policy',
  version: 'supervision-policy/2026.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: '托育机构综合监管与双随机抽查政策（全国默认，2026 年版）',
  sources: [DOUBLE_RANDOM, ENTERPRISE_INSPECTIONS, PENALTY_LAW],
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  rules: [
    {
      key: 'samplingRatios',
      title: '按信用等级确定抽查比例（A 5%、B 10%、C 30%、D 100%）：信用好、风险低的降低，失信、风险高的提高',
      composition: 'adds',
      sources: [DOUBLE_RANDOM],
      body: { parameter: 'samplingRatios', value: { A: 0.05, B: 0.1, C: 0.3, D: 1 } },
    },
    {
      key: 'minInspectorsPerDepartment',
      title: '每个部门每家机构至少 2 名执法人员',
      composition: 'adds',
      sources: [PENALTY_LAW, DOUBLE_RANDOM],
      body: { parameter: 'minInspectorsPerDepartment', value: 2 },
    },
    {
      key: 'yearlyCap',
      title: '每家机构每年计数检查不超过 3 次（平台默认，地方公布的上限优先）',
      composition: 'adds',
      sources: [ENTERPRISE_INSPECTIONS],
      body: { parameter: 'yearlyCap', value: 3 },
    },
    {
      key: 'capExemptKinds',
      title: '投诉举报核查、整改复查不计入年度上限',
      composition: 'adds',
      sources: [ENTERPRISE_INSPECTIONS],
      body: { parameter: 'capExemptKinds', value: ['complaint', 'reinspection'] },
    },
    {
      key: 'repeatWindowDays',
      title: '同一部门 30 日内再次检查同一机构即预警（平台默认）',
      composition: 'adds',
      sources: [ENTERPRISE_INSPECTIONS],
      body: { parameter: 'repeatWindowDays', value: 30 },
    },
    {
      key: 'rectificationWorkingDays',
      title: '整改期限：重大隐患 1 个工作日，一般问题 10 个工作日，轻微问题 20 个工作日（平台默认）',
      composition: 'adds',
      sources: [ENTERPRISE_INSPECTIONS],
      body: { parameter: 'rectificationWorkingDays', value: { critical: 1, major: 10, minor: 20 } },
    },
    {
      key: 'abbreviatedGrades',
      title: '信用 A 级机构按计划检查时使用简化清单（差异化监管）',
      composition: 'adds',
      sources: [DOUBLE_RANDOM],
      body: { parameter: 'abbreviatedGrades', value: ['A'] },
    },
    {
      key: 'abbreviatedMinRiskWeight',
      title: '简化清单保留基本项和风险权重 4 及以上的事项',
      composition: 'adds',
      sources: [DOUBLE_RANDOM],
      body: { parameter: 'abbreviatedMinRiskWeight', value: 4 },
    },
  ],
};

const FILING_MEASURES: RuleSource = { title: '托育机构登记和备案办法（试行）', documentNo: '国卫办人口发〔2019〕25号' };

/**
 * From 2026-12-01 registered institutions not yet filed are in the 双随机 pool as their own stratum,
 * every one of them drawn each plan: an institution that has not filed has not shown it meets the
 * standards, the highest risk 国发〔2019〕5号 asks to check most (platform default; a place that
 * publishes its own ratio replaces it).
 */
export const SUPERVISION_POLICY_2026_2: SupervisionDocument = {
  ...SUPERVISION_POLICY_2026,
  version: 'supervision-policy/2026.2',
  title: '托育机构综合监管与双随机抽查政策（全国默认，2026 年第 2 版）',
  sources: [...SUPERVISION_POLICY_2026.sources, FILING_MEASURES],
  effectiveFrom: '2026-12-01',
  rules: [
    ...SUPERVISION_POLICY_2026.rules,
    {
      key: 'unfiledSamplingRatio',
      title: '已登记未备案的托育机构单独作为一组纳入抽查，抽查比例 100%（平台默认：未备案机构尚未证明符合设置标准，风险最高）',
      composition: 'adds',
      sources: [DOUBLE_RANDOM, FILING_MEASURES],
      body: { parameter: 'unfiledSamplingRatio', value: 1 },
    },
  ],
};

/**
 * From 2026-12-08 a filing is followed by a first on-site visit (备案后核查) within 30 days: the
 * filing is decided on documents (登记和备案办法), the visit checks that what was filed is what
 * operates. The documents set no number of days: 30 is the platform's default, a place that
 * publishes its own period replaces it.
 */
export const SUPERVISION_POLICY_2026_3: SupervisionDocument = {
  ...SUPERVISION_POLICY_2026_2,
  version: 'supervision-policy/2026.3',
  title: '托育机构综合监管与双随机抽查政策（全国默认，2026 年第 3 版）',
  effectiveFrom: '2026-12-08',
  rules: [
    ...SUPERVISION_POLICY_2026_2.rules,
    {
      key: 'postFilingVisitDays',
      title: '备案后核查：备案通过后 30 日内完成首次现场核查（平台默认：所引文件未规定期限，地方公布的期限优先）',
      composition: 'adds',
      sources: [FILING_MEASURES, ENTERPRISE_INSPECTIONS],
      body: { parameter: 'postFilingVisitDays', value: 30 },
    },
  ],
};

/** The supervision documents shipped with the platform. */
export const BUILT_IN_SUPERVISION_POLICIES: SupervisionDocument[] = [SUPERVISION_POLICY_2026, SUPERVISION_POLICY_2026_2, SUPERVISION_POLICY_2026_3];
