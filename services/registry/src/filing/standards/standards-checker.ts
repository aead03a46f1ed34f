import { documentsInForce, formatRuleSource, type EffectiveRule, resolveRules, ruleDocumentRef } from '@shanyu/common';
import type {
  CheckOutcome,
  ClassType,
  EducationLevel,
  FilingClass,
  OperatorType,
  StandardsCheck,
  StandardsCheckResult,
  SubmitFilingBody,
} from '@shanyu/contracts';
import { EDUCATION_LEVELS } from '@shanyu/contracts';
import type { FilingRuleBody, FilingRuleDocument, RuleKind } from './filing-rule-body.js';

/** Facts the check reads: the filing plus what the register knows about the institution. */
export interface CheckInput {
  submission: SubmitFilingBody;
  institution: { floor: number; buildingAreaM2: number; outdoorAreaM2: number; totalPlaces: number; operatorType?: OperatorType };
}

type Verdict = { outcome: CheckOutcome; measured: unknown; limit: string; message: string };

const CLASS_NAMES: Record<ClassType, string> = { infant: '乳儿班', toddler: '托小班', older: '托大班', mixed: '混龄班' };
const EDUCATION_NAMES: Record<EducationLevel, string> = {
  below_high_school: '高中以下',
  high_school: '高中',
  vocational: '中专/职高',
  junior_college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctorate: '博士',
};
const DOCUMENT_NAMES: Record<string, string> = {
  businessLicence: '营业执照或法人登记证书',
  staffQualifications: '工作人员资格证明',
  staffHealthCertificates: '工作人员健康合格证明',
  fireAcceptance: '消防验收或备案证明',
  foodLicence: '食品经营许可证',
};

const missing = (what: string, limit: string): Verdict => ({ outcome: 'needs_review', measured: null, limit, message: `未提供${what}，需人工核实` });
/**
 * A required 备案材料 not handed in: the filing does not meet 国卫办人口发〔2019〕25号 第八条, which
 * lists it as required, so the rule fails (the filing is still accepted: the reviewer decides).
 * Missing facts that only a look at the premises can settle stay `needs_review` (missing above).
 */
const absent = (what: string, limit: string): Verdict => ({ outcome: 'fail', measured: null, limit, message: `未提供${what}` });
const pass = (measured: unknown, limit: string, message: string): Verdict => ({ outcome: 'pass', measured, limit, message });
const fail = (measured: unknown, limit: string, message: string): Verdict => ({ outcome: 'fail', measured, limit, message });

// Params were checked against the kind's schema when the document was stored (filing-rule-body.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Evaluator = (params: any, input: CheckInput) => Verdict;

const EVALUATORS: Record<RuleKind, Evaluator> = {
  document_present: ({ document }, { submission }) => {
    const doc = (submission.documents as Record<string, { ref: string } | undefined> | undefined)?.[document];
    const name = DOCUMENT_NAMES[document] ?? document;
    return doc ? pass(doc.ref, `提供${name}`, `已提供${name}`) : absent(name, `提供${name}`);
  },

  premises: ({ minLeaseYears }, { submission }) => {
    const limit = `自有，或租期不少于 ${minLeaseYears} 年`;
    const proof = submission.documents?.premisesProof;
    if (!proof) return absent('场地证明', limit);
    if (proof.owned) return pass('自有', limit, '场地为自有');
    // A lease handed in without its term: the reviewer reads it off the contract.
    if (proof.leaseYears === undefined) return missing('租赁期限', limit);
    return proof.leaseYears >= minLeaseYears
      ? pass(`${proof.leaseYears} 年`, limit, `租期 ${proof.leaseYears} 年，符合要求`)
      : fail(`${proof.leaseYears} 年`, limit, `租期 ${proof.leaseYears} 年，少于 ${minLeaseYears} 年`);
  },

  health_evaluation_pass: (_p, { submission }) => {
    const report = submission.documents?.healthEvaluation;
    if (!report) return absent('卫生评价报告', '卫生评价结论为合格');
    return report.result === '合格' ? pass('合格', '合格', '卫生评价合格') : fail(report.result, '合格', '卫生评价结论为不合格');
  },

  food_licence_when_meals: (_p, { submission }) => {
    const limit = '提供餐食的应取得食品经营许可证';
    if (submission.mealsServed === undefined) return missing('是否提供餐食', limit);
    if (!submission.mealsServed) return pass('不提供餐食', limit, '不提供餐食，无需食品经营许可证');
    return submission.documents?.foodLicence
      ? pass(submission.documents.foodLicence.ref, limit, '提供餐食，已有食品经营许可证')
      : fail('提供餐食，无许可证', limit, '提供餐食但未提供食品经营许可证');
  },

  class_limits: ({ classType, maxSize, childrenPerCarer }, { submission }) => {
    const name = CLASS_NAMES[classType as ClassType];
    const limit = childrenPerCarer ? `每班 ≤ ${maxSize} 人，保育人员:婴幼儿 ≥ 1:${childrenPerCarer}` : `每班 ≤ ${maxSize} 人`;
    if (!submission.classes) return missing('班级编制', limit);
    const classes = submission.classes.filter((c: FilingClass) => c.type === classType);
    if (classes.length === 0) return pass([], limit, `未设${name}`);
    const measured = classes.map((c) => ({ size: c.size, carers: c.carers }));
    const problems: string[] = [];
    classes.forEach((c, i) => {
      if (c.size > maxSize) problems.push(`第 ${i + 1} 个${name} ${c.size} 人，超过 ${maxSize} 人`);
      if (childrenPerCarer && c.carers * childrenPerCarer < c.size) {
        problems.push(`第 ${i + 1} 个${name} ${c.size} 名婴幼儿仅配 ${c.carers} 名保育人员，至少需要 ${Math.ceil(c.size / childrenPerCarer)} 名`);
      }
    });
    return problems.length ? fail(measured, limit, problems.join('；')) : pass(measured, limit, `${classes.length} 个${name}均符合`);
  },

  director: ({ minEducation, minManagementYears, trainingRequired }, { submission }) => {
    const limit = `${EDUCATION_NAMES[minEducation as EducationLevel]}及以上学历，${minManagementYears} 年以上相关管理经历${trainingRequired ? '，岗位培训合格' : ''}`;
    const d = submission.director;
    if (!d) return missing('负责人情况', limit);
    const problems: string[] = [];
    if (EDUCATION_LEVELS.indexOf(d.education) < EDUCATION_LEVELS.indexOf(minEducation)) problems.push(`学历为${EDUCATION_NAMES[d.education]}`);
    if (d.managementYears < minManagementYears) problems.push(`管理经历 ${d.managementYears} 年`);
    if (trainingRequired && !d.postTrainingCompleted) problems.push('未完成岗位培训');
    const measured = { education: d.education, managementYears: d.managementYears, postTrainingCompleted: d.postTrainingCompleted };
    return problems.length ? fail(measured, limit, `负责人不符合：${problems.join('、')}`) : pass(measured, limit, '负责人资质符合');
  },

  health_worker: ({ fullTimeFromChildren }, { submission, institution }) => {
    const limit = `至少 1 名保健人员；收托 ${fullTimeFromChildren} 名及以上至少 1 名专职`;
    const hw = submission.healthWorker;
    if (!hw) return missing('保健人员配备', limit);
    const children = submission.classes ? submission.classes.reduce((n, c) => n + c.size, 0) : institution.totalPlaces;
    const measured = { fullTime: hw.fullTime, partTime: hw.partTime, children };
    if (hw.fullTime + hw.partTime < 1) return fail(measured, limit, '未配备保健人员');
    if (children >= fullTimeFromChildren && hw.fullTime < 1) return fail(measured, limit, `收托 ${children} 名，需至少 1 名专职保健人员`);
    return pass(measured, limit, '保健人员配备符合');
  },

  max_floor: ({ maxFloor }, { submission, institution }) => {
    const limit = `生活用房在地上 ${maxFloor} 层及以下`;
    const floors = submission.facility?.livingRoomFloors ?? [institution.floor];
    const highest = Math.max(...floors);
    return highest <= maxFloor ? pass(floors, limit, `生活用房最高在 ${highest} 层`) : fail(floors, limit, `生活用房设在 ${highest} 层，高于 ${maxFloor} 层`);
  },

  no_basement: (_p, { submission, institution }) => {
    const limit = '不设在地下室或半地下室';
    const floors = submission.facility?.livingRoomFloors ?? [institution.floor];
    const basement = submission.facility?.basementUse === true || floors.some((f) => f < 0);
    if (basement) return fail({ basementUse: submission.facility?.basementUse ?? null, floors }, limit, '婴幼儿用房设在地下');
    if (submission.facility?.basementUse === undefined && !submission.facility?.livingRoomFloors) return missing('用房楼层与地下室使用情况', limit);
    return pass({ basementUse: false, floors }, limit, '未使用地下室');
  },

  min_fact: ({ fact, min, unit }, { submission, institution }) => {
    const limit = `≥ ${min} ${unit}`;
    const value = fact === 'observationRoomM2' ? submission.facility?.observationRoomM2 : institution[fact as 'buildingAreaM2' | 'outdoorAreaM2'];
    if (value === undefined) return missing(fact === 'observationRoomM2' ? '观察室面积' : fact, limit);
    return value >= min ? pass(value, limit, `${value} ${unit}，符合`) : fail(value, limit, `${value} ${unit}，不足 ${min} ${unit}`);
  },

  surveillance_coverage: (_p, { submission }) => {
    const limit = '覆盖全部婴幼儿活动区域，24 小时运行';
    const s = submission.surveillance;
    if (!s) return missing('视频监控情况', limit);
    const measured = { coversAllInfantAreas: s.coversAllInfantAreas, runs24h: s.runs24h };
    if (!s.coversAllInfantAreas) return fail(measured, limit, '监控未覆盖全部婴幼儿活动区域');
    if (!s.runs24h) return fail(measured, limit, '监控未 24 小时运行');
    return pass(measured, limit, '监控覆盖与运行符合');
  },

  surveillance_retention: ({ minDays }, { submission }) => {
    const limit = `≥ ${minDays} 天`;
    const s = submission.surveillance;
    if (!s) return missing('录像保存天数', limit);
    return s.retentionDays >= minDays
      ? pass(s.retentionDays, limit, `录像保存 ${s.retentionDays} 天`)
      : fail(s.retentionDays, limit, `录像仅保存 ${s.retentionDays} 天，少于 ${minDays} 天`);
  },

  must_be_true: ({ fact }, { submission }) => {
    const value = (submission as Record<string, unknown>)[fact];
    const limit = '是';
    if (value === undefined) return missing('一键报警联网情况', limit);
    return value === true ? pass(true, limit, '已与公安联网') : fail(false, limit, '一键式紧急报警未与公安联网');
  },

  residential_facility: (params, { submission, institution }) => {
    const f = submission.facility;
    const area = f?.residentialArea;
    if (!area || f?.householdsServed === undefined) {
      return missing('居住区类型与服务户数', '新建每百户 ≥ 15 m²，已建每百户 ≥ 10 m²');
    }
    const l = params[area] as { perHundredHouseholdsM2: number; minBuildingM2: number; minOutdoorM2: number };
    const building = institution.buildingAreaM2;
    const outdoor = institution.outdoorAreaM2;
    const required = Math.max(l.minBuildingM2, (f.householdsServed / 100) * l.perHundredHouseholdsM2);
    const limit = `${area === 'new' ? '新建' : '已建'}居住区：建筑面积 ≥ max(${l.minBuildingM2}, 每百户 ${l.perHundredHouseholdsM2}) = ${round(required)} m²，室外 ≥ ${l.minOutdoorM2} m²`;
    const measured = { householdsServed: f.householdsServed, buildingAreaM2: building, outdoorAreaM2: outdoor };
    const problems: string[] = [];
    if (building < required) problems.push(`建筑面积 ${building} m² 不足 ${round(required)} m²`);
    if (outdoor < l.minOutdoorM2) problems.push(`室外场地 ${outdoor} m² 不足 ${l.minOutdoorM2} m²`);
    return problems.length ? fail(measured, limit, problems.join('；')) : pass(measured, limit, '面积符合配建标准');
  },

  // 医育结合: every Hangzhou institution has a signed child-health doctor (儿保医生签约全覆盖), so
  // where the rule is in force a filing naming no community health centre does not meet it.
  health_centre_signed: (_p, { submission }) => {
    const limit = '签约社区卫生服务中心儿童保健医生';
    const centre = submission.healthCentre;
    if (!centre) return fail(null, limit, '未签约社区卫生服务中心儿童保健医生');
    const measured = { name: centre.name, doctorName: centre.doctorName ?? null, signedOn: centre.signedOn ?? null };
    return pass(measured, limit, `已签约 ${centre.name}${centre.doctorName ? `（儿保医生 ${centre.doctorName}）` : ''}`);
  },

  // Facilities built with a new residential area (配建): not normally on the 3rd floor or above.
  residential_facility_floor: ({ maxFloor }, { submission, institution }) => {
    const limit = `新建居住区配建设施在 ${maxFloor} 层及以下（一般不得安排在 ${maxFloor + 1} 楼及以上）`;
    const area = submission.facility?.residentialArea;
    if (!area) return missing('居住区类型', limit);
    if (area !== 'new') return pass('已建成居住区', limit, '非新建居住区配建设施，不适用');
    const floors = submission.facility?.livingRoomFloors ?? [institution.floor];
    const highest = Math.max(...floors);
    return highest <= maxFloor
      ? pass(floors, limit, `配建设施用房最高在 ${highest} 层`)
      : fail(floors, limit, `新建居住区配建设施用房设在 ${highest} 层；一般不得安排在 ${maxFloor + 1} 楼及以上，例外情形由审核人员认定`);
  },

  family_point_capacity: ({ maxChildren }, { submission, institution }) => {
    const limit = `家庭托育点收托不超过 ${maxChildren} 人`;
    if (institution.operatorType !== 'family') return pass('非家庭托育点', limit, '非家庭托育点，不适用');
    const children = submission.classes ? submission.classes.reduce((n, c) => n + c.size, 0) : institution.totalPlaces;
    return children <= maxChildren
      ? pass(children, limit, `收托 ${children} 人`)
      : fail(children, limit, `收托 ${children} 人，超过 ${maxChildren} 人，应按托育机构登记备案`);
  },

  family_point_ratio: ({ childrenPerCarer }, { submission, institution }) => {
    const limit = `每 1 名照护人员最多看护 ${childrenPerCarer} 名婴幼儿`;
    if (institution.operatorType !== 'family') return pass('非家庭托育点', limit, '非家庭托育点，不适用');
    if (!submission.classes) return missing('照护人员与收托人数', limit);
    const children = submission.classes.reduce((n, c) => n + c.size, 0);
    const carers = submission.classes.reduce((n, c) => n + c.carers, 0);
    const measured = { children, carers };
    return carers * childrenPerCarer >= children
      ? pass(measured, limit, `${carers} 名照护人员看护 ${children} 名婴幼儿`)
      : fail(measured, limit, `${children} 名婴幼儿仅 ${carers} 名照护人员，至少需要 ${Math.ceil(children / childrenPerCarer)} 名`);
  },
};

const round = (n: number) => Math.round(n * 100) / 100;

/** What a filing is judged by: the filing rule documents, resolved for the institution's division on the filing date. */
export interface CheckScope {
  documents: readonly FilingRuleDocument[];
  /** The institution's division (street or county code). */
  divisionCode: string;
  /** The filing date (YYYY-MM-DD, Asia/Shanghai). */
  date: string;
}

/**
 * Runs every filing rule in force for the institution's division on the filing date: the
 * national rules, then the province's, city's, district's and street's (rule-documents.ts). Each
 * result names the rule's sources and the document, level and jurisdiction it came from; the
 * result is stored with the filing.
 */
export function checkFiling(input: CheckInput, scope: CheckScope, now = new Date()): StandardsCheck {
  const resolved = resolveRules<FilingRuleBody>('filing', scope.documents, scope.divisionCode, scope.date);
  const documents = documentsInForce(
    scope.documents.filter((d) => d.family === 'filing'),
    scope.divisionCode,
    scope.date,
  ).map(ruleDocumentRef);
  const results: StandardsCheckResult[] = resolved.rules.map((rule: EffectiveRule<FilingRuleBody>) => ({
    ruleId: rule.key,
    title: rule.title,
    ...EVALUATORS[rule.body.kind as RuleKind](rule.body.params, input),
    source: rule.sources.map(formatRuleSource).join('；'),
    sources: rule.sources,
    from: rule.from,
  }));
  const summary = { pass: 0, fail: 0, needs_review: 0 };
  for (const r of results) summary[r.outcome]++;
  return {
    rulesetVersion: documents.map((d) => d.version).join(' + '),
    checkedAt: now.toISOString(),
    divisionCode: scope.divisionCode,
    rulesDate: scope.date,
    documents,
    disabled: resolved.disabled.map((d) => ({ key: d.key, title: d.title, reason: d.reason, by: d.by })),
    summary,
    results,
  };
}
