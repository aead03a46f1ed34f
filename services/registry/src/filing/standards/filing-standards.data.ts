/**
 * 托育机构备案自动核验规则 — data, not code: each rule names its evaluator (`kind`), its limits
 * (`params`) and the document it comes from (`source`). A new edition of the standards is a new
 * ruleset version; a filing stores the version it was checked against.
 * 2019.2: a missing required document, or no signed community health centre, fails (2019.1
 * left both to the reviewer as needs_review).
 */
export const FILING_STANDARDS_2019 = {
  version: 'filing-standards/2019.2',
  effectiveFrom: '2019-10-08',
  title: '托育机构设置标准与备案要求（国卫人口发〔2019〕58号、国卫办人口发〔2019〕25号、西政办函〔2021〕15号）',
  rules: [
    {
      id: 'DOC_LICENCE',
      title: '营业执照或法人登记证书',
      kind: 'document_present',
      params: { document: 'businessLicence' },
      source: '《托育机构登记和备案办法（试行）》国卫办人口发〔2019〕25号',
    },
    {
      id: 'DOC_PREMISES',
      title: '场地证明（自有或租期不少于 3 年）',
      kind: 'premises',
      params: { minLeaseYears: 3 },
      source: '《托育机构登记和备案办法（试行）》国卫办人口发〔2019〕25号',
    },
    {
      id: 'DOC_STAFF_QUALIFICATIONS',
      title: '工作人员资格证明',
      kind: 'document_present',
      params: { document: 'staffQualifications' },
      source: '《托育机构登记和备案办法（试行）》国卫办人口发〔2019〕25号',
    },
    {
      id: 'DOC_STAFF_HEALTH',
      title: '工作人员健康合格证明',
      kind: 'document_present',
      params: { document: 'staffHealthCertificates' },
      source: '国卫办人口发〔2019〕25号；《托儿所幼儿园卫生保健管理办法》（卫生部、教育部令第76号）',
    },
    {
      id: 'DOC_HEALTH_EVALUATION',
      title: '卫生评价报告结论为合格',
      kind: 'health_evaluation_pass',
      params: {},
      source: '国卫办人口发〔2019〕25号；《托育机构卫生评价基本标准》（2022）',
    },
    {
      id: 'DOC_FIRE',
      title: '消防验收或备案证明',
      kind: 'document_present',
      params: { document: 'fireAcceptance' },
      source: '国卫办人口发〔2019〕25号；《中华人民共和国消防法》',
    },
    {
      id: 'DOC_FOOD',
      title: '提供餐食的应有食品经营许可证',
      kind: 'food_licence_when_meals',
      params: {},
      source: '国卫办人口发〔2019〕25号；《中华人民共和国食品安全法》（食品经营许可）',
    },
    {
      id: 'CLASS_INFANT',
      title: '乳儿班（6–12 个月）每班不超过 10 人，保育人员与婴幼儿比例不低于 1:3',
      kind: 'class_limits',
      params: { classType: 'infant', maxSize: 10, childrenPerCarer: 3 },
      source: '《托育机构设置标准（试行）》国卫人口发〔2019〕58号',
    },
    {
      id: 'CLASS_TODDLER',
      title: '托小班（12–24 个月）每班不超过 15 人，比例不低于 1:5',
      kind: 'class_limits',
      params: { classType: 'toddler', maxSize: 15, childrenPerCarer: 5 },
      source: '国卫人口发〔2019〕58号',
    },
    {
      id: 'CLASS_OLDER',
      title: '托大班（24–36 个月）每班不超过 20 人，比例不低于 1:7',
      kind: 'class_limits',
      params: { classType: 'older', maxSize: 20, childrenPerCarer: 7 },
      source: '国卫人口发〔2019〕58号',
    },
    {
      id: 'CLASS_MIXED',
      title: '18 个月以上可混合编班，每班不超过 18 人',
      kind: 'class_limits',
      params: { classType: 'mixed', maxSize: 18, childrenPerCarer: null },
      source: '国卫人口发〔2019〕58号',
    },
    {
      id: 'DIRECTOR',
      title: '负责人大专以上学历、3 年以上相关管理经历、岗位培训合格',
      kind: 'director',
      params: { minEducation: 'junior_college', minManagementYears: 3, trainingRequired: true },
      source: '国卫人口发〔2019〕58号',
    },
    {
      id: 'HEALTH_WORKER',
      title: '配备保健人员；收托 150 名以上的应至少 1 名专职',
      kind: 'health_worker',
      params: { fullTimeFromChildren: 150 },
      source: '《托儿所幼儿园卫生保健管理办法》（卫生部、教育部令第76号）；国卫人口发〔2019〕58号',
    },
    { id: 'FLOOR_LIVING_ROOMS', title: '婴幼儿生活用房设在地上三层及以下', kind: 'max_floor', params: { maxFloor: 3 }, source: '国卫人口发〔2019〕58号' },
    { id: 'NO_BASEMENT', title: '婴幼儿用房不得设在地下室或半地下室', kind: 'no_basement', params: {}, source: '国卫人口发〔2019〕58号' },
    {
      id: 'OBSERVATION_ROOM',
      title: '设观察室，面积不小于 6 m²',
      kind: 'min_fact',
      params: { fact: 'observationRoomM2', min: 6, unit: 'm²' },
      source: '《托育机构卫生评价基本标准》（2022）',
    },
    {
      id: 'SURVEILLANCE_COVERAGE',
      title: '视频监控覆盖婴幼儿活动区域并 24 小时运行',
      kind: 'surveillance_coverage',
      params: {},
      source: '西政办函〔2021〕15号 §二(四)4',
    },
    {
      id: 'SURVEILLANCE_RETENTION',
      title: '监控录像保存不少于 90 天',
      kind: 'surveillance_retention',
      params: { minDays: 90 },
      source: '西政办函〔2021〕15号 §二(四)4',
    },
    {
      id: 'ONE_KEY_ALARM',
      title: '一键式紧急报警装置与公安联网',
      kind: 'must_be_true',
      params: { fact: 'oneKeyAlarmLinked' },
      source: '西政办函〔2021〕15号 §二(四)4',
    },
    {
      id: 'RESIDENTIAL_FACILITY',
      title: '居住区配建标准：新建每百户不少于 15 m²（建筑≥200 m²、室外≥40 m²），已建每百户不少于 10 m²（建筑≥150 m²、室外≥30 m²）',
      kind: 'residential_facility',
      params: {
        new: { perHundredHouseholdsM2: 15, minBuildingM2: 200, minOutdoorM2: 40 },
        existing: { perHundredHouseholdsM2: 10, minBuildingM2: 150, minOutdoorM2: 30 },
      },
      source: '西政办函〔2021〕15号 §二(三)1',
    },
    {
      id: 'HEALTH_CENTRE',
      title: '医育结合：与社区卫生服务中心签约儿童保健医生',
      kind: 'health_centre_signed',
      params: {},
      source: '杭州“医育结合”模式：全市托育机构儿保医生签约全覆盖（报道《“幼有所育”迈向“幼有善育” 打通托育服务“最后一公里”》）；西政办函〔2021〕15号 §二(四)',
    },
  ],
} as const;
