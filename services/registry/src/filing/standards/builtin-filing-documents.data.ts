/**
 * 托育机构备案标准 as rule documents (family `filing`), one per real document, each at its own
 * jurisdiction: national documents (000000) judge every filing; a local document judges only
 * filings of institutions inside its division (rule-documents.ts resolves them for the
 * institution's division on the filing date). Each rule keeps its key, so a lower level can
 * replace, add to or disable it by publishing a document of its own (POST /api/v1/filing-standards).
 *
 * Only published content is here. Provinces, cities and districts without a published filing
 * requirement of their own (浙江省, 杭州市, 瑞安市, 拱墅区, 山东省, 威海市, 环翠区 …) have no document:
 * the national documents apply there unchanged.
 *
 * A stored version is never edited: a change is a new version (its citations may be corrected).
 */
import { NATIONAL_JURISDICTION, type RuleSource } from '@shanyu/common';
import type { FilingRuleDocument } from './filing-rule-body.js';

const FILING_MEASURES = { title: '托育机构登记和备案办法（试行）', documentNo: '国卫办人口发〔2019〕25号' } as const;
const SETTING_STANDARDS = { title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号' } as const;
const MANAGEMENT_NORMS = { title: '托育机构管理规范（试行）', documentNo: '国卫人口发〔2019〕58号' } as const;
const HEALTH_CARE_MEASURES = { title: '托儿所幼儿园卫生保健管理办法', documentNo: '卫生部 教育部令第76号' } as const;
const HEALTH_EVALUATION_STANDARD = { title: '托育机构卫生评价基本标准' } as const;
const QUALITY_STANDARD = { title: 'WS/T 821-2023《托育机构质量评估标准》' } as const;
const FAMILY_POINT_MEASURES = { title: '家庭托育点管理办法（试行）' } as const;
const XIHU_NOTICE = { title: '杭州市西湖区人民政府办公室关于促进3岁以下婴幼儿照护服务发展的通知', documentNo: '西政办函〔2021〕15号' } as const;

const at = (source: RuleSource, article?: string): RuleSource => (article ? { ...source, article } : { ...source });
/** 备案材料: 国卫办人口发〔2019〕25号 第八条 lists what a filing hands in. */
const MATERIALS = at(FILING_MEASURES, '第八条');

/** 《托育机构登记和备案办法（试行）》: the materials a filing hands in. */
export const FILING_MEASURES_2019: FilingRuleDocument = {
  family: 'filing',
  documentKey: 'childcare-filing-measures',
  version: 'childcare-filing-measures/2019.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: '托育机构登记和备案办法（试行）',
  sources: [at(FILING_MEASURES)],
  effectiveFrom: '2019-10-08',
  effectiveTo: null,
  rules: [
    {
      key: 'DOC_LICENCE',
      title: '营业执照或法人登记证书',
      composition: 'adds',
      sources: [MATERIALS],
      body: { kind: 'document_present', params: { document: 'businessLicence' } },
    },
    {
      key: 'DOC_PREMISES',
      title: '场地证明（自有或租期不少于 3 年）',
      composition: 'adds',
      sources: [MATERIALS, at(SETTING_STANDARDS, '第十一条')],
      body: { kind: 'premises', params: { minLeaseYears: 3 } },
    },
    {
      key: 'DOC_STAFF_QUALIFICATIONS',
      title: '工作人员资格证明',
      composition: 'adds',
      sources: [MATERIALS],
      body: { kind: 'document_present', params: { document: 'staffQualifications' } },
    },
    {
      key: 'DOC_STAFF_HEALTH',
      title: '工作人员健康合格证明',
      composition: 'adds',
      sources: [MATERIALS, at(HEALTH_CARE_MEASURES, '第十四条')],
      body: { kind: 'document_present', params: { document: 'staffHealthCertificates' } },
    },
    {
      key: 'DOC_HEALTH_EVALUATION',
      title: '卫生评价报告结论为合格',
      composition: 'adds',
      sources: [MATERIALS, at(HEALTH_EVALUATION_STANDARD)],
      body: { kind: 'health_evaluation_pass', params: {} },
    },
    {
      key: 'DOC_FIRE',
      title: '消防安全检查合格证明（消防验收或备案证明）',
      composition: 'adds',
      sources: [MATERIALS],
      body: { kind: 'document_present', params: { document: 'fireAcceptance' } },
    },
    {
      key: 'DOC_FOOD',
      title: '提供餐食的应有食品经营许可证',
      composition: 'adds',
      sources: [MATERIALS, { title: '中华人民共和国食品安全法', article: '第三十五条' }],
      body: { kind: 'food_licence_when_meals', params: {} },
    },
  ],
};

/** 《托育机构设置标准（试行）》: classes, ratios, the director, health workers. */
export const SETTING_STANDARDS_2019: FilingRuleDocument = {
  family: 'filing',
  documentKey: 'childcare-setting-standards',
  version: 'childcare-setting-standards/2019.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: '托育机构设置标准（试行）',
  sources: [at(SETTING_STANDARDS)],
  effectiveFrom: '2019-10-08',
  effectiveTo: null,
  rules: [
    {
      key: 'CLASS_INFANT',
      title: '乳儿班（6–12 个月）每班不超过 10 人，保育人员与婴幼儿比例不低于 1:3',
      composition: 'adds',
      sources: [at(SETTING_STANDARDS, '第十九条、第二十条')],
      body: { kind: 'class_limits', params: { classType: 'infant', maxSize: 10, childrenPerCarer: 3 } },
    },
    {
      key: 'CLASS_TODDLER',
      title: '托小班（12–24 个月）每班不超过 15 人，比例不低于 1:5',
      composition: 'adds',
      sources: [at(SETTING_STANDARDS, '第十九条、第二十条')],
      body: { kind: 'class_limits', params: { classType: 'toddler', maxSize: 15, childrenPerCarer: 5 } },
    },
    {
      key: 'CLASS_OLDER',
      title: '托大班（24–36 个月）每班不超过 20 人，比例不低于 1:7',
      composition: 'adds',
      sources: [at(SETTING_STANDARDS, '第十九条、第二十条')],
      body: { kind: 'class_limits', params: { classType: 'older', maxSize: 20, childrenPerCarer: 7 } },
    },
    {
      key: 'CLASS_MIXED',
      title: '18 个月以上可混合编班，每班不超过 18 人',
      composition: 'adds',
      sources: [at(SETTING_STANDARDS, '第十九条')],
      body: { kind: 'class_limits', params: { classType: 'mixed', maxSize: 18, childrenPerCarer: null } },
    },
    {
      key: 'DIRECTOR',
      title: '负责人大专以上学历、3 年以上相关管理经历、岗位培训合格',
      composition: 'adds',
      sources: [at(SETTING_STANDARDS, '第十八条')],
      body: { kind: 'director', params: { minEducation: 'junior_college', minManagementYears: 3, trainingRequired: true } },
    },
    {
      key: 'HEALTH_WORKER',
      title: '配备保健人员；收托 150 名以上的应至少 1 名专职',
      composition: 'adds',
      sources: [at(SETTING_STANDARDS, '第二十一条'), at(HEALTH_CARE_MEASURES, '第十二条')],
      body: { kind: 'health_worker', params: { fullTimeFromChildren: 150 } },
    },
  ],
};

/** 《托育机构管理规范（试行）》: surveillance. */
export const MANAGEMENT_NORMS_2019: FilingRuleDocument = {
  family: 'filing',
  documentKey: 'childcare-management-norms',
  version: 'childcare-management-norms/2019.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: '托育机构管理规范（试行）',
  sources: [at(MANAGEMENT_NORMS)],
  effectiveFrom: '2019-10-08',
  effectiveTo: null,
  rules: [
    {
      key: 'SURVEILLANCE_COVERAGE',
      title: '监控报警系统 24 小时设防，婴幼儿生活和活动区域全覆盖',
      composition: 'adds',
      sources: [at(MANAGEMENT_NORMS, '第三十二条')],
      body: { kind: 'surveillance_coverage', params: {} },
    },
    {
      key: 'SURVEILLANCE_RETENTION',
      title: '监控录像资料保存期不少于 90 日',
      composition: 'adds',
      sources: [at(MANAGEMENT_NORMS, '第三十二条')],
      body: { kind: 'surveillance_retention', params: { minDays: 90 } },
    },
  ],
};

/** 《托育机构卫生评价基本标准》(国家卫生健康委办公厅, 2022): the observation room, no rooms underground. */
export const HEALTH_EVALUATION_2022: FilingRuleDocument = {
  family: 'filing',
  documentKey: 'childcare-health-evaluation',
  version: 'childcare-health-evaluation/2022.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: '托育机构卫生评价基本标准',
  sources: [at(HEALTH_EVALUATION_STANDARD)],
  effectiveFrom: '2022-08-09',
  effectiveTo: null,
  rules: [
    {
      key: 'OBSERVATION_ROOM',
      title: '设保健观察室，建筑面积不少于 6 m²',
      composition: 'adds',
      sources: [at(HEALTH_EVALUATION_STANDARD)],
      body: { kind: 'min_fact', params: { fact: 'observationRoomM2', min: 6, unit: 'm²' } },
    },
    {
      key: 'NO_BASEMENT',
      title: '婴幼儿生活用房不得设在地下室或半地下室',
      composition: 'adds',
      sources: [at(HEALTH_EVALUATION_STANDARD), at(QUALITY_STANDARD)],
      body: { kind: 'no_basement', params: {} },
    },
  ],
};

/** WS/T 821-2023 《托育机构质量评估标准》 (in force 2024-04-01): living rooms on floor 3 or below. */
export const QUALITY_STANDARD_2024: FilingRuleDocument = {
  family: 'filing',
  documentKey: 'childcare-quality-standard',
  version: 'childcare-quality-standard/2024.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: 'WS/T 821-2023《托育机构质量评估标准》',
  sources: [at(QUALITY_STANDARD)],
  effectiveFrom: '2024-04-01',
  effectiveTo: null,
  rules: [
    {
      key: 'FLOOR_LIVING_ROOMS',
      title: '婴幼儿生活用房布置在 3 层及以下',
      composition: 'adds',
      sources: [at(QUALITY_STANDARD)],
      body: { kind: 'max_floor', params: { maxFloor: 3 } },
    },
  ],
};

/** 《家庭托育点管理办法（试行）》 (2023): a family childcare point takes at most 5 children, one carer per 3. */
export const FAMILY_POINT_MEASURES_2023: FilingRuleDocument = {
  family: 'filing',
  documentKey: 'family-childcare-points',
  version: 'family-childcare-points/2023.1',
  jurisdiction: NATIONAL_JURISDICTION,
  title: '家庭托育点管理办法（试行）',
  sources: [at(FAMILY_POINT_MEASURES)],
  effectiveFrom: '2023-11-14',
  effectiveTo: null,
  rules: [
    {
      key: 'FAMILY_POINT_CAPACITY',
      title: '家庭托育点收托婴幼儿不超过 5 人（超过的按托育机构登记备案）',
      composition: 'adds',
      sources: [at(FAMILY_POINT_MEASURES)],
      body: { kind: 'family_point_capacity', params: { maxChildren: 5 } },
    },
    {
      key: 'FAMILY_POINT_RATIO',
      title: '家庭托育点每 1 名照护人员最多看护 3 名婴幼儿',
      composition: 'adds',
      sources: [at(FAMILY_POINT_MEASURES)],
      body: { kind: 'family_point_ratio', params: { childrenPerCarer: 3 } },
    },
  ],
};

/**
 * 西湖区 (330106): 西政办函〔2021〕15号, in force 2021-09-20 — 配建 norms and floors for residential
 * areas (二（三）1), the institution's duties (二（四）4: surveillance as the national norms, the
 * one-key alarm linked to the police), and 医育结合 (三（三）: child-health staff guiding institutions;
 * every Hangzhou institution has a signed child-health doctor).
 */
export const XIHU_NOTICE_2021: FilingRuleDocument = {
  family: 'filing',
  documentKey: 'xihu-childcare-notice',
  version: 'xihu-childcare-notice/2021.1',
  jurisdiction: '330106',
  title: '杭州市西湖区人民政府办公室关于促进3岁以下婴幼儿照护服务发展的通知',
  sources: [at(XIHU_NOTICE)],
  effectiveFrom: '2021-09-20',
  effectiveTo: null,
  rules: [
    {
      key: 'RESIDENTIAL_FACILITY',
      title: '居住区配建标准：新建每百户不少于 15 m²（建筑≥200 m²、室外≥40 m²），已建每百户不少于 10 m²（建筑≥150 m²、室外≥30 m²）',
      composition: 'adds',
      sources: [at(XIHU_NOTICE, '二、（三）1')],
      body: {
        kind: 'residential_facility',
        params: {
          new: { perHundredHouseholdsM2: 15, minBuildingM2: 200, minOutdoorM2: 40 },
          existing: { perHundredHouseholdsM2: 10, minBuildingM2: 150, minOutdoorM2: 30 },
        },
      },
    },
    {
      key: 'RESIDENTIAL_FACILITY_FLOOR',
      title: '新建居住区配建的照护服务设施一般不得安排在 3 楼及以上',
      composition: 'adds',
      sources: [at(XIHU_NOTICE, '二、（三）1')],
      body: { kind: 'residential_facility_floor', params: { maxFloor: 2 } },
    },
    {
      key: 'SURVEILLANCE_COVERAGE',
      title: '监控系统对婴幼儿活动区域全覆盖并 24 小时运行（区级重申）',
      composition: 'inherits',
      sources: [at(XIHU_NOTICE, '二、（四）4')],
    },
    {
      key: 'SURVEILLANCE_RETENTION',
      title: '监控录像资料保存期不少于 90 天（区级重申）',
      composition: 'inherits',
      sources: [at(XIHU_NOTICE, '二、（四）4')],
    },
    {
      key: 'ONE_KEY_ALARM',
      title: '设置一键式紧急报警装置，并联网属地接处警中心或报警监控中心',
      composition: 'adds',
      sources: [at(XIHU_NOTICE, '二、（四）4')],
      body: { kind: 'must_be_true', params: { fact: 'oneKeyAlarmLinked' } },
    },
    {
      key: 'HEALTH_CENTRE',
      title: '医育结合：与社区卫生服务中心签约儿童保健医生',
      composition: 'adds',
      sources: [
        at(XIHU_NOTICE, '三、（三）'),
        { title: '“幼有所育”迈向“幼有善育” 打通托育服务“最后一公里”', article: '报道：杭州全市婴幼儿照护服务机构实现儿保医生签约全覆盖' },
      ],
      body: { kind: 'health_centre_signed', params: {} },
    },
  ],
};

/**
 * The same standards with one carer ratio for mixed classes, as the staff rules apply it: 第十九条
 * allows 混合编班 from 18 months, 第二十条 sets no ratio for it, and the platform takes the 托小班's
 * 1:5 (its youngest children's) for both the filing check and the staff ratio check, so a class
 * that passes filing is not flagged the day after. In force from 2026-12-01.
 */
export const SETTING_STANDARDS_2026: FilingRuleDocument = {
  ...SETTING_STANDARDS_2019,
  version: 'childcare-setting-standards/2026.1',
  effectiveFrom: '2026-12-01',
  rules: SETTING_STANDARDS_2019.rules.map((rule) =>
    rule.key === 'CLASS_MIXED'
      ? {
          ...rule,
          title:
            '18 个月以上可混合编班，每班不超过 18 人，保育人员与婴幼儿比例不低于 1:5（平台取值：第二十条未定混合编班配比，取托小班的 1:5，与从业人员配比核查一致）',
          sources: [at(SETTING_STANDARDS, '第十九条'), at(SETTING_STANDARDS, '第二十条')],
          body: { kind: 'class_limits', params: { classType: 'mixed', maxSize: 18, childrenPerCarer: 5 } },
        }
      : rule,
  ),
};

/** Every built-in filing document, stored at start (rule-document.store.ts) beside those published since. */
export const BUILT_IN_FILING_DOCUMENTS: readonly FilingRuleDocument[] = [
  FILING_MEASURES_2019,
  SETTING_STANDARDS_2019,
  SETTING_STANDARDS_2026,
  MANAGEMENT_NORMS_2019,
  HEALTH_EVALUATION_2022,
  FAMILY_POINT_MEASURES_2023,
  QUALITY_STANDARD_2024,
  XIHU_NOTICE_2021,
];
