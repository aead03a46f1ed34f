import { resolveRules, diffRuleSets, DomainError, type RuleDocument } from '@shanyu/common';
import type { SubmitFilingBody } from '@shanyu/contracts';
import { compliantFilingSubmission } from '@shanyu/testing';
import { describe, expect, it } from 'vitest';
import { loadBuiltInRuleDocuments } from '../../rules/registry-rule-documents.js';
import { BUILT_IN_FILING_DOCUMENTS, SETTING_STANDARDS_2019, XIHU_NOTICE_2021 } from './builtin-filing-documents.data.js';
import { checkFilingDocument, type FilingRuleBody, type FilingRuleDocument } from './filing-rule-body.js';
import { type CheckInput, checkFiling } from './standards-checker.js';

const documents = loadBuiltInRuleDocuments(BUILT_IN_FILING_DOCUMENTS) as FilingRuleDocument[];
const XIHU = '330106109'; // 三墩镇, 西湖区
const HUANCUI = '371002001'; // 环翠区, 威海
const DATE = '2026-10-09';
const institution = { floor: 1, buildingAreaM2: 420, outdoorAreaM2: 80, totalPlaces: 45, operatorType: 'private' as const };

const compliantSubmission: SubmitFilingBody = compliantFilingSubmission();
const check = (submission: SubmitFilingBody, inst = institution, divisionCode = XIHU, date = DATE) =>
  checkFiling({ submission, institution: inst }, { documents, divisionCode, date });

function outcome(ruleId: string, submission: SubmitFilingBody, inst = institution, divisionCode = XIHU) {
  const input: CheckInput = { submission, institution: inst };
  const result = checkFiling(input, { documents, divisionCode, date: DATE }).results.find((r) => r.ruleId === ruleId);
  if (!result) throw new Error(`no rule ${ruleId} in force at ${divisionCode}`);
  return result;
}

const withFacility = (facility: Partial<NonNullable<SubmitFilingBody['facility']>>) => ({
  ...compliantSubmission,
  facility: { ...compliantSubmission.facility, ...facility },
});
const withDocuments = (documents: Partial<NonNullable<SubmitFilingBody['documents']>>) => ({
  ...compliantSubmission,
  documents: { ...compliantSubmission.documents, ...documents },
});

describe('filing standards check, rule by rule', () => {
  it('passes every rule in force in 西湖区 for a compliant filing, each with its readable sources and the document it came from', () => {
    const result = check(compliantSubmission);
    expect(result.summary).toEqual({ pass: result.results.length, fail: 0, needs_review: 0 });
    expect(result.rulesetVersion).toContain('xihu-childcare-notice/2021.1');
    expect(result).toMatchObject({ divisionCode: XIHU, rulesDate: DATE });
    for (const r of result.results) {
      expect(r.source.length).toBeGreaterThan(4);
      expect(r.sources!.length).toBeGreaterThan(0);
      expect(r.from).toMatchObject({ level: expect.any(String), jurisdictionName: expect.any(String) });
    }
    expect(outcome('DOC_PREMISES', compliantSubmission).source).toBe(
      '《托育机构登记和备案办法（试行）》 国卫办人口发〔2019〕25号 第八条；《托育机构设置标准（试行）》 国卫人口发〔2019〕58号 第十一条',
    );
    expect(outcome('HEALTH_CENTRE', compliantSubmission).from).toMatchObject({
      documentKey: 'xihu-childcare-notice',
      jurisdiction: '330106',
      level: 'county',
      jurisdictionName: '浙江省杭州市西湖区',
    });
  });

  it('fails missing required documents and the missing 医育结合 signing; marks other missing facts for review', () => {
    const result = check({});
    const byOutcome = (o: string) =>
      result.results
        .filter((r) => r.outcome === o)
        .map((r) => r.ruleId)
        .sort();
    expect(byOutcome('fail')).toEqual([
      'DOC_FIRE',
      'DOC_HEALTH_EVALUATION',
      'DOC_LICENCE',
      'DOC_PREMISES',
      'DOC_STAFF_HEALTH',
      'DOC_STAFF_QUALIFICATIONS',
      'HEALTH_CENTRE',
    ]);
    expect(byOutcome('needs_review')).toEqual(
      expect.arrayContaining(['CLASS_INFANT', 'DIRECTOR', 'SURVEILLANCE_RETENTION', 'DOC_FOOD', 'RESIDENTIAL_FACILITY', 'RESIDENTIAL_FACILITY_FLOOR']),
    );
  });

  it('asks the reviewer when a lease is handed in without its term (present, but needs judgement)', () => {
    expect(outcome('DOC_PREMISES', withDocuments({ premisesProof: { ref: '租赁合同', owned: false } }))).toMatchObject({
      outcome: 'needs_review',
      measured: null,
    });
  });

  it('records the signed child-health doctor when given', () => {
    const r = outcome('HEALTH_CENTRE', {
      ...compliantSubmission,
      healthCentre: { name: '三墩镇社区卫生服务中心', doctorName: '王医生', signedOn: '2026-03-01' },
    });
    expect(r).toMatchObject({ outcome: 'pass', measured: { name: '三墩镇社区卫生服务中心', doctorName: '王医生', signedOn: '2026-03-01' } });
    expect(r.message).toContain('王医生');
  });

  const failing: [string, SubmitFilingBody, RegExp, Partial<typeof institution>?][] = [
    // A required document not handed in fails (国卫办人口发〔2019〕25号 第八条 lists it as required).
    ['DOC_LICENCE', withDocuments({ businessLicence: undefined }), /未提供营业执照或法人登记证书/],
    ['DOC_PREMISES', withDocuments({ premisesProof: undefined }), /未提供场地证明/],
    ['DOC_PREMISES', withDocuments({ premisesProof: { ref: 'x', owned: false, leaseYears: 2 } }), /少于 3 年/],
    ['DOC_STAFF_QUALIFICATIONS', withDocuments({ staffQualifications: undefined }), /未提供工作人员资格证明/],
    ['DOC_STAFF_HEALTH', withDocuments({ staffHealthCertificates: undefined }), /未提供工作人员健康合格证明/],
    ['DOC_HEALTH_EVALUATION', withDocuments({ healthEvaluation: undefined }), /未提供卫生评价报告/],
    ['DOC_HEALTH_EVALUATION', withDocuments({ healthEvaluation: { ref: 'x', result: '不合格' } }), /不合格/],
    ['DOC_FIRE', withDocuments({ fireAcceptance: undefined }), /未提供消防验收或备案证明/],
    ['DOC_FOOD', withDocuments({ foodLicence: undefined }), /未提供食品经营许可证/],
    ['CLASS_INFANT', { ...compliantSubmission, classes: [{ type: 'infant', size: 11, carers: 4 }] }, /超过 10 人/],
    ['CLASS_INFANT', { ...compliantSubmission, classes: [{ type: 'infant', size: 10, carers: 3 }] }, /至少需要 4 名/],
    ['CLASS_TODDLER', { ...compliantSubmission, classes: [{ type: 'toddler', size: 15, carers: 2 }] }, /至少需要 3 名/],
    ['CLASS_OLDER', { ...compliantSubmission, classes: [{ type: 'older', size: 21, carers: 3 }] }, /超过 20 人/],
    ['CLASS_MIXED', { ...compliantSubmission, classes: [{ type: 'mixed', size: 19, carers: 4 }] }, /超过 18 人/],
    [
      'DIRECTOR',
      { ...compliantSubmission, director: { education: 'high_school', managementYears: 2, postTrainingCompleted: false } },
      /学历为高中、管理经历 2 年、未完成岗位培训/,
    ],
    ['HEALTH_WORKER', { ...compliantSubmission, healthWorker: { fullTime: 0, partTime: 0 } }, /未配备/],
    [
      'HEALTH_WORKER',
      {
        ...compliantSubmission,
        healthWorker: { fullTime: 0, partTime: 2 },
        classes: Array.from({ length: 8 }, () => ({ type: 'older' as const, size: 20, carers: 3 })),
      },
      /160 名，需至少 1 名专职/,
    ],
    ['FLOOR_LIVING_ROOMS', withFacility({ livingRoomFloors: [1, 4] }), /4 层/],
    ['NO_BASEMENT', withFacility({ livingRoomFloors: [-1, 1] }), /地下/],
    ['NO_BASEMENT', withFacility({ basementUse: true }), /地下/],
    ['OBSERVATION_ROOM', withFacility({ observationRoomM2: 5.5 }), /不足 6/],
    ['SURVEILLANCE_COVERAGE', { ...compliantSubmission, surveillance: { coversAllInfantAreas: false, runs24h: true, retentionDays: 90 } }, /未覆盖/],
    ['SURVEILLANCE_COVERAGE', { ...compliantSubmission, surveillance: { coversAllInfantAreas: true, runs24h: false, retentionDays: 90 } }, /24 小时/],
    ['SURVEILLANCE_RETENTION', { ...compliantSubmission, surveillance: { coversAllInfantAreas: true, runs24h: true, retentionDays: 89 } }, /少于 90 天/],
    ['ONE_KEY_ALARM', { ...compliantSubmission, oneKeyAlarmLinked: false }, /未与公安联网/],
    ['RESIDENTIAL_FACILITY', withFacility({ householdsServed: 3000 }), /不足 450 m²/, { buildingAreaM2: 420 }],
    ['RESIDENTIAL_FACILITY', withFacility({ residentialArea: 'existing', householdsServed: 1000 }), /不足 150 m²/, { buildingAreaM2: 140, outdoorAreaM2: 30 }],
    ['RESIDENTIAL_FACILITY', withFacility({ residentialArea: 'new', householdsServed: 1000 }), /室外场地 39 m² 不足 40 m²/, { outdoorAreaM2: 39 }],
    ['RESIDENTIAL_FACILITY_FLOOR', withFacility({ livingRoomFloors: [1, 3] }), /设在 3 层/],
    // 医育结合: every Hangzhou institution has a signed child-health doctor (儿保医生签约全覆盖).
    ['HEALTH_CENTRE', { ...compliantSubmission, healthCentre: undefined }, /未签约社区卫生服务中心/],
  ];

  it.each(failing)('%s fails: %#', (ruleId, submission, message, registered) => {
    const r = outcome(ruleId, submission, { ...institution, ...registered });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(message);
  });

  it('has a failing case above for every rule in force in 西湖区 (the compliant filing is the passing case)', () => {
    const covered = new Set([...failing.map(([id]) => id), 'FAMILY_POINT_CAPACITY', 'FAMILY_POINT_RATIO']);
    expect(
      check(compliantSubmission)
        .results.map((r) => r.ruleId)
        .filter((id) => !covered.has(id)),
    ).toEqual([]);
  });

  it('judges a family childcare point (家庭托育点) by its own limits: at most 5 children, one carer per 3', () => {
    const family = { ...institution, operatorType: 'family' as const, totalPlaces: 5 };
    const classes = (size: number, carers: number) => ({ ...compliantSubmission, classes: [{ type: 'mixed' as const, size, carers }] });
    expect(outcome('FAMILY_POINT_CAPACITY', classes(5, 2), family).outcome).toBe('pass');
    expect(outcome('FAMILY_POINT_CAPACITY', classes(6, 2), family)).toMatchObject({ outcome: 'fail', message: expect.stringMatching(/应按托育机构登记备案/) });
    expect(outcome('FAMILY_POINT_RATIO', classes(5, 1), family)).toMatchObject({ outcome: 'fail', message: expect.stringMatching(/至少需要 2 名/) });
    expect(outcome('FAMILY_POINT_RATIO', classes(20, 1)).message).toMatch(/不适用/);
  });

  it('applies the existing-area limits (10 m² per 100 households) where the new-area ones would fail', () => {
    const existing = withFacility({ residentialArea: 'existing', householdsServed: 2000 });
    const registered = { ...institution, buildingAreaM2: 220, outdoorAreaM2: 30 };
    expect(outcome('RESIDENTIAL_FACILITY', existing, registered).outcome).toBe('pass');
    expect(outcome('RESIDENTIAL_FACILITY', { ...existing, facility: { ...existing.facility, residentialArea: 'new' } }, registered).outcome).toBe('fail');
  });

  it('from 2026-12-01 checks a mixed class at 1:5, as the staff ratio check does: 18 children need 4 carers', () => {
    const mixed = (carers: number) => ({ ...compliantSubmission, classes: [{ type: 'mixed' as const, size: 18, carers }] });
    const on = (date: string, carers: number) =>
      checkFiling({ submission: mixed(carers), institution }, { documents, divisionCode: XIHU, date }).results.find((r) => r.ruleId === 'CLASS_MIXED')!;
    // Before, the 2019.1 document set no ratio for mixed classes.
    expect(on('2026-11-30', 1)).toMatchObject({ outcome: 'pass' });
    expect(on('2026-12-01', 1)).toMatchObject({ outcome: 'fail', message: expect.stringMatching(/至少需要 4 名/) });
    expect(on('2026-12-01', 4)).toMatchObject({ outcome: 'pass' });
    expect(on('2026-12-01', 4).from).toMatchObject({ version: 'childcare-setting-standards/2026.1' });
  });

  it('counts the ratio exactly at the limit as compliant (1:3 with 9 infants and 3 carers)', () => {
    expect(outcome('CLASS_INFANT', { ...compliantSubmission, classes: [{ type: 'infant', size: 9, carers: 3 }] }).outcome).toBe('pass');
  });

  it('uses the registered floor when the filing gives no room floors', () => {
    const noFloors = withFacility({ livingRoomFloors: undefined });
    expect(outcome('FLOOR_LIVING_ROOMS', noFloors, { ...institution, floor: 5 }).outcome).toBe('fail');
    expect(outcome('FLOOR_LIVING_ROOMS', noFloors, { ...institution, floor: 2 }).outcome).toBe('pass');
  });
});

describe('filing standards by jurisdiction (分级规则)', () => {
  const keysAt = (divisionCode: string, date = DATE) =>
    resolveRules('filing', documents, divisionCode, date)
      .rules.map((r) => r.key)
      .sort();
  const XIHU_ONLY = ['HEALTH_CENTRE', 'ONE_KEY_ALARM', 'RESIDENTIAL_FACILITY', 'RESIDENTIAL_FACILITY_FLOOR'];

  it("judges a 环翠区 institution by the national rules only: 西湖区's 医育结合, 配建 and alarm rules are not in force there", () => {
    const huancui = keysAt(HUANCUI);
    for (const key of XIHU_ONLY) expect(huancui).not.toContain(key);
    expect(huancui).toEqual(expect.arrayContaining(['DOC_PREMISES', 'CLASS_INFANT', 'SURVEILLANCE_RETENTION', 'FLOOR_LIVING_ROOMS']));
    const set = resolveRules('filing', documents, HUANCUI, DATE);
    expect(new Set(set.rules.map((r) => r.from.level))).toEqual(new Set(['national']));
    expect(set.chain.map((c) => c.jurisdiction)).toEqual(['000000', '370000', '371000', '371002', '371002001']);
  });

  it('judges a 西湖区 institution by the national rules and 西湖区 notice, which confirms the national surveillance rules', () => {
    const xihu = resolveRules('filing', documents, XIHU, DATE);
    expect(keysAt(XIHU)).toEqual([...keysAt(HUANCUI), ...XIHU_ONLY].sort());
    const coverage = xihu.rules.find((r) => r.key === 'SURVEILLANCE_COVERAGE')!;
    expect(coverage.from.level).toBe('national');
    expect(coverage.inheritedBy.map((d) => d.documentKey)).toEqual(['xihu-childcare-notice']);
    // Another district of Hangzhou (拱墅区) is not 西湖区.
    expect(keysAt('330105')).toEqual(keysAt(HUANCUI));
  });

  it('the same filing fails in 西湖区 and passes in 环翠区 when it lacks only 西湖区 requirements', () => {
    const submission = { ...compliantSubmission, healthCentre: undefined, oneKeyAlarmLinked: false };
    expect(check(submission, institution, XIHU).summary.fail).toBe(2);
    expect(check(submission, institution, HUANCUI).summary).toMatchObject({ fail: 0, needs_review: 0 });
  });

  it('applies the documents in force on the filing date', () => {
    expect(keysAt(XIHU, '2021-09-19')).not.toContain('HEALTH_CENTRE'); // the notice is in force from 2021-09-20
    expect(keysAt(XIHU, '2021-09-20')).toContain('HEALTH_CENTRE');
    expect(keysAt(HUANCUI, '2024-03-31')).not.toContain('FLOOR_LIVING_ROOMS'); // WS/T 821-2023 from 2024-04-01
    expect(keysAt(HUANCUI, '2022-08-08')).not.toContain('OBSERVATION_ROOM');
  });

  it('tells 西湖区 and 环翠区 apart key by key', () => {
    const diff = diffRuleSets(resolveRules('filing', documents, XIHU, DATE), resolveRules('filing', documents, HUANCUI, DATE));
    expect(diff.removed.map((r) => r.key).sort()).toEqual(XIHU_ONLY);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
  });

  it('lets a lower level replace or disable a national rule for itself only', () => {
    const street: RuleDocument<FilingRuleBody> = {
      family: 'filing',
      documentKey: 'sandun-test-rules',
      version: 'sandun-test-rules/2026.1',
      jurisdiction: XIHU,
      title: '测试：镇级备案要求',
      sources: [{ title: '测试用镇级文件', documentNo: '测〔2026〕1号' }],
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      rules: [
        {
          key: 'OBSERVATION_ROOM',
          title: '观察室不少于 8 m²',
          composition: 'replaces',
          sources: [{ title: '测试用镇级文件', article: '第二条' }],
          body: { kind: 'min_fact', params: { fact: 'observationRoomM2', min: 8, unit: 'm²' } },
        },
        {
          key: 'FLOOR_LIVING_ROOMS',
          title: '不适用',
          composition: 'disables',
          reason: '测试：由配建楼层规则代替',
          sources: [{ title: '测试用镇级文件', article: '第三条' }],
        },
      ],
    };
    checkFilingDocument(street);
    const withStreet = [...documents, street];
    const here = checkFiling(
      { submission: { ...compliantSubmission, facility: { ...compliantSubmission.facility, observationRoomM2: 7 } }, institution },
      { documents: withStreet, divisionCode: XIHU, date: DATE },
    );
    expect(here.results.find((r) => r.ruleId === 'OBSERVATION_ROOM')).toMatchObject({ outcome: 'fail', limit: '≥ 8 m²', from: { level: 'street' } });
    expect(here.results.some((r) => r.ruleId === 'FLOOR_LIVING_ROOMS')).toBe(false);
    expect(here.disabled).toEqual([expect.objectContaining({ key: 'FLOOR_LIVING_ROOMS', reason: '测试：由配建楼层规则代替' })]);
    const neighbour = checkFiling({ submission: compliantSubmission, institution }, { documents: withStreet, divisionCode: '330106001', date: DATE });
    expect(neighbour.results.find((r) => r.ruleId === 'OBSERVATION_ROOM')).toMatchObject({ limit: '≥ 6 m²', from: { level: 'national' } });
  });
});

describe('filing rule documents are data with a schema', () => {
  it('every built-in document passes the one check, and each rule cites a source', () => {
    expect(documents.map((d) => d.version)).toEqual(BUILT_IN_FILING_DOCUMENTS.map((d) => d.version));
    for (const doc of documents) for (const rule of doc.rules) expect(rule.sources.length, rule.key).toBeGreaterThan(0);
    expect(XIHU_NOTICE_2021.jurisdiction).toBe('330106');
    expect(documents.filter((d) => d.jurisdiction !== '000000').map((d) => d.jurisdiction)).toEqual(['330106']);
  });

  it('refuses an unknown kind, a missing source, a misplaced or unknown param, naming each', () => {
    const broken = {
      ...SETTING_STANDARDS_2019,
      rules: [
        { key: 'A', title: '测试规则', composition: 'adds', sources: [{ title: '测试用文件' }], body: { kind: 'teleport', params: {} } },
        { key: 'B', title: '测试规则', composition: 'adds', sources: [], body: { kind: 'max_floor', params: { maxFloor: 3 } } },
        {
          key: 'C',
          title: '测试规则',
          composition: 'adds',
          sources: [{ title: '测试用文件' }],
          body: { kind: 'class_limits', params: { classType: 'infant', maxsize: 10, childrenPerCarer: 3 } },
        },
      ],
    } as unknown as FilingRuleDocument;
    let error: DomainError | undefined;
    try {
      checkFilingDocument(broken);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('RULE_DOCUMENT_INVALID');
    expect(error?.details?.map((d) => d.field)).toEqual(['rules.0.body.kind', 'rules.1.sources', 'rules.2.body.params.maxSize', 'rules.2.body.params.maxsize']);
  });
});
