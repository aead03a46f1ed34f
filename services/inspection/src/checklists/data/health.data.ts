import type { ChecklistData } from '../checklist-schema.js';

/**
 * 卫生健康 (lead department): 卫生保健 (西政办函〔2021〕15号 §二(四)3: 儿童膳食、体格检查、健康检查、卫生消毒、
 * 疾病预防), daily management (威海环翠区: 两案九制、一日三检、缺勤追踪), the setting standards, and the
 * medical licence (《基本医疗卫生与健康促进法》: 从事医疗服务应当取得医疗机构执业许可证).
 */
const REG_76 = '《托儿所幼儿园卫生保健管理办法》（卫生部、教育部令第76号）';
const NORMS = '《托儿所幼儿园卫生保健工作规范》（卫妇社发〔2012〕35号）';
const STANDARDS_58 = '《托育机构设置标准（试行）》《托育机构管理规范（试行）》（国卫人口发〔2019〕58号）';
const HUANCUI = '两案九制、一日三检、缺勤追踪（威海市环翠区卫生健康局、发展和改革局《关于创建省级婴幼儿照护服务示范区的报告》五(一)）';

export const HEALTH_INSPECTION_2026: ChecklistData = {
  kind: 'inspection',
  department: 'health',
  version: 'health/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构卫生保健与综合管理行政检查事项清单（2026 年版）',
  source: `${REG_76}；${STANDARDS_58}；西政办函〔2021〕15号 §二(四)3`,
  penaltyItems: [],
  inspectionItems: [
    { code: 'HLT-01', area: 'health_care', category: '卫生评价', text: '取得卫生评价报告且结论为合格', legalBasis: `${REG_76}；《托育机构卫生评价基本标准》`, riskWeight: 4, severity: 'major', appliesTo: [], basic: true },
    { code: 'HLT-02', area: 'health_care', category: '保健人员', text: '按规定配备卫生保健人员；收托 150 名以上的至少配备 1 名专职', legalBasis: REG_76, riskWeight: 3, severity: 'major', appliesTo: [], basic: false },
    { code: 'HLT-03', area: 'health_care', category: '晨午晚检', text: '每日晨检和全日健康观察（一日三检）并记录，发现异常及时处理', legalBasis: `${REG_76}；${NORMS}`, riskWeight: 4, severity: 'major', appliesTo: [], basic: false, source: HUANCUI },
    { code: 'HLT-04', area: 'health_care', category: '缺勤追踪', text: '因病缺勤追踪登记，及时了解缺勤原因', legalBasis: NORMS, riskWeight: 3, severity: 'minor', appliesTo: [], basic: false, source: HUANCUI },
    { code: 'HLT-05', area: 'health_care', category: '清洁消毒', text: '环境、玩具、床上用品等按规范清洁消毒，消毒台账完整', legalBasis: NORMS, riskWeight: 4, severity: 'major', appliesTo: [], basic: false, source: '2023–2025 年各地托育机构联合检查报道（消毒台账）' },
    { code: 'HLT-06', area: 'health_care', category: '传染病防控', text: '建立传染病报告、隔离、登记制度，发现疑似传染病及时报告并处置', legalBasis: `《中华人民共和国传染病防治法》；${REG_76}`, riskWeight: 5, severity: 'critical', appliesTo: [], basic: true },
    { code: 'HLT-07', area: 'staff', category: '工作人员健康检查', text: '工作人员上岗前经健康检查合格并取得健康合格证明，在岗人员每年健康检查', legalBasis: REG_76, riskWeight: 4, severity: 'major', appliesTo: [], basic: false },
    { code: 'HLT-08', area: 'health_care', category: '入托体检', text: '婴幼儿入托前进行健康检查，查验预防接种证', legalBasis: REG_76, riskWeight: 3, severity: 'major', appliesTo: [], basic: false },
    { code: 'HLT-09', area: 'health_care', category: '膳食营养', text: '制定带量食谱，膳食营养均衡，定期进行营养分析', legalBasis: NORMS, riskWeight: 2, severity: 'minor', appliesTo: [], basic: false, source: '西政办函〔2021〕15号 §二(四)3：儿童膳食' },
    { code: 'HLT-10', area: 'health_care', category: '饮用水', text: '饮用水安全，饮水设备定期清洗消毒并有记录', legalBasis: `《生活饮用水卫生标准》（GB 5749）；${NORMS}`, riskWeight: 3, severity: 'major', appliesTo: [], basic: false, source: '2023–2025 年各地托育机构联合检查报道（饮用水）' },
    { code: 'HLT-11', area: 'premises', category: '观察室', text: '设置观察室（隔离室），面积不少于 6 m²，设施齐全', legalBasis: STANDARDS_58, riskWeight: 2, severity: 'minor', appliesTo: [], basic: false },
    { code: 'HLT-12', area: 'licences', category: '医疗机构执业许可', text: '开展医疗服务的，依法取得《医疗机构执业许可证》', legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》；《医疗机构管理条例》', riskWeight: 5, severity: 'critical', appliesTo: [], basic: true, source: '瑞安市卫生健康局现场指导（报道《让“高消费”的月子中心迎来“强监管”》）' },
    { code: 'HLT-13', area: 'staff', category: '医护人员资质', text: '医护人员具备相应执业资格并按规定注册', legalBasis: '《中华人民共和国医师法》；《护士条例》', riskWeight: 4, severity: 'major', appliesTo: [], basic: false, source: '瑞安市联合检查：医护人员从业资质（报道《让“高消费”的月子中心迎来“强监管”》）' },
    { code: 'HLT-14', area: 'premises', category: '生活用房', text: '婴幼儿生活用房不设在地下室或半地下室，设在地上三层及以下', legalBasis: STANDARDS_58, riskWeight: 5, severity: 'critical', appliesTo: [], basic: true },
    { code: 'HLT-15', area: 'daily_care', category: '照护比例', text: '班级规模和保育人员配比符合标准（乳儿班 1:3、托小班 1:5、托大班 1:7）', legalBasis: STANDARDS_58, riskWeight: 4, severity: 'major', appliesTo: [], basic: false },
    { code: 'HLT-16', area: 'daily_care', category: '安全制度', text: '建立安全防护、突发事件处置等应急预案和管理制度（两案九制）并落实', legalBasis: STANDARDS_58, riskWeight: 3, severity: 'major', appliesTo: [], basic: false, source: HUANCUI },
    { code: 'HLT-17', area: 'daily_care', category: '户外活动', text: '保证婴幼儿每日户外活动不少于 2 小时（气候不宜时酌情调整）', legalBasis: STANDARDS_58, riskWeight: 1, severity: 'minor', appliesTo: [], basic: false },
  ],
};

export const HEALTH_PENALTY_2026: ChecklistData = {
  kind: 'penalty',
  department: 'health',
  version: 'health/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构卫生健康行政处罚事项清单（2026 年版）',
  source: `${REG_76}；《中华人民共和国基本医疗卫生与健康促进法》`,
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PHLT-01', violation: '卫生保健工作不符合《托儿所幼儿园卫生保健管理办法》要求，经责令限期改正逾期不改', legalBasis: REG_76, kinds: ['criticism', 'warning'],
      note: '责令限期改正，通报批评；逾期不改的，给予警告', relatedItems: ['HLT-02', 'HLT-03', 'HLT-04', 'HLT-05', 'HLT-06', 'HLT-07', 'HLT-08', 'HLT-09', 'HLT-10'],
    },
    {
      code: 'PHLT-02', violation: '未取得医疗机构执业许可证擅自执业', legalBasis: '《中华人民共和国基本医疗卫生与健康促进法》', kinds: ['confiscation', 'fine'],
      fineMinFen: 5_000_000, fineMaxFen: 20_000_000, note: '责令停止执业，没收违法所得和药品、医疗器械，并处违法所得五倍以上二十倍以下罚款；违法所得不足一万元的按一万元计算（即五万元至二十万元）', relatedItems: ['HLT-12'],
    },
  ],
};
