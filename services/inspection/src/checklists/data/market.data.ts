import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { ChecklistFile } from '../checklist-schema.js';

/**
 * 市场监管: food safety and fees. The national list rests on the 食品安全法, 价格法 and national rules; the
 * 普惠 price ceiling rests on Hangzhou's own 认定管理暂行办法 and is checked on Hangzhou's list (330100) only. Items named by 瑞安's joint checks (食品溯源记录、冷藏冷冻食品保存、备餐间、
 * 食品留样、食品安全自查记录) and 西政办函〔2021〕15号 §二(四)3–4 (食品安全监督检查; 收费项目、标准接受市场监管部门监督检查).
 */
const FSL = '《中华人民共和国食品安全法》';
const SCHOOL_45 = '《学校食品安全与营养健康管理规定》（教育部 市场监管总局 国家卫生健康委令第45号）';
const CATERING = '《餐饮服务食品安全操作规范》（市场监管总局公告 2018 年第 12 号）';
const PRICE = '《中华人民共和国价格法》';
const RUIAN = '瑞安市“母婴保健监管一件事”联合检查事项（报道《让“高消费”的月子中心迎来“强监管”》）';

export const MARKET_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'market',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'market/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构食品安全与价格行政检查事项清单（2026 年版）',
  source: `${FSL}；${PRICE}；${SCHOOL_45}`,
  sources: [
    { title: '中华人民共和国食品安全法' },
    { title: '中华人民共和国价格法' },
    { title: '学校食品安全与营养健康管理规定', documentNo: '教育部 市场监管总局 国家卫生健康委令第45号' },
    { title: '餐饮服务食品安全操作规范', documentNo: '市场监管总局公告2018年第12号' },
  ],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'MKT-01',
      area: 'licences',
      category: '食品经营许可',
      text: '提供餐食的，持有有效的食品经营许可证，许可项目与实际经营一致',
      legalBasis: `${FSL}（食品经营许可）`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
      source: '西政办函〔2021〕15号 §二(四)4：提供餐食的应当符合食品安全管理要求',
    },
    {
      code: 'MKT-02',
      area: 'food_safety',
      category: '进货查验',
      text: '建立并执行食品及原料进货查验记录制度，索证索票齐全',
      legalBasis: `${FSL}（进货查验记录制度）`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-03',
      area: 'food_safety',
      category: '食品追溯',
      text: '食品溯源记录完整，可追溯到供货者',
      legalBasis: `${FSL}（食品安全全程追溯）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'MKT-04',
      area: 'food_safety',
      category: '冷藏冷冻',
      text: '冷藏、冷冻食品分类贮存，温度符合要求，无过期、变质食品',
      legalBasis: `${FSL}（食品贮存条件）；${CATERING}`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'MKT-05',
      area: 'food_safety',
      category: '食品留样',
      text: '每餐次食品成品留样，每个品种不少于 125 克，冷藏 48 小时以上，有留样记录',
      legalBasis: SCHOOL_45,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'MKT-06',
      area: 'food_safety',
      category: '备餐间',
      text: '备餐间（专间）设置和使用规范：专人、专用工具、使用前消毒',
      legalBasis: CATERING,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'MKT-07',
      area: 'food_safety',
      category: '食品安全自查',
      text: '定期开展食品安全自查并记录，发现问题及时整改',
      legalBasis: `${FSL}（食品安全自查制度）`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'MKT-08',
      area: 'staff',
      category: '食品从业人员健康证明',
      text: '从事接触直接入口食品工作的人员持有效健康证明',
      legalBasis: `${FSL}（从业人员健康管理）`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-09',
      area: 'food_safety',
      category: '餐用具消毒',
      text: '餐饮具清洗消毒设施正常运行，消毒记录完整，保洁设施符合要求',
      legalBasis: `${FSL}（餐具、饮具清洗消毒）；${CATERING}`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: '2023–2025 年各地托育机构联合检查报道',
    },
    {
      code: 'MKT-10',
      area: 'fees',
      category: '明码标价',
      text: '收费项目、收费标准在显著位置明码标价',
      legalBasis: `${PRICE}；《明码标价和禁止价格欺诈规定》（市场监管总局令第56号）`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: '西政办函〔2021〕15号 §二(四)4',
    },
    {
      code: 'MKT-11',
      area: 'fees',
      category: '收费行为',
      text: '无超标准收费、价外收费',
      legalBasis: PRICE,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-12',
      area: 'licences',
      category: '营业执照',
      text: '营业执照置于住所或者主要经营场所的醒目位置',
      legalBasis: '《中华人民共和国市场主体登记管理条例》',
      riskWeight: 1,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-13',
      area: 'food_safety',
      category: '食品安全管理人员',
      text: '配备食品安全管理人员并经培训考核',
      legalBasis: `${FSL}（食品安全管理人员）；${SCHOOL_45}`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-14',
      area: 'food_safety',
      category: '有害生物防治',
      text: '防鼠、防蝇、防虫设施完好，无有害生物痕迹',
      legalBasis: CATERING,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

export const MARKET_PENALTY_2026: ChecklistFile = {
  kind: 'penalty',
  department: 'market',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'market/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构食品安全与价格行政处罚事项清单（2026 年版）',
  source: `${FSL}；${PRICE}`,
  sources: [
    { title: '中华人民共和国食品安全法', article: '第一百二十二条、第一百二十六条' },
    { title: '中华人民共和国价格法', article: '第四十二条' },
  ],
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PMKT-01',
      violation: '未取得食品经营许可从事食品经营活动',
      legalBasis: `${FSL}第一百二十二条`,
      kinds: ['confiscation', 'fine'],
      fineMinFen: 5_000_000,
      fineMaxFen: 10_000_000,
      note: '货值金额不足一万元的，并处五万元以上十万元以下罚款（货值一万元以上的为货值金额十倍以上二十倍以下，另行计算）',
      relatedItems: ['MKT-01'],
    },
    {
      code: 'PMKT-02',
      violation: '未按规定建立并遵守进货查验记录、食品安全自查等管理制度',
      legalBasis: `${FSL}第一百二十六条`,
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 500_000,
      fineMaxFen: 5_000_000,
      note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证',
      relatedItems: ['MKT-02', 'MKT-03', 'MKT-07', 'MKT-13'],
    },
    {
      code: 'PMKT-03',
      violation: '安排未取得健康证明的人员从事接触直接入口食品的工作',
      legalBasis: `${FSL}第一百二十六条`,
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 500_000,
      fineMaxFen: 5_000_000,
      note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款',
      relatedItems: ['MKT-08'],
    },
    {
      code: 'PMKT-04',
      violation: '集中用餐单位未按规定留样、贮存食品或清洗消毒餐饮具',
      legalBasis: `${FSL}第一百二十六条第一款；${SCHOOL_45}`,
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 500_000,
      fineMaxFen: 5_000_000,
      note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款',
      relatedItems: ['MKT-04', 'MKT-05', 'MKT-06', 'MKT-09', 'MKT-14'],
    },
    {
      code: 'PMKT-05',
      violation: '不按规定明码标价',
      legalBasis: `${PRICE}第四十二条`,
      kinds: ['confiscation', 'fine'],
      fineMinFen: 0,
      fineMaxFen: 500_000,
      note: '责令改正，没收违法所得，可以并处五千元以下的罚款',
      relatedItems: ['MKT-10'],
    },
  ],
};

/** 货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款. */
const GOODS_VALUE_TIERS = (article: string) => ({
  basis: 'goods_value' as const,
  tiers: [
    { basisBelowFen: 1_000_000, minFen: 5_000_000, maxFen: 10_000_000, article },
    { basisFromFen: 1_000_000, minTimes: 10, maxTimes: 20, article },
  ],
});
/** 责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款 (第一百二十六条第一款). */
const ART_126 = {
  basis: 'none' as const,
  tiers: [{ circumstance: 'refused_to_correct' as const, minFen: 500_000, maxFen: 5_000_000, article: '第一百二十六条第一款' }],
};

/**
 * The penalty list as the 食品安全法 writes it: fines as formulas of 货值金额 (第一百二十二条、第一百二十四条),
 * the 第一百二十六条 fine only after a refusal to correct, and storage under 第一百三十二条 (warning; on a
 * refusal, 停产停业 and 1万–5万) rather than 第一百二十六条. It replaces market/2026.1 from its start.
 */
export const MARKET_PENALTY_2026_2: ChecklistFile = {
  ...MARKET_PENALTY_2026,
  version: 'market/2026.2',
  effectiveFrom: '2026-12-01',
  title: '托育机构食品安全与价格行政处罚事项清单（2026 年第 2 版）',
  sources: [
    { title: '中华人民共和国食品安全法', article: '第一百二十二条、第一百二十四条、第一百二十六条、第一百三十二条' },
    { title: '中华人民共和国价格法', article: '第四十二条' },
  ],
  penaltyItems: [
    {
      code: 'PMKT-01',
      violation: '未取得食品经营许可从事食品经营活动',
      legalBasis: `${FSL}第一百二十二条第一款`,
      kinds: ['confiscation', 'fine'],
      fine: GOODS_VALUE_TIERS('第一百二十二条第一款'),
      note: '没收违法所得和违法经营的食品、食品添加剂以及用于违法经营的工具、设备、原料等物品，并按货值金额处罚款',
      relatedItems: ['MKT-01'],
    },
    {
      code: 'PMKT-02',
      violation: '未按规定建立并遵守进货查验记录、食品安全自查等管理制度，未配备食品安全管理人员',
      legalBasis: `${FSL}第一百二十六条第一款`,
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fine: ART_126,
      note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证',
      relatedItems: ['MKT-02', 'MKT-03', 'MKT-07', 'MKT-13'],
    },
    {
      code: 'PMKT-03',
      violation: '安排未取得健康证明的人员从事接触直接入口食品的工作',
      legalBasis: `${FSL}第一百二十六条第一款`,
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fine: ART_126,
      note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证',
      relatedItems: ['MKT-08'],
    },
    {
      code: 'PMKT-04',
      violation: '集中用餐单位未按规定履行食品安全管理责任（留样、餐用具清洗消毒、备餐、有害生物防治）',
      legalBasis: `${FSL}第一百二十六条第一款`,
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fine: ART_126,
      note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证',
      relatedItems: ['MKT-05', 'MKT-06', 'MKT-09', 'MKT-14'],
    },
    {
      code: 'PMKT-05',
      violation: '不按规定明码标价',
      legalBasis: `${PRICE}第四十二条`,
      kinds: ['confiscation', 'fine'],
      fine: { basis: 'none', tiers: [{ minFen: 0, maxFen: 500_000, article: '第四十二条' }] },
      note: '责令改正，没收违法所得，可以并处五千元以下的罚款',
      relatedItems: ['MKT-10'],
    },
    {
      code: 'PMKT-06',
      violation: '未按要求进行食品贮存（冷藏冷冻等）',
      legalBasis: `${FSL}第一百三十二条`,
      kinds: ['warning', 'suspension', 'fine', 'revocation'],
      fine: { basis: 'none', tiers: [{ circumstance: 'refused_to_correct', minFen: 1_000_000, maxFen: 5_000_000, article: '第一百三十二条' }] },
      note: '责令改正，给予警告；拒不改正的，责令停产停业，并处一万元以上五万元以下罚款；情节严重的，吊销许可证',
      relatedItems: ['MKT-04'],
    },
    {
      code: 'PMKT-07',
      violation: '经营超过保质期的食品、食品原料或者食品添加剂',
      legalBasis: `${FSL}第一百二十四条第一款`,
      kinds: ['confiscation', 'fine', 'revocation'],
      fine: GOODS_VALUE_TIERS('第一百二十四条第一款'),
      note: '没收违法所得和违法经营的食品，并按货值金额处罚款；情节严重的，吊销许可证',
      relatedItems: ['MKT-02', 'MKT-04'],
    },
  ],
};

/**
 * 杭州市 (330100): the 普惠 price ceiling is Hangzhou's own rule, so in Hangzhou the national fee item
 * is replaced by one that also checks it; elsewhere the national item applies.
 */
export const HANGZHOU_MARKET_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'market',
  jurisdiction: '330100',
  version: 'market-330100/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构价格行政检查事项清单（杭州市，2026 年版）',
  source: '《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》',
  sources: [{ title: '杭州市普惠性婴幼儿照护服务机构认定管理暂行办法' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'MKT-11',
      area: 'fees',
      category: '收费行为',
      text: '无超标准收费、价外收费；普惠机构收费不超过核定的普惠价格',
      legalBasis: `${PRICE}；《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      composition: 'replaces',
    },
  ],
};

const IMPL_721 = '《中华人民共和国食品安全法实施条例》（国务院令第721号）';
const LICENSING_78 = '《食品经营许可和备案管理办法》（市场监管总局令第78号）';
const PRICE_56 = '《明码标价和禁止价格欺诈规定》（市场监管总局令第56号）';
const PRICE_PENALTIES = '《价格违法行为行政处罚规定》（国务院令第585号修订）';
const REGISTRATION = '《中华人民共和国市场主体登记管理条例》（国务院令第746号）';
const ADVERTISING = '《中华人民共和国广告法》';
const COMPETITION = '《中华人民共和国反不正当竞争法》（2025 年修订）';
const CONSUMERS = '《中华人民共和国消费者权益保护法》';

/** The articles of market/2026.1's items; 45号令 no longer cited (see MARKET_INSPECTION_2026_3). */
const ARTICLES_2026_3: Record<string, string> = {
  'MKT-01': `${FSL}第三十五条第一款；${LICENSING_78}`,
  'MKT-02': `${FSL}第五十三条第一款、第二款，第五十五条第一款`,
  'MKT-03': `${FSL}第四十二条第二款`,
  'MKT-04': `${FSL}第三十三条第一款第六项、第五十四条第一款；${CATERING}`,
  'MKT-05': `${FSL}第五十七条第一款；${IMPL_721}第二十八条第一款；${CATERING}（食品留样）`,
  'MKT-06': CATERING,
  'MKT-07': `${FSL}第四十七条`,
  'MKT-08': `${FSL}第四十五条`,
  'MKT-09': `${FSL}第三十三条第一款第五项、第五十六条；${CATERING}`,
  'MKT-10': `${PRICE}第十三条第一款；${PRICE_56}第五条至第七条`,
  'MKT-11': `${PRICE}第十三条第二款；${PRICE_56}第八条`,
  'MKT-12': `${REGISTRATION}第三十六条`,
  'MKT-13': `${FSL}第四十四条第一款、第三款`,
  'MKT-14': `${FSL}第三十三条第一款第二项；${CATERING}`,
};

/**
 * The inspection list with what market regulation enforces beyond food and posted prices: 市场主体登记
 * (营利性 institutions only: a 民办非企业单位 registers with civil affairs), 价格欺诈, 广告 and 商业宣传,
 * 预收费 and 退费, and the 食品安全事故处置方案. Items cite their articles (食品安全法 as amended 2025-09-12).
 * 《学校食品安全与营养健康管理规定》(45号令) is no longer cited: its 第二条 covers 实施学历教育的学校 and
 * 幼儿园 only, not 托育机构; a 托育机构's 集中用餐 duties (留样 among them) rest on 食品安全法 第五十七条 and
 * 实施条例 第二十八条, which name 托幼机构. It replaces market/2026.1 from its start.
 */
export const MARKET_INSPECTION_2026_3: ChecklistFile = {
  ...MARKET_INSPECTION_2026,
  version: 'market/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构食品安全、价格与经营行为行政检查事项清单（2026 年第 3 版）',
  source: `${FSL}；${IMPL_721}；${PRICE}；${PRICE_56}；${ADVERTISING}；${COMPETITION}；${CONSUMERS}；${REGISTRATION}`,
  sources: [
    {
      title: '中华人民共和国食品安全法',
      article: '第三十三条、第三十五条、第四十二条、第四十四条、第四十五条、第四十七条、第五十三条至第五十七条、第一百零二条、第一百零三条',
    },
    { title: '中华人民共和国食品安全法实施条例', documentNo: '国务院令第721号', article: '第二十八条' },
    { title: '食品经营许可和备案管理办法', documentNo: '市场监管总局令第78号' },
    { title: '餐饮服务食品安全操作规范', documentNo: '市场监管总局公告2018年第12号' },
    { title: '中华人民共和国价格法', article: '第十三条、第十四条' },
    { title: '明码标价和禁止价格欺诈规定', documentNo: '市场监管总局令第56号', article: '第五条至第八条、第十六条至第十九条' },
    { title: '中华人民共和国广告法', article: '第九条、第十条、第二十八条' },
    { title: '中华人民共和国反不正当竞争法', article: '第九条' },
    { title: '中华人民共和国消费者权益保护法', article: '第五十三条' },
    { title: '中华人民共和国市场主体登记管理条例', documentNo: '国务院令第746号', article: '第三条、第八条、第二十四条、第三十六条' },
  ],
  inspectionItems: [
    ...MARKET_INSPECTION_2026.inspectionItems.map((item) => {
      const legalBasis = ARTICLES_2026_3[item.code] ?? item.legalBasis;
      // A 营业执照 is a market entity's; non-profit institutions hold civil affairs' 登记证书 instead.
      if (item.code === 'MKT-12') return { ...item, legalBasis, appliesToNatures: ['for_profit' as const] };
      return { ...item, legalBasis };
    }),
    {
      code: 'MKT-15',
      area: 'licences',
      category: '市场主体登记',
      text: '营利性托育机构依法办理市场主体登记（公司等企业或者个体工商户），取得营业执照后从事经营活动',
      legalBasis: `${REGISTRATION}第三条`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      appliesToNatures: ['for_profit'],
      basic: true,
    },
    {
      code: 'MKT-16',
      area: 'licences',
      category: '登记事项变更',
      text: '名称、住所或者主要经营场所、经营范围、法定代表人（负责人）等登记事项发生变化的，自变化之日起 30 日内申请变更登记，营业执照记载与实际一致',
      legalBasis: `${REGISTRATION}第八条、第二十四条第一款`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      appliesToNatures: ['for_profit'],
      basic: false,
    },
    {
      code: 'MKT-17',
      area: 'fees',
      category: '价格促销与价格承诺',
      text: '收费优惠、折扣、价格比较和赠送等价格信息真实准确：不虚构原价或者折扣，不以低价招揽后以高价结算，不隐瞒不利的价格条件，履行价格承诺',
      legalBasis: `${PRICE}第十四条第四项；${PRICE_56}第十六条至第十九条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-18',
      area: 'fees',
      category: '招生宣传与广告',
      text: '招生宣传和广告（含网站、公众号、短视频等自媒体发布的）真实：不对服务内容、师资、资质、荣誉、照护效果等作虚假或者引人误解的宣传，不使用“国家级”“最高级”“最佳”等用语，不含损害婴幼儿身心健康的内容',
      legalBasis: `${ADVERTISING}第九条、第十条、第二十八条；${COMPETITION}第九条第一款`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-19',
      area: 'fees',
      category: '预收费与退费',
      text: '按月、按学期等预收费用的，与家长订立书面服务合同，约定服务内容、费用、预付款退还方式和违约责任；未按约定提供服务或者家长依约要求退费的，及时退还',
      legalBasis: `${CONSUMERS}第五十三条；《中华人民共和国消费者权益保护法实施条例》（国务院令第778号）第二十二条（条款序号待核）`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'MKT-20',
      area: 'food_safety',
      category: '食品安全事故处置',
      text: '制定食品安全事故处置方案，定期检查食品安全防范措施的落实情况；发生食品安全事故立即采取措施防止扩大，并及时报告',
      legalBasis: `${FSL}第一百零二条第四款、第一百零三条第一款`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
  ],
};

const art126 = (item: string) => `${FSL}第一百二十六条第一款${item}`;
const ART_126_NOTE = '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证';
const ART_126_KINDS = ['warning' as const, 'fine' as const, 'suspension' as const, 'revocation' as const];
/** 第一百二十三条第一款: 货值金额不足一万元的，并处十万元以上十五万元以下罚款；一万元以上的，并处货值金额十五倍以上三十倍以下罚款. */
const ART_123_FINE = {
  basis: 'goods_value' as const,
  tiers: [
    { basisBelowFen: 1_000_000, minFen: 10_000_000, maxFen: 15_000_000, article: '第一百二十三条第一款' },
    { basisFromFen: 1_000_000, minTimes: 15, maxTimes: 30, article: '第一百二十三条第一款' },
  ],
};
/** 第一百二十五条第一款: 货值金额不足一万元的，并处五千元以上五万元以下罚款；一万元以上的，并处货值金额五倍以上十倍以下罚款. */
const ART_125_FINE = {
  basis: 'goods_value' as const,
  tiers: [
    { basisBelowFen: 1_000_000, minFen: 500_000, maxFen: 5_000_000, article: '第一百二十五条第一款' },
    { basisFromFen: 1_000_000, minTimes: 5, maxTimes: 10, article: '第一百二十五条第一款' },
  ],
};
/** 价格法 第四十二条: 没收违法所得，可以并处五千元以下的罚款. */
const ART_42_FINE = { basis: 'none' as const, tiers: [{ minFen: 0, maxFen: 500_000, article: '价格法第四十二条' }] };

/**
 * The penalty list covering what market regulation enforces against a 托育机构 that provides meals and
 * charges fees (24 items; market/2026.2's seven kept, their articles now to the 项):
 * - 食品安全法 (as amended 2025-09-12, which gave 第一百三十二条 more 款: storage is its 第一款):
 *   第一百二十二条 unlicensed (PMKT-01); 第一百二十三条 非食品原料、病死或者未检疫肉类 (PMKT-14);
 *   第一百二十四条 expired (PMKT-07), spoiled or contaminated food (PMKT-12); 第一百二十五条 unlabelled or
 *   substandard materials (PMKT-13); 第一百二十六条第一款, one item per 项 (PMKT-02–04, 08–11: PMKT-02 is now
 *   进货查验 only, 自查 and 管理人员 have their own items); 第一百三十二条第一款 storage (PMKT-06);
 *   第一百三十四条 three penalties in a year (PMKT-15). 第一百二十六条第一款第一项 (检验) binds 生产者 only;
 *   第一百二十八条 (事故) is left off: its fine needs 隐匿、伪造、毁灭证据, a circumstance the fine rule cannot state.
 * - 价格法 and 价格违法行为行政处罚规定: 明码标价 (PMKT-05), 价外收费 (PMKT-16), 价格欺诈 (PMKT-17).
 * - 广告法 第五十五条 (PMKT-18, only where the 广告费用 cannot be counted or is obviously low, as for
 *   self-published ads: the multiples of 广告费用 have no basis in the fine rule) and 第五十七条 (PMKT-19);
 *   反不正当竞争法 (2025 修订) 第二十五条 for 商业宣传 that is not an ad (PMKT-20).
 * - 消费者权益保护法 第五十六条第一款第八项: refusing or delaying a refund (PMKT-21); its other 项 yield to the
 *   specific laws above (虚假宣传) or are enforced by other departments (人身安全).
 * - 市场主体登记管理条例 第四十三条、第四十六条、第四十八条 (PMKT-22–24), 营利性 institutions.
 * 《学校食品安全与营养健康管理规定》(45号令) is not applied: it does not cover 托育机构 (its 第二条).
 * It replaces market/2026.2 from its start.
 */
export const MARKET_PENALTY_2026_3: ChecklistFile = {
  ...MARKET_PENALTY_2026_2,
  version: 'market/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构食品安全、价格与经营行为行政处罚事项清单（2026 年第 3 版）',
  source: `${FSL}；${PRICE}；${PRICE_PENALTIES}；${ADVERTISING}；${COMPETITION}；${CONSUMERS}；${REGISTRATION}`,
  sources: [
    {
      title: '中华人民共和国食品安全法',
      article: '第一百二十二条至第一百二十六条、第一百三十二条、第一百三十四条',
    },
    { title: '中华人民共和国食品安全法实施条例', documentNo: '国务院令第721号', article: '第二十八条' },
    { title: '中华人民共和国价格法', article: '第十三条、第十四条、第四十条、第四十二条' },
    { title: '价格违法行为行政处罚规定', documentNo: '国务院令第585号', article: '第七条、第十三条' },
    { title: '明码标价和禁止价格欺诈规定', documentNo: '市场监管总局令第56号', article: '第二十二条、第二十三条' },
    { title: '中华人民共和国广告法', article: '第五十五条、第五十七条' },
    { title: '中华人民共和国反不正当竞争法', article: '第九条、第二十五条' },
    { title: '中华人民共和国消费者权益保护法', article: '第五十三条、第五十六条' },
    { title: '中华人民共和国市场主体登记管理条例', documentNo: '国务院令第746号', article: '第四十三条、第四十六条、第四十八条' },
  ],
  penaltyItems: [
    MARKET_PENALTY_2026_2.penaltyItems[0]!,
    {
      code: 'PMKT-02',
      violation: '进货时未查验供货者的许可证和食品合格证明文件，或者未按规定建立并遵守进货查验记录制度',
      legalBasis: art126('第三项'),
      kinds: ART_126_KINDS,
      fine: ART_126,
      note: ART_126_NOTE,
      relatedItems: ['MKT-02', 'MKT-03'],
    },
    {
      code: 'PMKT-03',
      violation: '安排未取得健康证明或者患有有碍食品安全疾病的人员从事接触直接入口食品的工作',
      legalBasis: art126('第六项'),
      kinds: ART_126_KINDS,
      fine: ART_126,
      note: ART_126_NOTE,
      relatedItems: ['MKT-08'],
    },
    {
      code: 'PMKT-04',
      violation: '托幼机构等集中用餐单位未按规定履行食品安全管理责任（未按规定留样、备餐间（专间）使用不规范、未落实有害生物防治等）',
      legalBasis: `${art126('第十二项')}；${IMPL_721}第二十八条第一款`,
      kinds: ART_126_KINDS,
      fine: ART_126,
      note: ART_126_NOTE,
      relatedItems: ['MKT-05', 'MKT-06', 'MKT-14'],
    },
    {
      ...MARKET_PENALTY_2026_2.penaltyItems[4]!,
      violation: '不按规定明码标价（未标示收费项目、服务内容和收费标准，或者不按规定的内容和方式标价）',
      legalBasis: `${PRICE}第十三条第一款、第四十二条；${PRICE_PENALTIES}第十三条第一项、第二项；${PRICE_56}第二十二条`,
      fine: ART_42_FINE,
    },
    {
      ...MARKET_PENALTY_2026_2.penaltyItems[5]!,
      legalBasis: `${FSL}第一百三十二条第一款`,
      fine: { basis: 'none', tiers: [{ circumstance: 'refused_to_correct', minFen: 1_000_000, maxFen: 5_000_000, article: '第一百三十二条第一款' }] },
    },
    {
      ...MARKET_PENALTY_2026_2.penaltyItems[6]!,
      violation: '用超过保质期的食品原料加工制作食品，或者经营超过保质期的食品、食品添加剂',
      legalBasis: `${FSL}第一百二十四条第一款第二项、第五项`,
      note: '没收违法所得和违法经营的食品、食品添加剂，并可以没收用于违法经营的工具、设备、原料等物品；货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证',
    },
    {
      code: 'PMKT-08',
      violation: '以企业形式举办的机构未按规定建立食品安全管理制度，或者未按规定配备或者培训、考核食品安全管理人员',
      legalBasis: art126('第二项'),
      kinds: ART_126_KINDS,
      fine: ART_126,
      note: `${ART_126_NOTE}。第二项只约束食品生产经营企业；非企业的托幼机构未落实食品安全管理的，按第十二项（PMKT-04）处理`,
      relatedItems: ['MKT-13'],
    },
    {
      code: 'PMKT-09',
      violation: '餐具、饮具和盛放直接入口食品的容器使用前未经洗净、消毒或者清洗消毒不合格，或者餐饮服务设施、设备未按规定定期维护、清洗、校验',
      legalBasis: art126('第五项'),
      kinds: ART_126_KINDS,
      fine: ART_126,
      note: ART_126_NOTE,
      relatedItems: ['MKT-09'],
    },
    {
      code: 'PMKT-10',
      violation: '未定期对食品安全状况进行检查评价（食品安全自查），或者生产经营条件发生变化未按规定处理',
      legalBasis: art126('第十一项'),
      kinds: ART_126_KINDS,
      fine: ART_126,
      note: ART_126_NOTE,
      relatedItems: ['MKT-07'],
    },
    {
      code: 'PMKT-11',
      violation: '以企业形式举办的机构未制定食品安全事故处置方案',
      legalBasis: art126('第四项'),
      kinds: ART_126_KINDS,
      fine: ART_126,
      note: `${ART_126_NOTE}。第四项只约束食品生产经营企业`,
      relatedItems: ['MKT-20'],
    },
    {
      code: 'PMKT-12',
      violation:
        '经营致病性微生物、农药残留、兽药残留、生物毒素、重金属等污染物质含量超过食品安全标准限量的食品，或者腐败变质、油脂酸败、霉变生虫、污秽不洁、混有异物、掺假掺杂、感官性状异常的食品',
      legalBasis: `${FSL}第一百二十四条第一款第一项、第四项`,
      kinds: ['confiscation', 'fine', 'revocation'],
      fine: GOODS_VALUE_TIERS('第一百二十四条第一款'),
      note: '没收违法所得和违法经营的食品，并可以没收用于违法经营的工具、设备、原料等物品；货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证',
      relatedItems: ['MKT-02', 'MKT-04'],
    },
    {
      code: 'PMKT-13',
      violation: '经营无标签的预包装食品，或者采购、使用不符合食品安全标准的食品原料、食品添加剂、食品相关产品（餐具、容器、包装材料等）',
      legalBasis: `${FSL}第一百二十五条第一款第二项、第四项`,
      kinds: ['confiscation', 'fine', 'suspension', 'revocation'],
      fine: ART_125_FINE,
      note: '没收违法所得和违法经营的食品、食品添加剂，并可以没收用于违法经营的工具、设备、原料等物品；货值金额不足一万元的，并处五千元以上五万元以下罚款；货值金额一万元以上的，并处货值金额五倍以上十倍以下罚款；情节严重的，责令停产停业，直至吊销许可证',
      relatedItems: ['MKT-02', 'MKT-03'],
    },
    {
      code: 'PMKT-14',
      violation:
        '用非食品原料加工制作食品或者在食品中添加食品添加剂以外的化学物质，或者经营病死、毒死、死因不明的畜禽肉类，或者未按规定进行检疫、检疫不合格的肉类',
      legalBasis: `${FSL}第一百二十三条第一款第一项、第三项、第四项`,
      kinds: ['confiscation', 'fine', 'revocation'],
      fine: ART_123_FINE,
      note: '尚不构成犯罪的，没收违法所得和违法经营的食品，并可以没收用于违法经营的工具、设备、原料等物品；货值金额不足一万元的，并处十万元以上十五万元以下罚款；货值金额一万元以上的，并处货值金额十五倍以上三十倍以下罚款；情节严重的，吊销许可证（对直接责任人员的拘留由公安机关决定）',
      relatedItems: ['MKT-02'],
    },
    {
      code: 'PMKT-15',
      violation: '一年内累计三次因违反食品安全法受到责令停产停业、吊销许可证以外的处罚',
      legalBasis: `${FSL}第一百三十四条`,
      kinds: ['suspension', 'revocation'],
      note: '由食品安全监督管理部门责令停产停业，直至吊销许可证',
      relatedItems: ['MKT-01'],
    },
    {
      code: 'PMKT-16',
      violation: '在标价之外加收费用，或者收取未予标明的费用（价外收费）',
      legalBasis: `${PRICE}第十三条第二款、第四十二条；${PRICE_PENALTIES}第十三条第三项；${PRICE_56}第八条、第二十二条`,
      kinds: ['confiscation', 'fine'],
      fine: ART_42_FINE,
      note: '责令改正，没收违法所得，可以并处五千元以下的罚款；多收的价款责令限期退还（价格违法行为行政处罚规定第十六条）',
      relatedItems: ['MKT-11'],
    },
    {
      code: 'PMKT-17',
      violation: '利用虚假的或者使人误解的价格手段诱骗家长交易（虚构原价、虚假折扣、低价招揽高价结算、不履行价格承诺等价格欺诈）',
      legalBasis: `${PRICE}第十四条第四项、第四十条第一款；${PRICE_PENALTIES}第七条；${PRICE_56}第十九条、第二十三条`,
      kinds: ['warning', 'confiscation', 'fine', 'suspension', 'revocation'],
      fine: {
        basis: 'illegal_income',
        tiers: [
          { basisFromFen: 1, minTimes: 0, maxTimes: 5, article: '价格违法行为行政处罚规定第七条' },
          { basisBelowFen: 1, minFen: 5_000_000, maxFen: 50_000_000, article: '价格违法行为行政处罚规定第七条' },
        ],
      },
      note: '责令改正，没收违法所得，并处违法所得五倍以下的罚款；没有违法所得的，处五万元以上五十万元以下的罚款（价格法第四十条：予以警告，可以并处罚款）；情节严重的，责令停业整顿，或者吊销营业执照',
      relatedItems: ['MKT-17'],
    },
    {
      code: 'PMKT-18',
      violation: '发布虚假广告（广告费用无法计算或者明显偏低的，如在自有网站、公众号、短视频账号等自行发布）',
      legalBasis: `${ADVERTISING}第二十八条、第五十五条第一款`,
      kinds: ['fine', 'revocation'],
      fine: {
        basis: 'none',
        tiers: [
          { minFen: 20_000_000, maxFen: 100_000_000, article: '广告法第五十五条第一款' },
          { circumstance: 'serious', minFen: 100_000_000, maxFen: 200_000_000, article: '广告法第五十五条第一款' },
        ],
      },
      note:
        '责令停止发布广告，责令广告主在相应范围内消除影响；广告费用无法计算或者明显偏低的，处二十万元以上一百万元以下的罚款；两年内有三次以上违法行为或者有其他严重情节的，处一百万元以上二百万元以下的罚款，可以吊销营业执照。' +
        '广告费用能够计算的，罚款为广告费用三倍以上五倍以下（严重的五倍以上十倍以下），本清单的罚款规则不能以广告费用为基数，此种情形另行决定',
      relatedItems: ['MKT-18'],
    },
    {
      code: 'PMKT-19',
      violation: '广告使用“国家级”“最高级”“最佳”等用语，或者含有损害婴幼儿身心健康等广告法第九条、第十条禁止的内容',
      legalBasis: `${ADVERTISING}第九条第三项、第十条、第五十七条第一项`,
      kinds: ['fine', 'revocation'],
      fine: { basis: 'none', tiers: [{ minFen: 20_000_000, maxFen: 100_000_000, article: '广告法第五十七条第一项' }] },
      note: '责令停止发布广告，对广告主处二十万元以上一百万元以下的罚款，情节严重的，并可以吊销营业执照',
      relatedItems: ['MKT-18'],
    },
    {
      code: 'PMKT-20',
      violation: '对服务的内容、质量、师资、资质、曾获荣誉、用户评价等作虚假或者引人误解的商业宣传（不属于广告的）',
      legalBasis: `${COMPETITION}第九条第一款、第二十五条第一款`,
      kinds: ['fine', 'revocation'],
      fine: {
        basis: 'none',
        tiers: [
          { minFen: 0, maxFen: 100_000_000, article: '反不正当竞争法第二十五条第一款' },
          { circumstance: 'serious', minFen: 100_000_000, maxFen: 200_000_000, article: '反不正当竞争法第二十五条第一款' },
        ],
      },
      note: '责令停止违法行为，处一百万元以下的罚款；情节严重的，处一百万元以上二百万元以下的罚款，可以并处吊销营业执照。属于发布虚假广告的，依照广告法处罚（第二十五条第二款，PMKT-18）',
      relatedItems: ['MKT-18'],
    },
    {
      code: 'PMKT-21',
      violation: '对家长提出的退还预收服务费用的要求故意拖延或者无理拒绝',
      legalBasis: `${CONSUMERS}第五十三条、第五十六条第一款第八项`,
      kinds: ['warning', 'confiscation', 'fine', 'suspension', 'revocation'],
      fine: {
        basis: 'illegal_income',
        tiers: [
          { basisFromFen: 1, minTimes: 1, maxTimes: 10, article: '消费者权益保护法第五十六条第一款' },
          { basisBelowFen: 1, minFen: 0, maxFen: 50_000_000, article: '消费者权益保护法第五十六条第一款' },
        ],
      },
      note: '责令改正，可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款；情节严重的，责令停业整顿、吊销营业执照；并记入信用档案，向社会公布（第五十六条第二款）',
      relatedItems: ['MKT-19'],
    },
    {
      code: 'PMKT-22',
      violation: '营利性托育机构未经设立登记从事经营活动',
      legalBasis: `${REGISTRATION}第四十三条`,
      kinds: ['confiscation', 'fine', 'suspension'],
      fine: {
        basis: 'none',
        tiers: [
          // Listed first: where both are found, 情节严重 governs.
          { circumstance: 'serious', minFen: 10_000_000, maxFen: 50_000_000, article: '市场主体登记管理条例第四十三条' },
          { circumstance: 'refused_to_correct', minFen: 1_000_000, maxFen: 10_000_000, article: '市场主体登记管理条例第四十三条' },
        ],
      },
      note: '由登记机关责令改正，没收违法所得；拒不改正的，处一万元以上十万元以下的罚款；情节严重的，依法责令关闭停业，并处十万元以上五十万元以下的罚款',
      relatedItems: ['MKT-15'],
    },
    {
      code: 'PMKT-23',
      violation: '登记事项发生变化未依法办理变更登记',
      legalBasis: `${REGISTRATION}第二十四条、第四十六条`,
      kinds: ['fine', 'revocation'],
      fine: {
        basis: 'none',
        tiers: [{ circumstance: 'refused_to_correct', minFen: 1_000_000, maxFen: 10_000_000, article: '市场主体登记管理条例第四十六条' }],
      },
      note: '由登记机关责令改正；拒不改正的，处一万元以上十万元以下的罚款；情节严重的，吊销营业执照',
      relatedItems: ['MKT-16'],
    },
    {
      code: 'PMKT-24',
      violation: '未将营业执照置于住所或者主要经营场所的醒目位置',
      legalBasis: `${REGISTRATION}第三十六条、第四十八条第一款`,
      kinds: ['fine'],
      fine: { basis: 'none', tiers: [{ circumstance: 'refused_to_correct', minFen: 0, maxFen: 3_000_000, article: '市场主体登记管理条例第四十八条第一款' }] },
      note: '由登记机关责令改正；拒不改正的，处三万元以下的罚款',
      relatedItems: ['MKT-12'],
    },
  ],
};
