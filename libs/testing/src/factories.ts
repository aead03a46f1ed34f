import { randomInt, randomUUID } from 'node:crypto';
import { type Actor, makeUscc } from '@shanyu/common';
import type { InspectionCompletedData, InstitutionView, StaffBanMatchedData } from '@shanyu/contracts';

/** A fresh schema name, so each test file works on its own tables. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码 for a for-profit company (9 1) or a non-profit unit (5 2) in 西湖区. */
export function randomUscc(nature: 'for_profit' | 'non_profit' = 'for_profit'): string {
  const head = nature === 'for_profit' ? '91' : '52';
  let org = '';
  for (let i = 0; i < 9; i++) org += USCC_BODY[randomInt(USCC_BODY.length)];
  return makeUscc(`${head}330106${org}`);
}

export function testActor(overrides: Partial<Actor> = {}): Actor {
  return { department: 'market', role: 'official', userId: `user-${randomUUID()}`, divisions: ['330106'], ...overrides };
}

/** A registration that passes every validation rule; override what a test is about. */
export function institutionRequest(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试托育园${randomInt(100_000)}`,
    uscc: randomUscc((overrides.nature as 'for_profit' | 'non_profit') ?? 'for_profit'),
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day', 'half_day'],
    divisionCode: '330106109',
    address: '杭州市西湖区三墩镇振华路 1 号',
    floor: 1,
    buildingAreaM2: 420.5,
    outdoorAreaM2: 80,
    places: { infant: 10, toddler: 15, older: 20, mixed: 0 },
    ...overrides,
  };
}

/**
 * A whole InstitutionView as the registry publishes it on registration (version 1, at `at`): for
 * tests that publish registry events themselves. Every service follows this stream, so a partial
 * view would be a poison event for the others.
 */
export function registeredInstitutionView(institution: { id: string; name: string; divisionCode: string }, at = new Date().toISOString()): InstitutionView {
  return {
    ...institution,
    uscc: randomUscc(),
    nature: 'for_profit',
    registrationAuthority: 'market',
    operatorType: 'private',
    careForms: ['full_day'],
    countyCode: institution.divisionCode.slice(0, 6),
    address: '测试路 1 号',
    floor: 1,
    buildingAreaM2: 600,
    outdoorAreaM2: 200,
    places: { infant: 0, toddler: 20, older: 10, mixed: 0 },
    totalPlaces: 30,
    status: 'registered',
    registeredOn: at.slice(0, 10),
    deregisteredOn: null,
    receiptNo: null,
    inclusive: null,
    demonstrations: [],
    ownerUserId: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** A filing (备案) that meets every rule of the 2019 standards; override what a test is about. */
export function compliantFilingSubmission() {
  return {
    documents: {
      businessLicence: { ref: '营业执照 91330106MA2CDX001P' },
      premisesProof: { ref: '租赁合同 2025-018', owned: false, leaseYears: 5 },
      staffQualifications: { ref: '保育师证 12 份' },
      staffHealthCertificates: { ref: '健康证 15 份' },
      healthEvaluation: { ref: '西卫评〔2026〕31号', result: '合格' as const },
      fireAcceptance: { ref: '西消验字〔2026〕7号' },
      foodLicence: { ref: 'JY33301060012345' },
    },
    facility: { livingRoomFloors: [1, 2], basementUse: false, observationRoomM2: 8, householdsServed: 2000, residentialArea: 'new' as const },
    classes: [
      { type: 'infant' as const, size: 9, carers: 3 },
      { type: 'toddler' as const, size: 15, carers: 3 },
      { type: 'older' as const, size: 20, carers: 3 },
    ],
    director: { education: 'bachelor' as const, managementYears: 5, postTrainingCompleted: true },
    healthWorker: { fullTime: 1, partTime: 0 },
    surveillance: { coversAllInfantAreas: true, runs24h: true, retentionDays: 90 },
    oneKeyAlarmLinked: true,
    mealsServed: true,
    healthCentre: { name: '三墩镇社区卫生服务中心', doctorName: '陈医生', signedOn: '2025-09-01' },
  };
}

/**
 * A clean planned inspection of an institution (fire and market, 12 items passed, no finding): the
 * data of evt.inspection.inspection.completed, as the inspection service publishes it.
 */
export function cleanInspectionCompleted(inspectionId: string, institutionId: string, divisionCode: string, completedOn: string): InspectionCompletedData {
  return {
    inspectionId,
    kind: 'planned',
    institutionId,
    divisionCode,
    departments: ['fire', 'market'],
    completedOn,
    summary: { items: 12, pass: 12, fail: 0, notApplicable: 0 },
    basicItemFailed: false,
    findingIds: [],
    originalInspectionId: null,
  };
}

/** A lifetime ban (终身禁入) matched at an institution: the data of evt.staff.ban.matched, as the staff service publishes it. */
export function lifetimeBanMatched(institutionId: string, divisionCode: string): StaffBanMatchedData {
  return {
    institutionId,
    divisionCode,
    ownerUserId: null,
    banId: randomUUID(),
    staffId: randomUUID(),
    banKind: 'lifetime',
    authority: '杭州市公安局西湖区分局',
    documentNo: '西公禁字〔2026〕3号',
    nameMasked: '王*',
    idNumberMasked: '330106********1234',
  };
}

/**
 * A rule document to publish (POST /api/v1/filing-standards, /indicator-targets,
 * /supervision-policies): one rule replacing the rule of the same key from above, citing a
 * test document. `documentKey` defaults to a fresh one; its version is `<key>/<year>.1`.
 */
/** A credit `grading` rule body: start 80 points, A ≥ 92, B ≥ 78 (the national default's B starts at 72), C ≥ 55. */
export function creditGradingBody() {
  return {
    kind: 'grading',
    startScore: 80,
    minScore: 0,
    maxScore: 100,
    grades: [
      { grade: 'A', label: '优', minScore: 92 },
      { grade: 'B', label: '良', minScore: 78 },
      { grade: 'C', label: '中', minScore: 55 },
      { grade: 'D', label: '差', minScore: 0 },
    ],
  };
}

export function ruleDocumentRequest(options: {
  jurisdiction: string;
  title: string;
  effectiveFrom: string;
  rule: { key: string; title: string; body: Record<string, unknown> };
  documentKey?: string;
  source?: { title: string; documentNo?: string };
}) {
  const documentKey = options.documentKey ?? `test-${randomUUID().slice(0, 8)}`;
  const source = options.source ?? { title: '测试用规范性文件' };
  return {
    documentKey,
    version: `${documentKey}/${options.effectiveFrom.slice(0, 4)}.1`,
    jurisdiction: options.jurisdiction,
    title: options.title,
    sources: [source],
    effectiveFrom: options.effectiveFrom,
    rules: [
      { key: options.rule.key, title: options.rule.title, composition: 'replaces', sources: [{ ...source, article: '第一条' }], body: options.rule.body },
    ],
  };
}
