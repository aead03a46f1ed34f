import type { PolicyDocument } from '@shanyu/contracts';

/**
 * Subsidy policies shipped with the platform — data, not code. Each version names its division
 * (the jurisdiction it applies in, and only there), the months it is in force, every eligibility
 * condition and rule with the document it comes from (title and 文号 or section, so an official
 * can look it up), and amounts in fen. A lower level adopts, replaces (same rule key,
 * `composition: 'replaces'`), adds to or disables a rule by publishing its own policy
 * (POST /api/v1/subsidy/policies); a version is never edited once it paid a month.
 *
 * Where a source gives a range rather than one figure (杭州 300–900 元), the split used here is
 * marked as this platform's example (示例口径) in the rule's source; a district replaces it with
 * its own implementing rules. A city's estimate of its yearly spending is not a budget cap, and a
 * district's target (e.g. a 持证率 to reach by a year) is the district's indicator, not a
 * condition on each institution.
 *
 * Credit. The versions up to 2026 refuse institutions graded C or D, citing 国发〔2016〕33号 (they
 * stay as they are: they explain the months they paid). That document restricts 严重失信主体 —
 * subjects on a serious-breach list — from fiscal funds; a grade (优/良/中/差) is a supervision
 * class given by points, not a finding of 失信. From 2027-01 the built-in versions refuse only an
 * institution in the publication period of a serious-breach listing (严重失信主体名单, decided by the
 * credit service after notice and statement: `notSeriouslyListed`), and refuse no grade. A local
 * policy may still refuse grades (`creditGrade`) where its own document says so, citing that text.
 */

const FILED = { source: '补助只发给已备案的托育机构（《托育机构登记和备案办法（试行）》国卫办人口发〔2019〕25号；补助依据实际收托数、仅限已备案机构）' };
const NATIONAL_CREDIT_BASIS =
  '对严重失信主体限制申请财政性资金（《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》国发〔2016〕33号）';
// Versions up to 2026 only (kept unchanged: they paid months).
const CREDIT = {
  excluded: ['C', 'D'] as ('C' | 'D')[],
  source: `${NATIONAL_CREDIT_BASIS}；信用等级 C、D 级不予补助（本平台口径）`,
};
const HUANCUI_CREDIT = {
  excluded: ['C', 'D'] as ('C' | 'D')[],
  source: `守信联合激励、失信联合惩戒（《威海市托育服务机构信用体系管理工作实施方案（试行）》）；${NATIONAL_CREDIT_BASIS}；C、D 级不予补助（本平台口径）`,
};
/** 国发〔2016〕33号 on fiscal funds for 严重失信主体: the section as identified, its numbering to be checked against the published text. */
const SERIOUS_BREACH_FUNDS =
  '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）三、（九）“依法依规加强对失信行为的行政性约束和惩戒”：对严重失信主体严格限制申请财政性资金项目（条款序号待核）';
/** From 2027-01: 机构不在严重失信主体名单公示期内. */
const NOT_SERIOUSLY_LISTED = {
  source: `列入严重失信主体名单、在公示期内的机构不予补助（${SERIOUS_BREACH_FUNDS}；名单经告知、陈述申辩和决定后方可公示：《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》国办发〔2020〕49号）`,
};
const NO_CRITICAL = {
  source:
    '综合查一次发现的严重问题整改到位前暂停补助（本平台口径：补助以机构符合《托育机构设置标准（试行）》《托育机构管理规范（试行）》国卫人口发〔2019〕58号 为前提；各地可在其实施细则中替代或停用）',
};

const HANGZHOU_OPERATING_2023: PolicyDocument = {
  policyKey: 'hangzhou-inclusive-operating',
  version: 'hangzhou-inclusive-operating/2023.1',
  divisionCode: '330100',
  title: '杭州市普惠性托育机构运营补助',
  source: '《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》：明确普惠托育认定、质量管理、运营补助标准及补助流程',
  effectiveFrom: '2023-01',
  effectiveTo: null,
  eligibility: {
    filed: FILED,
    inclusive: { source: '运营补助面向经认定的普惠性婴幼儿照护服务机构（《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》）' },
    creditGrade: CREDIT,
    noOpenCriticalFinding: NO_CRITICAL,
  },
  rules: [
    {
      id: 'OPERATING',
      kind: 'per_child_by_class',
      title: '普惠托育运营补助',
      params: {
        amountFenByClass: { infant: 90_000, toddler: 60_000, older: 30_000, mixed: 60_000 },
        careFormFactorBp: { full_day: 10_000, half_day: 5_000 },
        attendanceProRata: true,
      },
      requires: ['filed', 'inclusive', 'credit_grade', 'no_open_critical_finding'],
      source:
        '以普惠收托每人每月 300—900 元测算（《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》）；按班型分档 乳儿班 900、托小班 600、托大班 300、混龄班 600 元，半日托按 50%，按出勤天数折算（示例口径）',
    },
  ],
  // The city's "年补助资金达 3200 万元以上" is an estimate of the spending, not a cap on it.
  budget: null,
};

const HUANCUI_SUPPORT_2023: PolicyDocument = {
  policyKey: 'huancui-childcare-support',
  version: 'huancui-childcare-support/2023.1',
  divisionCode: '371002',
  title: '威海市环翠区托育服务补助（二孩三孩保育费补助、普惠机构开办补助）',
  source:
    '山东省《优化生育政策促进人口长期均衡发展实施方案》（二孩、三孩保育费补助）；《威海市普惠托育服务建设实施方案》（普惠托育机构一次性开办补助），由威海市环翠区实施',
  effectiveFrom: '2023-01',
  effectiveTo: null,
  eligibility: {
    filed: FILED,
    inclusive: {
      source:
        '按照普惠指导价招收 3 岁以下婴幼儿的托育服务机构（山东省《优化生育政策促进人口长期均衡发展实施方案》）；符合条件的普惠托育机构（《威海市普惠托育服务建设实施方案》）',
    },
    creditGrade: HUANCUI_CREDIT,
  },
  rules: [
    {
      id: 'CHILD_FEE',
      kind: 'per_child_by_birth_order',
      title: '二孩、三孩保育费补助',
      params: { amountFenByBirthOrder: { 2: 30_000, 3: 40_000 }, careFormFactorBp: { full_day: 10_000, half_day: 5_000 }, attendanceProRata: true },
      requires: ['filed', 'inclusive', 'credit_grade'],
      source:
        '依据实际收托数，对二孩、三孩保育费给予分档补助，标准不低于每人每月 300 元（山东省《优化生育政策促进人口长期均衡发展实施方案》）；二孩 300 元、三孩及以上 400 元（示例口径）',
    },
    {
      id: 'OPENING_GRANT',
      kind: 'opening_grant',
      title: '普惠托育机构一次性开办补助',
      params: { amountFen: 3_000_000 },
      requires: ['filed', 'inclusive'],
      source: '对符合条件的普惠托育机构，给予每机构 3 万元的一次性开办补助（《威海市普惠托育服务建设实施方案》）',
    },
  ],
  budget: null,
};

/**
 * The 2027 version of a built-in policy: the serious-breach listing instead of the C/D grades
 * (see "Credit" above); amounts, rules and the other conditions unchanged. Neither source keeps a
 * grade refusal: 杭州's document cites none, and 环翠区's 2023 version cited 《威海市托育服务机构信用
 * 体系管理工作实施方案（试行）》 only for 守信联合激励、失信联合惩戒 in general (its C/D measures, as the
 * credit model carries them, concern 示范 and the 普惠 review). A local version of its own cites
 * such a text where one exists (creditGrade).
 */
function fromListing2027(policy: PolicyDocument): PolicyDocument {
  const { creditGrade: _grade, ...eligibility } = policy.eligibility;
  return {
    ...policy,
    version: `${policy.policyKey}/2027.1`,
    effectiveFrom: '2027-01',
    eligibility: { ...eligibility, notSeriouslyListed: NOT_SERIOUSLY_LISTED },
    rules: policy.rules.map((rule) => ({
      ...rule,
      requires: rule.requires.map((check) => (check === 'credit_grade' ? 'not_seriously_listed' : check)),
    })),
  };
}

export const BUILT_IN_POLICIES: PolicyDocument[] = [
  HANGZHOU_OPERATING_2023,
  fromListing2027(HANGZHOU_OPERATING_2023),
  // 示范综合奖补 (2021—2023) ended with 2023: no month from 2027 is in force under it, so it has no
  // 2027 version (one would open the award again); its version keeps the months it covered.
  {
    policyKey: 'hangzhou-demonstration-award',
    version: 'hangzhou-demonstration-award/2021.1',
    divisionCode: '330100',
    title: '杭州市示范性托育机构综合奖补',
    source: '《杭州市示范性婴幼儿照护服务机构奖补实施方案（2021—2023年）》：每年评选 25 家示范性机构，根据托位规模给予 5 万—15 万元示范综合奖补',
    effectiveFrom: '2021-01',
    effectiveTo: '2023-12',
    eligibility: { filed: FILED, creditGrade: CREDIT },
    rules: [
      {
        id: 'DEMONSTRATION',
        kind: 'demonstration_award',
        title: '示范性托育机构综合奖补',
        params: {
          tiers: [
            { minPlaces: 0, amountFen: 5_000_000 },
            { minPlaces: 60, amountFen: 10_000_000 },
            { minPlaces: 100, amountFen: 15_000_000 },
          ],
        },
        requires: ['filed', 'credit_grade'],
        source:
          '根据托位规模给予 5 万—15 万元（《杭州市示范性婴幼儿照护服务机构奖补实施方案（2021—2023年）》）；档次 60 托位以下 5 万、60–99 托位 10 万、100 托位及以上 15 万元（示例口径）',
      },
    ],
    budget: null,
  },
  HUANCUI_SUPPORT_2023,
  fromListing2027(HUANCUI_SUPPORT_2023),
];
