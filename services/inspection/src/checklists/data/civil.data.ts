import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { ChecklistFile } from '../checklist-schema.js';

/**
 * 民政: the registration authority of non-profit childcare institutions registered as 民办非企业单位
 * (社会服务机构). Its lists rest on 《民办非企业单位登记管理暂行条例》 (国务院令第251号): activities within
 * the registered purpose and scope, change registration, supervision and the yearly inspection
 * (年度检查), no profit-making or distribution, fees and donations as the rules allow. Items apply
 * to non-profit institutions only (appliesToNatures), those registered with civil affairs.
 */
const REG_251 = '《民办非企业单位登记管理暂行条例》（国务院令第251号）';
const ANNUAL_27 = '《民办非企业单位年度检查办法》（民政部令第27号）';

export const CIVIL_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'civil',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'civil/2026.1',
  effectiveFrom: '2026-12-01',
  title: '托育机构（民办非企业单位）登记管理行政检查事项清单（2026 年版）',
  source: `${REG_251}；${ANNUAL_27}`,
  sources: [
    { title: '民办非企业单位登记管理暂行条例', documentNo: '国务院令第251号' },
    { title: '民办非企业单位年度检查办法', documentNo: '民政部令第27号' },
  ],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'CIV-01',
      area: 'licences',
      category: '登记证书与章程',
      text: `持有有效的民办非企业单位登记证书，在章程规定的宗旨和业务范围内开展活动，未涂改、出租、出借证书和印章`,
      legalBasis: `${REG_251}第二十五条第一款第（一）（二）项`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      appliesToNatures: ['non_profit'],
      basic: false,
    },
    {
      code: 'CIV-02',
      area: 'licences',
      category: '变更登记',
      text: `名称、住所、宗旨和业务范围、法定代表人等登记事项变更的，按规定办理变更登记；未设立分支机构`,
      legalBasis: `${REG_251}第二十五条第一款第（四）（五）项`,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      appliesToNatures: ['non_profit'],
      basic: false,
    },
    {
      code: 'CIV-03',
      area: 'licences',
      category: '年度检查',
      text: `按规定参加年度检查、报送年度工作报告，接受登记管理机关的监督检查`,
      legalBasis: `${REG_251}第二十五条第一款第（三）项；${ANNUAL_27}`,
      riskWeight: 2,
      severity: 'major',
      appliesTo: [],
      appliesToNatures: ['non_profit'],
      basic: false,
    },
    {
      code: 'CIV-04',
      area: 'fees',
      category: '非营利性',
      text: `未从事营利性经营活动，资产未被侵占、私分、挪用；按规定收取费用、接受和使用捐赠资助`,
      legalBasis: `${REG_251}第二十五条第一款第（六）（七）（八）项`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      appliesToNatures: ['non_profit'],
      basic: false,
    },
  ],
};

/**
 * 第二十五条: 警告、责令改正，可以限期停止活动；情节严重的，撤销登记; with 违法经营额 or 违法所得, these are
 * confiscated and a fine of 1–3 times the 违法经营额 or 3–5 times the 违法所得 may be added (two items,
 * one per basis, so that each fine is checked against the basis it is counted from).
 */
export const CIVIL_PENALTY_2026: ChecklistFile = {
  kind: 'penalty',
  department: 'civil',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'civil/2026.1',
  effectiveFrom: '2026-12-01',
  title: '托育机构（民办非企业单位）登记管理行政处罚事项清单（2026 年版）',
  source: REG_251,
  sources: [{ title: '民办非企业单位登记管理暂行条例', documentNo: '国务院令第251号', article: '第二十五条' }],
  inspectionItems: [],
  penaltyItems: [
    {
      code: 'PCIV-01',
      violation: '违反登记管理规定（超出宗旨和业务范围、不按规定变更登记、拒不接受监督检查、从事营利性经营活动等），有违法所得的',
      legalBasis: `${REG_251}第二十五条`,
      kinds: ['warning', 'suspension', 'revocation', 'confiscation', 'fine'],
      fine: { basis: 'illegal_income', tiers: [{ minTimes: 3, maxTimes: 5, article: '第二十五条第二款' }] },
      note: '予以警告，责令改正，可以限期停止活动；情节严重的，撤销登记；违法所得予以没收，可以并处违法所得 3 倍以上 5 倍以下的罚款',
      relatedItems: ['CIV-01', 'CIV-02', 'CIV-03', 'CIV-04'],
    },
    {
      code: 'PCIV-02',
      violation: '违反登记管理规定（同上），有违法经营额的',
      legalBasis: `${REG_251}第二十五条`,
      kinds: ['warning', 'suspension', 'revocation', 'confiscation', 'fine'],
      fine: { basis: 'illegal_turnover', tiers: [{ minTimes: 1, maxTimes: 3, article: '第二十五条第二款' }] },
      note: '予以警告，责令改正，可以限期停止活动；情节严重的，撤销登记；违法经营额予以没收，可以并处违法经营额 1 倍以上 3 倍以下的罚款',
      relatedItems: ['CIV-01', 'CIV-02', 'CIV-03', 'CIV-04'],
    },
  ],
};

/**
 * civil/2026.2: the items of civil/2026.1, and what the registration rests on: registration obtained
 * with true documents (第二十四条) and activity in the name of a 民办非企业单位 only while registered
 * (第二十七条).
 */
export const CIVIL_INSPECTION_2026_2: ChecklistFile = {
  ...CIVIL_INSPECTION_2026,
  version: 'civil/2026.2',
  effectiveFrom: '2026-12-08',
  title: '托育机构（民办非企业单位）登记管理行政检查事项清单（2026 年第 2 版）',
  sources: [
    {
      title: '民办非企业单位登记管理暂行条例',
      documentNo: '国务院令第251号',
      article: '第九条、第十二条、第十五条、第二十一条、第二十三条至第二十五条、第二十七条',
    },
    { title: '民办非企业单位年度检查办法', documentNo: '民政部令第27号' },
  ],
  inspectionItems: [
    ...CIVIL_INSPECTION_2026.inspectionItems,
    {
      code: 'CIV-05',
      area: 'licences',
      category: '登记真实',
      text: '申请登记时提交的场所使用权证明、验资报告、拟任负责人情况等材料真实，登记的名称、住所、开办资金、法定代表人与实际一致',
      legalBasis: `${REG_251}第九条、第十二条、第二十四条`,
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      appliesToNatures: ['non_profit'],
      basic: false,
    },
    {
      code: 'CIV-06',
      area: 'licences',
      category: '登记有效',
      text: '以民办非企业单位名义开展活动的，已依法登记且登记未被撤销',
      legalBasis: `${REG_251}第三条、第二十七条`,
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      appliesToNatures: ['non_profit'],
      basic: false,
    },
  ],
};

/**
 * civil/2026.2: PCIV-01 and PCIV-02 (第二十五条, with its 款 cited), 撤销登记 of a registration obtained by
 * fraud (第二十四条) and 取缔 of activity in the name of an unregistered or deregistered 民办非企业单位 (第二十七条).
 * 《社会组织登记管理机关行政处罚程序规定》 governs how 民政 decides, not what it punishes, so it adds no
 * items; neither does 《民办非企业单位年度检查办法》 (民政部令第27号): not taking part in the yearly inspection
 * is 第二十五条第一款第（三）项 (PCIV-01/02, CIV-03).
 */
export const CIVIL_PENALTY_2026_2: ChecklistFile = {
  ...CIVIL_PENALTY_2026,
  version: 'civil/2026.2',
  effectiveFrom: '2026-12-08',
  title: '托育机构（民办非企业单位）登记管理行政处罚事项清单（2026 年第 2 版）',
  sources: [{ title: '民办非企业单位登记管理暂行条例', documentNo: '国务院令第251号', article: '第二十四条、第二十五条、第二十七条' }],
  penaltyItems: [
    ...CIVIL_PENALTY_2026.penaltyItems.map((item) => ({ ...item, legalBasis: `${REG_251}第二十五条第一款、第二款` })),
    {
      code: 'PCIV-03',
      violation: '在申请登记时弄虚作假，骗取登记',
      legalBasis: `${REG_251}第二十四条`,
      kinds: ['revocation'],
      note: '由登记管理机关予以撤销登记（业务主管单位撤销批准的，同样撤销登记）；被撤销登记的，由登记管理机关收缴登记证书和印章（第二十八条第二款）',
      relatedItems: ['CIV-05'],
    },
    {
      code: 'PCIV-04',
      violation: '未经登记，擅自以民办非企业单位名义进行活动，或者被撤销登记后继续以民办非企业单位名义进行活动',
      legalBasis: `${REG_251}第二十七条`,
      // 取缔 is recorded as 责令停止活动 (suspension), 没收非法财产 as confiscation.
      kinds: ['suspension', 'confiscation'],
      note: '由登记管理机关予以取缔，没收非法财产；构成犯罪的，依法追究刑事责任；尚不构成犯罪的，依法给予治安管理处罚',
      relatedItems: ['CIV-06'],
    },
  ],
};
