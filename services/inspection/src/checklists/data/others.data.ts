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
