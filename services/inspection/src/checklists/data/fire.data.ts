import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { ChecklistFile } from '../checklist-schema.js';

/**
 * 消防救援: 行政检查事项清单 and 行政处罚事项清单 for 托育机构 (人员密集场所), national: every item rests on the
 * 消防法, 公安部令第61号 or a national standard (GB). Items from joint checks
 * reported locally (瑞安's joint checks: 消防通道、楼梯间是否占用封闭，消防设施是否堵塞; 2023–2025 joint checks
 * of 托育机构: emergency lighting, patrol records, extinguisher expiry, wiring, floor coverings).
 */
const LAW = '《中华人民共和国消防法》';
const RULES_61 = '《机关、团体、企业、事业单位消防安全管理规定》（公安部令第61号）';
const RUIAN = '瑞安市“母婴保健监管一件事”联合检查事项（报道《让“高消费”的月子中心迎来“强监管”》）';
const LOCAL = '2023–2025 年各地托育机构联合检查报道（临潼、丰泽、宜都）';

export const FIRE_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'fire',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'fire/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构消防安全行政检查事项清单（2026 年版）',
  source: `${LAW}；${RULES_61}`,
  sources: [{ title: '中华人民共和国消防法' }, { title: '机关、团体、企业、事业单位消防安全管理规定', documentNo: '公安部令第61号' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'FIRE-01',
      area: 'fire_safety',
      category: '疏散通道',
      text: '疏散通道、楼梯间、安全出口保持畅通，未被占用、堵塞、封闭',
      legalBasis: `${LAW}第二十八条`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
      source: RUIAN,
    },
    {
      code: 'FIRE-02',
      area: 'fire_safety',
      category: '消防车通道',
      text: '消防车通道未被占用、堵塞、封闭',
      legalBasis: `${LAW}第二十八条`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'FIRE-03',
      area: 'fire_safety',
      category: '消防设施',
      text: '消防设施、器材未被遮挡、圈占、损坏、挪用或擅自停用，消火栓未被埋压',
      legalBasis: `${LAW}第二十八条`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
      source: RUIAN,
    },
    {
      code: 'FIRE-04',
      area: 'fire_safety',
      category: '灭火器',
      text: '灭火器按标准配置，在有效期内并按期检查维修',
      legalBasis: `${LAW}第十六条；《建筑灭火器配置设计规范》（GB 50140）`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: LOCAL,
    },
    {
      code: 'FIRE-05',
      area: 'fire_safety',
      category: '应急照明',
      text: '应急照明和疏散指示标志完好有效',
      legalBasis: `${LAW}第十六条；《消防应急照明和疏散指示系统技术标准》（GB 51309）`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: LOCAL,
    },
    {
      code: 'FIRE-06',
      area: 'fire_safety',
      category: '电气线路',
      text: '电气线路敷设规范，无私拉乱接、线路缠绕或老化，饮水机等用电设备有漏电保护',
      legalBasis: `${LAW}（电器产品及其线路的安装、使用应当符合消防技术标准）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: LOCAL,
    },
    {
      code: 'FIRE-07',
      area: 'fire_safety',
      category: '装修材料',
      text: '婴幼儿活动场所无易燃可燃地面铺装和装饰材料，无可燃物堆放',
      legalBasis: '《建筑内部装修设计防火规范》（GB 50222）',
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: LOCAL,
    },
    {
      code: 'FIRE-08',
      area: 'fire_safety',
      category: '防火巡查',
      text: '建立并落实防火巡查、检查制度，巡查记录完整',
      legalBasis: RULES_61,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: LOCAL,
    },
    {
      code: 'FIRE-09',
      area: 'fire_safety',
      category: '门窗障碍物',
      text: '门窗未设置影响逃生和灭火救援的障碍物（防盗网、广告牌等）',
      legalBasis: `${LAW}第二十八条`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-10',
      area: 'fire_safety',
      category: '培训演练',
      text: '定期开展消防安全培训和疏散演练，有记录',
      legalBasis: `${LAW}第十六条；${RULES_61}`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: '瑞安市消防救援大队组织的消防安全培训演练（报道《让“高消费”的月子中心迎来“强监管”》）',
    },
    {
      code: 'FIRE-11',
      area: 'fire_safety',
      category: '厨房消防',
      text: '厨房配置灭火毯、灭火器，燃气管道和阀门完好，排油烟管道定期清洗',
      legalBasis: `${LAW}第十六条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: LOCAL,
    },
    {
      code: 'FIRE-12',
      area: 'fire_safety',
      category: '电动自行车',
      text: '电动自行车未在疏散通道、楼梯间、安全出口停放或充电',
      legalBasis: `${LAW}第二十八条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-13',
      area: 'fire_safety',
      category: '消防安全责任',
      text: '明确消防安全责任人和管理人，制定消防安全制度和灭火、应急疏散预案',
      legalBasis: `${LAW}第十六条`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 消防法第六十条: 单位有所列行为之一的，责令改正，处五千元以上五万元以下罚款. */
const ART_60 = `${LAW}第六十条`;
const FINE_60 = { kinds: ['fine' as const], fineMinFen: 500_000, fineMaxFen: 5_000_000, note: '单位：责令改正，处五千元以上五万元以下罚款' };

export const FIRE_PENALTY_2026: ChecklistFile = {
  kind: 'penalty',
  department: 'fire',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'fire/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构消防安全行政处罚事项清单（2026 年版）',
  source: LAW,
  sources: [{ title: '中华人民共和国消防法', article: '第六十条' }],
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PFIRE-01',
      violation: '占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为',
      legalBasis: ART_60,
      ...FINE_60,
      relatedItems: ['FIRE-01', 'FIRE-12'],
    },
    { code: 'PFIRE-02', violation: '占用、堵塞、封闭消防车通道，妨碍消防车通行', legalBasis: ART_60, ...FINE_60, relatedItems: ['FIRE-02'] },
    {
      code: 'PFIRE-03',
      violation: '消防设施、器材或者消防安全标志的配置、设置不符合标准或者未保持完好有效；损坏、挪用或者擅自拆除、停用消防设施、器材',
      legalBasis: ART_60,
      ...FINE_60,
      relatedItems: ['FIRE-03', 'FIRE-04', 'FIRE-05', 'FIRE-11'],
    },
    { code: 'PFIRE-04', violation: '人员密集场所在门窗上设置影响逃生和灭火救援的障碍物', legalBasis: ART_60, ...FINE_60, relatedItems: ['FIRE-09'] },
    { code: 'PFIRE-05', violation: '对火灾隐患经消防救援机构通知后不及时采取措施消除', legalBasis: ART_60, ...FINE_60, relatedItems: ['FIRE-06', 'FIRE-07'] },
  ],
};

/**
 * The inspection list with the check that the premises may lawfully be used at all (消防验收、投入使用
 * 营业前消防安全检查): the items of fire/2026.1 and FIRE-14. It replaces fire/2026.1 from its start.
 */
export const FIRE_INSPECTION_2026_2: ChecklistFile = {
  ...FIRE_INSPECTION_2026,
  version: 'fire/2026.2',
  effectiveFrom: '2026-12-01',
  title: '托育机构消防安全行政检查事项清单（2026 年第 2 版）',
  sources: [
    { title: '中华人民共和国消防法', article: '第十三条、第十五条、第十六条、第二十八条、第五十八条' },
    { title: '机关、团体、企业、事业单位消防安全管理规定', documentNo: '公安部令第61号' },
  ],
  inspectionItems: [
    ...FIRE_INSPECTION_2026.inspectionItems,
    // 第十三条: a building that must pass 消防验收 is not used before it passes (other works: 验收备案 and its
    // spot check); 第十五条: a 公众聚集场所 is not used or opened before the 消防救援机构's 投入使用、营业前消防安全检查
    // (告知承诺) grants it. A 托育机构 is a 人员密集场所 (第七十三条); whether its premises are also a 公众聚集场所
    // is judged place by place.
    {
      code: 'FIRE-14',
      area: 'fire_safety',
      category: '消防验收与安全检查',
      text: '场所所在建筑依法通过消防验收（或经验收备案、抽查合格）；属于公众聚集场所的，投入使用、营业前经消防救援机构消防安全检查合格（取得许可），使用、营业情况与承诺内容相符',
      legalBasis: `${LAW}第十三条、第十五条、第五十八条`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
    },
  ],
};

/** 第六十条第一款: 单位 — 责令改正，处五千元以上五万元以下罚款 (the 个人 ranges of 第二款 are not an institution's). */
const ART_60_FINE = { basis: 'none' as const, tiers: [{ minFen: 500_000, maxFen: 5_000_000, article: '第六十条第一款' }] };
const art60 = (items: string) => `${LAW}第六十条第一款${items}`;

/**
 * The penalty list with the fines as written (第六十条第一款, the 项 of each violation) and 第五十八条第一款第四项:
 * a 公众聚集场所 used or opened without the 消防救援机构's permission (or not as promised) — 责令停止使用或者停产停业，
 * 并处三万元以上三十万元以下罚款. Buildings used without 消防验收 (第一款第二项、第三项) are punished by the
 * 住房和城乡建设主管部门 within its own powers, so they are not on this list. It replaces fire/2026.1 from its start.
 */
export const FIRE_PENALTY_2026_2: ChecklistFile = {
  ...FIRE_PENALTY_2026,
  version: 'fire/2026.2',
  effectiveFrom: '2026-12-01',
  title: '托育机构消防安全行政处罚事项清单（2026 年第 2 版）',
  sources: [{ title: '中华人民共和国消防法', article: '第五十八条、第六十条' }],
  penaltyItems: [
    {
      code: 'PFIRE-01',
      violation: '占用、堵塞、封闭疏散通道、安全出口或者有其他妨碍安全疏散行为',
      legalBasis: art60('第三项'),
      kinds: ['fine'],
      fine: ART_60_FINE,
      note: FINE_60.note,
      relatedItems: ['FIRE-01', 'FIRE-12'],
    },
    {
      code: 'PFIRE-02',
      violation: '占用、堵塞、封闭消防车通道，妨碍消防车通行',
      legalBasis: art60('第五项'),
      kinds: ['fine'],
      fine: ART_60_FINE,
      note: FINE_60.note,
      relatedItems: ['FIRE-02'],
    },
    {
      code: 'PFIRE-03',
      violation:
        '消防设施、器材或者消防安全标志的配置、设置不符合国家标准、行业标准，或者未保持完好有效；损坏、挪用或者擅自拆除、停用消防设施、器材；埋压、圈占、遮挡消火栓',
      legalBasis: art60('第一项、第二项、第四项'),
      kinds: ['fine'],
      fine: ART_60_FINE,
      note: FINE_60.note,
      relatedItems: ['FIRE-03', 'FIRE-04', 'FIRE-05', 'FIRE-11'],
    },
    {
      code: 'PFIRE-04',
      violation: '人员密集场所在门窗上设置影响逃生和灭火救援的障碍物',
      legalBasis: art60('第六项'),
      kinds: ['fine'],
      fine: ART_60_FINE,
      note: FINE_60.note,
      relatedItems: ['FIRE-09'],
    },
    {
      code: 'PFIRE-05',
      violation: '对火灾隐患经消防救援机构通知后不及时采取措施消除',
      legalBasis: art60('第七项'),
      kinds: ['fine'],
      fine: ART_60_FINE,
      note: FINE_60.note,
      relatedItems: ['FIRE-06', 'FIRE-07'],
    },
    {
      code: 'PFIRE-06',
      violation: '公众聚集场所未经消防救援机构许可，擅自投入使用、营业，或者经核查发现场所使用、营业情况与承诺内容不符',
      legalBasis: `${LAW}第五十八条第一款第四项`,
      kinds: ['suspension', 'fine'],
      fine: { basis: 'none', tiers: [{ minFen: 3_000_000, maxFen: 30_000_000, article: '第五十八条第一款第四项' }] },
      note:
        '责令停止使用或者停产停业，并处三万元以上三十万元以下罚款；与承诺内容不符，经责令限期改正逾期不整改或者整改后仍达不到要求的，依法撤销相应许可（第五十八条第二款）。' +
        '依法应当进行消防验收的建设工程未经消防验收或者验收不合格擅自投入使用的（第一款第二项、第三项），由住房和城乡建设主管部门按照职权处罚',
      relatedItems: ['FIRE-14'],
    },
  ],
};

const HIGH_RISE = '《高层民用建筑消防安全管理规定》（应急管理部令第5号）';

/**
 * The inspection list with what the penalties of fire/2026.3 need checked: 防火间距, 消防产品, 电器产品 and
 * 燃气用具 (第二十七条), 住宿与经营合用 (第十九条), the yearly test of 建筑消防设施, the duties of a
 * 消防安全重点单位 (第十七条; 公安部令第61号 names 寄宿制的托儿所 among them, others as designated), staff training, a
 * building shared by several units (第十八条), 动火 and certified operators (第二十一条), and a place in a
 * high-rise. The items of fire/2026.2 and FIRE-15–FIRE-25; it replaces fire/2026.2 from its start.
 */
export const FIRE_INSPECTION_2026_3: ChecklistFile = {
  ...FIRE_INSPECTION_2026_2,
  version: 'fire/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构消防安全行政检查事项清单（2026 年第 3 版）',
  source: `${LAW}；${RULES_61}；${HIGH_RISE}`,
  sources: [
    {
      title: '中华人民共和国消防法',
      article: '第十三条、第十五条、第十六条、第十七条、第十八条、第十九条、第二十一条、第二十四条、第二十七条、第二十八条、第五十八条',
    },
    { title: '机关、团体、企业、事业单位消防安全管理规定', documentNo: '公安部令第61号' },
    { title: '社会消防安全教育培训规定', documentNo: '公安部令第109号' },
    { title: '高层民用建筑消防安全管理规定', documentNo: '应急管理部令第5号' },
  ],
  inspectionItems: [
    ...FIRE_INSPECTION_2026_2.inspectionItems,
    {
      code: 'FIRE-15',
      area: 'fire_safety',
      category: '防火间距',
      text: '建筑之间的防火间距未被占用（未搭建临时建筑、未堆放可燃物）',
      legalBasis: `${LAW}第十六条第一款第四项、第六十条第一款第四项；《建筑设计防火规范》（GB 50016）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-16',
      area: 'fire_safety',
      category: '消防产品',
      text: '使用的消防产品（灭火器、应急照明灯具、疏散指示标志、防火门、火灾探测报警产品等）为合格产品，依法实行强制性产品认证的具有认证标志，未使用国家明令淘汰的消防产品',
      legalBasis: `${LAW}第二十四条、第六十五条第二款`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-17',
      area: 'fire_safety',
      category: '电器产品',
      text: '电器产品（电暖器、电热水器、空调、消毒柜等）的安装、使用符合消防技术标准，不超负荷用电，人员离开时切断电源；电气线路定期维护保养、检测',
      legalBasis: `${LAW}第二十七条、第六十六条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-18',
      area: 'fire_safety',
      category: '燃气用具',
      text: '燃气用具及其管路的安装、使用符合消防技术标准：使用合格的燃气用具和连接管，连接管无老化、破损，不擅自安装、改装、拆除燃气管路和设备，并定期维护保养、检测',
      legalBasis: `${LAW}第二十七条、第六十六条`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-19',
      area: 'fire_safety',
      category: '住宿与经营合用',
      text: '托育场所与居住场所（含员工宿舍）设置在同一建筑物内的，两者之间的防火分隔、安全出口和消防设施符合消防技术标准；场所内不生产、储存、经营易燃易爆危险品',
      legalBasis: `${LAW}第十九条、第六十一条；《住宿与生产储存经营合用场所消防安全技术要求》（GA 703）`,
      riskWeight: 4,
      severity: 'critical',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-20',
      area: 'fire_safety',
      category: '设施检测维保',
      text: '建筑消防设施每年至少进行一次全面检测，消防设施、器材定期检验、维修，检测和维保记录完整准确并存档备查',
      legalBasis: `${LAW}第十六条第一款第二项、第三项`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-21',
      area: 'fire_safety',
      category: '消防安全重点单位',
      text: '被确定为消防安全重点单位的：确定消防安全管理人，建立消防档案，确定消防安全重点部位并设置防火标志，实行每日防火巡查并建立巡查记录',
      legalBasis: `${LAW}第十七条；${RULES_61}`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-22',
      area: 'fire_safety',
      category: '消防安全培训',
      text: '员工上岗前接受消防安全培训并定期复训，掌握报警、扑救初起火灾和组织引导婴幼儿疏散的技能，培训有记录',
      legalBasis: `${LAW}第十七条第二款第四项；${RULES_61}；《社会消防安全教育培训规定》（公安部令第109号）`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-23',
      area: 'fire_safety',
      category: '多单位共用建筑',
      text: '所在建筑由两个以上单位管理或者使用的，已明确各方消防安全责任，并确定责任人对共用的疏散通道、安全出口、建筑消防设施和消防车通道统一管理',
      legalBasis: `${LAW}第十八条第一款`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-24',
      area: 'fire_safety',
      category: '动火作业与持证上岗',
      text: '电焊、气焊等明火作业事先办理审批手续并采取现场监护等消防安全措施，作业人员持证上岗；设有消防控制室的，自动消防系统操作人员持证上岗',
      legalBasis: `${LAW}第二十一条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'FIRE-25',
      area: 'fire_safety',
      category: '高层民用建筑',
      text: '场所位于高层民用建筑内的：动火作业履行审批手续、进行公告并落实现场监护；户外广告牌、外装饰不妨碍防烟排烟、逃生和灭火救援，不改变、破坏建筑立面防火结构；因维修等停用建筑消防设施的进行公告、制定应急预案并落实防范措施；公共门厅、疏散走道、楼梯间、安全出口不停放电动自行车、不为其充电',
      legalBasis: `${HIGH_RISE}（第四十七条所列事项）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 消防法第六十七条: the unit is ordered to correct; the 警告 (or 处分) falls on its responsible persons. */
const ART_67 = {
  kinds: ['warning' as const],
  note:
    '责令限期改正；逾期不改正的，对其直接负责的主管人员和其他直接责任人员依法给予处分或者给予警告处罚。' +
    '警告的对象是单位直接负责的主管人员和其他直接责任人员，本条不对单位罚款',
};
const art67 = (duty: string) => `${LAW}第六十七条（违反${duty}）`;
/** 责令限期改正；逾期不改正的，… — the fine only after the deadline passed unheeded. */
const afterDeadline = (minFen: number, maxFen: number, article: string) => ({
  basis: 'none' as const,
  tiers: [{ circumstance: 'refused_to_correct' as const, minFen, maxFen, article }],
});
/** 高层 第四十七条: 经营性单位 2000–10000 元, 非经营性单位 500–1000 元; one item per range. */
const HIGH_RISE_OPERATING = { minFen: 200_000, maxFen: 1_000_000, article: '第四十七条' };
const HIGH_RISE_NON_OPERATING = { minFen: 50_000, maxFen: 100_000, article: '第四十七条' };
const HIGH_RISE_NATURE = '从事经营活动的托育机构（如营利性托育机构）按经营性单位，其他按非经营性单位，由消防救援机构认定；两者的罚款幅度分列为两个事项';
const HIGH_RISE_WORKS =
  '在高层民用建筑内进行电焊、气焊等明火作业，未履行动火审批手续、进行公告，或者未落实消防现场监护措施；设置的户外广告牌、外装饰妨碍防烟排烟、逃生和灭火救援，或者改变、破坏建筑立面防火结构；因维修等需要停用建筑消防设施未进行公告、未制定应急预案或者未落实防范措施';
const HIGH_RISE_BIKES = '在高层民用建筑的公共门厅、疏散走道、楼梯间、安全出口停放电动自行车或者为电动自行车充电，拒不改正';

/**
 * The penalty list with what 消防救援机构 enforce against a 托育机构 beyond 第五十八条、第六十条: 占用防火间距
 * (第六十条第一款第四项), 第六十一条第二款 (住宿与经营合用, where it applies), 第六十五条第二款 (a 人员密集场所
 * using 不合格 or 淘汰 消防产品), 第六十六条 (电器产品、燃气用具), 第六十七条 (the duties of 第十六条、第十七条、
 * 第十八条、第二十一条第二款) and 高层 第四十七条. Left out: 第五十九条 (住建's, design and construction),
 * 第六十二条 (治安管理处罚法, 公安), 第六十三条、第六十四条、第六十八条 (acts of persons; 拘留 is 公安's), 第六十九条
 * (消防技术服务机构), 第七十条 (procedure), 第六十一条第一款 (易燃易爆危险品 places), 第十六条第一款第二项、第四项
 * (punished as 第六十条's acts), 高层 第四十七条第三项、第四项、第五项 (外墙保温标识, 消防控制室值班, 消防组织: duties
 * of the building's owner or unified manager). 公安部令第109号 sets no fine of its own on a unit. It replaces
 * fire/2026.2 from its start.
 */
export const FIRE_PENALTY_2026_3: ChecklistFile = {
  ...FIRE_PENALTY_2026_2,
  version: 'fire/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构消防安全行政处罚事项清单（2026 年第 3 版）',
  source: `${LAW}；${HIGH_RISE}`,
  sources: [
    { title: '中华人民共和国消防法', article: '第五十八条、第六十条、第六十一条、第六十五条、第六十六条、第六十七条' },
    { title: '高层民用建筑消防安全管理规定', documentNo: '应急管理部令第5号', article: '第四十七条' },
  ],
  penaltyItems: [
    ...FIRE_PENALTY_2026_2.penaltyItems,
    {
      code: 'PFIRE-07',
      violation: '占用防火间距',
      legalBasis: art60('第四项'),
      kinds: ['fine'],
      fine: ART_60_FINE,
      note: `${FINE_60.note}；经责令改正拒不改正的，强制执行，所需费用由违法行为人承担（第六十条第三款）`,
      relatedItems: ['FIRE-15'],
    },
    {
      code: 'PFIRE-08',
      violation: '人员密集场所使用不合格的消防产品或者国家明令淘汰的消防产品',
      legalBasis: `${LAW}第六十五条第二款`,
      kinds: ['fine', 'suspension'],
      fine: afterDeadline(500_000, 5_000_000, '第六十五条第二款'),
      note:
        '责令限期改正；逾期不改正的，处五千元以上五万元以下罚款（并对其直接负责的主管人员和其他直接责任人员处五百元以上二千元以下罚款，属个人，不在本清单）；' +
        '情节严重的，责令停产停业。消防救援机构并将发现的不合格、淘汰消防产品通报产品质量监督部门、市场监督管理部门（第六十五条第三款）',
      relatedItems: ['FIRE-16', 'FIRE-04', 'FIRE-05'],
    },
    {
      code: 'PFIRE-09',
      violation: '电器产品的安装、使用及其线路的设计、敷设、维护保养、检测不符合消防技术标准和管理规定',
      legalBasis: `${LAW}第六十六条`,
      kinds: ['suspension', 'fine'],
      fine: afterDeadline(100_000, 500_000, '第六十六条'),
      note: '责令限期改正；逾期不改正的，责令停止使用，可以并处一千元以上五千元以下罚款',
      relatedItems: ['FIRE-06', 'FIRE-17'],
    },
    {
      code: 'PFIRE-10',
      violation: '燃气用具的安装、使用及其管路的设计、敷设、维护保养、检测不符合消防技术标准和管理规定',
      legalBasis: `${LAW}第六十六条`,
      kinds: ['suspension', 'fine'],
      fine: afterDeadline(100_000, 500_000, '第六十六条'),
      note: '责令限期改正；逾期不改正的，责令停止使用，可以并处一千元以上五千元以下罚款',
      relatedItems: ['FIRE-11', 'FIRE-18'],
    },
    {
      code: 'PFIRE-11',
      violation: '生产、储存、经营其他物品的场所与居住场所（含员工宿舍）设置在同一建筑物内，不符合消防技术标准',
      legalBasis: `${LAW}第六十一条第二款`,
      kinds: ['suspension', 'fine'],
      fine: { basis: 'none', tiers: [{ minFen: 500_000, maxFen: 5_000_000, article: '第六十一条第二款（依照第一款）' }] },
      note:
        '依照第一款规定处罚：责令停产停业，并处五千元以上五万元以下罚款。托育服务本身不是生产、储存、经营物品，本项仅在托育场所同时用于生产、储存、经营物品' +
        '（如兼营母婴用品零售、仓储）并与居住场所设在同一建筑物内时适用，由消防救援机构个案认定（适用范围待核）。' +
        '第一款（易燃易爆危险品场所与居住场所设在同一建筑物内）针对危险品场所，不列',
      relatedItems: ['FIRE-19'],
    },
    {
      code: 'PFIRE-12',
      violation: '未落实消防安全责任制，未制定本单位的消防安全制度、消防安全操作规程或者灭火和应急疏散预案',
      legalBasis: art67('第十六条第一款第一项'),
      ...ART_67,
      relatedItems: ['FIRE-13'],
    },
    {
      code: 'PFIRE-13',
      violation: '未对建筑消防设施每年至少进行一次全面检测，或者检测记录不完整准确、未存档备查',
      legalBasis: art67('第十六条第一款第三项'),
      ...ART_67,
      relatedItems: ['FIRE-20'],
    },
    {
      code: 'PFIRE-14',
      violation: '未组织防火检查、及时消除火灾隐患，或者未组织进行有针对性的消防演练',
      legalBasis: art67('第十六条第一款第五项、第六项'),
      ...ART_67,
      relatedItems: ['FIRE-08', 'FIRE-10'],
    },
    {
      code: 'PFIRE-15',
      violation:
        '消防安全重点单位未确定消防安全管理人，未建立消防档案、确定消防安全重点部位，未实行每日防火巡查并建立巡查记录，或者未对职工进行岗前消防安全培训、定期组织消防安全培训和消防演练',
      legalBasis: art67('第十七条第二款'),
      ...ART_67,
      relatedItems: ['FIRE-21', 'FIRE-08', 'FIRE-22', 'FIRE-10'],
    },
    {
      code: 'PFIRE-16',
      violation:
        '同一建筑物由两个以上单位管理或者使用，未明确各方的消防安全责任，或者未确定责任人对共用的疏散通道、安全出口、建筑消防设施和消防车通道进行统一管理',
      legalBasis: art67('第十八条第一款'),
      ...ART_67,
      relatedItems: ['FIRE-23'],
    },
    {
      code: 'PFIRE-17',
      violation: '进行电焊、气焊等具有火灾危险作业的人员或者自动消防系统的操作人员未持证上岗',
      legalBasis: art67('第二十一条第二款'),
      ...ART_67,
      relatedItems: ['FIRE-24'],
    },
    {
      code: 'PFIRE-18',
      violation: `${HIGH_RISE_WORKS}（经营性单位）`,
      legalBasis: `${HIGH_RISE}第四十七条第一项、第二项、第六项`,
      kinds: ['fine'],
      fine: { basis: 'none', tiers: [HIGH_RISE_OPERATING] },
      note: `由消防救援机构责令改正，对经营性单位和个人处二千元以上一万元以下罚款。${HIGH_RISE_NATURE}`,
      relatedItems: ['FIRE-25', 'FIRE-24'],
    },
    {
      code: 'PFIRE-19',
      violation: `${HIGH_RISE_WORKS}（非经营性单位）`,
      legalBasis: `${HIGH_RISE}第四十七条第一项、第二项、第六项`,
      kinds: ['fine'],
      fine: { basis: 'none', tiers: [HIGH_RISE_NON_OPERATING] },
      note: `由消防救援机构责令改正，对非经营性单位和个人处五百元以上一千元以下罚款。${HIGH_RISE_NATURE}`,
      relatedItems: ['FIRE-25', 'FIRE-24'],
    },
    {
      code: 'PFIRE-20',
      violation: `${HIGH_RISE_BIKES}（经营性单位）`,
      legalBasis: `${HIGH_RISE}第四十七条第七项`,
      kinds: ['fine'],
      fine: { basis: 'none', tiers: [{ circumstance: 'refused_to_correct', ...HIGH_RISE_OPERATING }] },
      note: `拒不改正的，由消防救援机构对经营性单位和个人处二千元以上一万元以下罚款。${HIGH_RISE_NATURE}`,
      relatedItems: ['FIRE-12', 'FIRE-25'],
    },
    {
      code: 'PFIRE-21',
      violation: `${HIGH_RISE_BIKES}（非经营性单位）`,
      legalBasis: `${HIGH_RISE}第四十七条第七项`,
      kinds: ['fine'],
      fine: { basis: 'none', tiers: [{ circumstance: 'refused_to_correct', ...HIGH_RISE_NON_OPERATING }] },
      note: `拒不改正的，由消防救援机构对非经营性单位和个人处五百元以上一千元以下罚款。${HIGH_RISE_NATURE}`,
      relatedItems: ['FIRE-12', 'FIRE-25'],
    },
  ],
};
