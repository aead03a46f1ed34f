import type { SupervisionPolicy } from './supervision-policy.js';

/**
 * 综合监管 parameters (2026). The ratios are the defaults the issue names (A 5%, B 10%, C 30%,
 * D 100%); the yearly cap and the repeat window are local choices the 2024 State Council rules
 * ask each place to publish; a new value is a new version, never an edit of this one.
 */
export const SUPERVISION_POLICY_2026: SupervisionPolicy = {
  version: 'supervision-policy/2026.1',
  effectiveFrom: '2026-01-01',
  samplingRatios: { A: 0.05, B: 0.1, C: 0.3, D: 1 },
  minInspectorsPerDepartment: 2,
  yearlyCap: 3,
  capExemptKinds: ['complaint', 'reinspection'],
  repeatWindowDays: 30,
  rectificationWorkingDays: { critical: 1, major: 10, minor: 20 },
  abbreviatedGrades: ['A'],
  abbreviatedMinRiskWeight: 4,
  sources: {
    samplingRatios: '“双随机、一公开”（国发〔2019〕5号）；信用分级分类监管（京卫家庭〔2023〕14号：按风险×信用等级确定抽查比例和频次）',
    minInspectorsPerDepartment: '《中华人民共和国行政处罚法》：执法人员不得少于两人；国发〔2019〕5号（随机选派 2 名以上执法检查人员）',
    yearlyCap: '国办发〔2024〕54号：公布对同一企业的年度检查频次上限（上限数值由本地确定：每机构每年 3 次计数检查）',
    capExemptKinds: '国办发〔2024〕54号：投诉举报核查、整改复查不属于计数的例行检查（本地解释）',
    repeatWindowDays: '国办发〔2024〕54号：重复检查预警（本地确定：同一部门 30 日内再次检查即预警）',
    rectificationWorkingDays: '本地整改期限：重大隐患（critical）1 个工作日，一般问题（major）10 个工作日，轻微问题（minor）20 个工作日',
    abbreviatedGrades: '差异化监管：信用良好（A 级）机构使用简化清单（参照美国华盛顿州对守规良好机构的简化检查 differential monitoring）',
  },
};
