import { type Actor } from '@shanyu/common';
import {
  addCounts,
  contributionOf,
  indicatorRatio,
  indicatorScope,
  type IndicatorContribution,
  type IndicatorsRequest,
  type IndicatorValue,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import type { StaffRules } from '../rules/staff-rules.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { StaffStatistics } from '../stats/staff-stats.js';

interface Counts extends Record<string, number> {
  activeStaff: number;
  required: number;
  holding: number;
  healthRequired: number;
  healthHolding: number;
  recheckOverdue: number;
  flagged: number;
  ratioBreaches: number;
}

const CLASS_LABELS: Record<string, string> = { infant: '乳儿班', toddler: '托小班', older: '托大班', mixed: '混龄班' };

const ZERO: Counts = { activeStaff: 0, required: 0, holding: 0, healthRequired: 0, healthHolding: 0, recheckOverdue: 0, flagged: 0, ratioBreaches: 0 };

/**
 * 指标 from the staff records for a district and each of its streets: the
 * staff currently employed, their credentials judged on the month's last day (today while the
 * month runs), by the same statistics as GET /staff-stats.
 */
export class ComputeStaffIndicators {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: StaffStatistics,
    private readonly book: StaffRuleStore,
  ) {}

  async execute(request: IndicatorsRequest, actor: Actor, today?: string): Promise<IndicatorContribution> {
    const scope = indicatorScope(request, actor, today);
    const { manager } = this.dataSource;
    const institutions = await new InstitutionRepository(manager).inDivisions([scope.countPrefix]);
    const stats = await this.statistics.of(manager, institutions, scope.asOf);
    const byDivision = new Map<string, Counts>();
    for (const s of stats) {
      const c: Counts = {
        activeStaff: s.activeStaff,
        required: s.certificate.required,
        holding: s.certificate.holding,
        healthRequired: s.healthCertificate.required,
        healthHolding: s.healthCertificate.holding,
        recheckOverdue: s.recheckOverdue,
        flagged: s.flagged,
        ratioBreaches: s.activeStaff > 0 && s.ratios.some((r) => r.breached) ? 1 : 0,
      };
      byDivision.set(s.divisionCode, addCounts(byDivision.get(s.divisionCode) ?? ZERO, c));
    }
    const book = await this.book.current(manager);
    return contributionOf(scope, byDivision, ZERO, addCounts, (c, divisionCode) => this.describe(c, book.for(divisionCode, scope.asOf)));
  }

  /** The figures of one division, each defined by the staff rules of that division (its 持证率 target, if it has one). */
  private describe(c: Counts, rules: StaffRules): IndicatorValue[] {
    const target = rules.certificateRateTarget;
    const carers = rules.roleRequirements.find((r) => r.role === 'carer')?.source ?? rules.ratios[0]!.source;
    return [
      {
        group: '从业人员',
        key: 'staffCertificateRate',
        label: '从业人员持证率',
        unit: '%',
        value: indicatorRatio(c.holding, c.required, 100),
        numerator: c.holding,
        denominator: c.required,
        definition: target
          ? `岗位要求持证的在岗人员中持有有效资格证书者的比例（${target.jurisdictionName}目标：${target.byYear ? `到 ${target.byYear} 年` : ''}≥ ${target.targetBp / 100}%）`
          : '岗位要求持证的在岗人员中持有有效资格证书者的比例（本区划及上级未设持证率目标）',
        source: target?.source ?? `岗位持证要求：${carers}`,
      },
      {
        group: '从业人员',
        key: 'healthCertificateRate',
        label: '健康证明持有率',
        unit: '%',
        value: indicatorRatio(c.healthHolding, c.healthRequired, 100),
        numerator: c.healthHolding,
        denominator: c.healthRequired,
        definition: '须持健康证明的在岗人员中健康证明在有效期内者的比例（月末或今日）',
        source: rules.credentialTypes.health_certificate.source,
      },
      {
        group: '从业人员',
        key: 'activeStaff',
        label: '在岗从业人员',
        unit: '人',
        value: c.activeStaff,
        definition: '已登记机构的在岗从业人员数（未离职）',
        source: '托育机构从业人员登记（本平台口径：已登记机构、未离职）',
      },
      {
        group: '从业人员',
        key: 'recheckOverdue',
        label: '年度查询逾期人数',
        unit: '人',
        value: c.recheckOverdue,
        definition: `距上次违法犯罪记录查询超过 ${rules.recheck.intervalMonths} 个月的在岗人员`,
        source: rules.recheck.source,
      },
      {
        group: '从业人员',
        key: 'staffFlagged',
        label: '禁业/查询异常人员',
        unit: '人',
        value: c.flagged,
        definition: '在岗人员中命中禁业名单或查询结果异常、尚未解除的人数',
        source: '《中华人民共和国未成年人保护法》第六十二条',
      },
      {
        group: '从业人员',
        key: 'ratioBreachInstitutions',
        label: '师生比不达标机构',
        unit: '家',
        value: c.ratioBreaches,
        definition: `按最近一期收托名册，任一班型保育人员少于标准（${rules.ratios.map((r) => `${CLASS_LABELS[r.classType] ?? r.classType} 1:${r.childrenPerCarer}`).join('、')}）的机构数`,
        source: rules.ratios[0]!.source,
      },
    ];
  }
}
