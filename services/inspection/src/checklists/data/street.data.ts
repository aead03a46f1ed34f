import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { ChecklistFile } from '../checklist-schema.js';

/**
 * The street office (镇街, 属地), which leads joint checks. National: the filing and the drainage
 * permit (national rules). Hangzhou (330100): waste sorting and kitchen waste under its own
 * 生活垃圾管理条例. 西湖区 (330106): notices on display and grid patrols, as its notice (西政办函〔2021〕15号)
 * asks of the streets. 环翠区 (371002): the information its 示范区 plan has institutions publish.
 *
 * No penalty list, national or local: a street office holds no penalty power of its own over a
 * childcare institution. It punishes only what a province has decided to hand down from county
 * departments (《行政处罚法》第二十四条; e.g. 《浙江省综合行政执法条例》第九条: the county's published
 * 乡镇（街道）综合行政执法事项目录清单), which differs county by county; such a list belongs to that
 * jurisdiction and cites that published catalogue beside the law each power rests on.
 */
const XIHU_4 = '西政办函〔2021〕15号 §二(四)4';
const XIHU_2 = '西政办函〔2021〕15号 §二(四)2';
const XIHU = '杭州市西湖区人民政府办公室关于促进3岁以下婴幼儿照护服务发展的通知';
const RUIAN = '瑞安市“母婴保健监管一件事”联合检查事项（报道《让“高消费”的月子中心迎来“强监管”》）';

export const STREET_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'street',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'street/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构属地综合检查事项清单（镇街，2026 年版）',
  source: '《托育机构登记和备案办法（试行）》（国卫办人口发〔2019〕25号）；《城镇排水与污水处理条例》（国务院令第641号）',
  sources: [
    { title: '托育机构登记和备案办法（试行）', documentNo: '国卫办人口发〔2019〕25号' },
    { title: '城镇排水与污水处理条例', documentNo: '国务院令第641号' },
  ],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'STR-02',
      area: 'licences',
      category: '备案',
      text: '已向区卫生健康部门备案，备案信息与实际一致',
      legalBasis: '《托育机构登记和备案办法（试行）》（国卫办人口发〔2019〕25号）',
      riskWeight: 4,
      severity: 'major',
      appliesTo: [],
      basic: true,
      source: '西政办函〔2021〕15号 §二(四)1',
    },
    {
      code: 'STR-05',
      area: 'environment',
      category: '排水许可',
      text: '依法办理城镇污水排入排水管网许可',
      legalBasis: '《城镇排水与污水处理条例》（国务院令第641号）',
      riskWeight: 1,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
  ],
};

/** 杭州市 (330100): waste sorting and kitchen waste under the city's own regulation. */
export const HANGZHOU_STREET_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'street',
  jurisdiction: '330100',
  version: 'street-330100/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构属地综合检查事项清单（杭州市，2026 年版）',
  source: '《杭州市生活垃圾管理条例》',
  sources: [{ title: '杭州市生活垃圾管理条例' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'STR-03',
      area: 'environment',
      category: '垃圾分类',
      text: '生活垃圾分类投放',
      legalBasis: '《杭州市生活垃圾管理条例》',
      riskWeight: 1,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
    {
      code: 'STR-04',
      area: 'environment',
      category: '餐厨垃圾',
      text: '餐厨垃圾交有资质的单位收运处置，台账完整',
      legalBasis: '《杭州市生活垃圾管理条例》',
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
      source: RUIAN,
    },
  ],
};

/** 西湖区 (330106): what its notice asks the streets to check (二（四）2、4). */
export const XIHU_STREET_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'street',
  jurisdiction: '330106',
  version: 'street-330106/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构属地综合检查事项清单（西湖区，2026 年版）',
  source: `《${XIHU}》（西政办函〔2021〕15号）二（四）2、4`,
  sources: [{ title: XIHU, documentNo: '西政办函〔2021〕15号', article: '二（四）2、4' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'STR-01',
      area: 'licences',
      category: '证照公示',
      text: '在服务场所显著位置公示营业执照（登记证书）、备案回执等证照',
      legalBasis: XIHU_4,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
    {
      code: 'STR-06',
      area: 'daily_care',
      category: '属地安全巡查',
      text: '纳入基层治理平台，配合网格员日常安全巡查，隐患整改闭环',
      legalBasis: XIHU_2,
      riskWeight: 2,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};

/** 环翠区 (371002): the information disclosure its 示范区 plan requires ((四)16). */
export const HUANCUI_STREET_INSPECTION_2026: ChecklistFile = {
  kind: 'inspection',
  department: 'street',
  jurisdiction: '371002',
  version: 'street-371002/2026.1',
  effectiveFrom: '2026-01-01',
  title: '托育机构属地综合检查事项清单（环翠区，2026 年版）',
  source: '《环翠区创建省级婴幼儿照护服务示范区实施方案》（四）16',
  sources: [{ title: '环翠区创建省级婴幼儿照护服务示范区实施方案', article: '（四）16' }],
  penaltyItems: [],
  inspectionItems: [
    {
      code: 'STR-07',
      area: 'fees',
      category: '信息公示',
      text: '公示收费标准、服务内容和投诉举报电话',
      legalBasis: '《环翠区创建省级婴幼儿照护服务示范区实施方案》（四）16：信息公示制度',
      riskWeight: 1,
      severity: 'minor',
      appliesTo: [],
      basic: false,
    },
  ],
};
