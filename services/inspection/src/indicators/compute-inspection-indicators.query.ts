import { type Actor, shanghaiToday } from '@shanyu/common';
import {
  contributionOfCounts,
  indicatorRatio,
  indicatorScope,
  type IndicatorContribution,
  type IndicatorsRequest,
  type IndicatorValue,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { IndicatorRepository } from './indicator.repository.js';

interface Counts extends Record<string, number> {
  scheduled: number;
  scheduledDone: number;
  completed: number;
  due: number;
  dueOnTime: number;
  open: number;
  overdue: number;
  complaints: number;
  substantiated: number;
  penalties: number;
  fineFen: number;
}

const ZERO: Counts = {
  scheduled: 0,
  scheduledDone: 0,
  completed: 0,
  due: 0,
  dueOnTime: 0,
  open: 0,
  overdue: 0,
  complaints: 0,
  substantiated: 0,
  penalties: 0,
  fineFen: 0,
};
const GROUP = '综合监管';

/**
 * 指标 of joint supervision (inspections done vs planned, on-time rectification, complaints) for a district and each of its streets and a month. Open and
 * overdue findings are counted as they stood on the month's last day (today while it runs).
 */
export class ComputeInspectionIndicators {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async execute(request: IndicatorsRequest, actor: Actor): Promise<IndicatorContribution> {
    const scope = indicatorScope(request, actor, shanghaiToday(this.now()));
    const rows = await new IndicatorRepository(this.dataSource.manager).countsByDivision(scope.countPrefix, scope.monthStart, scope.monthEnd, scope.asOf);
    return contributionOfCounts(scope, rows, ZERO, describe);
  }
}

function describe(c: Counts): IndicatorValue[] {
  return [
    {
      group: GROUP,
      key: 'inspectionCompletion',
      label: '检查完成率（完成 / 计划）',
      unit: '%',
      value: indicatorRatio(c.scheduledDone, c.scheduled, 100),
      numerator: c.scheduledDone,
      denominator: c.scheduled,
      definition: '计划日期在本月的联合检查中，月末前各部门均已签字完成的比例',
      source: '“双随机、一公开”抽查（国发〔2019〕5号）；镇街牵头联合检查（西政办函〔2021〕15号 二(四)2）',
    },
    {
      group: GROUP,
      key: 'inspectionsCompleted',
      label: '本月完成检查',
      unit: '次',
      value: c.completed,
      definition: '本月内完成（各部门均已签字）的联合检查次数，含专项、投诉核查与复查',
      source: '镇街牵头、各部门一次联合检查（西政办函〔2021〕15号 二(四)2）',
    },
    {
      group: GROUP,
      key: 'rectificationOnTimeRate',
      label: '按期整改率',
      unit: '%',
      value: indicatorRatio(c.dueOnTime, c.due, 100),
      numerator: c.dueOnTime,
      denominator: c.due,
      definition: '整改期限在本月且已届满的问题中，在期限内报告整改并经核查已整改的比例',
      source: '整改期限按工作日计算（本平台口径）',
    },
    {
      group: GROUP,
      key: 'findingsOpen',
      label: '待整改问题',
      unit: '项',
      value: c.open,
      definition: '月末（或今日）尚未核查结案的检查发现问题数',
      source: '检查发现问题经核查整改后结案（本平台口径）',
    },
    {
      group: GROUP,
      key: 'findingsOverdue',
      label: '逾期未整改问题',
      unit: '项',
      value: c.overdue,
      definition: '月末（或今日）已过整改期限仍未结案的问题数',
      source: '检查发现问题经核查整改后结案（本平台口径）',
    },
    {
      group: GROUP,
      key: 'complaintsReceived',
      label: '投诉举报',
      unit: '件',
      value: c.complaints,
      definition: '本月收到的投诉举报件数（按接收日期，北京时间）',
      source: '公众投诉举报，按接收日期统计（本平台口径）',
    },
    {
      group: GROUP,
      key: 'complaintsSubstantiated',
      label: '查实投诉',
      unit: '件',
      value: c.substantiated,
      definition: '本月办结且经核查属实的投诉举报件数',
      source: '投诉举报核查属实并办结（本平台口径）',
    },
    {
      group: GROUP,
      key: 'penaltiesIssued',
      label: '行政处罚',
      unit: '件',
      value: c.penalties,
      definition: '本月作出的行政处罚决定件数（处罚清单内事项）',
      source: '各部门依据法定职责查处（西政办函〔2021〕15号 二(四)2），限行政处罚事项清单内事项',
    },
    {
      group: GROUP,
      key: 'penaltyFinesFen',
      label: '罚款金额',
      unit: '分',
      value: c.fineFen,
      definition: '本月行政处罚决定的罚款合计（以分计，页面按元显示）',
      source: '行政处罚事项清单所列法律规定的罚款幅度',
    },
  ];
}
