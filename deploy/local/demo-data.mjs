// Demo data for `npm start`: institutions in two cities whose local rules differ — 杭州市西湖区
// (330106) and 威海市环翠区 (371002) — loaded once through the public API as the registration
// authorities would (市场监管 for for-profit, 民政 for non-profit). Each is judged by the rules of
// its own division: 西湖区's filing requirements (医育结合 signing, 配建 norms) and 杭州's operating
// subsidy there, the national filing standards and 威海's credit scheme and subsidies in 环翠区.
const places = (infant, toddler, older, mixed = 0) => ({ infant, toddler, older, mixed });

/** USCC bodies (17 characters); the check character is computed at load time (GB 32100-2015). */
export const DEMO_INSTITUTIONS = [
  {
    name: '西湖区三墩镇小星星托育园',
    usccBody: '91330106MA2CDX001',
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day', 'half_day'],
    divisionCode: '330106109',
    address: '杭州市西湖区三墩镇振华路 198 号',
    floor: 1,
    buildingAreaM2: 460,
    outdoorAreaM2: 90,
    places: places(10, 30, 40),
  },
  {
    name: '西湖区翠苑街道社区托育中心（公建民营）',
    usccBody: '52330106MJ9CDX002',
    nature: 'non_profit',
    operatorType: 'community',
    careForms: ['full_day', 'temporary'],
    divisionCode: '330106004',
    address: '杭州市西湖区翠苑街道文二西路 88 号',
    floor: 1,
    buildingAreaM2: 320,
    outdoorAreaM2: 60,
    places: places(0, 15, 20),
  },
  {
    name: '浙江某科技有限公司职工托育园（单位办托）',
    usccBody: '91330106MA2CDX003',
    nature: 'for_profit',
    operatorType: 'employer',
    careForms: ['full_day'],
    divisionCode: '330106015',
    address: '杭州市西湖区文新街道文一西路 522 号',
    floor: 2,
    buildingAreaM2: 380,
    outdoorAreaM2: 45,
    places: places(0, 15, 28),
  },
  {
    name: '西湖区蒋村街道贝贝成长托育',
    usccBody: '91330106MA2CDX004',
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day', 'hourly'],
    divisionCode: '330106013',
    address: '杭州市西湖区蒋村街道五常大道 166 号',
    floor: 1,
    buildingAreaM2: 260,
    outdoorAreaM2: 40,
    places: places(5, 15, 20),
  },
  {
    name: '西湖区转塘街道之江幼儿园托班',
    usccBody: '52330106MJ9CDX005',
    nature: 'non_profit',
    operatorType: 'kindergarten',
    careForms: ['full_day'],
    divisionCode: '330106012',
    address: '杭州市西湖区转塘街道象山路 9 号',
    floor: 1,
    buildingAreaM2: 600,
    outdoorAreaM2: 200,
    places: places(0, 0, 40),
  },
  {
    name: '西湖区留下街道婴幼儿成长驿站',
    usccBody: '52330106MJ9CDX006',
    nature: 'non_profit',
    operatorType: 'growth_station',
    careForms: ['temporary', 'hourly'],
    divisionCode: '330106011',
    address: '杭州市西湖区留下街道留和路 3 号',
    floor: 1,
    buildingAreaM2: 160,
    outdoorAreaM2: 30,
    places: places(0, 10, 10),
  },
  {
    name: '西湖区古荡街道爱心家庭托育点',
    usccBody: '92330106MA2CDX007',
    nature: 'for_profit',
    operatorType: 'family',
    careForms: ['full_day'],
    divisionCode: '330106005',
    address: '杭州市西湖区古荡街道古墩路 12 号',
    floor: 1,
    buildingAreaM2: 120,
    outdoorAreaM2: 20,
    places: places(0, 0, 0, 5),
  },
  {
    name: '西湖区三墩镇橙果托育（地下室，演示不合规）',
    usccBody: '91330106MA2CDX008',
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day'],
    divisionCode: '330106109',
    address: '杭州市西湖区三墩镇墩余路 55 号',
    floor: -1,
    buildingAreaM2: 180,
    outdoorAreaM2: 0,
    places: places(10, 20, 0),
  },
];

/**
 * 威海市环翠区 (371002): two filed (one names no signed community health centre — 西湖区's 医育结合
 * rule does not apply here, so its filing passes), one registered and not yet filed (it still
 * counts in the district's places and sends its roster).
 */
export const HUANCUI_INSTITUTIONS = [
  {
    name: '环翠区环翠楼街道海贝托育园',
    usccBody: '91371002MA3CDX101',
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day', 'half_day'],
    divisionCode: '371002001',
    address: '威海市环翠区环翠楼街道新威路 16 号',
    floor: 1,
    buildingAreaM2: 380,
    outdoorAreaM2: 70,
    places: places(10, 25, 25),
    file: { healthCentre: true },
  },
  {
    name: '环翠区鲸园街道小海豚托育中心',
    usccBody: '91371002MA3CDX102',
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day'],
    divisionCode: '371002002',
    address: '威海市环翠区鲸园街道青岛北路 52 号',
    floor: 2,
    buildingAreaM2: 260,
    outdoorAreaM2: 40,
    places: places(5, 20, 15),
    file: { healthCentre: false },
  },
  {
    name: '环翠区竹岛街道贝乐托育（已登记未备案）',
    usccBody: '91371002MA3CDX103',
    nature: 'for_profit',
    operatorType: 'private',
    careForms: ['full_day', 'temporary'],
    divisionCode: '371002003',
    address: '威海市环翠区竹岛街道海滨南路 8 号',
    floor: 1,
    buildingAreaM2: 200,
    outdoorAreaM2: 30,
    places: places(0, 15, 15),
    file: null,
  },
];

/** A complete filing (备案) that passes the automatic standards check. */
const compliantFiling = (mealsServed = true) => ({
  documents: {
    businessLicence: { ref: '营业执照（副本）' },
    premisesProof: { ref: '房屋租赁合同', owned: false, leaseYears: 5 },
    staffQualifications: { ref: '保育师/育婴员证书' },
    staffHealthCertificates: { ref: '工作人员健康证' },
    healthEvaluation: { ref: '西卫评〔2026〕号', result: '合格' },
    fireAcceptance: { ref: '消防验收意见书' },
    ...(mealsServed ? { foodLicence: { ref: '食品经营许可证' } } : {}),
  },
  facility: { basementUse: false, observationRoomM2: 8 },
  director: { education: 'bachelor', managementYears: 5, postTrainingCompleted: true },
  healthWorker: { fullTime: 1, partTime: 0 },
  surveillance: { coversAllInfantAreas: true, runs24h: true, retentionDays: 90 },
  oneKeyAlarmLinked: true,
  mealsServed,
  healthCentre: { name: '所在街道社区卫生服务中心' },
});

/** Logs in demo accounts and calls the API as them. */
function demoApi(baseUrl, password) {
  const tokens = new Map();
  const token = async (username) => {
    if (tokens.has(username)) return tokens.get(username);
    const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    const { accessToken } = await res.json();
    tokens.set(username, accessToken);
    return accessToken;
  };
  const call = async (username, method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(username)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    return { status: res.status, body: json };
  };
  const must = async (username, method, path, body, what) => {
    const res = await call(username, method, path, body);
    if (res.status >= 300) throw new Error(`demo ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return { call, must };
}

/** Registers each institution unless its USCC is already there (409 is fine: data is reused); the ones registered now. */
async function registerAll(api, institutions, registrars, makeUscc) {
  const created = [];
  for (const { usccBody, file: _file, ...institution } of institutions) {
    const res = await api.call(registrars[institution.nature], 'POST', '/api/v1/institutions', { ...institution, uscc: makeUscc(usccBody) });
    if (res.status === 201) created.push(res.body);
    else if (res.status !== 409) throw new Error(`demo institution ${institution.name}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return created;
}

/** Loads both districts' demo data; the number of institutions registered now (0 when it was there). */
export async function loadDemoData(baseUrl, password, makeUscc) {
  const api = demoApi(baseUrl, password);
  const xihu = await registerAll(api, DEMO_INSTITUTIONS, { for_profit: 'market.330106', non_profit: 'civil.330106' }, makeUscc);
  if (xihu.length === DEMO_INSTITUTIONS.length) await fileDemoInstitutions(xihu, api);
  const huancui = await registerAll(api, HUANCUI_INSTITUTIONS, { for_profit: 'market.371002' }, makeUscc);
  if (huancui.length === HUANCUI_INSTITUTIONS.length) await fileHuancuiInstitutions(huancui, api);
  return xihu.length + huancui.length;
}

/**
 * A first start also files them: six approved (备案回执), the basement one rejected by the
 * automatic check, one left for review; two 普惠, one 示范; population for the indicators.
 */
async function fileDemoInstitutions(institutions, { must }) {
  const registrar = { for_profit: 'market.330106', non_profit: 'civil.330106' };
  const health = 'health.330106';
  for (const [i, institution] of institutions.entries()) {
    const basement = institution.floor < 0;
    const submission = basement
      ? { ...compliantFiling(), facility: { basementUse: true, livingRoomFloors: [-1] } }
      : compliantFiling(institution.operatorType !== 'growth_station');
    const filing = await must(
      registrar[institution.nature],
      'POST',
      `/api/v1/institutions/${institution.id}/filings`,
      submission,
      `filing ${institution.name}`,
    );
    if (basement) {
      await must(
        health,
        'POST',
        `/api/v1/filings/${filing.id}/decision`,
        { decision: 'reject', reasons: [{ ruleId: 'NO_BASEMENT', text: '婴幼儿生活用房设在地下室，不符合《托育机构卫生评价基本标准》' }] },
        'rejection',
      );
    } else if (i < 6) {
      await must(health, 'POST', `/api/v1/filings/${filing.id}/decision`, { decision: 'approve', comment: '材料齐全，予以备案' }, 'approval');
    }
  }
  const [first, second] = institutions;
  for (const [institution, priceCapFen, inclusivePlaces] of [
    [first, 220_000, 60],
    [second, 180_000, 35],
  ]) {
    const grant = { action: 'grant', priceCapFen, inclusivePlaces, decisionNo: '西卫健〔2026〕18号' };
    await must(health, 'POST', `/api/v1/institutions/${institution.id}/inclusive`, grant, '普惠');
  }
  await must(health, 'POST', `/api/v1/institutions/${first.id}/demonstration`, { year: 2026, decisionNo: '杭卫发〔2026〕5号' }, '示范');
  await must(
    health,
    'PUT',
    '/api/v1/population',
    {
      rows: [
        { divisionCode: '330106', year: 2025, residentPopulation: 1_180_000, childrenUnder3: 29_000, source: '演示数据（非真实统计）' },
        { divisionCode: '330106109', year: 2025, residentPopulation: 160_000, childrenUnder3: 4_300, source: '演示数据（非真实统计）' },
        { divisionCode: '330106004', year: 2025, residentPopulation: 95_000, childrenUnder3: 2_100, source: '演示数据（非真实统计）' },
      ],
    },
    'population',
  );
}

/** 环翠区: the filed two approved by its health bureau (judged by the national standards), 普惠 for the first, population. */
async function fileHuancuiInstitutions(institutions, { must }) {
  const health = 'health.371002';
  for (const [i, institution] of institutions.entries()) {
    const { file } = HUANCUI_INSTITUTIONS[i];
    if (!file) continue;
    const submission = compliantFiling();
    if (!file.healthCentre) delete submission.healthCentre;
    const filing = await must('market.371002', 'POST', `/api/v1/institutions/${institution.id}/filings`, submission, `filing ${institution.name}`);
    await must(health, 'POST', `/api/v1/filings/${filing.id}/decision`, { decision: 'approve', comment: '材料齐全，予以备案' }, 'approval');
  }
  const grant = { action: 'grant', priceCapFen: 160_000, inclusivePlaces: 30, decisionNo: '威环卫〔2026〕7号' };
  await must(health, 'POST', `/api/v1/institutions/${institutions[0].id}/inclusive`, grant, '普惠');
  await must(
    health,
    'PUT',
    '/api/v1/population',
    { rows: [{ divisionCode: '371002', year: 2025, residentPopulation: 810_000, childrenUnder3: 13_500, source: '演示数据（非真实统计）' }] },
    'population',
  );
}

/**
 * Inspector pools for 双随机 draws in 西湖区 (330106): at least three per department; the first two
 * of fire, market, health and the street office are linked to the demo inspector logins
 * (`fire.inspector1` …), who record results and sign off at joint inspections. Idempotent: an
 * inspector already there (409) is kept.
 */
export const DEMO_INSPECTORS = [
  ['fire', '王磊', 'fire.inspector1'],
  ['fire', '陈静', 'fire.inspector2'],
  ['fire', '吴涛'],
  ['fire', '郑浩'],
  ['market', '李娜', 'market.inspector1'],
  ['market', '周强', 'market.inspector2'],
  ['market', '何芳'],
  ['market', '许斌'],
  ['health', '张敏', 'health.inspector1'],
  ['health', '刘洋', 'health.inspector2'],
  ['health', '高倩'],
  ['health', '罗军'],
  ['police', '马超'],
  ['police', '胡晓'],
  ['police', '林峰'],
  ['education', '郭婷'],
  ['education', '谢宇'],
  ['education', '韩梅'],
  ['hrss', '唐杰'],
  ['hrss', '冯雪'],
  ['hrss', '董明'],
  ['street', '赵勇', 'street.inspector1'],
  ['street', '孙丽', 'street.inspector2'],
  ['street', '钱进'],
].map(([department, name, username], i) => ({
  department,
  name,
  username,
  badgeNo: `浙${department.toUpperCase()}-330106-${String(i + 1).padStart(4, '0')}`,
  divisionCodes: department === 'street' ? ['330106109'] : ['330106'],
}));

export async function loadInspectionDemoData(baseUrl, password) {
  const login = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!login.ok) throw new Error(`login admin failed: ${login.status} ${await login.text()}`);
  const { accessToken } = await login.json();
  let created = 0;
  for (const { username, ...inspector } of DEMO_INSPECTORS) {
    const res = await fetch(`${baseUrl}/api/v1/inspectors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ ...inspector, ...(username ? { username } : {}) }),
    });
    if (res.status === 201) created++;
    else if (res.status !== 409) throw new Error(`demo inspector ${inspector.name}: ${res.status} ${await res.text()}`);
  }
  return created;
}
