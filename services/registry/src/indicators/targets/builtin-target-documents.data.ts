/**
 * 发展目标 as rule documents (family `target`): the targets a division's indicators are
 * compared with, each at the level that set it. A target judges no institution; it is shown
 * beside the division's figure on the indicator dashboard. A lower level replaces a higher
 * level's target of the same key (拱墅区's own 每千人口托位数 target in place of the national one)
 * or adds its own. Only published targets are here; a department publishes its own with
 * POST /api/v1/indicator-targets.
 */
import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { TargetRuleDocument } from './target-rule-body.js';

const PUBLIC_SERVICE_PLAN = { title: '“十四五”公共服务规划', documentNo: '发改社会〔2021〕1946号', article: '“十四五”公共服务发展主要指标：幼有所育' } as const;

/** The national 2025 target for 每千人口拥有3岁以下婴幼儿托位数. */
export const NATIONAL_TARGETS_2021: TargetRuleDocument = {
  family: 'target',
  documentKey: 'national-childcare-targets',
  version: 'national-childcare-targets/2021.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: '“十四五”婴幼儿照护服务发展目标',
  sources: [PUBLIC_SERVICE_PLAN],
  effectiveFrom: '2021-12-28',
  effectiveTo: null,
  rules: [
    {
      key: 'placesPer1000',
      title: '到 2025 年每千人口拥有 3 岁以下婴幼儿托位数达到 4.5 个',
      composition: 'adds',
      sources: [PUBLIC_SERVICE_PLAN],
      body: { indicator: 'placesPer1000', value: 4.5, direction: 'atLeast', byYear: 2025 },
    },
  ],
};

const GONGSHU_TARGETS = {
  title: '杭州市拱墅区婴幼儿照护服务发展目标（区卫生健康部门公开发布）',
  article: '力争到2025年每千人口拥有3岁以下婴幼儿托位数4.6个，婴幼儿健康管理率达到95%以上',
} as const;

/** 拱墅区's own 2025 targets: a higher 托位 target than the nation's, and one for 婴幼儿健康管理率. */
export const GONGSHU_TARGETS_2022: TargetRuleDocument = {
  family: 'target',
  documentKey: 'gongshu-childcare-targets',
  version: 'gongshu-childcare-targets/2022.1',
  jurisdiction: '330105',
  title: '拱墅区婴幼儿照护服务发展目标',
  sources: [GONGSHU_TARGETS],
  effectiveFrom: '2022-01-01',
  effectiveTo: null,
  rules: [
    {
      key: 'placesPer1000',
      title: '到 2025 年每千人口拥有 3 岁以下婴幼儿托位数 4.6 个',
      composition: 'replaces',
      sources: [GONGSHU_TARGETS],
      body: { indicator: 'placesPer1000', value: 4.6, direction: 'atLeast', byYear: 2025 },
    },
    {
      key: 'healthManagementRate',
      title: '到 2025 年婴幼儿健康管理率达到 95% 以上',
      composition: 'adds',
      sources: [GONGSHU_TARGETS],
      body: { indicator: 'healthManagementRate', value: 95, direction: 'atLeast', byYear: 2025 },
    },
  ],
};

export const BUILT_IN_TARGET_DOCUMENTS: readonly TargetRuleDocument[] = [NATIONAL_TARGETS_2021, GONGSHU_TARGETS_2022];
