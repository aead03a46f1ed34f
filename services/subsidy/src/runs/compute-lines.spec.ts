import { sumFen } from '@shanyu/common';
import type { PolicyDocument } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_POLICIES } from '../policies/builtin-policies.data.js';
import { loadPolicy, type Policy } from '../policies/policy.js';
import { allocateLargestRemainder } from './budget-cap.js';
import { computeInstitutionMonth, type InstitutionMonth, type MonthInput, type RosterChild } from './compute-lines.js';

const builtIn = (key: string) => loadPolicy(structuredClone(BUILT_IN_POLICIES.find((p) => p.policyKey === key)!));
const builtInVersion = (version: string) => loadPolicy(structuredClone(BUILT_IN_POLICIES.find((p) => p.version === version)!));
const hangzhou = builtIn('hangzhou-inclusive-operating');
const huancui = builtIn('huancui-childcare-support');
const demonstration = builtIn('hangzhou-demonstration-award');
// A local policy that makes 持证率 a condition of its operating subsidy (the built-in city policy does not).
const CERTIFIED = '测试用区级办法：从业人员持证率不低于 90% 的普惠机构方可领取运营补助';
const certified: Policy = loadPolicy({
  ...structuredClone(BUILT_IN_POLICIES.find((p) => p.policyKey === 'hangzhou-inclusive-operating')!),
  policyKey: 'district-certified-operating',
  version: 'district-certified-operating/2026.1',
  divisionCode: '330106',
  eligibility: { ...structuredClone(hangzhou.eligibility), certificateRate: { minBp: 9_000, source: CERTIFIED } },
  rules: [{ ...structuredClone(hangzhou.rules[0]!), requires: [...hangzhou.rules[0]!.requires, 'certificate_rate'] }],
} as PolicyDocument);
const allowance: Policy = loadPolicy({
  policyKey: 'national-childcare-allowance',
  version: 'national-childcare-allowance/2025.1',
  divisionCode: '330000',
  title: '育儿补贴',
  source: '《育儿补贴制度实施方案》（2025）',
  effectiveFrom: '2025-01',
  effectiveTo: null,
  eligibility: {},
  budget: null,
  rules: [
    {
      id: 'ALLOWANCE',
      kind: 'childcare_allowance',
      title: '育儿补贴',
      params: { monthlyFen: 30_000, maxAgeMonths: 36 },
      requires: [],
      source: '每孩每年 3,600 元，按月折算（《育儿补贴制度实施方案》，2025）',
    },
  ],
} as PolicyDocument);

const INST = '00000000-0000-4000-8000-000000000001';
const institution = (over: Partial<InstitutionMonth> = {}): InstitutionMonth => ({
  institutionId: INST,
  name: '小星星托育园',
  divisionCode: '330106109',
  places: { infant: 10, toddler: 15, older: 20, mixed: 0 },
  totalPlaces: 45,
  status: 'filed',
  inclusive: { grantedOn: '2026-03-10', priceCapFen: 350_000, inclusivePlaces: 30 },
  creditGrade: null,
  openCriticalFindings: [],
  certificateRateBp: null,
  seriousListings: [],
  demonstrations: [],
  paidOnce: {},
  ...over,
});
const child = (over: Partial<RosterChild> & { childKey: string }): RosterChild => ({
  lineNo: 1,
  birthMonth: '2024-06',
  birthOrder: 1,
  classType: 'toddler',
  careForm: 'full_day',
  daysAttended: 22,
  ...over,
});
const input = (children: RosterChild[], over: Partial<MonthInput> = {}): MonthInput => ({
  month: '2026-03',
  institution: institution(),
  roster: { rosterId: 'r1', version: 1, openDays: 22, children },
  duplicates: new Map(),
  policies: [hangzhou],
  ...over,
});
const k = (n: number) => String(n).padStart(64, 'a');

describe('subsidy lines, a worked example per rule type (to the fen)', () => {
  it('per_child_by_class (杭州普惠运营补助): 托小班 600 元 × 20/22 天 = 545.45 元; 乳儿班半日托 900 × 50% × 22/22 = 450 元', () => {
    const lines = computeInstitutionMonth(
      input([
        child({ childKey: k(1), lineNo: 1, daysAttended: 20 }),
        child({ childKey: k(2), lineNo: 2, classType: 'infant', careForm: 'half_day' }),
        child({ childKey: k(3), lineNo: 3, classType: 'older', careForm: 'hourly' }),
        child({ childKey: k(4), lineNo: 4, classType: 'older', daysAttended: 0 }),
      ]),
    );
    expect(lines.map((l) => [l.rosterLineNo, l.status, l.amountFen, l.reasonCode])).toEqual([
      [1, 'payable', 54_545, null],
      [2, 'payable', 45_000, null],
      [3, 'ineligible', 0, 'CARE_FORM_NOT_COVERED'],
      [4, 'ineligible', 0, 'NO_ATTENDANCE'],
    ]);
    expect(lines[0]!.explanation).toMatch(/^普惠托育运营补助：托小班 600\.00 元\/人·月 × 20\/22 天 = 545\.45 元（信用服务尚未发布等级，按 B 级（良）计）。$/);
    expect(lines[1]!.explanation).toContain('乳儿班 900.00 元/人·月 × 半日托 50% × 22/22 天 = 450.00 元');
    expect(lines[2]!.explanation).toContain('计时托不在本项补助范围');
    expect(lines[0]).toMatchObject({
      policyVersion: 'hangzhou-inclusive-operating/2023.1',
      ruleId: 'OPERATING',
      budgetKey: null, // the city's estimate of its spending caps nothing
      period: '2026-03',
    });
    expect(lines[0]!.inputs).toMatchObject({ rosterVersion: 1, openDays: 22, daysAttended: 20, rateFen: 60_000, factorBp: 10_000, classType: 'toddler' });
  });

  it('per_child_by_birth_order (二孩、三孩保育费补助): 二孩 300 × 22/22 = 300 元, 三孩 400 × 半日 50% × 7/21 = 66.67 元, no line for a first child', () => {
    const children = [
      child({ childKey: k(1), lineNo: 1, birthOrder: 1 }),
      child({ childKey: k(2), lineNo: 2, birthOrder: 2, daysAttended: 21 }),
      child({ childKey: k(3), lineNo: 3, birthOrder: 3, careForm: 'half_day', daysAttended: 7 }),
    ];
    // Accredited long ago: no opening grant this month, only the fee subsidy.
    const lines = computeInstitutionMonth({
      ...input(children, { policies: [huancui], institution: institution({ inclusive: { grantedOn: '2025-01-05', priceCapFen: 1, inclusivePlaces: 1 } }) }),
      roster: { rosterId: 'r', version: 2, openDays: 21, children },
    });
    expect(lines.map((l) => [l.rosterLineNo, l.ruleId, l.amountFen])).toEqual([
      [2, 'CHILD_FEE', 30_000],
      [3, 'CHILD_FEE', 6_667],
    ]);
    expect(lines[0]!.explanation).toContain('二孩 300.00 元/人·月 × 21/21 天 = 300.00 元');
    expect(lines[1]!.explanation).toContain('三孩及以上 400.00 元/人·月 × 半日托 50% × 7/21 天 = 66.67 元');
  });

  it('childcare_allowance (育儿补贴 3,600 元/年): 300 元 for each month under 36 months of age, nothing from the month of the 3rd birthday', () => {
    const lines = computeInstitutionMonth(
      input(
        [
          child({ childKey: k(1), lineNo: 1, birthMonth: '2023-04' }), // 35 months in 2026-03
          child({ childKey: k(2), lineNo: 2, birthMonth: '2023-03' }), // 36 months: turns 3
        ],
        { policies: [allowance] },
      ),
    );
    expect(lines.map((l) => [l.rosterLineNo, l.status, l.amountFen, l.reasonCode])).toEqual([
      [1, 'payable', 30_000, null],
      [2, 'ineligible', 0, 'AGE_LIMIT'],
    ]);
    expect(lines[0]!.explanation).toContain('月龄 35 个月');
    // A year of it: 12 × 300 = 3,600 yuan.
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    const year = months.flatMap((month) =>
      computeInstitutionMonth(input([child({ childKey: k(1), birthMonth: '2024-12' })], { month, policies: [allowance] })),
    );
    expect(sumFen(year.map((l) => l.amountFen))).toBe(360_000);
  });

  it('opening_grant (开办补助 3 万元): in the month of accreditation, once', () => {
    const [line] = computeInstitutionMonth(input([], { policies: [huancui] }));
    expect(line).toMatchObject({ ruleId: 'OPENING_GRANT', status: 'payable', amountFen: 3_000_000, childKey: null, reasonCode: null });
    expect(line!.explanation).toContain('2026-03-10 获普惠认定，一次性开办补助 30000.00 元');
    expect(computeInstitutionMonth(input([], { month: '2026-04', policies: [huancui] }))).toEqual([]);
    const again = computeInstitutionMonth(input([], { policies: [huancui], institution: institution({ paidOnce: { opening: '2025-07' } }) }));
    expect(again[0]).toMatchObject({ status: 'ineligible', amountFen: 0, reasonCode: 'ALREADY_PAID' });
  });

  it('demonstration_award (示范奖补 5–15 万元 by places): tier by the places at designation, only while the policy is in force', () => {
    const inst = institution({ demonstrations: [{ year: 2023, places: 80, designatedOn: '2023-11-20', decisionNo: null }] });
    const [line] = computeInstitutionMonth(input([], { month: '2023-11', institution: inst, policies: [demonstration] }));
    expect(line).toMatchObject({ status: 'payable', amountFen: 10_000_000 });
    expect(line!.explanation).toContain('托位 80 个，60 个及以上档');
  });

  it('ineligible institutions get lines with the reason; a duplicate claim is held', () => {
    const notFiled = computeInstitutionMonth(input([child({ childKey: k(1) })], { institution: institution({ status: 'registered', inclusive: null }) }));
    expect(notFiled[0]).toMatchObject({ status: 'ineligible', amountFen: 0, reasonCode: 'NOT_FILED' });
    expect(notFiled[0]!.explanation).toContain('截至 2026-03-31 机构未备案（已登记未备案）；截至 2026-03-31 机构未获普惠认定');
    const gradeD = computeInstitutionMonth(input([child({ childKey: k(1) })], { institution: institution({ creditGrade: 'D' }) }));
    expect(gradeD[0]).toMatchObject({ status: 'ineligible', reasonCode: 'CREDIT_GRADE' });
    expect(gradeD[0]!.explanation).toContain('信用等级为 D 级（差），本政策 C、D 级不予补助');
    const critical = computeInstitutionMonth(input([child({ childKey: k(1) })], { institution: institution({ openCriticalFindings: ['FIRE-01'] }) }));
    expect(critical[0]).toMatchObject({ reasonCode: 'OPEN_CRITICAL_FINDING' });
    const lowRate = computeInstitutionMonth(
      input([child({ childKey: k(1) })], { policies: [certified], institution: institution({ certificateRateBp: 8_500 }) }),
    );
    expect(lowRate[0]).toMatchObject({ status: 'ineligible', amountFen: 0, reasonCode: 'CERTIFICATE_RATE' });
    expect(lowRate[0]!.explanation).toContain(`从业人员持证率 85% 低于 90%（依据：${CERTIFIED}）`);
    expect(
      computeInstitutionMonth(input([child({ childKey: k(1) })], { policies: [certified], institution: institution({ certificateRateBp: 9_000 }) }))[0],
    ).toMatchObject({
      status: 'payable',
      amountFen: 60_000,
    });
    const other = '00000000-0000-4000-8000-000000000002';
    const held = computeInstitutionMonth(input([child({ childKey: k(1) })], { duplicates: new Map([[k(1), [INST, other]]]) }));
    expect(held[0]).toMatchObject({ status: 'held', baseFen: 60_000, amountFen: 0, reasonCode: 'DUPLICATE_CLAIM' });
    expect(held[0]!.explanation).toContain(`暂缓发放——该儿童同时在 2 家机构的 2026-03 名册中（另见机构 ${other}）`);
  });

  it('is deterministic: the same inputs give the same lines in the same order', () => {
    const children = Array.from({ length: 30 }, (_, i) =>
      child({ childKey: k(1000 - i), lineNo: i + 1, birthOrder: ((i % 3) + 1) as 1 | 2 | 3, daysAttended: i % 23 }),
    );
    const a = computeInstitutionMonth(input(children, { policies: [hangzhou, huancui] }));
    const b = computeInstitutionMonth(input([...children].reverse(), { policies: [huancui, hangzhou] }));
    expect(b.map((l) => l.lineKey)).toEqual(a.map((l) => l.lineKey));
    expect(JSON.stringify(a.map((l) => ({ ...l, rosterLineNo: 0 })))).toBe(JSON.stringify(b.map((l) => ({ ...l, rosterLineNo: 0 }))));
  });
});

describe('not_seriously_listed: 机构不在严重失信主体名单公示期内 (from 2027-01, instead of refusing grades C and D)', () => {
  const hangzhou2027 = builtInVersion('hangzhou-inclusive-operating/2027.1');
  const huancui2027 = builtInVersion('huancui-childcare-support/2027.1');
  // Decided 2027-01-15: publication at least a year, ending by itself after three (on 2030-01-14).
  const listing = {
    listingId: '00000000-0000-4000-8000-0000000000aa',
    decisionNo: '西卫健信〔2027〕1号',
    publishedFrom: '2027-01-15',
    publishedUntil: '2030-01-14',
  };
  const listed = (month: string, removedOn: string | null = null, policy = hangzhou2027) =>
    computeInstitutionMonth(
      input([child({ childKey: k(1) })], {
        month,
        policies: [policy],
        institution: institution({ inclusive: { grantedOn: '2025-01-05', priceCapFen: 1, inclusivePlaces: 1 }, seriousListings: [{ ...listing, removedOn }] }),
      }),
    )[0]!;

  it('pays a D-graded institution no listing names; the 2023 version still refuses it by grade for its months', () => {
    const graded = (month: string, policy: Policy) =>
      computeInstitutionMonth(input([child({ childKey: k(1) })], { month, policies: [policy], institution: institution({ creditGrade: 'D' }) }))[0]!;
    const paid = graded('2027-01', hangzhou2027);
    expect(paid).toMatchObject({ policyVersion: 'hangzhou-inclusive-operating/2027.1', status: 'payable', amountFen: 60_000, reasonCode: null });
    expect(paid.inputs).toMatchObject({
      facts: { creditGrade: 'D', seriousListings: [] },
      checks: [
        { check: 'filed', passed: true },
        { check: 'inclusive', passed: true },
        { check: 'not_seriously_listed', passed: true },
        { check: 'no_open_critical_finding', passed: true },
      ],
    });
    expect(paid.explanation).not.toMatch(/信用等级|失信/);
    expect(graded('2026-12', hangzhou)).toMatchObject({
      policyVersion: 'hangzhou-inclusive-operating/2023.1',
      status: 'ineligible',
      reasonCode: 'CREDIT_GRADE',
    });
  });

  it('refuses in the publication period, with the decision, the period and the basis (国发〔2016〕33号) in the explanation', () => {
    const refused = listed('2027-01');
    expect(refused).toMatchObject({ status: 'ineligible', amountFen: 0, baseFen: 0, reasonCode: 'SERIOUSLY_LISTED' });
    expect(refused.inputs).toMatchObject({ facts: { seriousListings: ['西卫健信〔2027〕1号'] } });
    expect(refused.explanation).toContain(
      '普惠托育运营补助：不予补助——截至 2027-01-31 机构在严重失信主体名单公示期内（西卫健信〔2027〕1号，2027-01-15 起公示、2030-01-14 期满）',
    );
    expect(refused.explanation).toContain(
      '依据：列入严重失信主体名单、在公示期内的机构不予补助（《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）',
    );
    expect(refused.explanation).toContain('严格限制申请财政性资金项目');
    // 环翠区's 二孩、三孩保育费补助 likewise; its opening grant never asked for a grade and does not ask for this either.
    const fee = computeInstitutionMonth(
      input([child({ childKey: k(1), birthOrder: 2 })], {
        month: '2027-01',
        policies: [huancui2027],
        institution: institution({
          inclusive: { grantedOn: '2027-01-05', priceCapFen: 1, inclusivePlaces: 1 },
          seriousListings: [{ ...listing, removedOn: null }],
        }),
      }),
    );
    expect(fee.map((l) => [l.ruleId, l.status, l.reasonCode])).toEqual([
      ['CHILD_FEE', 'ineligible', 'SERIOUSLY_LISTED'],
      ['OPENING_GRANT', 'payable', null],
    ]);
  });

  it("judges by the month's last day: not before the decision, not from the day the maximum period ends it, not from the day of removal", () => {
    const month = (m: string, removedOn: string | null = null) => [listed(m, removedOn).status, listed(m, removedOn).reasonCode];
    expect(month('2026-12')).toEqual(['payable', null]); // publication begins 2027-01-15
    expect(month('2029-12')).toEqual(['ineligible', 'SERIOUSLY_LISTED']); // 2029-12-31: still in publication
    expect(month('2030-01')).toEqual(['payable', null]); // ended 2030-01-14 by itself, no event needed
    // Removed on repair 2028-02-10: January is still refused (its last day was in publication), February is paid.
    expect(month('2028-01', '2028-02-10')).toEqual(['ineligible', 'SERIOUSLY_LISTED']);
    expect(month('2028-02', '2028-02-10')).toEqual(['payable', null]);
    // Removed on a month's last day: that day is already out of publication.
    expect(month('2028-02', '2028-02-29')).toEqual(['payable', null]);
  });

  it('a policy without the condition is not concerned by a listing', () => {
    expect(listed('2027-01', null, hangzhou)).toMatchObject({ status: 'payable', reasonCode: null });
  });
});

describe('annual budget cap: pro rata with largest remainders', () => {
  it('pays every line the same share and sums exactly to what is left', () => {
    const lines = [
      { key: 'a', amountFen: 54_545 },
      { key: 'b', amountFen: 60_000 },
      { key: 'c', amountFen: 45_000 },
      { key: 'd', amountFen: 30_000 },
    ];
    const out = allocateLargestRemainder(lines, 100_000);
    // × 100000 / 189545: a 28776.83, b 31654.75, c 23741.06, d 15827.37 → floors sum to 99 998; the 2 fen left go to a (.83) and b (.75).
    expect([...out.values()].reduce((s, v) => s + v, 0)).toBe(100_000);
    expect(Object.fromEntries(out)).toEqual({ a: 28_777, b: 31_655, c: 23_741, d: 15_827 });
  });

  it('breaks equal remainders by key, leaves amounts under the cap untouched, and handles nothing left', () => {
    const three = [
      { key: 'x2', amountFen: 1 },
      { key: 'x1', amountFen: 1 },
      { key: 'x3', amountFen: 1 },
    ];
    expect(Object.fromEntries(allocateLargestRemainder(three, 2))).toEqual({ x1: 1, x2: 1, x3: 0 });
    expect(Object.fromEntries(allocateLargestRemainder(three, 5))).toEqual({ x1: 1, x2: 1, x3: 1 });
    expect(Object.fromEntries(allocateLargestRemainder(three, 0))).toEqual({ x1: 0, x2: 0, x3: 0 });
  });

  it('sums exactly to the cap for many random lines', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const lines = Array.from({ length: 1 + (rnd() % 300) }, (_, i) => ({ key: `l${i}`, amountFen: rnd() % 90_001 }));
      const total = lines.reduce((s, l) => s + l.amountFen, 0);
      const cap = rnd() % (total + 1);
      const out = allocateLargestRemainder(lines, cap);
      expect([...out.values()].reduce((s, v) => s + v, 0)).toBe(Math.min(cap, total));
      for (const l of lines) {
        const exact = (l.amountFen * cap) / Math.max(total, 1);
        if (total > cap) expect(Math.abs(out.get(l.key)! - exact)).toBeLessThan(1);
      }
    }
  });
});
