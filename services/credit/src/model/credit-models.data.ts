import type { RuleEntry, RuleSource } from '@shanyu/common';
import type { CreditEventType, CreditGrade } from '@shanyu/contracts';
import type { CreditRuleBody, CreditRuleDocument, DecayRule, ScoreBody } from './credit-model.js';

/**
 * 托育机构信用评价模型 — rule documents of the family `credit`, each at its jurisdiction. A version
 * is never edited once used (ledger entries keep the version that judged them); a change is a new
 * version with a later `effectiveFrom`. Loaded and checked at start (credit-model.ts): a broken
 * document stops the service.
 *
 * What applies where:
 * - 全国 (000000): the platform's default model, for every division without a scheme of its own.
 *   Its basis is national: 国办发〔2019〕35号 (credit records of market entities and 信用分级分类监管
 *   with inspection ratios by grade), 国办发〔2020〕49号 (失信惩戒 by law and in proportion),
 *   the NDRC's repair rules (国家发展和改革委员会令2023年第58号), 行政处罚法 第九条 (kinds of
 *   penalty), 未成年人保护法 第六十二条 (vetting) and 国卫人口发〔2019〕58号 (ratios). None of
 *   them gives points per event, a start score or thresholds: those are the platform's defaults and
 *   every rule says so (平台默认分值).
 * - 威海市 (371000): 《威海市托育服务机构信用体系管理工作实施方案（试行）》 — 守信联合激励、失信联合惩戒
 *   for childcare institutions. It adds the health bureau's incentives and constraints per grade
 *   (示范 applications, 普惠 review) to the national default, in 威海 only.
 * - 环翠区 (371002): 《环翠区托育服务机构信用体系管理工作实施方案（试行）》 carries out the city's
 *   scheme in the district: it confirms (inherits) the city's measures.
 * Graded supervision schemes of other provinces and cities (e.g. Beijing's A–D grading) are theirs
 * and are not part of any model here until a document for their division is added.
 */

const SOCIAL_CREDIT: RuleSource = {
  title: '国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见',
  documentNo: '国办发〔2019〕35号',
};
const CREDIT_RECORDS: RuleSource = { ...SOCIAL_CREDIT, article: '“全面建立市场主体信用记录”' };
const GRADED_SUPERVISION: RuleSource = { ...SOCIAL_CREDIT, article: '“大力推进信用分级分类监管”' };
const DISCIPLINE: RuleSource = { title: '国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见', documentNo: '国办发〔2020〕49号' };
const REPAIR: RuleSource = { title: '失信行为纠正后的信用信息修复管理办法（试行）', documentNo: '国家发展和改革委员会令2023年第58号' };
const PENALTY_LAW: RuleSource = { title: '中华人民共和国行政处罚法', article: '第九条' };
const FILING: RuleSource = { title: '托育机构登记和备案办法（试行）', documentNo: '国卫办人口发〔2019〕25号' };
const RANDOM_INSPECTION: RuleSource = { title: '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见', documentNo: '国发〔2019〕5号' };
const MINORS: RuleSource = { title: '中华人民共和国未成年人保护法', article: '第六十二条' };
const RATIOS: RuleSource = { title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号', article: '第二十条' };
const WEIHAI: RuleSource = { title: '威海市托育服务机构信用体系管理工作实施方案（试行）' };
const HUANCUI: RuleSource = { title: '环翠区托育服务机构信用体系管理工作实施方案（试行）' };

interface ScoreOptions {
  dTrigger?: { days: number } | null;
  decay?: DecayRule | null;
  repair?: { allowed: boolean; minDays: number };
}

/** One scoring rule: every key present, so the check sees exactly what the document says. */
const score = (
  key: string,
  eventType: CreditEventType,
  title: string,
  points: number,
  sources: RuleSource[],
  options: ScoreOptions = {},
): RuleEntry<CreditRuleBody> => ({
  key,
  title,
  composition: 'adds',
  sources,
  body: {
    kind: 'score',
    eventType,
    points,
    pointsSetBy: 'platform',
    dTrigger: options.dTrigger ?? null,
    decay: options.decay ?? null,
    repair: options.repair ?? { allowed: false, minDays: 0 },
  },
});

const measure = (grade: CreditGrade, department: string, text: string, sources: RuleSource[]): RuleEntry<CreditRuleBody> => ({
  key: `measure.${grade}.${department}`,
  title: `${grade} 级：${text}`,
  composition: 'adds',
  sources,
  body: { kind: 'measure', grade, department, measure: text },
});

/** The labels of the editions before 2026.2 (kept: a version is never edited). */
const LABELS_2023: [string, string, string, string] = ['守信', '基本守信', '失信', '严重失信'];
/**
 * From 2026.2 a grade is a supervision class and says so (优/良/中/差, as graded supervision
 * schemes of health commissions name them); 失信 / 严重失信 are legal findings the platform states
 * only through a serious-breach listing decided after notice and statement (rule `listing`).
 */
const LABELS_2026: [string, string, string, string] = ['优', '良', '中', '差'];

const grading = (thresholds: [number, number, number], labels = LABELS_2023): RuleEntry<CreditRuleBody> => ({
  key: 'grading',
  title: `信用等级与分级线（平台默认：起始 80 分，A ≥ ${thresholds[0]}、B ≥ ${thresholds[1]}、C ≥ ${thresholds[2]}；任一 D 级触发事项使机构整体为 D）`,
  composition: 'adds',
  sources: [GRADED_SUPERVISION],
  body: {
    kind: 'grading',
    startScore: 80,
    minScore: 0,
    maxScore: 100,
    grades: [
      { grade: 'A', label: labels[0], minScore: thresholds[0] },
      { grade: 'B', label: labels[1], minScore: thresholds[1] },
      { grade: 'C', label: labels[2], minScore: thresholds[2] },
      { grade: 'D', label: labels[3], minScore: 0 },
    ],
  },
});

const fromEvent = (...steps: [number, number][]): DecayRule => ({ from: 'event', steps: steps.map(([afterDays, keep]) => ({ afterDays, keep })) });
const fromCorrection = (...steps: [number, number][]): DecayRule => ({ from: 'correction', steps: steps.map(([afterDays, keep]) => ({ afterDays, keep })) });
const repairable = (minDays: number) => ({ allowed: true, minDays });

const SCORES_2023: RuleEntry<CreditRuleBody>[] = [
  score('FILING_APPROVED', 'filing_approved', '取得备案回执', 2, [FILING, CREDIT_RECORDS]),
  score('INCLUSIVE_GRANTED', 'inclusive_granted', '认定为普惠托育机构', 3, [CREDIT_RECORDS]),
  score('INCLUSIVE_REVOKED', 'inclusive_revoked', '普惠资格被撤销', -3, [CREDIT_RECORDS]),
  score('DEMONSTRATION', 'demonstration_designated', '评为示范性托育机构', 5, [CREDIT_RECORDS], { decay: fromEvent([730, 0]) }),
  score('INSPECTION_CLEAN', 'inspection_clean', '综合检查未发现问题', 3, [RANDOM_INSPECTION, GRADED_SUPERVISION], { decay: fromEvent([365, 0]) }),
  score('FINDING_MINOR', 'finding_recorded.minor', '检查发现一般问题', -1, [RANDOM_INSPECTION, CREDIT_RECORDS], {
    decay: fromCorrection([90, 0]),
    repair: repairable(0),
  }),
  score('FINDING_MAJOR', 'finding_recorded.major', '检查发现较重问题', -4, [RANDOM_INSPECTION, CREDIT_RECORDS], {
    decay: fromCorrection([180, 0.5], [365, 0]),
    repair: repairable(90),
  }),
  score('FINDING_CRITICAL', 'finding_recorded.critical', '检查发现严重问题', -12, [RANDOM_INSPECTION, CREDIT_RECORDS], {
    decay: fromCorrection([180, 0.5], [365, 0]),
    repair: repairable(180),
  }),
  score('CORRECTED_ON_TIME', 'finding_corrected_on_time', '按期整改到位', 1, [REPAIR], { decay: fromEvent([365, 0]) }),
  score('CORRECTED_LATE', 'finding_corrected_late', '逾期后整改到位（不加分，问题分值自整改起衰减）', 0, [REPAIR]),
  score('FINDING_UNCORRECTED', 'finding_uncorrected', '整改核查不合格', -5, [RANDOM_INSPECTION, CREDIT_RECORDS], {
    decay: fromEvent([365, 0]),
    repair: repairable(90),
  }),
  score('OVERDUE_MINOR', 'finding_overdue.minor', '一般问题逾期未整改', -2, [CREDIT_RECORDS], { decay: fromCorrection([90, 0]), repair: repairable(0) }),
  score('OVERDUE_MAJOR', 'finding_overdue.major', '较重问题逾期未整改', -5, [CREDIT_RECORDS], {
    decay: fromCorrection([180, 0.5], [365, 0]),
    repair: repairable(90),
  }),
  score('OVERDUE_CRITICAL', 'finding_overdue.critical', '严重问题逾期未整改（D 触发）', -10, [CREDIT_RECORDS, GRADED_SUPERVISION], {
    dTrigger: { days: 365 },
    decay: fromCorrection([365, 0]),
    repair: repairable(365),
  }),
  score('PENALTY_WARNING', 'penalty_issued.warning', '行政处罚：警告', -3, [PENALTY_LAW, REPAIR], {
    decay: fromEvent([90, 0.5], [365, 0]),
    repair: repairable(90),
  }),
  score('PENALTY_CRITICISM', 'penalty_issued.criticism', '行政处罚：通报批评', -5, [PENALTY_LAW, REPAIR], {
    decay: fromEvent([90, 0.5], [365, 0]),
    repair: repairable(90),
  }),
  score('PENALTY_FINE', 'penalty_issued.fine', '行政处罚：罚款', -10, [PENALTY_LAW, REPAIR], { decay: fromEvent([365, 0]), repair: repairable(90) }),
  score('PENALTY_CONFISCATION', 'penalty_issued.confiscation', '行政处罚：没收违法所得', -10, [PENALTY_LAW, REPAIR], {
    decay: fromEvent([365, 0]),
    repair: repairable(90),
  }),
  score('PENALTY_SUSPENSION', 'penalty_issued.suspension', '行政处罚：责令停产停业（停止招生）（D 触发）', -30, [PENALTY_LAW, GRADED_SUPERVISION, REPAIR], {
    dTrigger: { days: 365 },
    decay: fromEvent([1095, 0]),
    repair: repairable(365),
  }),
  score('PENALTY_REVOCATION', 'penalty_issued.revocation', '行政处罚：吊销许可证件（D 触发，不予修复）', -50, [PENALTY_LAW, GRADED_SUPERVISION, REPAIR], {
    dTrigger: { days: 1095 },
    decay: fromEvent([1095, 0]),
  }),
  score('COMPLAINT_SUBSTANTIATED', 'complaint_substantiated', '投诉举报查证属实', -5, [CREDIT_RECORDS], { decay: fromEvent([365, 0]), repair: repairable(90) }),
  score('VETTING_BANNED', 'staff_vetting_rejected.BANNED', '拟录用人员在从业禁止名单（入职查询拦截）', -5, [MINORS], {
    decay: fromEvent([365, 0]),
    repair: repairable(90),
  }),
  score('VETTING_CRIMINAL', 'staff_vetting_rejected.CRIMINAL_RECORD', '从业人员有违法犯罪记录（查询拦截）', -5, [MINORS], {
    decay: fromEvent([365, 0]),
    repair: repairable(90),
  }),
  score('VETTING_NO_QUERY', 'staff_vetting_rejected.NO_RECENT_QUERY', '从业人员未按期进行违法犯罪记录查询', -2, [MINORS], {
    decay: fromEvent([180, 0]),
    repair: repairable(0),
  }),
  score('BAN_MATCHED', 'staff_ban_matched', '在岗人员被列入从业禁止（D 触发）', -20, [MINORS, GRADED_SUPERVISION], {
    dTrigger: { days: 365 },
    decay: fromEvent([1095, 0]),
    repair: repairable(90),
  }),
  score('RATIO_BREACHED', 'staff_ratio_breached', '保育人员配比低于标准', -3, [RATIOS], { decay: fromEvent([180, 0]), repair: repairable(0) }),
  score(
    'SUBSIDY_DUPLICATED',
    'subsidy_claim_duplicated',
    '补助名册重复申报（同一婴幼儿同月在多家机构，补助暂缓至查清；重复申报不等于查实的虚报冒领）',
    -10,
    [CREDIT_RECORDS],
    {
      decay: fromEvent([365, 0]),
      repair: repairable(0),
    },
  ),
  score('CREDIT_REPAIRED', 'credit_repaired', '信用修复（卫生健康部门决定，所列事项自决定之日起不再计分、不再触发 D）', 0, [REPAIR, DISCIPLINE]),
];

const NATIONAL_MEASURES: RuleEntry<CreditRuleBody>[] = [
  measure('A', 'inspection', '双随机抽查比例 5%，可使用简化检查表（守信激励）', [GRADED_SUPERVISION]),
  measure('B', 'inspection', '双随机抽查比例 10%，常规检查表', [GRADED_SUPERVISION]),
  measure('C', 'inspection', '双随机抽查比例 30%，列为重点监管对象', [GRADED_SUPERVISION]),
  measure('D', 'inspection', '每年全面检查（抽查比例 100%），列为重点监管对象', [GRADED_SUPERVISION]),
  measure('C', 'subsidy', '补助按补助政策核减或暂缓（以补助政策版本为准）', [DISCIPLINE]),
  measure('D', 'subsidy', '暂停拨付补助（以补助政策版本为准）', [DISCIPLINE]),
  measure('D', 'all', '各部门依法依规实施失信惩戒，信息公示', [DISCIPLINE]),
];

/** The national default, 2023 edition. */
export const CREDIT_MODEL_2023: CreditRuleDocument = {
  family: 'credit',
  documentKey: 'credit-model',
  version: 'credit-model/2023.1',
  jurisdiction: '000000',
  title: '托育机构信用评价模型（全国默认，2023 版）',
  sources: [SOCIAL_CREDIT, DISCIPLINE, REPAIR],
  effectiveFrom: '2023-01-01',
  effectiveTo: null,
  rules: [grading([90, 70, 50]), ...SCORES_2023, ...NATIONAL_MEASURES],
};

const POINTS_2026: Record<string, number> = {
  INSPECTION_CLEAN: 4,
  FINDING_MINOR: -2,
  FINDING_MAJOR: -5,
  FINDING_CRITICAL: -15,
  COMPLAINT_SUBSTANTIATED: -6,
  // A duplicate is held until resolved, often a child who moved: lighter from 2026.
  SUBSIDY_DUPLICATED: -5,
  // A ratio breach puts infants at risk: heavier from 2026.
  RATIO_BREACHED: -5,
};

/**
 * The national default, 2026 edition: stricter thresholds (A 92, B 72, C 55), heavier findings,
 * ratio breaches and substantiated complaints, a clean inspection weighs more, a duplicated roster
 * claim less.
 */
export const CREDIT_MODEL_2026: CreditRuleDocument = {
  ...CREDIT_MODEL_2023,
  version: 'credit-model/2026.1',
  title: '托育机构信用评价模型（全国默认，2026 版）',
  effectiveFrom: '2026-07-01',
  rules: [
    grading([92, 72, 55]),
    ...SCORES_2023.map((r) => (r.key in POINTS_2026 ? { ...r, body: { ...(r.body as ScoreBody), points: POINTS_2026[r.key]! } } : r)),
    ...NATIONAL_MEASURES,
  ],
};

const LISTING_PROCEDURE: RuleSource = {
  ...DISCIPLINE,
  article: '“严格规范严重失信主体名单认定”：限于法律法规规定的严重失信行为；认定前告知事由、依据和依法享有的陈述申辩权利（条款序号待核）',
};
const PUBLICATION_PERIODS: RuleSource = {
  ...REPAIR,
  article: '涉及严重失信行为的信息最短公示期一年、最长公示期三年，最短公示期满方可申请修复（条款序号待核）',
};

/**
 * 严重失信主体名单 under the 2026.2 model: only facts the law itself treats as serious ground a
 * listing — 责令停产停业 and 吊销许可 (行政处罚法 第九条 heavier kinds) and employing a person barred
 * from work with children (未成年人保护法 第六十二条); a 10-day statement period (the platform's
 * default: the documents set no number of days); publication at least one and at most three years.
 */
const LISTING: RuleEntry<CreditRuleBody> = {
  key: 'listing',
  title: '严重失信主体名单认定程序：告知、陈述申辩（平台默认 10 日）、决定、公示（最短 1 年、最长 3 年）',
  composition: 'adds',
  sources: [LISTING_PROCEDURE, PUBLICATION_PERIODS, PENALTY_LAW, MINORS],
  body: {
    kind: 'listing',
    groundedBy: ['penalty_issued.suspension', 'penalty_issued.revocation', 'staff_ban_matched'],
    statementDays: 10,
    minPublicationDays: 365,
    maxPublicationDays: 1095,
  },
};

/**
 * The national default, 2026.2: the 2026.1 scores and thresholds; grades labelled as supervision
 * classes (优/良/中/差); the serious-breach listing procedure.
 */
export const CREDIT_MODEL_2026_2: CreditRuleDocument = {
  ...CREDIT_MODEL_2026,
  version: 'credit-model/2026.2',
  title: '托育机构信用评价模型（全国默认，2026 年 12 月版）',
  effectiveFrom: '2026-12-01',
  rules: [
    grading([92, 72, 55], LABELS_2026),
    ...CREDIT_MODEL_2026.rules.filter((r) => r.key !== 'grading' && r.key !== 'measure.D.all'),
    measure('D', 'all', '列为重点监管对象，各部门依法依规加强监管；严重失信主体名单须经告知、陈述申辩和决定后方可公示', [DISCIPLINE]),
    LISTING,
  ],
};

const FISCAL_FUNDS: RuleSource = {
  title: '国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见',
  documentNo: '国发〔2016〕33号',
  article: '三（九）严格限制申请财政性资金项目（条款序号待核）',
};

/**
 * 2027.1: what a grade means for subsidies follows the subsidy policies in force from 2027-01 — a
 * grade is a supervision class and stops no payment by itself; an institution in the publication
 * period of a 严重失信主体名单 listing is refused fiscal funds.
 */
export const CREDIT_MODEL_2027: CreditRuleDocument = {
  ...CREDIT_MODEL_2026_2,
  version: 'credit-model/2027.1',
  title: '托育机构信用评价模型（全国默认，2027 年版）',
  effectiveFrom: '2027-01-01',
  rules: [
    ...CREDIT_MODEL_2026_2.rules.filter((r) => r.key !== 'measure.C.subsidy' && r.key !== 'measure.D.subsidy'),
    measure('D', 'subsidy', '补助不因信用等级停发；列入严重失信主体名单并在公示期内的，不予补助（以补助政策版本为准）', [FISCAL_FUNDS]),
  ],
};

/** 威海市: the city's own scheme adds the health bureau's 联合激励 / 联合惩戒 per grade, in 威海 only. */
export const WEIHAI_CREDIT_SCHEME: CreditRuleDocument = {
  family: 'credit',
  documentKey: 'weihai-credit-scheme',
  version: 'weihai-credit-scheme/2023.1',
  jurisdiction: '371000',
  title: '威海市托育服务机构信用体系管理工作实施方案（试行）',
  sources: [WEIHAI],
  // The day the platform applies it from (the first day of the national model it adds to).
  effectiveFrom: '2023-01-01',
  effectiveTo: null,
  rules: [
    measure('A', 'health', '可申报示范性托育机构，评优评先优先（守信联合激励）', [WEIHAI]),
    measure('B', 'health', '可申报示范性托育机构', [WEIHAI]),
    measure('C', 'health', '不得申报示范性托育机构（失信联合惩戒）', [WEIHAI]),
    measure('D', 'health', '不得申报或保留示范性托育机构称号，普惠资格复核（失信联合惩戒）', [WEIHAI]),
  ],
};

/** 环翠区: the district's implementation of the city's scheme confirms the city's measures. */
export const HUANCUI_CREDIT_SCHEME: CreditRuleDocument = {
  family: 'credit',
  documentKey: 'huancui-credit-scheme',
  version: 'huancui-credit-scheme/2023.1',
  jurisdiction: '371002',
  title: '环翠区托育服务机构信用体系管理工作实施方案（试行）',
  sources: [HUANCUI, WEIHAI],
  effectiveFrom: '2023-01-01',
  effectiveTo: null,
  rules: WEIHAI_CREDIT_SCHEME.rules.map((r) => ({
    key: r.key,
    title: `沿用威海市：${r.title}`,
    composition: 'inherits' as const,
    sources: [HUANCUI],
  })),
};

/** Every credit rule document the platform ships, every version. */
export const CREDIT_RULE_DOCUMENTS: CreditRuleDocument[] = [
  CREDIT_MODEL_2023,
  CREDIT_MODEL_2026,
  CREDIT_MODEL_2026_2,
  CREDIT_MODEL_2027,
  WEIHAI_CREDIT_SCHEME,
  HUANCUI_CREDIT_SCHEME,
];
