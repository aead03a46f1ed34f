import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { ChecklistFile } from '../checklist-schema.js';

/**
 * 卫生健康 (lead department), national: every item rests on national rules (76号令, 卫生保健工作规范,
 * 国卫人口发〔2019〕58号, national laws and standards). 卫生保健 (西政办函〔2021〕15号 §二(四)3: 儿童膳食、体格检查、健康检查、卫生消毒、
 * 疾病预防), daily management (威海环翠区: 两案九制、一日三检、缺勤追踪), the setting standards, and the
 * medical licence (《基本医疗卫生与健康促进法》: 从事医疗服务应当取得医疗机构执业许可证).
 */
const REG_76 = '《托儿所幼儿园卫生保健管理办法》（卫生部、教育部令第76号）';
const NORMS = '《托儿所幼儿园卫生保健工作规范》（卫妇社发〔2012〕35号）';
const STANDARDS_58 = '《托育机构设置标准（试行）》《托育机构管理规范（试行）》（国卫人口发〔2019〕58号）';
const HUANCUI = '两案九制、一日三检、缺勤追踪（威海市环翠区卫生健康局、发展和改革局《关于创建省级婴幼儿照护服务示范区的报告》五(一)）';

export const HEALTH_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'health',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'health/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构卫生保健与综合管理行政检查事项清单（2026 年版）',
  source: `${REG_76}；${STANDARDS_58}`,
  sources: [
    { title: '托儿所幼儿园卫生保健管理办法', documentNo: '卫生部、教育部令第76号' },
    { title: '托儿所幼儿园卫生保健工作规范', documentNo: '卫妇社发〔2012〕35号' },
    { title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号' },
    { title: '托育机构管理规范（试行）', documentNo: '国卫人口发〔2019〕58号' },
  ],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'HLT-01',
      area: 'health_care',
      category: '卫生评价',
      text: '取得卫生评价报告且结论为合格',
      legalBasis: `${REG_76}；《托育机构卫生评价基本标准》`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: true,
    },
    {
      code: 'HLT-02',
      area: 'health_care',
      category: '保健人员',
      text: '按规定配备卫生保健人员；收托 150 名以上的至少配备 1 名专职',
      legalBasis: REG_76,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HLT-03',
      area: 'health_care',
      category: '晨午晚检',
      text: '每日晨检和全日健康观察（一日三检）并记录，发现异常及时处理',
      legalBasis: `${REG_76}；${NORMS}`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: HUANCUI,
    },
    {
      code: 'HLT-04',
      area: 'health_care',
      category: '缺勤追踪',
      text: '因病缺勤追踪登记，及时了解缺勤原因',
      legalBasis: NORMS,
      riskWeight: 3,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: HUANCUI,
    },
    {
      code: 'HLT-05',
      area: 'health_care',
      category: '清洁消毒',
      text: '环境、玩具、床上用品等按规范清洁消毒，消毒台账完整',
      legalBasis: NORMS,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: '2023–2025 年各地托育机构联合检查报道（消毒台账）',
    },
    {
      code: 'HLT-06',
      area: 'health_care',
      category: '传染病防控',
      text: '建立传染病报告、隔离、登记制度，发现疑似传染病及时报告并处置',
      legalBasis: `《中华人民共和国传染病防治法》；${REG_76}`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
    },
    {
      code: 'HLT-07',
      area: 'staff',
      category: '工作人员健康检查',
      text: '工作人员上岗前经健康检查合格并取得健康合格证明，在岗人员每年健康检查',
      legalBasis: REG_76,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HLT-08',
      area: 'health_care',
      category: '入托体检',
      text: '婴幼儿入托前进行健康检查，查验预防接种证',
      legalBasis: REG_76,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HLT-09',
      area: 'health_care',
      category: '膳食营养',
      text: '制定带量食谱，膳食营养均衡，定期进行营养分析',
      legalBasis: NORMS,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: '西政办函〔2021〕15号 §二(四)3：儿童膳食',
    },
    {
      code: 'HLT-10',
      area: 'health_care',
      category: '饮用水',
      text: '饮用水安全，饮水设备定期清洗消毒并有记录',
      legalBasis: `《生活饮用水卫生标准》（GB 5749）；${NORMS}`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: '2023–2025 年各地托育机构联合检查报道（饮用水）',
    },
    {
      code: 'HLT-11',
      area: 'premises',
      category: '观察室',
      text: '设置观察室（隔离室），面积不少于 6 m²，设施齐全',
      legalBasis: STANDARDS_58,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HLT-12',
      area: 'licences',
      category: '医疗机构执业许可',
      text: '开展医疗服务的，依法取得《医疗机构执业许可证》',
      legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》；《医疗机构管理条例》',
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
      source: '瑞安市卫生健康局现场指导（报道《让“高消费”的月子中心迎来“强监管”》）',
    },
    {
      code: 'HLT-13',
      area: 'staff',
      category: '医护人员资质',
      text: '医护人员具备相应执业资格并按规定注册',
      legalBasis: '《中华人民共和国医师法》；《护士条例》',
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: '瑞安市联合检查：医护人员从业资质（报道《让“高消费”的月子中心迎来“强监管”》）',
    },
    {
      code: 'HLT-14',
      area: 'premises',
      category: '生活用房',
      text: '婴幼儿生活用房不设在地下室或半地下室，设在地上三层及以下',
      legalBasis: STANDARDS_58,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
    },
    {
      code: 'HLT-15',
      area: 'daily_care',
      category: '照护比例',
      text: '班级规模和保育人员配比符合标准（乳儿班 1:3、托小班 1:5、托大班 1:7）',
      legalBasis: STANDARDS_58,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HLT-16',
      area: 'daily_care',
      category: '安全制度',
      text: '建立安全防护、突发事件处置等应急预案和管理制度（两案九制）并落实',
      legalBasis: STANDARDS_58,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: HUANCUI,
    },
    {
      code: 'HLT-17',
      area: 'daily_care',
      category: '户外活动',
      text: '保证婴幼儿每日户外活动不少于 2 小时（气候不宜时酌情调整）',
      legalBasis: STANDARDS_58,
      riskWeight: 1,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

export const HEALTH_PENALTY_2026: ChecklistFile = {
  kind: 'penalty',
  department: 'health',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'health/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构卫生健康行政处罚事项清单（2026 年版）',
  source: `${REG_76}；《中华人民共和国基本医疗卫生与健康促进法》`,
  sources: [{ title: '托儿所幼儿园卫生保健管理办法', documentNo: '卫生部、教育部令第76号' }, { title: '中华人民共和国基本医疗卫生与健康促进法' }],
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PHLT-01',
      violation: '卫生保健工作不符合《托儿所幼儿园卫生保健管理办法》要求，经责令限期改正逾期不改',
      legalBasis: REG_76,
      kinds: ['criticism', 'warning'],
      note: '责令限期改正，通报批评；逾期不改的，给予警告',
      relatedItems: ['HLT-02', 'HLT-03', 'HLT-04', 'HLT-05', 'HLT-06', 'HLT-07', 'HLT-08', 'HLT-09', 'HLT-10'],
    },
    {
      code: 'PHLT-02',
      violation: '未取得医疗机构执业许可证擅自执业',
      legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》',
      kinds: ['confiscation', 'fine'],
      fineMinFen: 5_000_000,
      fineMaxFen: 20_000_000,
      note: '责令停止执业，没收违法所得和药品、医疗器械，并处违法所得五倍以上二十倍以下罚款；违法所得不足一万元的按一万元计算（即五万元至二十万元）',
      relatedItems: ['HLT-12'],
    },
  ],
};

/**
 * The penalty list with the articles and the fine as written: 76号令 第十九条 (责令限期改正、通报批评；
 * 逾期不改的警告), and 基本医疗卫生与健康促进法 第九十九条 (违法所得五倍以上二十倍以下，不足一万元的按一万元计算).
 * It replaces health/2026.1 from its start.
 */
export const HEALTH_PENALTY_2026_2: ChecklistFile = {
  ...HEALTH_PENALTY_2026,
  version: 'health/2026.2',
  effectiveFrom: '2026-12-01',
  title: '托育机构卫生健康行政处罚事项清单（2026 年第 2 版）',
  sources: [
    { title: '托儿所幼儿园卫生保健管理办法', documentNo: '卫生部、教育部令第76号', article: '第十九条' },
    { title: '中华人民共和国基本医疗卫生与健康促进法', article: '第九十九条' },
  ],
  penaltyItems: [
    { ...HEALTH_PENALTY_2026.penaltyItems[0]!, legalBasis: `${REG_76}第十九条` },
    {
      code: 'PHLT-02',
      violation: '未取得医疗机构执业许可证擅自执业',
      legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》第九十九条',
      kinds: ['confiscation', 'fine'],
      fine: { basis: 'illegal_income', tiers: [{ minTimes: 5, maxTimes: 20, basisFloorFen: 1_000_000, article: '第九十九条第一款' }] },
      note: '责令停止执业活动，没收违法所得和药品、医疗器械，并处违法所得五倍以上二十倍以下罚款；违法所得不足一万元的，按一万元计算',
      relatedItems: ['HLT-12'],
    },
  ],
};

const MINORS = '《中华人民共和国未成年人保护法》';
const POPULATION = '《中华人民共和国人口与计划生育法》';
const MANAGEMENT_58 = '《托育机构管理规范（试行）》（国卫人口发〔2019〕58号）';
// Revised 2025-04-30, in force 2025-09-01; its article numbers could not be checked here.
const EPIDEMIC = '《中华人民共和国传染病防治法》（2025 年修订）';
const DISINFECTION = '《消毒管理办法》（卫生部令第27号）';
const WATER_53 = '《生活饮用水卫生监督管理办法》（建设部、卫生部令第53号）';

/**
 * The inspection list with what the law requires and health/2026.1 lacked: no 虐待、体罚 of the
 * children (checked by 回看 the recordings) and the monitoring that keeps them, 儿童定期健康检查, and the
 * infectious-disease framework 两案九制 (防控工作方案 and 应急处置预案; 晨午检 HLT-03, 因病缺勤追踪 HLT-04,
 * 复课证明查验, 疫情报告 HLT-06, 环境卫生检查 and 通风, 消毒 HLT-05, 健康教育, 预防接种证查验 HLT-08).
 * HLT-16 no longer calls the safety plans 两案九制. 托育机构管理规范's article numbers could not be checked:
 * items cite its chapter and say so. It replaces health/2026.1 from its start.
 */
export const HEALTH_INSPECTION_2026_3: ChecklistFile = {
  ...HEALTH_INSPECTION_2026,
  version: 'health/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构卫生保健与综合管理行政检查事项清单（2026 年第 3 版）',
  source: `${REG_76}；${NORMS}；${STANDARDS_58}；${MINORS}；${POPULATION}`,
  sources: [
    { title: '托儿所幼儿园卫生保健管理办法', documentNo: '卫生部、教育部令第76号' },
    { title: '托儿所幼儿园卫生保健工作规范', documentNo: '卫妇社发〔2012〕35号' },
    { title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号' },
    { title: '托育机构管理规范（试行）', documentNo: '国卫人口发〔2019〕58号' },
    { title: '中华人民共和国未成年人保护法', article: '第十一条第二款、第二十七条、第一百一十九条' },
    { title: '中华人民共和国人口与计划生育法', article: '第二十八条第三款、第四十一条' },
    { title: '中华人民共和国传染病防治法' },
    { title: '消毒管理办法', documentNo: '卫生部令第27号', article: '第十一条' },
    { title: '生活饮用水卫生监督管理办法', documentNo: '建设部、卫生部令第53号', article: '第二条、第六条' },
  ],
  inspectionItems: [
    ...HEALTH_INSPECTION_2026.inspectionItems.map((item) => {
      // 消毒管理办法 第十一条 is the 托幼机构's own disinfection duty.
      if (item.code === 'HLT-05') return { ...item, legalBasis: `${NORMS}第二部分五（卫生与消毒）；${DISINFECTION}第十一条` };
      // 两案九制 is the infectious-disease framework (HLT-21 and the items it names), not the safety plans.
      if (item.code === 'HLT-16') {
        const { source: _, ...rest } = item;
        return { ...rest, text: '建立安全防护、突发事件处置等安全管理制度和应急预案并落实', legalBasis: `${MANAGEMENT_58}安全管理章（条款序号待核）` };
      }
      return item;
    }),
    {
      code: 'HLT-18',
      area: 'health_care',
      category: '定期健康检查',
      text: '在托婴幼儿按规定定期健康检查（1 岁以内每年 4 次，1～2 岁每年 2 次，3 岁以上每年 1 次），结果告知家长并记入健康档案；离园 3 个月以上的重新体检后返园，转园（所）的查验《儿童转园（所）健康证明》',
      legalBasis: `${REG_76}（定期健康检查、离园 3 个月以上重新体检，条款序号待核）；${NORMS}第二部分四（健康检查）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HLT-19',
      area: 'daily_care',
      category: '虐待体罚',
      text: '工作人员无虐待、体罚、变相体罚、歧视、侮辱婴幼儿行为：抽查回看婴幼儿生活和活动区域的监控录像，询问家长和工作人员，查阅投诉处理记录；机构开展职业道德和法治教育，发现婴幼儿受到或疑似受到侵害的立即向公安等部门报告',
      legalBasis: `${MINORS}第十一条第二款、第二十七条、第一百一十九条；${POPULATION}第四十一条；${MANAGEMENT_58}人员管理章（条款序号待核）`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
    },
    {
      code: 'HLT-20',
      area: 'security',
      category: '视频监控',
      text: '建立照护服务、安全保卫监控体系：监控报警系统 24 小时设防，婴幼儿生活和活动区域全覆盖；录像资料保存不少于 90 日，不无故中断监控，不随意更改、删除监控资料',
      legalBasis: `${MANAGEMENT_58}安全管理章（监控体系，条款序号待核）`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: '《托育机构质量评估标准》（国家卫生健康委推荐性卫生行业标准，2024 年 4 月 1 日实施）：婴幼儿生活场所监控全覆盖，录像保存不少于 90 天',
    },
    {
      code: 'HLT-21',
      area: 'health_care',
      category: '两案九制',
      text: '制定传染病防控工作方案和传染病疫情等突发公共卫生事件应急处置预案（两案），明确疫情报告人，建立晨午检、因病缺勤追踪、复课证明查验、疫情报告、通风消毒、健康教育、预防接种证查验等制度（九制）并落实',
      legalBasis: `${EPIDEMIC}（条款序号待核）；${REG_76}；${NORMS}第二部分六（传染病预防与控制）`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: HUANCUI,
    },
    {
      code: 'HLT-22',
      area: 'health_care',
      category: '复课证明查验',
      text: '患传染病的婴幼儿治愈后凭医疗卫生机构出具的健康证明方可返园，查验并留存记录；因病缺勤婴幼儿返园时核实病因',
      legalBasis: `${REG_76}（传染病患儿凭健康证明返园，条款序号待核）；${NORMS}第二部分六（传染病预防与控制）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: HUANCUI,
    },
    {
      code: 'HLT-23',
      area: 'health_care',
      category: '通风与环境卫生',
      text: '婴幼儿生活用房每日定时开窗通风换气，保持空气流通；环境卫生定期检查并记录，发现问题及时整改',
      legalBasis: `${NORMS}第二部分五（卫生与消毒）；${DISINFECTION}第十一条`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: HUANCUI,
    },
    {
      code: 'HLT-24',
      area: 'health_care',
      category: '健康教育',
      text: '面向婴幼儿家长和工作人员有计划地开展传染病防控、卫生习惯等健康教育并记录',
      legalBasis: `${NORMS}第二部分九（健康教育）；${EPIDEMIC}（条款序号待核）`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: HUANCUI,
    },
    {
      code: 'HLT-25',
      area: 'health_care',
      category: '二次供水',
      text: '自行管理二次供水设施（储水箱、加压设施）的，设施定期清洗消毒，供应的饮用水符合《生活饮用水卫生标准》（GB 5749）；不自行管理的不适用',
      legalBasis: `${WATER_53}第二条、第六条；《二次供水设施卫生规范》（GB 17051）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 人口与计划生育法 第四十一条第一款: a warning; the fine only after 拒不改正 or where 情节严重 (then 停止托育服务 too). */
const ART_41 = `${POPULATION}第四十一条第一款`;
const ART_41_FINE = {
  basis: 'none' as const,
  // 情节严重 first: where a decision finds both, the higher range applies.
  tiers: [
    { circumstance: 'serious' as const, minFen: 5_000_000, maxFen: 10_000_000, article: '第四十一条第一款' },
    { circumstance: 'refused_to_correct' as const, minFen: 500_000, maxFen: 5_000_000, article: '第四十一条第一款' },
  ],
};
const ART_41_NOTE =
  '由卫生健康主管部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下的罚款；情节严重的，责令停止托育服务，并处五万元以上十万元以下的罚款';

/**
 * The penalty list with what health departments enforce against a 托育机构 (7 items; the law provides no more
 * that a 托育机构 as such commits):
 * - 76号令 第十九条 (PHLT-01, now also for 定期健康检查 and 两案九制) and 基本医疗卫生与健康促进法 第九十九条
 *   (PHLT-02, unchanged: a 卫生室 practising without licence, 76号令 第二十条, is punished under this higher law);
 * - 人口与计划生育法 第四十一条第一款, the 托育机构's own penalty, for its 设置 and its 服务 not meeting the
 *   托育服务标准和规范 (第二十八条第三款) and for 虐待 (PHLT-03–05). 托育机构设置标准/管理规范 have no
 *   penalties of their own; they are the 标准和规范 this article enforces. 未成年人保护法 第一百一十九条 gives
 *   only 责令改正 and 处分 of the persons responsible: no penalty of the institution, so no item of its own;
 * - 生活饮用水卫生监督管理办法 第二十六条第四项, only where the institution runs its own 二次供水 (PHLT-06);
 * - 护士条例 第二十八条第二项, only where its 医务室 is a licensed 医疗卫生机构 (PHLT-07).
 * Left off: 传染病防治法 (2025 修订; enforced by 疾病预防控制部门, penalty articles and ranges could not be
 * checked here), 消毒管理办法 (its penalties, as far as could be read here, are for 医疗卫生机构, 消毒产品 and
 * 消毒服务机构, none for a 托幼机构 under 第十一条; such failures are 卫生保健 under 76号令), 公共场所卫生管理条例 (第二条 does not list 托育机构),
 * 母婴保健法 (婚前、孕产期保健 and its techniques, not childcare), 疫苗管理法 第九十二条第二款 (预防接种证查验:
 * the education department's), 医疗机构管理条例 第四十八条 (the 2022 revision's range could not be checked).
 * It replaces health/2026.2 from its start.
 */
export const HEALTH_PENALTY_2026_3: ChecklistFile = {
  ...HEALTH_PENALTY_2026_2,
  version: 'health/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构卫生健康行政处罚事项清单（2026 年第 3 版）',
  source: `${REG_76}；《中华人民共和国基本医疗卫生与健康促进法》；${POPULATION}；${WATER_53}；《护士条例》`,
  sources: [
    { title: '托儿所幼儿园卫生保健管理办法', documentNo: '卫生部、教育部令第76号', article: '第十九条' },
    { title: '中华人民共和国基本医疗卫生与健康促进法', article: '第九十九条' },
    { title: '中华人民共和国人口与计划生育法', article: '第二十八条第三款、第四十一条' },
    { title: '中华人民共和国未成年人保护法', article: '第二十七条、第一百一十九条' },
    { title: '生活饮用水卫生监督管理办法', documentNo: '建设部、卫生部令第53号', article: '第二十六条' },
    { title: '护士条例', documentNo: '国务院令第517号', article: '第二十八条' },
  ],
  penaltyItems: [
    {
      ...HEALTH_PENALTY_2026_2.penaltyItems[0]!,
      violation:
        '托幼机构未按规定开展卫生保健工作：未定期组织工作人员健康检查，招收未经健康检查或健康检查不合格的儿童，未严格按照《托儿所幼儿园卫生保健工作规范》开展卫生保健工作等',
      note: '由卫生行政部门责令限期改正，通报批评；逾期不改的，给予警告（第十九条）。造成传染病流行、食物中毒等突发公共卫生事件的，依据相关法律法规处罚（第二十一条）',
      relatedItems: [...HEALTH_PENALTY_2026_2.penaltyItems[0]!.relatedItems, 'HLT-18', 'HLT-21', 'HLT-22', 'HLT-23', 'HLT-24'],
    },
    HEALTH_PENALTY_2026_2.penaltyItems[1]!,
    {
      code: 'PHLT-03',
      violation: '托育机构的设置不符合托育服务相关标准和规范（生活用房、保健观察室、班级规模与照护人员配比等不符合《托育机构设置标准（试行）》）',
      legalBasis: `${ART_41}（违反第二十八条第三款）`,
      kinds: ['warning', 'fine', 'suspension'],
      fine: ART_41_FINE,
      note: ART_41_NOTE,
      relatedItems: ['HLT-11', 'HLT-14', 'HLT-15'],
    },
    {
      code: 'PHLT-04',
      violation: '托育机构的服务不符合托育服务相关标准和规范（安全管理制度和应急预案、监控体系、户外活动等不符合《托育机构管理规范（试行）》）',
      legalBasis: `${ART_41}（违反第二十八条第三款）`,
      kinds: ['warning', 'fine', 'suspension'],
      fine: ART_41_FINE,
      note: `${ART_41_NOTE}。同一违法行为同时违反76号令的，不得给予两次以上罚款（行政处罚法第二十九条）`,
      relatedItems: ['HLT-16', 'HLT-17', 'HLT-20'],
    },
    {
      code: 'PHLT-05',
      violation: '托育机构及其工作人员虐待、体罚、变相体罚、歧视或者侮辱婴幼儿',
      legalBasis: `${ART_41}；${MINORS}第一百一十九条（违反第二十七条）`,
      kinds: ['warning', 'fine', 'suspension'],
      fine: ART_41_FINE,
      note:
        `${ART_41_NOTE}。有虐待行为的，直接负责的主管人员和其他直接责任人员终身不得从事婴幼儿照护服务（第四十一条第二款，针对个人）。` +
        '未成年人保护法第一百一十九条：责令改正；拒不改正或者情节严重的，对直接责任人员依法给予处分（不处罚机构）',
      relatedItems: ['HLT-19', 'HLT-20'],
    },
    {
      code: 'PHLT-06',
      violation: '自行管理二次供水设施的托育机构供应的饮用水不符合国家规定的生活饮用水卫生标准',
      legalBasis: `${WATER_53}第二十六条第四项`,
      kinds: ['fine'],
      fine: { basis: 'none', tiers: [{ minFen: 2_000, maxFen: 500_000, article: '第二十六条第四项' }] },
      note: '责令限期改进，并可处以二十元以上五千元以下的罚款。导致或者可能导致传染病传播、流行的，依照传染病防治法由疾病预防控制部门处罚（条款序号待核）',
      relatedItems: ['HLT-10', 'HLT-25'],
    },
    {
      code: 'PHLT-07',
      violation: '设有取得执业许可的医务室（医疗卫生机构）的，允许未取得护士执业证书或者未办理执业地点变更、延续注册的人员从事护理活动',
      legalBasis: '《护士条例》（国务院令第517号）第二十八条第二项',
      kinds: ['warning', 'suspension'],
      note: '责令限期改正，给予警告；逾期不改正的，核减其诊疗科目，或者暂停其6个月以上1年以下执业活动',
      relatedItems: ['HLT-13'],
    },
  ],
};
