import { type Fen, lastDayOfMonth, monthsBetween, multiplyFen } from '@shanyu/common';
import {
  BIRTH_ORDER_LABELS,
  CARE_FORM_LABELS,
  CLASS_TYPE_LABELS,
  CREDIT_GRADE_LABELS,
  type BirthOrder,
  type CareForm,
  type ClassType,
  type CreditGrade,
  type DemonstrationRecord,
  type EligibilityCheck,
  type InstitutionStatus,
  type LineStatus,
  type PlacesByClass,
  type PolicyRuleKind,
} from '@shanyu/contracts';
import { percent, yuan } from '../domain/format.js';
import { inPublicationOn, type SeriousListing } from '../domain/serious-listing.js';
import {
  type ChildcareAllowanceParams,
  type DemonstrationAwardParams,
  eligibilityKey,
  type OpeningGrantParams,
  type PerChildByBirthOrderParams,
  type PerChildByClassParams,
  type Policy,
  type PolicyRule,
} from '../policies/policy.js';

/**
 * The subsidy calculation for one institution and one month: pure, deterministic, no I/O.
 * Every line carries the policy version, the inputs it used and a Chinese explanation made
 * from them, so the same month computed again (or explained years later) gives the same lines.
 */

/** What the subsidy service knows about an institution on the last day of a month. */
export interface InstitutionMonth {
  institutionId: string;
  name: string;
  divisionCode: string;
  places: PlacesByClass;
  totalPlaces: number;
  /** Registry status on the month's last day (null: not known then). */
  status: InstitutionStatus | null;
  /** 普惠 accreditation in force on the month's last day. */
  inclusive: { grantedOn: string; priceCapFen: number; inclusivePlaces: number } | null;
  /** Credit grade on the month's last day; null when the credit service has published none (counted as B). */
  creditGrade: CreditGrade | null;
  /** Critical findings open on the month's last day (item codes or ids). */
  openCriticalFindings: string[];
  /** Staff certificate rate (basis points) when known. */
  certificateRateBp: number | null;
  /** Serious-breach listings (严重失信主体名单) whose publication began by the month's last day; the check judges which still run then. */
  seriousListings: SeriousListing[];
  demonstrations: DemonstrationRecord[];
  /** One-off grants already paid by other runs: `opening`, `demonstration:<year>` → the month paid. */
  paidOnce: Record<string, string>;
}

export interface RosterChild {
  lineNo: number;
  childKey: string;
  birthMonth: string;
  birthOrder: BirthOrder;
  classType: ClassType;
  careForm: CareForm;
  daysAttended: number;
}

export interface RosterMonth {
  rosterId: string;
  version: number;
  openDays: number;
  children: RosterChild[];
}

export interface ComputedLine {
  lineKey: string;
  /** The regular line's key this amount belongs to (its own key for a regular line). */
  origKey: string;
  period: string;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  childKey: string | null;
  rosterLineNo: number | null;
  policyKey: string;
  policyVersion: string;
  ruleId: string;
  ruleKind: PolicyRuleKind;
  ruleTitle: string;
  status: LineStatus;
  baseFen: Fen;
  amountFen: Fen;
  reasonCode: string | null;
  explanation: string;
  inputs: Record<string, unknown>;
  /** `<policyKey>|<year>` when the policy's annual budget covers the rule. */
  budgetKey: string | null;
}

export interface MonthInput {
  month: string;
  institution: InstitutionMonth;
  roster: RosterMonth | null;
  /** Child keys of this roster that other institutions also claim this month → their ids. */
  duplicates: Map<string, string[]>;
  /** Policy versions in force this month whose division contains the institution. */
  policies: Policy[];
}

const STATUS_LABELS: Record<InstitutionStatus, string> = {
  registered: '已登记未备案',
  filing_submitted: '备案审核中',
  filed: '已备案',
  filing_rejected: '备案未通过',
  deregistered: '已注销',
};

export const lineKeyOf = (period: string, institutionId: string, policyKey: string, ruleId: string, childKey: string | null) =>
  `${period}|${institutionId}|${policyKey}/${ruleId}|${childKey ?? '-'}`;

interface CheckOutcome {
  check: EligibilityCheck;
  passed: boolean;
  /** Chinese: why it failed, or a note (e.g. data not available). */
  text: string | null;
}

/** Judges an institution against the eligibility conditions a rule requires, on the month's last day. */
export function checkEligibility(policy: Policy, rule: PolicyRule, inst: InstitutionMonth, month: string): CheckOutcome[] {
  const day = lastDayOfMonth(month);
  return rule.requires.map((check): CheckOutcome => {
    switch (check) {
      case 'filed':
        return inst.status === 'filed'
          ? { check, passed: true, text: null }
          : { check, passed: false, text: `截至 ${day} 机构未备案（${inst.status ? STATUS_LABELS[inst.status] : '尚无登记信息'}）` };
      case 'inclusive':
        return inst.inclusive ? { check, passed: true, text: null } : { check, passed: false, text: `截至 ${day} 机构未获普惠认定` };
      case 'credit_grade': {
        const grade = inst.creditGrade ?? 'B';
        const excluded = policy.eligibility.creditGrade?.excluded ?? [];
        const note = inst.creditGrade ? null : `信用服务尚未发布等级，按 B 级（${CREDIT_GRADE_LABELS.B}）计`;
        return excluded.includes(grade)
          ? { check, passed: false, text: `信用等级为 ${grade} 级（${CREDIT_GRADE_LABELS[grade]}），本政策 ${excluded.join('、')} 级不予补助` }
          : { check, passed: true, text: note };
      }
      case 'no_open_critical_finding':
        return inst.openCriticalFindings.length === 0
          ? { check, passed: true, text: null }
          : {
              check,
              passed: false,
              text: `截至 ${day} 有 ${inst.openCriticalFindings.length} 项严重问题尚未整改（${inst.openCriticalFindings.slice(0, 3).join('、')}）`,
            };
      case 'certificate_rate': {
        const min = policy.eligibility.certificateRate?.minBp ?? 0;
        if (inst.certificateRateBp === null) return { check, passed: true, text: '未取得从业人员持证率数据，本项未核验' };
        return inst.certificateRateBp >= min
          ? { check, passed: true, text: null }
          : { check, passed: false, text: `从业人员持证率 ${percent(inst.certificateRateBp)} 低于 ${percent(min)}` };
      }
      case 'not_seriously_listed': {
        const listed = inst.seriousListings.filter((l) => inPublicationOn(l, day));
        if (listed.length === 0) return { check, passed: true, text: null };
        const each = listed.map((l) => `${l.decisionNo ?? `认定 ${l.listingId}`}，${l.publishedFrom} 起公示、${l.publishedUntil} 期满`);
        return { check, passed: false, text: `截至 ${day} 机构在严重失信主体名单公示期内（${each.join('；')}）` };
      }
    }
  });
}

const REASON_CODES: Record<EligibilityCheck, string> = {
  filed: 'NOT_FILED',
  inclusive: 'NOT_INCLUSIVE',
  credit_grade: 'CREDIT_GRADE',
  no_open_critical_finding: 'OPEN_CRITICAL_FINDING',
  certificate_rate: 'CERTIFICATE_RATE',
  not_seriously_listed: 'SERIOUSLY_LISTED',
};

interface Amount {
  /** null: the rule does not concern this child (no line at all). */
  baseFen: Fen | null;
  /** Why the child gets nothing from an applicable rule. */
  refusal?: { code: string; text: string };
  formula: string;
  inputs: Record<string, unknown>;
}

function perChild(
  rate: Fen | undefined,
  rateLabel: string,
  factors: Partial<Record<CareForm, number>>,
  proRata: boolean,
  child: RosterChild,
  openDays: number,
): Amount {
  const factorBp = factors[child.careForm] ?? 0;
  const inputs = { rateFen: rate ?? null, careForm: child.careForm, factorBp, daysAttended: child.daysAttended, openDays, attendanceProRata: proRata };
  if (rate === undefined) return { baseFen: 0, refusal: { code: 'CLASS_NOT_COVERED', text: `${rateLabel}不在本项补助范围` }, formula: '', inputs };
  if (factorBp === 0)
    return { baseFen: 0, refusal: { code: 'CARE_FORM_NOT_COVERED', text: `${CARE_FORM_LABELS[child.careForm]}不在本项补助范围` }, formula: '', inputs };
  if (proRata && child.daysAttended === 0) return { baseFen: 0, refusal: { code: 'NO_ATTENDANCE', text: `本月出勤 0/${openDays} 天` }, formula: '', inputs };
  const amount = proRata ? multiplyFen(rate, factorBp * child.daysAttended, 10_000 * openDays) : multiplyFen(rate, factorBp, 10_000);
  const parts = [`${rateLabel} ${yuan(rate)}/人·月`];
  if (factorBp !== 10_000) parts.push(`${CARE_FORM_LABELS[child.careForm]} ${percent(factorBp)}`);
  if (proRata) parts.push(`${child.daysAttended}/${openDays} 天`);
  return { baseFen: amount, formula: `${parts.join(' × ')} = ${yuan(amount)}`, inputs };
}

function childAmount(rule: PolicyRule, child: RosterChild, roster: RosterMonth, month: string): Amount {
  switch (rule.kind) {
    case 'per_child_by_class': {
      const p = rule.params as PerChildByClassParams;
      return perChild(p.amountFenByClass[child.classType], CLASS_TYPE_LABELS[child.classType], p.careFormFactorBp, p.attendanceProRata, child, roster.openDays);
    }
    case 'per_child_by_birth_order': {
      const p = rule.params as PerChildByBirthOrderParams;
      const rate = p.amountFenByBirthOrder[String(child.birthOrder) as '1' | '2' | '3'];
      if (rate === undefined) return { baseFen: null, formula: '', inputs: {} };
      const amount = perChild(rate, BIRTH_ORDER_LABELS[child.birthOrder], p.careFormFactorBp, p.attendanceProRata, child, roster.openDays);
      return { ...amount, inputs: { ...amount.inputs, birthOrder: child.birthOrder } };
    }
    case 'childcare_allowance': {
      const p = rule.params as ChildcareAllowanceParams;
      const age = monthsBetween(child.birthMonth, month);
      const inputs = { birthMonth: child.birthMonth, ageMonths: age, monthlyFen: p.monthlyFen, maxAgeMonths: p.maxAgeMonths };
      if (age < 0 || age >= p.maxAgeMonths) {
        return { baseFen: 0, refusal: { code: 'AGE_LIMIT', text: `${month} 月龄 ${age} 个月，已满 ${p.maxAgeMonths} 个月` }, formula: '', inputs };
      }
      return {
        baseFen: p.monthlyFen,
        formula: `${yuan(p.monthlyFen)}/月（不满 ${p.maxAgeMonths} 个月龄按月计发，${month} 月龄 ${age} 个月） = ${yuan(p.monthlyFen)}`,
        inputs,
      };
    }
    default:
      return { baseFen: null, formula: '', inputs: {} };
  }
}

interface InstitutionAward {
  key: string;
  /** Once-key: a grant paid once (`opening`, `demonstration:<year>`). */
  onceKey: string;
  baseFen: Fen;
  formula: string;
  inputs: Record<string, unknown>;
}

function institutionAwards(rule: PolicyRule, inst: InstitutionMonth, month: string): InstitutionAward[] {
  if (rule.kind === 'opening_grant') {
    const p = rule.params as OpeningGrantParams;
    // Due in the month the accreditation was granted (a later-arriving fact becomes an adjustment).
    if (!inst.inclusive || inst.inclusive.grantedOn.slice(0, 7) !== month) return [];
    return [
      {
        key: '-',
        onceKey: 'opening',
        baseFen: p.amountFen,
        formula: `${inst.inclusive.grantedOn} 获普惠认定，一次性开办补助 ${yuan(p.amountFen)}`,
        inputs: { grantedOn: inst.inclusive.grantedOn, amountFen: p.amountFen },
      },
    ];
  }
  if (rule.kind === 'demonstration_award') {
    const p = rule.params as DemonstrationAwardParams;
    return inst.demonstrations
      .filter((d) => d.designatedOn.slice(0, 7) === month)
      .map((d) => {
        const tier = [...p.tiers].reverse().find((t) => d.places >= t.minPlaces)!;
        return {
          key: '-',
          onceKey: `demonstration:${d.year}`,
          baseFen: tier.amountFen,
          formula: `${d.year} 年度示范性机构（${d.designatedOn} 评定，托位 ${d.places} 个，${tier.minPlaces} 个及以上档） = ${yuan(tier.amountFen)}`,
          inputs: { year: d.year, designatedOn: d.designatedOn, places: d.places, tierMinPlaces: tier.minPlaces, amountFen: tier.amountFen },
        };
      });
  }
  return [];
}

function factsOf(inst: InstitutionMonth, month: string) {
  const day = lastDayOfMonth(month);
  return {
    status: inst.status,
    inclusive: inst.inclusive ? { grantedOn: inst.inclusive.grantedOn } : null,
    creditGrade: inst.creditGrade ?? 'B',
    creditGradePublished: inst.creditGrade !== null,
    openCriticalFindings: inst.openCriticalFindings.length,
    certificateRateBp: inst.certificateRateBp,
    seriousListings: inst.seriousListings.filter((l) => inPublicationOn(l, day)).map((l) => l.decisionNo ?? l.listingId),
  };
}

type LineBase = Pick<
  ComputedLine,
  'period' | 'institutionId' | 'institutionName' | 'divisionCode' | 'policyKey' | 'policyVersion' | 'ruleId' | 'ruleKind' | 'ruleTitle' | 'budgetKey'
>;
type Verdict = Pick<ComputedLine, 'status' | 'amountFen' | 'reasonCode' | 'explanation'>;

/** One line as a plain literal (object spread here made a run's hot loop several times slower). */
function line(
  base: LineBase,
  key: string,
  childKey: string | null,
  rosterLineNo: number | null,
  baseFen: Fen,
  verdict: Verdict,
  inputs: Record<string, unknown>,
): ComputedLine {
  return {
    lineKey: key,
    origKey: key,
    period: base.period,
    institutionId: base.institutionId,
    institutionName: base.institutionName,
    divisionCode: base.divisionCode,
    childKey,
    rosterLineNo,
    policyKey: base.policyKey,
    policyVersion: base.policyVersion,
    ruleId: base.ruleId,
    ruleKind: base.ruleKind,
    ruleTitle: base.ruleTitle,
    status: verdict.status,
    baseFen,
    amountFen: verdict.amountFen,
    reasonCode: verdict.reasonCode,
    explanation: verdict.explanation,
    inputs,
    budgetKey: base.budgetKey,
  };
}

/** Lines of one institution for one month under every policy in force for it. */
export function computeInstitutionMonth(input: MonthInput): ComputedLine[] {
  const { month, institution: inst, roster, duplicates, policies } = input;
  const lines: ComputedLine[] = [];
  const year = month.slice(0, 4);
  const facts = factsOf(inst, month);
  for (const policy of policies) {
    const capped = new Set(policy.budget?.rules ?? []);
    for (const rule of policy.rules) {
      const checks = checkEligibility(policy, rule, inst, month);
      // Shared by every line of the rule (the inputs are written as JSON, never mutated).
      const checkList = checks.map((c) => ({ check: c.check, passed: c.passed }));
      const failed = checks.filter((c) => !c.passed);
      const notes = checks.filter((c) => c.passed && c.text).map((c) => c.text!);
      // Each condition that refused names the document it comes from.
      const sources = [...new Set(failed.map((c) => policy.eligibility[eligibilityKey(c.check)]?.source).filter((x): x is string => !!x))];
      const failedSources = sources.length ? `（依据：${sources.join('；')}）` : '';
      const base: LineBase = {
        period: month,
        institutionId: inst.institutionId,
        institutionName: inst.name,
        divisionCode: inst.divisionCode,
        policyKey: policy.policyKey,
        policyVersion: policy.version,
        ruleId: rule.id,
        ruleKind: rule.kind,
        ruleTitle: rule.title,
        budgetKey: capped.has(rule.id) ? `${policy.policyKey}|${year}` : null,
      };
      const judge = (formula: string, baseFen: Fen, refusal: { code: string; text: string } | undefined, childKey: string | null) => {
        let status: LineStatus = 'payable';
        let amount = baseFen;
        let reasonCode: string | null = null;
        let text: string;
        if (failed.length) {
          status = 'ineligible';
          amount = 0;
          reasonCode = REASON_CODES[failed[0]!.check];
          text = `${rule.title}：不予补助——${failed.map((c) => c.text).join('；')}${failedSources}`;
        } else if (refusal) {
          status = 'ineligible';
          amount = 0;
          reasonCode = refusal.code;
          text = `${rule.title}：不予补助——${refusal.text}`;
        } else if (childKey && duplicates.has(childKey)) {
          const others = duplicates.get(childKey)!.filter((id) => id !== inst.institutionId);
          status = 'held';
          amount = 0;
          reasonCode = 'DUPLICATE_CLAIM';
          text = `${rule.title}：${formula}；暂缓发放——该儿童同时在 ${others.length + 1} 家机构的 ${month} 名册中（另见机构 ${others.join('、')}），核实后补发`;
        } else {
          text = `${rule.title}：${formula}`;
        }
        if (notes.length) text += `（${notes.join('；')}）`;
        // The rule's source is not repeated on every line: the line names its policy version and rule, and views add it.
        return { status, amountFen: amount, reasonCode, explanation: `${text}。` };
      };
      if (rule.kind === 'per_child_by_class' || rule.kind === 'per_child_by_birth_order' || rule.kind === 'childcare_allowance') {
        for (const child of roster?.children ?? []) {
          const amount = childAmount(rule, child, roster!, month);
          if (amount.baseFen === null) continue;
          const key = lineKeyOf(month, inst.institutionId, policy.policyKey, rule.id, child.childKey);
          const verdict = judge(amount.formula, amount.baseFen, amount.refusal, child.childKey);
          const inputs: Record<string, unknown> = {
            rosterVersion: roster!.version,
            classType: child.classType,
            birthOrder: child.birthOrder,
            birthMonth: child.birthMonth,
          };
          Object.assign(inputs, amount.inputs);
          inputs.facts = facts;
          inputs.checks = checkList;
          inputs.duplicateOf = duplicates.get(child.childKey) ?? null;
          lines.push(line(base, key, child.childKey, child.lineNo, verdict.status === 'ineligible' ? 0 : amount.baseFen, verdict, inputs));
        }
      } else {
        for (const award of institutionAwards(rule, inst, month)) {
          const key = lineKeyOf(month, inst.institutionId, policy.policyKey, rule.id, null);
          const paidIn = inst.paidOnce[award.onceKey];
          const refusal = paidIn ? { code: 'ALREADY_PAID', text: `已于 ${paidIn} 发放，不重复发放` } : undefined;
          const verdict = judge(award.formula, award.baseFen, refusal, null);
          const inputs: Record<string, unknown> = Object.assign({}, award.inputs, { onceKey: award.onceKey, facts, checks: checkList });
          lines.push(line(base, key, null, null, verdict.status === 'ineligible' ? 0 : award.baseFen, verdict, inputs));
        }
      }
    }
  }
  return lines.sort((a, b) => (a.lineKey < b.lineKey ? -1 : a.lineKey > b.lineKey ? 1 : 0));
}
