import type { SubmitFilingBody } from '@shanyu/contracts';
import { compliantFilingSubmission } from '@shanyu/testing';
import { describe, expect, it } from 'vitest';
import { FILING_STANDARDS_2019 } from './filing-standards.data.js';
import { type CheckInput, StandardsChecker } from './standards-checker.js';
import { loadRuleset, RulesetError } from './standards-ruleset.js';

const checker = new StandardsChecker(loadRuleset(FILING_STANDARDS_2019));
const institution = { floor: 1, buildingAreaM2: 420, outdoorAreaM2: 80, totalPlaces: 45 };

const compliantSubmission: SubmitFilingBody = compliantFilingSubmission();

function outcome(ruleId: string, submission: SubmitFilingBody, inst = institution) {
  const input: CheckInput = { submission, institution: inst };
  const result = checker.check(input).results.find((r) => r.ruleId === ruleId);
  if (!result) throw new Error(`no rule ${ruleId}`);
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
  it('passes every rule for a compliant filing, each with its source', () => {
    const check = checker.check({ submission: compliantSubmission, institution });
    expect(check.summary).toEqual({ pass: FILING_STANDARDS_2019.rules.length, fail: 0, needs_review: 0 });
    expect(check.rulesetVersion).toBe('filing-standards/2019.2');
    for (const r of check.results) expect(r.source.length).toBeGreaterThan(4);
  });

  it('fails missing required documents and the missing 医育结合 signing; marks other missing facts for review', () => {
    const check = checker.check({ submission: {}, institution });
    const byOutcome = (o: string) =>
      check.results
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
      expect.arrayContaining(['CLASS_INFANT', 'DIRECTOR', 'SURVEILLANCE_RETENTION', 'DOC_FOOD', 'RESIDENTIAL_FACILITY']),
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
    // A required document not handed in fails (国卫办人口发〔2019〕25号 第六条 lists it as required).
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
    // Hangzhou: every institution has a signed child-health doctor (儿保医生签约全覆盖, 医育结合).
    ['HEALTH_CENTRE', { ...compliantSubmission, healthCentre: undefined }, /未签约社区卫生服务中心/],
  ];

  it.each(failing)('%s fails: %#', (ruleId, submission, message, registered) => {
    const r = outcome(ruleId, submission, { ...institution, ...registered });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(message);
  });

  it('has a failing case above for every rule of the ruleset (the compliant filing is the passing case)', () => {
    const covered = new Set(failing.map(([id]) => id));
    expect(FILING_STANDARDS_2019.rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('applies the existing-area limits (10 m² per 100 households) where the new-area ones would fail', () => {
    const existing = withFacility({ residentialArea: 'existing', householdsServed: 2000 });
    const registered = { ...institution, buildingAreaM2: 220, outdoorAreaM2: 30 };
    expect(outcome('RESIDENTIAL_FACILITY', existing, registered).outcome).toBe('pass');
    expect(outcome('RESIDENTIAL_FACILITY', { ...existing, facility: { ...existing.facility, residentialArea: 'new' } }, registered).outcome).toBe('fail');
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

describe('the ruleset is data with a schema', () => {
  it('fails loudly on an unknown kind, a missing source, a misplaced or unknown param', () => {
    const broken = {
      ...FILING_STANDARDS_2019,
      rules: [
        { id: 'A', title: 't', kind: 'teleport', params: {}, source: 's' },
        { id: 'B', title: 't', kind: 'max_floor', params: { maxFloor: 3 }, source: '' },
        { id: 'C', title: 't', kind: 'class_limits', params: { classType: 'infant', maxsize: 10, childrenPerCarer: 3 }, source: 's' },
      ],
    };
    expect(() => loadRuleset(broken)).toThrow(RulesetError);
    try {
      loadRuleset(broken);
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/unknown kind teleport/);
      expect(message).toMatch(/\(B\): source missing/);
      expect(message).toMatch(/\(C\): param maxSize missing/);
      expect(message).toMatch(/\(C\): unknown param maxsize/);
    }
  });
});
