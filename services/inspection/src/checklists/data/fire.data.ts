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
