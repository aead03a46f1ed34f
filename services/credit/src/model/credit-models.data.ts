/**
 * 托育机构信用评价模型 — data, not code. Each version lists, for every ledger event type, the
 * points it gives with the document it rests on, the "D anywhere" triggers, how weights fade
 * (decay) and whether the health bureau may repair the entry (信用修复). A version is never
 * edited once used; a change is a new version with a later `effectiveFrom`. Loaded and checked
 * at start (credit-model.ts): a broken version stops the service.
 *
 * What the documents fix and what they do not. Weihai's and 环翠区's credit schemes for childcare
 * institutions require 守信联合激励、失信联合惩戒 and a credit-based supervision model; Beijing's graded
 * supervision (京卫家庭〔2023〕14号) grades A–D and makes an institution D overall when any
 * department rates it D; 国办发〔2019〕35号 sets differentiated inspection ratios by credit; the
 * State Council's 国办发〔2020〕49号 and the NDRC's repair rules (2023年第58号令) set proportionate
 * punishment, publication periods (一般失信 3 months – 1 year, 严重失信 1 – 3 years) and repair.
 * None of them gives points per event: the point values are the platform's defaults (marked
 * 平台默认分值), set for a district's health bureau to tune in a new version.
 */

const WEIHAI =
  '《威海市托育服务机构信用体系管理工作实施方案（试行）》《环翠区托育服务机构信用体系管理工作实施方案（试行）》（守信联合激励、失信联合惩戒，构建以信用为基础的新型监管机制）';
const BEIJING = '京卫家庭〔2023〕14号（托育机构分级分类监管：A 优 / B 良 / C 中 / D 差，任一部门评为 D 的机构整体为 D）';
const GB_2019_35 = '国办发〔2019〕35号《关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（信用分级分类监管，差异化抽查比例和频次）';
const GB_2020_49 = '国办发〔2020〕49号《关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（失信惩戒依法依规、过惩相当；信用修复）';
const NDRC_58 =
  '国家发展改革委《失信行为纠正后的信用信息修复管理办法（试行）》（2023年第58号令）：一般失信信息公示 3 个月至 1 年，严重失信 1 至 3 年，期满可申请修复';
const PENALTY_LAW = '《中华人民共和国行政处罚法》第九条（警告、通报批评；罚款、没收违法所得；责令停产停业；吊销许可证件）';
const FILING = '《托育机构登记和备案办法（试行）》国卫办人口发〔2019〕25号（备案回执）';
const MINORS = '《中华人民共和国未成年人保护法》第六十二条（密切接触未成年人单位不得录用有性侵害、虐待等违法犯罪记录人员，入职查询、每年定期查询）';
const RATIOS = '《托育机构设置标准（试行）》国卫人口发〔2019〕58号（乳儿班 1:3、托小班 1:5、托大班 1:7）';
const SUBSIDY =
  '补助依据实际收托数拨付（《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》；山东省《优化生育政策促进人口长期均衡发展实施方案》）；同一婴幼儿同月出现在多家机构名册上，补助暂缓至查清（重复申报不等于查实的虚报冒领）';
const DEFAULT_POINTS = '平台默认分值（上述文件未规定逐项分值）';

type Decay = { from: 'event' | 'correction'; steps: { afterDays: number; keep: number }[] } | null;
interface RuleOptions {
  dTrigger?: { days: number } | null;
  decay?: Decay;
  repair?: { allowed: boolean; minDays: number };
}

/** One rule as plain data (every key present, so the loader sees exactly what the model says). */
const rule = (id: string, eventType: string, title: string, points: number, source: string, options: RuleOptions = {}) => ({
  id,
  eventType,
  title,
  points,
  source: `${source}；${DEFAULT_POINTS}`,
  dTrigger: options.dTrigger ?? null,
  decay: options.decay ?? null,
  repair: options.repair ?? { allowed: false, minDays: 0 },
});

const fromEvent = (...steps: [number, number][]): Decay => ({ from: 'event', steps: steps.map(([afterDays, keep]) => ({ afterDays, keep })) });
const fromCorrection = (...steps: [number, number][]): Decay => ({ from: 'correction', steps: steps.map(([afterDays, keep]) => ({ afterDays, keep })) });
const repairable = (minDays: number) => ({ allowed: true, minDays });

const measures = (ratio: string, extra: { A: object[]; B: object[]; C: object[]; D: object[] }) => ({
  A: [{ department: 'inspection', measure: `双随机抽查比例 ${ratio.split('/')[0]}，可使用简化检查表（守信激励）`, source: GB_2019_35 }, ...extra.A],
  B: [{ department: 'inspection', measure: `双随机抽查比例 ${ratio.split('/')[1]}，常规检查表`, source: GB_2019_35 }, ...extra.B],
  C: [{ department: 'inspection', measure: `双随机抽查比例 ${ratio.split('/')[2]}，列为重点监管对象`, source: GB_2019_35 }, ...extra.C],
  D: [
    { department: 'inspection', measure: `每年全面检查（抽查比例 ${ratio.split('/')[3]}），列入失信惩戒名单并公示`, source: `${GB_2019_35}；${BEIJING}` },
    ...extra.D,
  ],
});

const JOINT_MEASURES = {
  A: [
    { department: 'health', measure: '可申报示范性托育机构，评优评先优先', source: WEIHAI },
    { department: 'subsidy', measure: '补助按政策正常拨付', source: WEIHAI },
  ],
  B: [
    { department: 'health', measure: '可申报示范性托育机构', source: WEIHAI },
    { department: 'subsidy', measure: '补助按政策正常拨付', source: WEIHAI },
  ],
  C: [
    { department: 'health', measure: '不得申报示范性托育机构', source: WEIHAI },
    { department: 'subsidy', measure: '补助按补助政策核减或暂缓（以补助政策版本为准）', source: GB_2020_49 },
  ],
  D: [
    { department: 'health', measure: '不得申报或保留示范性托育机构称号，普惠资格复核', source: `${WEIHAI}；${BEIJING}` },
    { department: 'subsidy', measure: '暂停拨付补助（以补助政策版本为准）', source: GB_2020_49 },
    { department: 'all', measure: '各部门联合惩戒，信息公示', source: GB_2020_49 },
  ],
};

const WATCHED = [
  'evt.registry.filing.approved.',
  'evt.registry.inclusive.granted.',
  'evt.registry.inclusive.revoked.',
  'evt.registry.demonstration.designated.',
  'evt.inspection.inspection.completed.',
  'evt.inspection.finding.recorded.',
  'evt.inspection.finding.corrected.',
  'evt.inspection.finding.uncorrected.',
  'evt.inspection.finding.overdue.',
  'evt.inspection.penalty.issued.',
  'evt.inspection.complaint.closed.',
  'evt.staff.vetting.rejected.',
  'evt.staff.ban.matched.',
  'evt.staff.ratio.breached.',
  'evt.subsidy.claim.duplicated.',
];

export const CREDIT_MODEL_2023 = {
  version: 'credit-model/2023.1',
  effectiveFrom: '2023-01-01',
  title: '托育机构信用评价模型（2023 版）',
  source: `${WEIHAI}；${BEIJING}；${GB_2019_35}`,
  startScore: 80,
  minScore: 0,
  maxScore: 100,
  grades: [
    { grade: 'A', label: '守信', minScore: 90, source: BEIJING },
    { grade: 'B', label: '基本守信', minScore: 70, source: BEIJING },
    { grade: 'C', label: '失信', minScore: 50, source: BEIJING },
    { grade: 'D', label: '严重失信', minScore: 0, source: BEIJING },
  ],
  rules: [
    rule('FILING_APPROVED', 'filing_approved', '取得备案回执', 2, FILING),
    rule('INCLUSIVE_GRANTED', 'inclusive_granted', '认定为普惠托育机构', 3, WEIHAI),
    rule('INCLUSIVE_REVOKED', 'inclusive_revoked', '普惠资格被撤销', -3, WEIHAI),
    rule('DEMONSTRATION', 'demonstration_designated', '评为示范性托育机构', 5, WEIHAI, { decay: fromEvent([730, 0]) }),
    rule('INSPECTION_CLEAN', 'inspection_clean', '综合检查未发现问题', 3, `${GB_2019_35}（守信激励）`, { decay: fromEvent([365, 0]) }),
    rule('FINDING_MINOR', 'finding_recorded.minor', '检查发现一般问题', -1, WEIHAI, { decay: fromCorrection([90, 0]), repair: repairable(0) }),
    rule('FINDING_MAJOR', 'finding_recorded.major', '检查发现较重问题', -4, WEIHAI, { decay: fromCorrection([180, 0.5], [365, 0]), repair: repairable(90) }),
    rule('FINDING_CRITICAL', 'finding_recorded.critical', '检查发现严重问题', -12, WEIHAI, {
      decay: fromCorrection([180, 0.5], [365, 0]),
      repair: repairable(180),
    }),
    rule('CORRECTED_ON_TIME', 'finding_corrected_on_time', '按期整改到位', 1, `${NDRC_58}（主动纠正失信行为）`, { decay: fromEvent([365, 0]) }),
    rule('CORRECTED_LATE', 'finding_corrected_late', '逾期后整改到位（不加分，问题分值自整改起衰减）', 0, NDRC_58),
    rule('FINDING_UNCORRECTED', 'finding_uncorrected', '整改核查不合格', -5, WEIHAI, { decay: fromEvent([365, 0]), repair: repairable(90) }),
    rule('OVERDUE_MINOR', 'finding_overdue.minor', '一般问题逾期未整改', -2, WEIHAI, { decay: fromCorrection([90, 0]), repair: repairable(0) }),
    rule('OVERDUE_MAJOR', 'finding_overdue.major', '较重问题逾期未整改', -5, WEIHAI, { decay: fromCorrection([180, 0.5], [365, 0]), repair: repairable(90) }),
    rule('OVERDUE_CRITICAL', 'finding_overdue.critical', '严重问题逾期未整改（D 触发）', -10, `${BEIJING}；${WEIHAI}`, {
      dTrigger: { days: 365 },
      decay: fromCorrection([365, 0]),
      repair: repairable(365),
    }),
    rule('PENALTY_WARNING', 'penalty_issued.warning', '行政处罚：警告', -3, `${PENALTY_LAW}；${NDRC_58}`, {
      decay: fromEvent([90, 0.5], [365, 0]),
      repair: repairable(90),
    }),
    rule('PENALTY_CRITICISM', 'penalty_issued.criticism', '行政处罚：通报批评', -5, `${PENALTY_LAW}；${NDRC_58}`, {
      decay: fromEvent([90, 0.5], [365, 0]),
      repair: repairable(90),
    }),
    rule('PENALTY_FINE', 'penalty_issued.fine', '行政处罚：罚款', -10, `${PENALTY_LAW}；${NDRC_58}`, { decay: fromEvent([365, 0]), repair: repairable(90) }),
    rule('PENALTY_CONFISCATION', 'penalty_issued.confiscation', '行政处罚：没收违法所得', -10, `${PENALTY_LAW}；${NDRC_58}`, {
      decay: fromEvent([365, 0]),
      repair: repairable(90),
    }),
    rule('PENALTY_SUSPENSION', 'penalty_issued.suspension', '行政处罚：责令停产停业（停止招生）（D 触发）', -30, `${PENALTY_LAW}；${BEIJING}；${NDRC_58}`, {
      dTrigger: { days: 365 },
      decay: fromEvent([1095, 0]),
      repair: repairable(365),
    }),
    rule('PENALTY_REVOCATION', 'penalty_issued.revocation', '行政处罚：吊销许可证件（D 触发，不予修复）', -50, `${PENALTY_LAW}；${BEIJING}；${NDRC_58}`, {
      dTrigger: { days: 1095 },
      decay: fromEvent([1095, 0]),
    }),
    rule('COMPLAINT_SUBSTANTIATED', 'complaint_substantiated', '投诉举报查证属实', -5, WEIHAI, { decay: fromEvent([365, 0]), repair: repairable(90) }),
    rule('VETTING_BANNED', 'staff_vetting_rejected.BANNED', '拟录用人员在从业禁止名单（入职查询拦截）', -5, MINORS, {
      decay: fromEvent([365, 0]),
      repair: repairable(90),
    }),
    rule('VETTING_CRIMINAL', 'staff_vetting_rejected.CRIMINAL_RECORD', '从业人员有违法犯罪记录（查询拦截）', -5, MINORS, {
      decay: fromEvent([365, 0]),
      repair: repairable(90),
    }),
    rule('VETTING_NO_QUERY', 'staff_vetting_rejected.NO_RECENT_QUERY', '从业人员未按期进行违法犯罪记录查询', -2, MINORS, {
      decay: fromEvent([180, 0]),
      repair: repairable(0),
    }),
    rule('BAN_MATCHED', 'staff_ban_matched', '在岗人员被列入从业禁止（D 触发）', -20, `${MINORS}；${BEIJING}`, {
      dTrigger: { days: 365 },
      decay: fromEvent([1095, 0]),
      repair: repairable(90),
    }),
    rule('RATIO_BREACHED', 'staff_ratio_breached', '保育人员配比低于标准', -3, RATIOS, { decay: fromEvent([180, 0]), repair: repairable(0) }),
    rule('SUBSIDY_DUPLICATED', 'subsidy_claim_duplicated', '补助名册重复申报（同一婴幼儿同月在多家机构）', -10, SUBSIDY, {
      decay: fromEvent([365, 0]),
      repair: repairable(0),
    }),
    rule('CREDIT_REPAIRED', 'credit_repaired', '信用修复（卫生健康部门决定，所列事项自决定之日起不再计分、不再触发 D）', 0, `${NDRC_58}；${GB_2020_49}`),
  ],
  measures: measures('5%/10%/30%/100%', JOINT_MEASURES),
  watchedSubjects: WATCHED,
};

/**
 * 2026 edition: stricter thresholds (A 92, B 72, C 55), heavier findings, ratio breaches and
 * substantiated complaints, a clean inspection weighs more, a duplicated roster claim less.
 */
export const CREDIT_MODEL_2026 = {
  ...CREDIT_MODEL_2023,
  version: 'credit-model/2026.1',
  effectiveFrom: '2026-07-01',
  title: '托育机构信用评价模型（2026 版）',
  grades: [
    { grade: 'A', label: '守信', minScore: 92, source: BEIJING },
    { grade: 'B', label: '基本守信', minScore: 72, source: BEIJING },
    { grade: 'C', label: '失信', minScore: 55, source: BEIJING },
    { grade: 'D', label: '严重失信', minScore: 0, source: BEIJING },
  ],
  rules: CREDIT_MODEL_2023.rules.map((r) => {
    switch (r.id) {
      case 'INSPECTION_CLEAN':
        return { ...r, points: 4 };
      case 'FINDING_MINOR':
        return { ...r, points: -2 };
      case 'FINDING_MAJOR':
        return { ...r, points: -5 };
      case 'FINDING_CRITICAL':
        return { ...r, points: -15 };
      case 'COMPLAINT_SUBSTANTIATED':
        return { ...r, points: -6 };
      // A duplicate is held until resolved, often a child who moved: lighter from 2026.
      case 'SUBSIDY_DUPLICATED':
        return { ...r, points: -5 };
      // A ratio breach puts infants at risk: heavier from 2026.
      case 'RATIO_BREACHED':
        return { ...r, points: -5 };
      default:
        return r;
    }
  }),
};

/** Every version, oldest first. */
export const CREDIT_MODELS = [CREDIT_MODEL_2023, CREDIT_MODEL_2026];
