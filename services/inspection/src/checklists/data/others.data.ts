import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { ChecklistFile } from '../checklist-schema.js';

/**
 * 公安, 人力社保 and 教育: the national lists (items resting on national laws and regulations) and
 * 西湖区's (330106) lists of the items its own notice (西政办函〔2021〕15号) adds: surveillance, alarms and
 * closed management, certificates and training, the kindergartens' 托班 guidance and fees.
 */
const XIHU_4 = '西政办函〔2021〕15号 §二(四)4';
const XIHU_2 = '西政办函〔2021〕15号 §二(四)2';
const XIHU = '杭州市西湖区人民政府办公室关于促进3岁以下婴幼儿照护服务发展的通知';
const XIHU_NO = '西政办函〔2021〕15号';
const SECURITY_421 = '《企业事业单位内部治安保卫条例》（国务院令第421号）';
const MINORS = '《中华人民共和国未成年人保护法》第六十二条';
const RUIAN = '瑞安市“母婴保健监管一件事”联合检查事项（报道《让“高消费”的月子中心迎来“强监管”》）';

export const POLICE_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'police',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'police/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构安全防范行政检查事项清单（2026 年版）',
  source: `${SECURITY_421}；${MINORS}`,
  sources: [
    { title: '企业事业单位内部治安保卫条例', documentNo: '国务院令第421号' },
    { title: '中华人民共和国未成年人保护法', article: '第六十二条' },
  ],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'POL-07',
      area: 'staff',
      category: '入职查询',
      text: '招录工作人员前查询性侵害、虐待、拐卖、暴力伤害等违法犯罪记录，并定期复查',
      legalBasis: MINORS,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
      source: MINORS,
    },
    {
      code: 'POL-08',
      area: 'security',
      category: '内部治安保卫',
      text: '建立内部治安保卫制度，重点部位防范措施落实',
      legalBasis: SECURITY_421,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

export const POLICE_PENALTY_2026: ChecklistFile = {
  kind: 'penalty',
  department: 'police',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'police/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构安全防范行政处罚事项清单（2026 年版）',
  source: SECURITY_421,
  sources: [{ title: '企业事业单位内部治安保卫条例', documentNo: '国务院令第421号', article: '第十九条' }],
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PPOL-01',
      violation: '存在治安隐患，经责令限期整改逾期不整改',
      legalBasis: SECURITY_421,
      kinds: ['warning', 'fine'],
      fineMinFen: 1_000_000,
      fineMaxFen: 10_000_000,
      note: '责令限期整改，并处警告；逾期不整改，造成人身伤害、财产损失或者严重威胁安全的，对单位处一万元以上十万元以下罚款',
      relatedItems: ['POL-01', 'POL-02', 'POL-03', 'POL-04', 'POL-05', 'POL-06', 'POL-08'],
    },
  ],
};

/** 421号令 第十九条: the fine only where the unit did not correct by the deadline (逾期不整改) with the harm the article names. */
export const POLICE_PENALTY_2026_2: ChecklistFile = {
  ...POLICE_PENALTY_2026,
  version: 'police/2026.2',
  effectiveFrom: '2026-12-01',
  title: '托育机构安全防范行政处罚事项清单（2026 年第 2 版）',
  penaltyItems: [
    {
      ...POLICE_PENALTY_2026.penaltyItems[0]!,
      legalBasis: `${SECURITY_421}第十九条`,
      fineMinFen: undefined,
      fineMaxFen: undefined,
      fine: { basis: 'none', tiers: [{ circumstance: 'refused_to_correct', minFen: 1_000_000, maxFen: 10_000_000, article: '第十九条' }] },
    },
  ],
};

const SECURITY_SERVICE = '《保安服务管理条例》（国务院令第564号）';

/**
 * police/2026.2: the duties 421号令 and the 保安服务管理条例 (国务院令第564号, as revised 2022) put on the unit
 * itself, so that each police penalty item names police items in force nationally. POL-07 (入职查询) is
 * not carried over: 未成年人保护法 第一百二十六条 gives its enforcement to 教育、人力资源和社会保障、市场监督管理
 * 等部门, not to the police (公安机关 is where the records are queried); education and hrss check it
 * on their own lists (EDU-07, HRS-09).
 */
export const POLICE_INSPECTION_2026_2: ChecklistFile = {
  ...POLICE_INSPECTION_2026,
  version: 'police/2026.2',
  effectiveFrom: '2026-12-08',
  title: '托育机构安全防范行政检查事项清单（2026 年第 2 版）',
  source: `${SECURITY_421}；${SECURITY_SERVICE}`,
  sources: [
    { title: '企业事业单位内部治安保卫条例', documentNo: '国务院令第421号', article: '第六条、第七条、第八条、第十一条、第十三条至第十五条' },
    { title: '保安服务管理条例', documentNo: '国务院令第564号', article: '第二条、第十四条、第十六条至第十八条、第二十五条' },
  ],
  inspectionItems: [
    { ...POLICE_INSPECTION_2026.inspectionItems.find((i) => i.code === 'POL-08')!, legalBasis: `${SECURITY_421}第七条、第八条` },
    {
      code: 'POL-09',
      area: 'security',
      category: '治安保卫人员',
      text: '根据内部治安保卫工作需要设置治安保卫机构或者配备专职、兼职治安保卫人员',
      legalBasis: `${SECURITY_421}第六条第一款`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-10',
      area: 'security',
      category: '门卫巡查',
      text: '落实门卫、值班、巡查制度，检查进入人员证件、登记出入物品和车辆，建立巡逻、检查和治安隐患整改记录',
      legalBasis: `${SECURITY_421}第八条第一款第（一）项、第十一条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-11',
      area: 'security',
      category: '治安保卫重点单位',
      text: '被确定为治安保卫重点单位的：确定治安保卫重要部位并按国家标准设置技术防范设施；在公安机关指导下制定内部治安突发事件处置预案并定期演练（未被确定的，本项不适用）',
      legalBasis: `${SECURITY_421}第十三条、第十四条、第十五条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-12',
      area: 'security',
      category: '保安员备案',
      text: '自行招用保安员从事本单位门卫、巡逻、守护的，自开始保安服务之日起 30 日内向设区的市级公安机关备案；不再招用的，30 日内撤销备案',
      legalBasis: `${SECURITY_SERVICE}第二条第一款第（二）项、第十四条`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-13',
      area: 'security',
      category: '保安员条件',
      text: '担任保安员的人员持有保安员证、符合任职条件（无第十七条所列情形），并签订劳动合同',
      legalBasis: `${SECURITY_SERVICE}第十六条、第十七条、第十八条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-14',
      area: 'security',
      category: '监控资料',
      text: '保安服务中形成的监控影像资料、报警记录至少留存 30 日备查，不删改、不扩散；监控设备的安装使用不侵犯他人合法权益或者个人隐私',
      legalBasis: `${SECURITY_SERVICE}第二十五条`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 421号令 第十九条 as PPOL-01 reads it since police/2026.2: 警告; the fine only after 逾期不整改 with the harm the article names. */
const ART_19_FINE = {
  basis: 'none' as const,
  tiers: [{ circumstance: 'refused_to_correct' as const, minFen: 1_000_000, maxFen: 10_000_000, article: '第十九条' }],
};
const ART_19_NOTE =
  '责令限期整改，并处警告；单位逾期不整改，造成公民人身伤害、公私财产损失，或者严重威胁公民人身安全、公私财产安全或者公共安全的，对单位处一万元以上十万元以下罚款（对单位主要负责人和其他直接责任人员另处五百元以上五千元以下罚款）';
const art19 = (violated: string) => `${SECURITY_421}第十九条（违反${violated}）`;

/** 保安服务管理条例 第四十二条: 责令限期改正，给予警告；情节严重的，并处 1 万–5 万元罚款；有违法所得的，没收违法所得. */
const ART_42_FINE = {
  basis: 'none' as const,
  tiers: [{ circumstance: 'serious' as const, minFen: 1_000_000, maxFen: 5_000_000, article: '第四十二条第一款' }],
};
const ART_42_NOTE = '责令限期改正，给予警告；情节严重的，并处一万元以上五万元以下的罚款；有违法所得的，没收违法所得';

/**
 * police/2026.3: PPOL-01 as in police/2026.2, the other duties of 421号令 whose breach 第十九条 punishes, and
 * the 保安服务管理条例's items on a unit that employs its own guards (自行招用保安员的单位) or keeps the
 * records of a guard service (客户单位). 《反恐怖主义法》第八十八条 is not on this national list: it binds
 * only a unit 公安机关 has determined to be a 防范恐怖袭击重点目标 (第三十一条), a local determination, not a
 * property of childcare institutions (being a 人员密集场所 does not make one); a jurisdiction whose police
 * so determines an institution adds the items on its own list.
 */
export const POLICE_PENALTY_2026_3: ChecklistFile = {
  ...POLICE_PENALTY_2026_2,
  version: 'police/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构安全防范行政处罚事项清单（2026 年第 3 版）',
  source: `${SECURITY_421}；${SECURITY_SERVICE}`,
  sources: [
    { title: '企业事业单位内部治安保卫条例', documentNo: '国务院令第421号', article: '第十九条' },
    { title: '保安服务管理条例', documentNo: '国务院令第564号', article: '第四十二条、第四十三条' },
  ],
  penaltyItems: [
    {
      ...POLICE_PENALTY_2026_2.penaltyItems[0]!,
      violation: '未建立或者未落实内部治安保卫制度、治安防范措施，存在治安隐患',
      legalBasis: art19('第七条、第八条'),
      note: ART_19_NOTE,
      // 西湖区's 人防物防技防 items (POL-01…06) are that district's form of 第七条's 治安防范设施.
      relatedItems: ['POL-01', 'POL-02', 'POL-03', 'POL-04', 'POL-05', 'POL-06', 'POL-08', 'POL-10'],
    },
    {
      code: 'PPOL-02',
      violation: '未按照内部治安保卫工作需要设置治安保卫机构或者配备专职、兼职治安保卫人员，存在治安隐患',
      legalBasis: art19('第六条'),
      kinds: ['warning', 'fine'],
      fine: ART_19_FINE,
      note: ART_19_NOTE,
      relatedItems: ['POL-09'],
    },
    {
      code: 'PPOL-03',
      violation: '治安保卫重点单位未确定治安保卫重要部位，或者未按照国家标准对重要部位设置必要的技术防范设施，存在治安隐患',
      legalBasis: art19('第十四条'),
      kinds: ['warning', 'fine'],
      fine: ART_19_FINE,
      note: ART_19_NOTE,
      relatedItems: ['POL-11'],
    },
    {
      code: 'PPOL-04',
      violation: '治安保卫重点单位未制定单位内部治安突发事件处置预案或者未定期演练，存在治安隐患',
      legalBasis: art19('第十五条'),
      kinds: ['warning', 'fine'],
      fine: ART_19_FINE,
      note: ART_19_NOTE,
      relatedItems: ['POL-11'],
    },
    {
      code: 'PPOL-05',
      violation: '自行招用保安员的单位未按照规定向公安机关备案或者撤销备案',
      legalBasis: `${SECURITY_SERVICE}第四十二条第一款第（二）项`,
      kinds: ['warning', 'fine', 'confiscation'],
      fine: ART_42_FINE,
      note: ART_42_NOTE,
      relatedItems: ['POL-12'],
    },
    {
      code: 'PPOL-06',
      violation: '招用不符合《保安服务管理条例》规定条件的人员担任保安员',
      legalBasis: `${SECURITY_SERVICE}第四十二条第一款第（四）项`,
      kinds: ['warning', 'fine', 'confiscation'],
      fine: ART_42_FINE,
      note: ART_42_NOTE,
      relatedItems: ['POL-13'],
    },
    {
      code: 'PPOL-07',
      violation: '未按照规定留存保安服务中形成的监控影像资料、报警记录（至少留存 30 日）',
      legalBasis: `${SECURITY_SERVICE}第四十二条第一款第（七）项、第二款`,
      kinds: ['warning', 'fine', 'confiscation'],
      fine: ART_42_FINE,
      note: `${ART_42_NOTE}（自行招用保安员的单位依第一款第（七）项，聘用保安服务公司的客户单位依第二款“依照前款规定处罚”）`,
      relatedItems: ['POL-14'],
    },
    {
      code: 'PPOL-08',
      violation: '使用监控设备侵犯他人合法权益或者个人隐私，或者删改、扩散保安服务中形成的监控影像资料、报警记录',
      legalBasis: `${SECURITY_SERVICE}第四十三条第（二）项、第（三）项`,
      kinds: ['fine'],
      fine: { basis: 'none', tiers: [{ minFen: 2_000_000, maxFen: 10_000_000, article: '第四十三条' }] },
      note: '责令限期改正，处二万元以上十万元以下的罚款；违反治安管理的，依法给予治安管理处罚（本项适用于保安从业单位，即保安服务公司和自行招用保安员的单位）',
      relatedItems: ['POL-14'],
    },
  ],
};

export const HRSS_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'hrss',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'hrss/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构劳动用工与职业资格行政检查事项清单（2026 年版）',
  source: '《中华人民共和国社会保险法》；《中华人民共和国劳动合同法》',
  sources: [{ title: '中华人民共和国社会保险法' }, { title: '中华人民共和国劳动合同法' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'HRS-02',
      area: 'staff',
      category: '社会保险登记',
      text: '依法办理社会保险登记',
      legalBasis: '《中华人民共和国社会保险法》',
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'HRS-03',
      area: 'staff',
      category: '社会保险缴纳',
      text: '按时足额为职工缴纳社会保险费',
      legalBasis: '《中华人民共和国社会保险法》',
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'HRS-04',
      area: 'staff',
      category: '劳动合同',
      text: '与劳动者依法订立书面劳动合同',
      legalBasis: '《中华人民共和国劳动合同法》',
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HRS-05',
      area: 'staff',
      category: '工资支付',
      text: '按时足额支付劳动报酬，无拖欠',
      legalBasis: '《中华人民共和国劳动合同法》',
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

export const HRSS_PENALTY_2026: ChecklistFile = {
  kind: 'penalty',
  department: 'hrss',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'hrss/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构人力社保行政处罚事项清单（2026 年版）',
  source: '《中华人民共和国未成年人保护法》',
  sources: [{ title: '中华人民共和国未成年人保护法', article: '第一百二十六条' }],
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PHRS-01',
      violation: '未履行入职查询义务，或者招用、继续聘用具有相关违法犯罪记录的人员',
      legalBasis: `《中华人民共和国未成年人保护法》（违反第六十二条规定的法律责任）`,
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 0,
      fineMaxFen: 50_000_000,
      note: '责令限期改正，给予警告，并处五万元以下罚款；拒不改正或者造成严重后果的，责令停业整顿或者吊销证照，并处五万元以上五十万元以下罚款',
      relatedItems: ['POL-07'],
    },
  ],
};

/**
 * 未成年人保护法 第一百二十六条 as written: up to 5万 with the warning; 5万–50万 only where the unit
 * refused to correct or the consequences were serious.
 */
const MINORS_126 = {
  basis: 'none' as const,
  tiers: [
    { minFen: 0, maxFen: 5_000_000, article: '第一百二十六条' },
    { circumstance: 'refused_to_correct' as const, minFen: 5_000_000, maxFen: 50_000_000, article: '第一百二十六条' },
    { circumstance: 'serious' as const, minFen: 5_000_000, maxFen: 50_000_000, article: '第一百二十六条' },
  ],
};
const MINORS_LAW = '《中华人民共和国未成年人保护法》第一百二十六条（违反第六十二条规定）';

export const HRSS_PENALTY_2026_2: ChecklistFile = {
  ...HRSS_PENALTY_2026,
  version: 'hrss/2026.2',
  effectiveFrom: '2026-12-01',
  title: '托育机构人力社保行政处罚事项清单（2026 年第 2 版）',
  penaltyItems: [{ ...HRSS_PENALTY_2026.penaltyItems[0]!, legalBasis: MINORS_LAW, fineMinFen: undefined, fineMaxFen: undefined, fine: MINORS_126 }],
};

const SOCIAL_INSURANCE_LAW = '《中华人民共和国社会保险法》';
const LABOUR_CONTRACT_LAW = '《中华人民共和国劳动合同法》';

/** hrss/2026.2: the same four duties, each with its article. */
export const HRSS_INSPECTION_2026_2: ChecklistFile = {
  ...HRSS_INSPECTION_2026,
  version: 'hrss/2026.2',
  effectiveFrom: '2026-12-08',
  title: '托育机构劳动用工与职业资格行政检查事项清单（2026 年第 2 版）',
  sources: [
    { title: '中华人民共和国社会保险法', article: '第五十八条、第六十条' },
    { title: '中华人民共和国劳动合同法', article: '第十条、第三十条' },
  ],
  inspectionItems: HRSS_INSPECTION_2026.inspectionItems.map((item) => ({
    ...item,
    legalBasis: {
      'HRS-02': `${SOCIAL_INSURANCE_LAW}第五十八条（自用工之日起三十日内为职工申请办理社会保险登记）`,
      'HRS-03': `${SOCIAL_INSURANCE_LAW}第六十条（自行申报、按时足额缴纳社会保险费）`,
      'HRS-04': `${LABOUR_CONTRACT_LAW}第十条（建立劳动关系，应当订立书面劳动合同）`,
      'HRS-05': `${LABOUR_CONTRACT_LAW}第三十条（及时足额支付劳动报酬）`,
    }[item.code]!,
  })),
};

/**
 * 社会保险法 第八十四条 and 第八十六条 as written: a fine only after the order to correct was not
 * obeyed (逾期不改正 / 逾期仍不缴纳), one to three times the contributions owed (应缴 / 欠缴数额).
 * Fines on the persons responsible (第八十四条: 500–3,000 元) are decided against persons, not the
 * institution, and are not on this list.
 */
const contributionsFine = (article: string) => ({
  basis: 'unpaid_contributions' as const,
  tiers: [{ circumstance: 'refused_to_correct' as const, minTimes: 1, maxTimes: 3, article }],
});

export const HRSS_PENALTY_2026_3: ChecklistFile = {
  ...HRSS_PENALTY_2026_2,
  version: 'hrss/2026.3',
  effectiveFrom: '2026-12-08',
  title: '托育机构人力社保行政处罚事项清单（2026 年第 3 版）',
  sources: [
    { title: '中华人民共和国未成年人保护法', article: '第一百二十六条' },
    { title: '中华人民共和国社会保险法', article: '第八十四条、第八十六条' },
  ],
  penaltyItems: [
    HRSS_PENALTY_2026_2.penaltyItems[0]!,
    {
      code: 'PHRS-02',
      violation: '不办理社会保险登记，经责令限期改正逾期不改正',
      legalBasis: `${SOCIAL_INSURANCE_LAW}第八十四条`,
      kinds: ['fine'],
      fine: contributionsFine('第八十四条'),
      note: '由社会保险行政部门责令限期改正；逾期不改正的，对用人单位处应缴社会保险费数额一倍以上三倍以下的罚款（对直接负责的主管人员和其他直接责任人员另处五百元以上三千元以下的罚款）',
      relatedItems: ['HRS-02'],
    },
    {
      code: 'PHRS-03',
      violation: '未按时足额缴纳社会保险费，经责令限期缴纳或者补足逾期仍不缴纳',
      legalBasis: `${SOCIAL_INSURANCE_LAW}第八十六条`,
      kinds: ['fine'],
      fine: contributionsFine('第八十六条'),
      note: '由社会保险费征收机构责令限期缴纳或者补足，并自欠缴之日起按日加收万分之五的滞纳金；逾期仍不缴纳的，由有关行政部门处欠缴数额一倍以上三倍以下的罚款',
      relatedItems: ['HRS-03'],
    },
  ],
};

const LABOUR_LAW = '《中华人民共和国劳动法》';
const LABOUR_INSPECTION = '《劳动保障监察条例》（国务院令第423号）';
const MIGRANT_WAGES = '《保障农民工工资支付条例》（国务院令第724号）';

/**
 * hrss/2026.3: the duties behind the new penalty items (规章制度, 工作时间, 入职查询, 配合劳动保障监察, 农民工
 * 工资支付). It starts on 2026-12-09, not 12-08: hrss/2026.2 already starts on 12-08, and of two built-in
 * versions of one list starting the same day the catalog cannot tell which is later (both are seeded
 * with the same publication time).
 */
export const HRSS_INSPECTION_2026_3: ChecklistFile = {
  ...HRSS_INSPECTION_2026_2,
  version: 'hrss/2026.3',
  effectiveFrom: '2026-12-09',
  title: '托育机构劳动用工与职业资格行政检查事项清单（2026 年第 3 版）',
  source: `${SOCIAL_INSURANCE_LAW}；${LABOUR_CONTRACT_LAW}；${LABOUR_LAW}；${LABOUR_INSPECTION}；${MIGRANT_WAGES}；《中华人民共和国未成年人保护法》`,
  sources: [
    { title: '中华人民共和国社会保险法', article: '第五十八条、第六十条' },
    { title: '中华人民共和国劳动合同法', article: '第四条、第十条、第三十条' },
    { title: '中华人民共和国劳动法', article: '第四十一条' },
    { title: '中华人民共和国未成年人保护法', article: '第六十二条' },
    { title: '劳动保障监察条例', documentNo: '国务院令第423号', article: '第十五条、第三十条' },
    { title: '保障农民工工资支付条例', documentNo: '国务院令第724号', article: '第十一条、第十五条' },
  ],
  inspectionItems: [
    ...HRSS_INSPECTION_2026_2.inspectionItems,
    {
      code: 'HRS-07',
      area: 'staff',
      category: '劳动规章制度',
      text: '直接涉及劳动者切身利益的规章制度（劳动报酬、工作时间、休息休假、劳动纪律等）经民主程序制定并公示或者告知劳动者，内容不违反法律、法规',
      legalBasis: `${LABOUR_CONTRACT_LAW}第四条`,
      riskWeight: 1,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HRS-08',
      area: 'staff',
      category: '工作时间',
      text: '延长工作时间经与工会和劳动者协商，一般每日不超过 1 小时，因特殊原因每日不超过 3 小时、每月不超过 36 小时',
      legalBasis: `${LABOUR_LAW}第四十一条`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HRS-09',
      area: 'staff',
      category: '入职查询',
      text: '招聘工作人员时向公安机关、人民检察院查询应聘者是否具有性侵害、虐待、拐卖、暴力伤害等违法犯罪记录，每年定期查询；有上述记录的不录用、及时解聘',
      legalBasis: '《中华人民共和国未成年人保护法》第六十二条',
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
    },
    {
      code: 'HRS-10',
      area: 'staff',
      category: '配合劳动保障监察',
      text: '接受劳动保障监察，按要求如实报送书面材料；执行劳动保障行政部门的责令改正和行政处理决定',
      legalBasis: `${LABOUR_INSPECTION}第十五条、第三十条`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'HRS-11',
      area: 'staff',
      category: '农民工工资支付',
      text: '招用农民工的，工资以货币形式支付，不以实物或者有价证券替代；按工资支付周期编制书面工资支付台账并至少保存 3 年，支付工资时向农民工提供本人的工资清单',
      legalBasis: `${MIGRANT_WAGES}第十一条、第十五条`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 劳动保障监察条例 第三十条第一款: 责令改正；第（一）（二）（三）项的，处二千元以上二万元以下的罚款. */
const ART_30_FINE = { basis: 'none' as const, tiers: [{ minFen: 200_000, maxFen: 2_000_000, article: '第三十条第一款' }] };
const ART_30_NOTE = '由劳动保障行政部门责令改正，处二千元以上二万元以下的罚款；构成违反治安管理行为的，由公安机关依法给予治安管理处罚';

/** 保障农民工工资支付条例 第五十四条: 责令限期改正；逾期不改正的，对单位处二万元以上五万元以下的罚款. */
const ART_54_FINE = {
  basis: 'none' as const,
  tiers: [{ circumstance: 'refused_to_correct' as const, minFen: 2_000_000, maxFen: 5_000_000, article: '第五十四条' }],
};
const ART_54_NOTE =
  '由人力资源社会保障行政部门责令限期改正；逾期不改正的，对单位处二万元以上五万元以下的罚款（对法定代表人或者主要负责人、直接负责的主管人员和其他直接责任人员另处一万元以上三万元以下的罚款）';

/**
 * hrss/2026.4 (from 2026-12-09, see hrss/2026.3): the items of hrss/2026.3, 入职查询 tied to hrss's own item
 * (HRS-09), and the administrative penalties the labour laws give 人力资源社会保障 on an employer. Left out:
 * what is not an administrative penalty (劳动合同法 第八十二条 二倍工资, 第八十五条 and 劳动保障监察条例 第二十六条
 * 加付赔偿金, 第二十四条 责令改正 alone), what a childcare institution as employer does not do (劳务派遣经营,
 * 职业介绍/培训机构, 工程建设 wage accounts), and the fines counted per worker (劳动保障监察条例 第二十三条、第二十五条,
 * 劳动合同法 第八十四条第二款、第九十二条第二款, 《女职工劳动保护特别规定》第十三条, 《禁止使用童工规定》第六条):
 * the fine formula has no per-person basis yet, so PHRS-05 carries only the warning.
 */
export const HRSS_PENALTY_2026_4: ChecklistFile = {
  ...HRSS_PENALTY_2026_3,
  version: 'hrss/2026.4',
  effectiveFrom: '2026-12-09',
  title: '托育机构人力社保行政处罚事项清单（2026 年第 4 版）',
  source: `《中华人民共和国未成年人保护法》；${SOCIAL_INSURANCE_LAW}；${LABOUR_CONTRACT_LAW}；${LABOUR_LAW}；${LABOUR_INSPECTION}；${MIGRANT_WAGES}`,
  sources: [
    ...HRSS_PENALTY_2026_3.sources,
    { title: '中华人民共和国劳动合同法', article: '第八十条' },
    { title: '中华人民共和国劳动法', article: '第九十条' },
    { title: '劳动保障监察条例', documentNo: '国务院令第423号', article: '第二十五条、第三十条' },
    { title: '保障农民工工资支付条例', documentNo: '国务院令第724号', article: '第五十四条' },
  ],
  penaltyItems: [
    { ...HRSS_PENALTY_2026_3.penaltyItems[0]!, relatedItems: ['HRS-09'] },
    ...HRSS_PENALTY_2026_3.penaltyItems.slice(1),
    {
      code: 'PHRS-04',
      violation: '直接涉及劳动者切身利益的规章制度违反法律、法规规定',
      legalBasis: `${LABOUR_CONTRACT_LAW}第八十条`,
      kinds: ['warning'],
      note: '由劳动行政部门责令改正，给予警告；给劳动者造成损害的，应当承担赔偿责任（《中华人民共和国劳动法》第八十九条同）',
      relatedItems: ['HRS-07'],
    },
    {
      code: 'PHRS-05',
      violation: '违反劳动保障法律、法规或者规章延长劳动者工作时间',
      legalBasis: `${LABOUR_LAW}第九十条；${LABOUR_INSPECTION}第二十五条`,
      kinds: ['warning'],
      note:
        '由劳动保障行政部门给予警告，责令限期改正，并可以按照受侵害的劳动者每人一百元以上五百元以下的标准计算，处以罚款。' +
        '按人计算的罚款尚不能以本清单的罚款公式核对，本项暂只列警告',
      relatedItems: ['HRS-08'],
    },
    {
      code: 'PHRS-06',
      violation: '无理抗拒、阻挠劳动保障行政部门依法实施劳动保障监察',
      legalBasis: `${LABOUR_INSPECTION}第三十条第一款第（一）项`,
      kinds: ['fine'],
      fine: ART_30_FINE,
      note: ART_30_NOTE,
      relatedItems: ['HRS-10'],
    },
    {
      code: 'PHRS-07',
      violation: '不按照劳动保障行政部门的要求报送书面材料，隐瞒事实真相，出具伪证或者隐匿、毁灭证据',
      legalBasis: `${LABOUR_INSPECTION}第三十条第一款第（二）项`,
      kinds: ['fine'],
      fine: ART_30_FINE,
      note: ART_30_NOTE,
      relatedItems: ['HRS-10'],
    },
    {
      code: 'PHRS-08',
      violation: '经劳动保障行政部门责令改正拒不改正，或者拒不履行劳动保障行政部门的行政处理决定',
      legalBasis: `${LABOUR_INSPECTION}第三十条第一款第（三）项`,
      kinds: ['fine'],
      fine: ART_30_FINE,
      // Refusing an order on social insurance is fined under 社会保险法 (PHRS-02, PHRS-03): 第三十二条, 其他法律另有规定的从其规定.
      note: `${ART_30_NOTE}。如责令订立书面劳动合同（第二十四条）、责令支付劳动报酬（第二十六条）后拒不改正、拒不履行`,
      relatedItems: ['HRS-04', 'HRS-05', 'HRS-07', 'HRS-08', 'HRS-10', 'HRS-11'],
    },
    {
      code: 'PHRS-09',
      violation: '未编制农民工工资支付台账并依法保存，或者未向农民工提供工资清单，经责令限期改正逾期不改正',
      legalBasis: `${MIGRANT_WAGES}第五十四条第（二）项`,
      kinds: ['fine'],
      fine: ART_54_FINE,
      note: ART_54_NOTE,
      relatedItems: ['HRS-11'],
    },
    {
      code: 'PHRS-10',
      violation: '以实物、有价证券等形式代替货币支付农民工工资，经责令限期改正逾期不改正',
      legalBasis: `${MIGRANT_WAGES}第五十四条第（一）项`,
      kinds: ['fine'],
      fine: ART_54_FINE,
      note: ART_54_NOTE,
      relatedItems: ['HRS-11'],
    },
  ],
};

export const EDUCATION_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'education',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'education/2026.1',
  effectiveFrom: '2026-01-01',
  title: '幼儿园托班行政检查事项清单（2026 年版）',
  source: '《幼儿园管理条例》；国卫人口发〔2019〕58号',
  sources: [{ title: '幼儿园管理条例' }, { title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'EDU-01',
      area: 'licences',
      category: '办园许可',
      text: '幼儿园依法取得办园许可，开设托班按规定登记备案',
      legalBasis: '《幼儿园管理条例》',
      riskWeight: 4,
      severity: 'major',
      appliesTo: ['kindergarten'],
      basic: true,
    },
    {
      code: 'EDU-02',
      area: 'daily_care',
      category: '托班班额',
      text: '托班招收 2–3 岁幼儿，每班不超过 20 人',
      legalBasis: '《托育机构设置标准（试行）》（国卫人口发〔2019〕58号）',
      riskWeight: 3,
      severity: 'major',
      appliesTo: ['kindergarten'],
      basic: false,
      source: '西政办函〔2021〕15号 §二(三)3',
    },
    {
      code: 'EDU-03',
      area: 'daily_care',
      category: '托班人员配备',
      text: '托班配备保育员和教师，人员与幼儿比例不低于 1:7',
      legalBasis: '《托育机构设置标准（试行）》（国卫人口发〔2019〕58号）',
      riskWeight: 3,
      severity: 'major',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-05',
      area: 'premises',
      category: '托班用房',
      text: '托班活动室、睡眠室独立设置或合理分隔',
      legalBasis: '《托育机构设置标准（试行）》（国卫人口发〔2019〕58号）',
      riskWeight: 2,
      severity: 'minor',
      appliesTo: ['kindergarten'],
      basic: false,
    },
  ],
};

export const EDUCATION_PENALTY_2026: ChecklistFile = {
  kind: 'penalty',
  department: 'education',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'education/2026.1',
  effectiveFrom: '2026-01-01',
  title: '幼儿园托班行政处罚事项清单（2026 年版）',
  source: '《幼儿园管理条例》；《中华人民共和国未成年人保护法》',
  sources: [{ title: '幼儿园管理条例' }, { title: '中华人民共和国未成年人保护法', article: '第一百二十六条' }],
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PEDU-01',
      violation: '幼儿园（托班）违反《幼儿园管理条例》办园',
      legalBasis: '《幼儿园管理条例》',
      kinds: ['suspension'],
      note: '视情节轻重，给予限期整顿、停止招生、停止办园的行政处罚',
      relatedItems: ['EDU-01', 'EDU-02', 'EDU-03', 'EDU-05'],
    },
    {
      code: 'PEDU-02',
      violation: '幼儿园未履行入职查询义务，或者招用、继续聘用具有相关违法犯罪记录的人员',
      legalBasis: '《中华人民共和国未成年人保护法》（违反第六十二条规定的法律责任）',
      kinds: ['warning', 'fine', 'suspension', 'revocation'],
      fineMinFen: 0,
      fineMaxFen: 50_000_000,
      note: '责令限期改正，给予警告，并处五万元以下罚款；拒不改正或者造成严重后果的，并处五万元以上五十万元以下罚款',
      relatedItems: ['POL-07'],
    },
  ],
};

export const EDUCATION_PENALTY_2026_2: ChecklistFile = {
  ...EDUCATION_PENALTY_2026,
  version: 'education/2026.2',
  effectiveFrom: '2026-12-01',
  title: '幼儿园托班行政处罚事项清单（2026 年第 2 版）',
  penaltyItems: [
    EDUCATION_PENALTY_2026.penaltyItems[0]!,
    { ...EDUCATION_PENALTY_2026.penaltyItems[1]!, legalBasis: MINORS_LAW, fineMinFen: undefined, fineMaxFen: undefined, fine: MINORS_126 },
  ],
};

const PRESCHOOL_LAW = '《中华人民共和国学前教育法》';
const KINDERGARTEN_REG = '《幼儿园管理条例》（国家教育委员会令第4号）';
const STANDARDS_58 = '《托育机构设置标准（试行）》（国卫人口发〔2019〕58号）';
const MINORS_LAW_59 = '《中华人民共和国未成年人保护法》第五十九条第二款';

/**
 * education/2026.2: the 托班 items with 《学前教育法》 (in force since 2025-06-01), and the kindergarten's
 * duties its legal-liability chapter (第七十九条) punishes. The law's 学前儿童 are children from three
 * (第二条第二款); a 托班 for children of two to three is allowed by 第八十四条, whose services follow the
 * 托育 rules (第二款). The duties below are the kindergarten's as a whole (its staff, security, health
 * care, fees), checked where it runs a 托班. EDU-16 is the one item for other institutions: 招收三周岁以上
 * children for 全日制、半日制 care without an 办学许可证 is 擅自举办幼儿园 (第七十八条).
 */
export const EDUCATION_INSPECTION_2026_2: ChecklistFile = {
  ...EDUCATION_INSPECTION_2026,
  version: 'education/2026.2',
  effectiveFrom: '2026-12-08',
  title: '幼儿园托班行政检查事项清单（2026 年第 2 版）',
  source: `${PRESCHOOL_LAW}；${KINDERGARTEN_REG}；《中华人民共和国未成年人保护法》；国卫人口发〔2019〕58号`,
  sources: [
    {
      title: '中华人民共和国学前教育法',
      article:
        '第十九条、第二十九条、第三十条、第三十七条至第三十九条、第四十一条、第四十四条、第五十一条至第五十三条、第五十五条、第六十九条、第七十八条、第八十四条',
    },
    { title: '幼儿园管理条例', documentNo: '国家教育委员会令第4号' },
    { title: '中华人民共和国未成年人保护法', article: '第二十七条、第四十条、第五十九条、第六十二条' },
    { title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号' },
  ],
  inspectionItems: [
    ...EDUCATION_INSPECTION_2026.inspectionItems.map((item) => ({
      ...item,
      legalBasis: {
        'EDU-01': `${PRESCHOOL_LAW}第二十九条、第三十条、第八十四条；${KINDERGARTEN_REG}第十一条`,
        'EDU-02': `${PRESCHOOL_LAW}第八十四条第二款；${STANDARDS_58}`,
        'EDU-03': `${PRESCHOOL_LAW}第四十一条、第八十四条第二款；${STANDARDS_58}`,
        'EDU-05': `${PRESCHOOL_LAW}第八十四条第二款；${STANDARDS_58}`,
      }[item.code]!,
    })),
    {
      code: 'EDU-07',
      area: 'staff',
      category: '入职查询',
      text: '聘任（聘用）园长、教师、保育员、卫生保健人员、安全保卫人员和其他工作人员前查询虐待、性侵害、性骚扰、拐卖、暴力伤害、吸毒、赌博等违法犯罪记录，每年定期查询；有记录或者其他可能危害儿童身心安全情形的不聘用，在岗人员立即停止工作、解除合同并报告教育行政部门',
      legalBasis: `${PRESCHOOL_LAW}第四十四条；《中华人民共和国未成年人保护法》第六十二条`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: ['kindergarten'],
      basic: true,
    },
    {
      code: 'EDU-08',
      area: 'staff',
      category: '教职工资格',
      text: '教师取得幼儿园教师资格；保育员具有国家规定的学历并经过幼儿保育职业培训；医师、护士取得执业资格，保健员经过卫生保健专业知识培训；园长具备规定的资格和经历并报备案',
      legalBasis: `${PRESCHOOL_LAW}第三十七条、第三十八条、第三十九条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-09',
      area: 'security',
      category: '安全管理',
      text: '建立健全安全管理制度和安全责任制度，完善安全措施和应急反应机制，按照标准配备安全保卫人员，及时排查和消除安全隐患；按规定投保校方责任保险',
      legalBasis: `${PRESCHOOL_LAW}第五十一条`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-10',
      area: 'health_care',
      category: '卫生保健责任',
      text: '建立科学合理的一日生活制度，保证户外活动时间，做好营养膳食、全日健康观察、卫生与消毒、传染病预防与控制等卫生保健管理',
      legalBasis: `${PRESCHOOL_LAW}第五十三条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-11',
      area: 'daily_care',
      category: '儿童身心安全',
      text: '无体罚、变相体罚、歧视、侮辱、虐待、性侵害等危害儿童身心安全的行为；建立预防性侵害、性骚扰工作制度；发现儿童受到侵害、疑似受到侵害时立即采取保护措施并向公安、教育等部门报告',
      legalBasis: `${PRESCHOOL_LAW}第五十二条；《中华人民共和国未成年人保护法》第二十七条、第四十条`,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: ['kindergarten'],
      basic: true,
    },
    {
      code: 'EDU-12',
      area: 'daily_care',
      category: '活动安排',
      text: '保育和教育活动符合儿童身心发展规律和年龄特点，不组织儿童参与商业性活动、竞赛类活动',
      legalBasis: `${PRESCHOOL_LAW}第十九条、第五十五条第二款`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-13',
      area: 'fees',
      category: '收费公示与规范',
      text: '收费项目和标准、服务内容、退费规则向家长公示；不违反规定收取费用，不向儿童及其家长组织征订教学材料，不推销或者变相推销商品、服务',
      legalBasis: `${PRESCHOOL_LAW}第六十九条第二款、第三款`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-14',
      area: 'fees',
      category: '伙食费',
      text: '儿童伙食费专款专用，不克扣、挪用',
      legalBasis: `${PRESCHOOL_LAW}第六十九条第一款`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-15',
      area: 'environment',
      category: '禁烟禁酒',
      text: '园内无人吸烟、饮酒，发现吸烟、饮酒的及时制止',
      legalBasis: MINORS_LAW_59,
      riskWeight: 1,
      severity: 'minor',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-16',
      area: 'licences',
      category: '超龄招收',
      text: '未取得幼儿园办学许可证的，不招收三周岁以上学前儿童实施全日制、半日制保育教育或者培训',
      legalBasis: `${PRESCHOOL_LAW}第三十条、第七十八条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: ['community', 'employer', 'private', 'family', 'growth_station'],
      basic: false,
    },
  ],
};

/** 学前教育法 第七十九条第一款: one item per 项 an institution with a 托班 can commit; no fine in this article. */
const ART_79 = (item: string) => `${PRESCHOOL_LAW}第七十九条第一款第（${item}）项`;
const ART_79_KINDS = ['warning' as const, 'confiscation' as const, 'suspension' as const, 'revocation' as const];
const ART_79_NOTE =
  '由县级以上地方人民政府教育等有关部门按照职责分工责令限期改正，并予以警告；有违法所得的，退还所收费用后没收违法所得；情节严重的，责令停止招生、吊销办学许可证（被吊销的应当妥善安置在园儿童）';
// The 项 speak of 学前儿童 (three and over); whether a failing found only in the 托班 falls under them is a question of applying the law.
const TOBAN = '。托班婴幼儿不属本法所称学前儿童（第二条第二款），仅涉托班的情形能否适用本项，以教育行政部门的认定为准';

/**
 * education/2026.3: PEDU-01 (幼儿园管理条例 第二十七条, still in force; where the same conduct falls under
 * 学前教育法 第七十九条 the law prevails), PEDU-02 tied to education's own 入职查询 item (EDU-07), 第七十九条
 * 项 by 项, 未成年人保护法 第一百二十四条 (the kindergarten as 场所管理者), and 擅自举办 (第七十八条 →
 * 民办教育促进法 第六十四条). 第七十九条第一款第（一）（四）（五）项 (入园考试, 课程教学类资源, 小学化) concern the
 * education of children from three, not a 托班, and are not on this list.
 */
export const EDUCATION_PENALTY_2026_3: ChecklistFile = {
  ...EDUCATION_PENALTY_2026_2,
  version: 'education/2026.3',
  effectiveFrom: '2026-12-08',
  title: '幼儿园托班行政处罚事项清单（2026 年第 3 版）',
  source: `${PRESCHOOL_LAW}；${KINDERGARTEN_REG}；《中华人民共和国未成年人保护法》；《中华人民共和国民办教育促进法》`,
  sources: [
    { title: '中华人民共和国学前教育法', article: '第七十八条、第七十九条' },
    { title: '幼儿园管理条例', documentNo: '国家教育委员会令第4号', article: '第二十七条' },
    { title: '中华人民共和国未成年人保护法', article: '第一百二十四条、第一百二十六条' },
    { title: '中华人民共和国民办教育促进法', article: '第六十四条' },
  ],
  penaltyItems: [
    {
      ...EDUCATION_PENALTY_2026_2.penaltyItems[0]!,
      violation:
        '未经登记注册擅自招收幼儿；园舍、设施不符合国家卫生标准、安全标准，妨害幼儿身体健康或者威胁幼儿生命安全；教育内容和方法违背幼儿教育规律，损害幼儿身心健康',
      legalBasis: `${KINDERGARTEN_REG}第二十七条`,
      note: '由教育行政部门视情节轻重，给予限期整顿、停止招生、停止办园的行政处罚。同一行为属于《中华人民共和国学前教育法》第七十九条所列情形的，适用该法',
      relatedItems: ['EDU-01', 'EDU-02', 'EDU-03', 'EDU-05', 'EDU-09', 'EDU-12'],
    },
    { ...EDUCATION_PENALTY_2026_2.penaltyItems[1]!, relatedItems: ['EDU-07'] },
    {
      code: 'PEDU-03',
      violation: '因管理疏忽或者放任发生体罚或者变相体罚、歧视、侮辱、虐待、性侵害等危害儿童身心安全的行为',
      legalBasis: ART_79('二'),
      kinds: ART_79_KINDS,
      note: ART_79_NOTE + TOBAN,
      relatedItems: ['EDU-11'],
    },
    {
      code: 'PEDU-04',
      violation: '未依法加强安全防范建设、履行安全保障责任，或者未依法履行卫生保健责任',
      legalBasis: ART_79('三'),
      kinds: ART_79_KINDS,
      note: ART_79_NOTE,
      relatedItems: ['EDU-09', 'EDU-10'],
    },
    {
      code: 'PEDU-05',
      violation: '开展与儿童身心发展规律、年龄特点不符的活动，或者组织儿童参与商业性活动',
      legalBasis: ART_79('六'),
      kinds: ART_79_KINDS,
      note: ART_79_NOTE + TOBAN,
      relatedItems: ['EDU-12'],
    },
    {
      code: 'PEDU-06',
      violation: '未按照规定配备幼儿园教师或者其他工作人员',
      legalBasis: ART_79('七'),
      kinds: ART_79_KINDS,
      note: `${ART_79_NOTE}。配备标准见第四十一条，资格见第三十七条至第三十九条；托班的配备比例依托育机构设置标准${TOBAN}`,
      relatedItems: ['EDU-03', 'EDU-08'],
    },
    {
      code: 'PEDU-07',
      violation: '违反规定收取费用',
      legalBasis: ART_79('八'),
      kinds: ART_79_KINDS,
      note: ART_79_NOTE + TOBAN,
      relatedItems: ['EDU-13'],
    },
    {
      code: 'PEDU-08',
      violation: '克扣、挪用儿童伙食费',
      legalBasis: ART_79('九'),
      kinds: ART_79_KINDS,
      note: ART_79_NOTE + TOBAN,
      relatedItems: ['EDU-14'],
    },
    {
      code: 'PEDU-09',
      violation: '园内有人吸烟、饮酒，幼儿园（场所管理者）未及时制止',
      legalBasis: '《中华人民共和国未成年人保护法》第一百二十四条（违反第五十九条第二款规定）',
      kinds: ['warning', 'fine'],
      fine: { basis: 'none', tiers: [{ minFen: 0, maxFen: 1_000_000, article: '第一百二十四条' }] },
      note: '场所管理者未及时制止的，由卫生健康、教育、市场监督管理等部门按照职责分工给予警告，并处一万元以下罚款（吸烟、饮酒的个人另由其责令改正、给予警告，可以并处五百元以下罚款）',
      relatedItems: ['EDU-15'],
    },
    {
      code: 'PEDU-10',
      violation: '未取得办学许可证，招收三周岁以上学前儿童实施全日制、半日制保育教育或者培训（擅自举办幼儿园）',
      legalBasis: `${PRESCHOOL_LAW}第七十八条；《中华人民共和国民办教育促进法》第六十四条`,
      kinds: ['suspension', 'fine'],
      fine: { basis: 'illegal_income', tiers: [{ minTimes: 1, maxTimes: 5, article: '民办教育促进法第六十四条' }] },
      note:
        '依照《中华人民共和国民办教育促进法》第六十四条，由县级以上地方人民政府教育行政部门会同有关部门责令停止办学、退还所收费用，并对举办者处违法所得一倍以上五倍以下罚款；' +
        '对非法举办幼儿园的单位和个人，根据情节轻重，五至十年内不受理其举办幼儿园或者其他教育机构的申请（学前教育法第七十八条）。罚款对象为举办者：托育机构由其运营单位举办的，对该单位处罚',
      relatedItems: ['EDU-16'],
    },
  ],
};

/** 西湖区 (330106): surveillance, one-key alarms, closed management and 人防物防技防, as its notice requires (二（四）2、4). */
export const XIHU_POLICE_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'police',
  jurisdiction: '330106',
  version: 'police-330106/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构安全防范行政检查事项清单（西湖区，2026 年版）',
  source: `《${XIHU}》（${XIHU_NO}）二（四）2、4`,
  sources: [{ title: XIHU, documentNo: XIHU_NO, article: '二（四）2、4' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'POL-01',
      area: 'security',
      category: '出入口监控',
      text: '出入口设置视频监控并纳入“雪亮工程”',
      legalBasis: XIHU_2,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-02',
      area: 'security',
      category: '监控覆盖',
      text: '视频监控覆盖婴幼儿活动区域并 24 小时运行',
      legalBasis: XIHU_4,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
    },
    {
      code: 'POL-03',
      area: 'security',
      category: '录像保存',
      text: '监控录像资料保存期不少于 90 天',
      legalBasis: XIHU_4,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-04',
      area: 'security',
      category: '一键报警',
      text: '设置一键式紧急报警装置，并联网属地接处警中心或报警监控中心',
      legalBasis: XIHU_4,
      riskWeight: 5,
      severity: 'critical',
      appliesTo: [],
      basic: true,
    },
    {
      code: 'POL-05',
      area: 'security',
      category: '封闭管理',
      text: '实施封闭式管理，来访登记，接送核验身份',
      legalBasis: XIHU_4,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'POL-06',
      area: 'security',
      category: '人防物防',
      text: '配备安保人员和必要的防护器械，落实人防、物防、技防要求',
      legalBasis: `${XIHU_4}；${SECURITY_421}`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 西湖区 (330106): 持证上岗 and continuing education, as its notice requires (三（三）). */
export const XIHU_HRSS_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'hrss',
  jurisdiction: '330106',
  version: 'hrss-330106/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构职业资格与培训行政检查事项清单（西湖区，2026 年版）',
  source: `《${XIHU}》（${XIHU_NO}）三（三）`,
  sources: [{ title: XIHU, documentNo: XIHU_NO, article: '三（三）' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'HRS-01',
      area: 'staff',
      category: '持证上岗',
      text: '保育人员持有保育师、育婴员等职业技能等级证书，持证上岗',
      legalBasis: '西政办函〔2021〕15号 §三(三)：依法落实从业人员职业资格准入和持证上岗制度',
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'HRS-06',
      area: 'staff',
      category: '继续教育',
      text: '从业人员岗前培训和继续教育（法律法规、职业道德、安全教育、从业技能）有记录',
      legalBasis: '西政办函〔2021〕15号 §三(三)',
      riskWeight: 1,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 西湖区 (330106): the 托班 guidance and fees its notice gives the education bureau (二（三）3). */
export const XIHU_EDUCATION_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'education',
  jurisdiction: '330106',
  version: 'education-330106/2026.1',
  effectiveFrom: '2026-01-01',
  title: '幼儿园托班行政检查事项清单（西湖区，2026 年版）',
  source: `《${XIHU}》（${XIHU_NO}）二（三）3`,
  sources: [{ title: XIHU, documentNo: XIHU_NO, article: '二（三）3' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'EDU-04',
      area: 'daily_care',
      category: '保育教育管理',
      text: '按托班管理指南制定一日生活安排，保育为主、保教结合',
      legalBasis: '西政办函〔2021〕15号 §二(三)3：教育部门制定幼儿园托班管理指南，加强保育教育管理',
      riskWeight: 2,
      severity: 'minor',
      appliesTo: ['kindergarten'],
      basic: false,
    },
    {
      code: 'EDU-06',
      area: 'fees',
      category: '保教费',
      text: '公办园托班按核定标准收费，民办园托班收费标准公示',
      legalBasis: '西政办函〔2021〕15号 §二(三)3',
      riskWeight: 2,
      severity: 'minor',
      appliesTo: ['kindergarten'],
      basic: false,
    },
  ],
};
