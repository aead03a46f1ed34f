import { type Actor, shanghaiToday } from '@shanyu/common';
import { contributionOfCounts, indicatorScope, type IndicatorContribution, type IndicatorsRequest, type IndicatorValue } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { CreditModel } from '../model/credit-model.js';
import type { CreditModelStore } from '../model/credit-rule-documents.js';
import { CreditIndicatorRepository } from './credit-indicator.repository.js';

interface Counts extends Record<string, number> {
  A: number;
  B: number;
  C: number;
  D: number;
  repairsPending: number;
  repairsApproved: number;
}

const ZERO: Counts = { A: 0, B: 0, C: 0, D: 0, repairsPending: 0, repairsApproved: 0 };
const GROUP = '信用监管';
const REPAIR_SOURCE = '信用修复（《失信行为纠正后的信用信息修复管理办法（试行）》国家发展改革委令 2023 年第 58 号）';
const gradeLabel = (model: CreditModel, grade: string) => `${grade} 级（${model.grades.find((g) => g.grade === grade)?.label ?? grade}）`;

/**
 * 指标 of credit supervision (the grade distribution, 信用修复) for a district
 * and each of its streets: the grades as they stand (recomputed daily), and 信用修复 decided in the month.
 */
export class ComputeCreditIndicators {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: CreditModelStore,
    private readonly now: () => Date,
  ) {}

  async execute(request: IndicatorsRequest, actor: Actor): Promise<IndicatorContribution> {
    const scope = indicatorScope(request, actor, shanghaiToday(this.now()));
    const rows = await new CreditIndicatorRepository(this.dataSource).counts(scope.countPrefix, scope.monthStart, scope.monthEnd);
    const models = await this.models.current(this.dataSource);
    // Each division's figures name the model its institutions are judged by (the national default, or its own scheme).
    return contributionOfCounts(scope, rows, ZERO, (c, divisionCode) => this.describe(c, models.judging(divisionCode, scope.asOf)));
  }

  private describe(c: Counts, model: CreditModel): IndicatorValue[] {
    const graded = c.A + c.B + c.C + c.D;
    const source = `${model.jurisdictionName}适用的信用评价模型：${model.documents.map((d) => `${d.title}（${d.version}）`).join('；')}`;
    const grades = (['A', 'B', 'C', 'D'] as const).map((g): IndicatorValue => ({
      group: GROUP,
      key: `creditGrade${g}`,
      label: gradeLabel(model, g),
      unit: '家',
      value: c[g],
      numerator: c[g],
      denominator: graded,
      definition: `当前评为 ${g} 级的机构数 / 已评级机构数（每日按机构所在区划适用的信用模型重算；任一部门的 D 级触发事项使机构整体为 D）`,
      source,
    }));
    return [
      ...grades,
      {
        group: GROUP,
        key: 'creditRepairsPending',
        label: '待决信用修复申请',
        unit: '件',
        value: c.repairsPending,
        definition: '尚未由卫生健康部门决定的信用修复申请（当前）',
        source: REPAIR_SOURCE,
      },
      {
        group: GROUP,
        key: 'creditRepairsApproved',
        label: '本月批准信用修复',
        unit: '件',
        value: c.repairsApproved,
        definition: '本月批准的信用修复申请件数',
        source: REPAIR_SOURCE,
      },
    ];
  }
}
