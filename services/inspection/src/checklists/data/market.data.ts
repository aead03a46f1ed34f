import type { ChecklistData } from '../checklist-schema.js';

/**
 * 市场监管: food safety and fees. Items named by 瑞安's joint checks (食品溯源记录、冷藏冷冻食品保存、备餐间、
 * 食品留样、食品安全自查记录) and 西政办函〔2021〕15号 §二(四)3–4 (食品安全监督检查; 收费项目、标准接受市场监管部门监督检查).
 */
const FSL = '《中华人民共和国食品安全法》';
const SCHOOL_45 = '《学校食品安全与营养健康管理规定》（教育部 市场监管总局 国家卫生健康委令第45号）';
const CATERING = '《餐饮服务食品安全操作规范》（市场监管总局公告 2018 年第 12 号）';
const PRICE = '《中华人民共和国价格法》';
const RUIAN = '瑞安市“母婴保健监管一件事”联合检查事项（报道《让“高消费”的月子中心迎来“强监管”》）';

export const MARKET_INSPECTION_2026: ChecklistData = {
  kind: 'inspection',
  department: 'market',
  version: 'market/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构食品安全与价格行政检查事项清单（2026 年版）',
  source: `${FSL}；${PRICE}；西政办函〔2021〕15号 §二(四)3–4`,
  penaltyItems: [],
  inspectionItems: [
    { code: 'MKT-01', area: 'licences', category: '食品经营许可', text: '提供餐食的，持有有效的食品经营许可证，许可项目与实际经营一致', legalBasis: `${FSL}（食品经营许可）`, riskWeight: 5, severity: 'critical', appliesTo: [], basic: true, source: '西政办函〔2021〕15号 §二(四)4：提供餐食的应当符合食品安全管理要求' },
    { code: 'MKT-02', area: 'food_safety', category: '进货查验', text: '建立并执行食品及原料进货查验记录制度，索证索票齐全', legalBasis: `${FSL}（进货查验记录制度）`, riskWeight: 4, severity: 'major', appliesTo: [], basic: false },
    { code: 'MKT-03', area: 'food_safety', category: '食品追溯', text: '食品溯源记录完整，可追溯到供货者', legalBasis: `${FSL}（食品安全全程追溯）`, riskWeight: 3, severity: 'major', appliesTo: [], basic: false, source: RUIAN },
    { code: 'MKT-04', area: 'food_safety', category: '冷藏冷冻', text: '冷藏、冷冻食品分类贮存，温度符合要求，无过期、变质食品', legalBasis: `${FSL}（食品贮存条件）；${CATERING}`, riskWeight: 4, severity: 'major', appliesTo: [], basic: false, source: RUIAN },
    { code: 'MKT-05', area: 'food_safety', category: '食品留样', text: '每餐次食品成品留样，每个品种不少于 125 克，冷藏 48 小时以上，有留样记录', legalBasis: SCHOOL_45, riskWeight: 4, severity: 'major', appliesTo: [], basic: false, source: RUIAN },
    { code: 'MKT-06', area: 'food_safety', category: '备餐间', text: '备餐间（专间）设置和使用规范：专人、专用工具、使用前消毒', legalBasis: CATERING, riskWeight: 3, severity: 'major', appliesTo: [], basic: false, source: RUIAN },
    { code: 'MKT-07', area: 'food_safety', category: '食品安全自查', text: '定期开展食品安全自查并记录，发现问题及时整改', legalBasis: `${FSL}（食品安全自查制度）`, riskWeight: 2, severity: 'minor', appliesTo: [], basic: false, source: RUIAN },
    { code: 'MKT-08', area: 'staff', category: '食品从业人员健康证明', text: '从事接触直接入口食品工作的人员持有效健康证明', legalBasis: `${FSL}（从业人员健康管理）`, riskWeight: 4, severity: 'major', appliesTo: [], basic: false },
    { code: 'MKT-09', area: 'food_safety', category: '餐用具消毒', text: '餐饮具清洗消毒设施正常运行，消毒记录完整，保洁设施符合要求', legalBasis: `${FSL}（餐具、饮具清洗消毒）；${CATERING}`, riskWeight: 3, severity: 'major', appliesTo: [], basic: false, source: '2023–2025 年各地托育机构联合检查报道' },
    { code: 'MKT-10', area: 'fees', category: '明码标价', text: '收费项目、收费标准在显著位置明码标价', legalBasis: `${PRICE}；《明码标价和禁止价格欺诈规定》（市场监管总局令第56号）`, riskWeight: 2, severity: 'minor', appliesTo: [], basic: false, source: '西政办函〔2021〕15号 §二(四)4' },
    { code: 'MKT-11', area: 'fees', category: '收费行为', text: '无超标准收费、价外收费；普惠机构收费不超过核定的普惠价格', legalBasis: `${PRICE}；《杭州市普惠性婴幼儿照护服务机构认定管理暂行办法》`, riskWeight: 3, severity: 'major', appliesTo: [], basic: false },
    { code: 'MKT-12', area: 'licences', category: '营业执照', text: '营业执照置于住所或者主要经营场所的醒目位置', legalBasis: '《中华人民共和国市场主体登记管理条例》', riskWeight: 1, severity: 'minor', appliesTo: [], basic: false },
    { code: 'MKT-13', area: 'food_safety', category: '食品安全管理人员', text: '配备食品安全管理人员并经培训考核', legalBasis: `${FSL}（食品安全管理人员）；${SCHOOL_45}`, riskWeight: 2, severity: 'minor', appliesTo: [], basic: false },
    { code: 'MKT-14', area: 'food_safety', category: '有害生物防治', text: '防鼠、防蝇、防虫设施完好，无有害生物痕迹', legalBasis: CATERING, riskWeight: 2, severity: 'minor', appliesTo: [], basic: false },
  ],
};

export const MARKET_PENALTY_2026: ChecklistData = {
  kind: 'penalty',
  department: 'market',
  version: 'market/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构食品安全与价格行政处罚事项清单（2026 年版）',
  source: `${FSL}；${PRICE}`,
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PMKT-01', violation: '未取得食品经营许可从事食品经营活动', legalBasis: `${FSL}第一百二十二条`, kinds: ['confiscation', 'fine'],
      fineMinFen: 5_000_000, fineMaxFen: 10_000_000, note: '货值金额不足一万元的，并处五万元以上十万元以下罚款（货值一万元以上的为货值金额十倍以上二十倍以下，另行计算）', relatedItems: ['MKT-01'],
    },
    {
      code: 'PMKT-02', violation: '未按规定建立并遵守进货查验记录、食品安全自查等管理制度', legalBasis: `${FSL}第一百二十六条`, kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 500_000, fineMaxFen: 5_000_000, note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证', relatedItems: ['MKT-02', 'MKT-03', 'MKT-07', 'MKT-13'],
    },
    {
      code: 'PMKT-03', violation: '安排未取得健康证明的人员从事接触直接入口食品的工作', legalBasis: `${FSL}第一百二十六条`, kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 500_000, fineMaxFen: 5_000_000, note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款', relatedItems: ['MKT-08'],
    },
    {
      code: 'PMKT-04', violation: '集中用餐单位未按规定留样、贮存食品或清洗消毒餐饮具', legalBasis: `${FSL}第一百二十六条第一款；${SCHOOL_45}`, kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 500_000, fineMaxFen: 5_000_000, note: '责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款', relatedItems: ['MKT-04', 'MKT-05', 'MKT-06', 'MKT-09', 'MKT-14'],
    },
    {
      code: 'PMKT-05', violation: '不按规定明码标价', legalBasis: `${PRICE}第四十二条`, kinds: ['confiscation', 'fine'],
      fineMinFen: 0, fineMaxFen: 500_000, note: '责令改正，没收违法所得，可以并处五千元以下的罚款', relatedItems: ['MKT-10'],
    },
  ],
};
