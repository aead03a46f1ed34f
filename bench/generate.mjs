// Seeded generators of a province-size data set, loaded through the platform's own paths (the
// registry's NATS subjects as a department system calls them, the gateway's routes as operators
// and departments do: bench/rpc.mjs, bench/province.mjs). Same seed → same data set.
import { createHash } from 'node:crypto';
import { DIVISION_TABLE, makeUscc, residentIdCheckDigit } from '../libs/common/dist/index.js';
import { CLASS_TYPE_LABELS, EMPLOYMENT_TYPE_LABELS, STAFF_ROLE_LABELS } from '../libs/contracts/dist/index.js';
import { seededRandom } from './lib/measure.mjs';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const STREETS = DIVISION_TABLE.filter((d) => d.level === 'street').map((d) => d.code);
const OPERATOR_TYPES = ['community', 'employer', 'private', 'kindergarten', 'family', 'growth_station'];
const CARE_FORMS = ['full_day', 'half_day', 'temporary', 'hourly'];

export function institutionAt(i, random) {
  const nature = random() < 0.7 ? 'for_profit' : 'non_profit';
  let body = nature === 'for_profit' ? '91' : '52';
  const street = STREETS[Math.floor(random() * STREETS.length)];
  body += street.slice(0, 6);
  const serial = i
    .toString(31)
    .toUpperCase()
    .padStart(9, '0')
    .split('')
    .map((c) => ALPHABET[parseInt(c, 31)])
    .join('');
  body += serial;
  const pick = (list) => list[Math.floor(random() * list.length)];
  return {
    name: `基准托育机构${String(i).padStart(6, '0')}`,
    uscc: makeUscc(body),
    nature,
    operatorType: pick(OPERATOR_TYPES),
    careForms: [pick(CARE_FORMS)],
    divisionCode: street,
    address: `基准地址 ${i} 号`,
    floor: 1 + Math.floor(random() * 3),
    buildingAreaM2: 150 + Math.floor(random() * 800),
    outdoorAreaM2: 20 + Math.floor(random() * 200),
    places: { infant: Math.floor(random() * 10), toddler: Math.floor(random() * 30), older: Math.floor(random() * 40), mixed: 0 },
  };
}

/** Registers `count` institutions with `concurrency` requests in flight; returns their ids. */
export async function generateInstitutions(rpc, count, { seed = 20261122, concurrency = 64 } = {}) {
  const random = seededRandom(seed);
  const bodies = Array.from({ length: count }, (_, i) => institutionAt(i, random));
  const actor = { department: 'admin', role: 'admin', userId: 'bench-loader', divisions: [] };
  const ids = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        ids[i] = (await rpc.request('registry.institution.register', bodies[i], { actor, timeoutMs: 30_000 })).id;
      }
    }),
  );
  return { ids, perSecond: count / ((performance.now() - started) / 1000) };
}

// ── The province data set (bench/province.mjs) ──────────────────────────────────────────────
// 10,000 institutions over the street codes of DIVISION_TABLE, each with a complete 备案 filing,
// 10 staff (one .csv sheet) and a roster of 100 children for one month; 5,000 inspectors in 7
// departments. Everything is derived from (seed, index), so any part can be generated alone and
// in any order, and the same seed always gives the same data set (datasetHash).
// Personal ID numbers are unique by construction: index → slot through a bijection
// (slot = A·index + B mod M, A coprime to M) of the space county × birth date × sequence code.

/** Full size; BENCH_PROVINCE_SCALE multiplies institutions and inspectors (per-institution sizes stay). */
export const PROVINCE_FULL = { institutions: 10_000, staffPerInstitution: 10, childrenPerInstitution: 100, inspectors: 5_000 };
/** 7 of the inspection service's departments (INSPECTION_DEPARTMENTS without hrss). */
export const INSPECTOR_DEPARTMENTS = ['health', 'market', 'fire', 'police', 'education', 'civil', 'street'];
/** A fixed month keeps the data set the same whatever day it is generated (children's ages are relative to it). */
export const PROVINCE_MONTH = '2026-11';

const COUNTIES = DIVISION_TABLE.filter((d) => d.level === 'county').map((d) => d.code);
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅琳鑫宇浩凯健俊帆雪慧佳欣怡晨阳婷颖思雨';
const CLASS_SHARES = [
  ['infant', 0.2],
  ['toddler', 0.4],
  ['older', 0.4],
];
const CLASS_AGE_MONTHS = { infant: [6, 11], toddler: [12, 23], older: [24, 35] };
const CLASS_MAX = { infant: 10, toddler: 15, older: 20 };
const CARER_RATIO = { infant: 3, toddler: 5, older: 7 };

export function provinceSizes(scale = 1) {
  const institutions = Math.max(1, Math.round(PROVINCE_FULL.institutions * scale));
  return {
    institutions,
    staff: institutions * PROVINCE_FULL.staffPerInstitution,
    rosterRows: institutions * PROVINCE_FULL.childrenPerInstitution,
    inspectors: Math.max(INSPECTOR_DEPARTMENTS.length, Math.round(PROVINCE_FULL.inspectors * scale)),
  };
}

/** An independent stream for (seed, part, index). */
function streamFor(seed, part, index) {
  return seededRandom((seed ^ Math.imul(part + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

/** index → a distinct (address code, birth date, sequence) for every index < counties × dates × 999. */
function idSpace(seed, part, dates) {
  const random = streamFor(seed, part, 0);
  const m = COUNTIES.length * dates.length * 999;
  let a = Math.floor(random() * m) | 1;
  while (gcd(a, m) !== 1) a += 2;
  const b = Math.floor(random() * m);
  return (index) => {
    if (index >= m) throw new RangeError(`id space ${part} holds ${m} numbers`);
    const slot = (a * index + b) % m; // a·index < 2^53 for every size this bench uses
    const rest = Math.floor(slot / COUNTIES.length);
    const first17 = `${COUNTIES[slot % COUNTIES.length]}${dates[rest % dates.length]}${String(1 + Math.floor(rest / dates.length)).padStart(3, '0')}`;
    return first17 + residentIdCheckDigit(first17);
  };
}

function daysBetween(fromIso, toIso) {
  const out = [];
  for (let t = Date.parse(`${fromIso}T00:00:00Z`); t <= Date.parse(`${toIso}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10).replaceAll('-', ''));
  return out;
}

/** Birth dates whose month is `fromAge`…`toAge` whole months before `month`. */
function birthDatesForAges(month, [fromAge, toAge]) {
  const [y, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - toAge, 1)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(y, m - fromAge, 0)).toISOString().slice(0, 10);
  return daysBetween(first, last);
}

/** The generators of one province data set. */
export function provinceDataset({ seed = 20261122, scale = 1, month = PROVINCE_MONTH } = {}) {
  const sizes = provinceSizes(scale);
  const perStaff = PROVINCE_FULL.staffPerInstitution;
  const perChildren = PROVINCE_FULL.childrenPerInstitution;
  const classCounts = CLASS_SHARES.map(([type, share], i) => [
    type,
    i === CLASS_SHARES.length - 1
      ? perChildren - CLASS_SHARES.slice(0, -1).reduce((s, [, sh]) => s + Math.round(perChildren * sh), 0)
      : Math.round(perChildren * share),
  ]);
  const staffIds = idSpace(seed, 101, daysBetween('1970-01-01', '1999-12-31'));
  const childIds = Object.fromEntries(CLASS_SHARES.map(([type], i) => [type, idSpace(seed, 201 + i, birthDatesForAges(month, CLASS_AGE_MONTHS[type]))]));
  const pick = (random, list) => list[Math.floor(random() * list.length)];
  const personName = (random) => pick(random, SURNAMES) + pick(random, GIVEN) + (random() < 0.7 ? pick(random, GIVEN) : '');

  /** Registration body of institution k: places enough for its roster (no 超额 flag). */
  function institution(k) {
    const random = streamFor(seed, 1, k);
    const body = institutionAt(k, random);
    const places = { infant: 0, toddler: 0, older: 0, mixed: 0 };
    for (const [type, n] of classCounts) places[type] = n + Math.floor(random() * n * 0.5);
    const total = places.infant + places.toddler + places.older;
    return {
      ...body,
      name: `基准省托育机构${String(k).padStart(6, '0')}`,
      careForms: random() < 0.5 ? ['full_day'] : ['full_day', 'half_day'],
      places,
      buildingAreaM2: total * 9 + Math.floor(random() * 300),
      outdoorAreaM2: total * 3 + Math.floor(random() * 100),
    };
  }

  /** A complete 备案 submission for institution k (国卫办人口发〔2019〕25号 第六条 materials). */
  function filing(k, inst = institution(k)) {
    const classes = [];
    for (const type of ['infant', 'toddler', 'older']) {
      let left = inst.places[type];
      while (left > 0) {
        const size = Math.min(CLASS_MAX[type], left);
        classes.push({ type, size, carers: Math.ceil(size / CARER_RATIO[type]) });
        left -= size;
      }
    }
    const doc = (what) => ({ ref: `${what}-${inst.uscc}`, issuedOn: '2025-06-01' });
    return {
      documents: {
        businessLicence: { ref: inst.uscc, issuedOn: '2025-03-01' },
        premisesProof: { ...doc('租赁合同'), owned: false, leaseYears: 5 },
        staffQualifications: doc('资格证明'),
        staffHealthCertificates: doc('健康证明'),
        healthEvaluation: { ...doc('卫生评价'), result: '合格' },
        fireAcceptance: doc('消防验收'),
        foodLicence: doc('食品经营许可'),
      },
      facility: { livingRoomFloors: [inst.floor], basementUse: false, observationRoomM2: 8, residentialArea: 'existing' },
      classes,
      director: { education: 'bachelor', managementYears: 5, postTrainingCompleted: true },
      healthWorker: { fullTime: 1, partTime: 0 },
      surveillance: { coversAllInfantAreas: true, runs24h: true, retentionDays: 90 },
      oneKeyAlarmLinked: true,
      mealsServed: true,
      healthCentre: { name: '基准社区卫生服务中心', doctorName: '张医生', signedOn: '2025-06-01' },
    };
  }

  /** Staff of institution k as sheet rows (labels as operators write them): director, health worker, cook, carers. */
  function staffRows(k) {
    const random = streamFor(seed, 2, k);
    const rows = [];
    for (let j = 0; j < perStaff; j++) {
      const role = ['director', 'health_worker', 'cook'][j] ?? 'carer';
      const classType = role === 'carer' ? CLASS_SHARES[j % CLASS_SHARES.length][0] : null;
      rows.push([
        personName(random),
        staffIds(k * perStaff + j),
        STAFF_ROLE_LABELS[role],
        EMPLOYMENT_TYPE_LABELS.full_time,
        classType ? CLASS_TYPE_LABELS[classType] : '',
        classType ? `${CLASS_TYPE_LABELS[classType]}${1 + (j % 2)}班` : '',
        '2026-03-01',
      ]);
    }
    return rows;
  }

  /** The staff sheet of institution k as .csv (≤ STAFF_IMPORT_MAX_ROWS rows). */
  function staffCsv(k) {
    return `${[STAFF_SHEET_HEADER, ...staffRows(k)].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
  }

  /** The roster of institution k for `month`: children whose class type fits their age, unique across the data set. */
  function rosterChildren(k) {
    const random = streamFor(seed, 3, k);
    const children = [];
    for (const [type, n] of classCounts) {
      for (let j = 0; j < n; j++) {
        const r = random();
        children.push({
          idNumber: childIds[type](k * n + j),
          birthOrder: r < 0.6 ? 1 : r < 0.9 ? 2 : 3,
          classType: type,
          careForm: random() < 0.85 ? 'full_day' : 'half_day',
          daysAttended: 12 + Math.floor(random() * 11),
          ref: `C${String(children.length + 1).padStart(3, '0')}`,
        });
      }
    }
    return children;
  }

  /** Inspector n: department n mod 7, working in one to three counties (street inspectors: streets). */
  function inspector(n) {
    const random = streamFor(seed, 4, n);
    const department = INSPECTOR_DEPARTMENTS[n % INSPECTOR_DEPARTMENTS.length];
    const pool = department === 'street' ? STREETS : [...new Set(STREETS.map((s) => s.slice(0, 6)))];
    const divisionCodes = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, pool)))];
    return { department, name: personName(random), badgeNo: `基准${department}-${String(n).padStart(6, '0')}`, divisionCodes };
  }

  return { seed, scale, month, sizes, classCounts, institution, filing, staffRows, staffCsv, rosterChildren, inspector };
}

export const STAFF_SHEET_HEADER = ['姓名', '身份证号', '岗位', '用工形式', '班型', '班级', '入职日期'];
const csvCell = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** SHA-256 of the whole data set (every body as loaded), and how long generating it took. */
export function datasetHash(dataset) {
  const hash = createHash('sha256');
  const started = performance.now();
  const { institutions, inspectors } = dataset.sizes;
  hash.update(JSON.stringify({ seed: dataset.seed, scale: dataset.scale, month: dataset.month }));
  for (let k = 0; k < institutions; k++) {
    const inst = dataset.institution(k);
    hash.update(JSON.stringify(inst));
    hash.update(JSON.stringify(dataset.filing(k, inst)));
    hash.update(dataset.staffCsv(k));
    hash.update(JSON.stringify(dataset.rosterChildren(k)));
  }
  for (let n = 0; n < inspectors; n++) hash.update(JSON.stringify(dataset.inspector(n)));
  return { sha256: hash.digest('hex'), seconds: (performance.now() - started) / 1000 };
}
