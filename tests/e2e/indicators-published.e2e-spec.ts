// Indicators that reproduce a district's published figures, loaded and read through the API only
// (gateway → NATS → registry and subsidy → PostgreSQL): every operating institution counts, filed
// or not, with the filed-only figures beside; a child on two rosters counts once; and a past month
// is computed from the registrations, filings, deregistrations and places in force then.
import { addDays, addMonthsToMonth, firstDayOfMonth, lastDayOfMonth, makeResidentId, shanghaiToday } from '@shanyu/common';
import { compliantFilingSubmission, eventually, institutionRequest, ruleDocumentRequest } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startTestStack } from '../support/stack.js';

const TODAY = shanghaiToday();
const MONTH = TODAY.slice(0, 7);
const YEAR = Number(MONTH.slice(0, 4));

interface Indicator {
  key: string;
  value: number | null;
  unit: string;
  numerator?: number;
  denominator?: number;
  definition: string;
  source: string;
  group?: string;
  filedOnlyOf?: string;
}
interface Target {
  indicatorKey: string;
  value: number;
  byYear: number | null;
  actual: number | null;
  met: boolean | null;
  rule: { jurisdiction: string; version: string; source: string };
}
interface Division {
  divisionCode: string;
  level: string;
  indicators: Indicator[];
  supply: { places: number; filedPlaces: number; kindergartenPlaces: number; residentPopulation: number | null; targetPerThousand: number | null };
  targets: Target[];
}

/** n ÷ d × scale to 4 decimals, as the platform rounds (written out here, not imported). */
const r4 = (n: number, d: number, scale: number) => Math.round((n / d) * scale * 10_000) / 10_000;
/** As a published figure reads: two decimals. */
const published = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v.toFixed(2)));

/** Runs `task` over `items`, `limit` at a time, in order of the results. */
async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]!, i);
      }
    }),
  );
  return out;
}

describe('indicators that reproduce published figures', () => {
  let stack: Stack<'registry' | 'subsidy'>;
  const http = () => stack.http;
  const auth = (username: string) => stack.auth(username);

  const indicatorsView = async (
    headers: Record<string, string>,
    divisionCode: string,
    month = MONTH,
  ): Promise<{ divisions: Division[]; comparison: Division | null }> => {
    const res = await http().get('/api/v1/indicators').query({ divisionCode, month }).set(headers);
    if (res.status !== 200) throw new Error(`indicators: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const indicators = async (headers: Record<string, string>, divisionCode: string, month = MONTH): Promise<Division[]> =>
    (await indicatorsView(headers, divisionCode, month)).divisions;
  const find = (divisions: Division[], code: string, key: string) => divisions.find((d) => d.divisionCode === code)?.indicators.find((i) => i.key === key);

  /** Registers an institution (201 expected) as `headers`, with the request's fields over a valid default. */
  const register = async (headers: Record<string, string>, fields: Record<string, unknown>) => {
    const res = await http().post('/api/v1/institutions').set(headers).send(institutionRequest(fields));
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; registeredOn: string; deregisteredOn: string | null };
  };
  /** Files it: the filing submitted as `submitter`, approved by `approver` (the district health bureau). */
  const file = async (id: string, submitter: Record<string, string>, approver: Record<string, string>) => {
    const filing = await http().post(`/api/v1/institutions/${id}/filings`).set(submitter).send(compliantFilingSubmission());
    if (filing.status !== 201) throw new Error(`filing: ${filing.status} ${JSON.stringify(filing.body)}`);
    const decision = await http().post(`/api/v1/filings/${filing.body.id}/decision`).set(approver).send({ decision: 'approve' });
    if (decision.status !== 200) throw new Error(`decision: ${decision.status} ${JSON.stringify(decision.body)}`);
  };
  const places = (total: number) => ({ infant: 0, toddler: Math.floor(total / 2), older: total - Math.floor(total / 2), mixed: 0 });
  const subsidyKnows = (prefix: string, institutions: number, filed: number) =>
    eventually(
      `the subsidy service's copy of ${institutions} institutions in ${prefix} (${filed} filed)`,
      async () => {
        const [row] = await stack.sql<{ n: number; filed: number }>(
          'subsidy',
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'filed')::int AS filed FROM $schema.institution_replica WHERE division_code LIKE $1`,
          [`${prefix}%`],
        );
        return row?.n === institutions && row.filed === filed;
      },
      30_000,
    );

  beforeAll(async () => {
    stack = await startTestStack({ services: ['registry', 'subsidy'], startOptions: { subsidy: { eventsFrom: 'new' } } });
  }, 120_000);
  afterAll(async () => stack?.stop());

  describe('环翠区 (371002): 20 registered, 10 filed, 3,125 places, 830 children', () => {
    const HUANCUI = '371002';
    const STREETS = ['371002001', '371002002', '371002003'];
    // Places of the 20 institutions (3,125 in all); the even-numbered ones are filed (1,600 places),
    // the odd ones only registered (1,525): places are spread over both.
    const PLACES = [300, 250, 200, 180, 160, 150, 140, 130, 120, 110, 200, 190, 170, 160, 150, 140, 100, 90, 60, 125];
    const FILED = PLACES.map((_, i) => i % 2 === 0);
    // Two are 幼儿园托班 (kindergartens' 2–3-year-old classes), both only registered: 180 + 130 places.
    const KINDERGARTEN = new Set([3, 7]);
    // Children: 42 on each of the first ten rosters, 41 on each of the others (830), and the first
    // child of institution 0 (filed) also on institution 1's roster (not filed): 831 roster lines.
    const CHILDREN = PLACES.map((_, i) => (i < 10 ? 42 : 41));
    const RESIDENTS = 811_688;
    const UNDER3 = 13_674;
    // 威海市 as a whole (a test figure): the district is compared with its city.
    const CITY = '371000';
    const CITY_RESIDENTS = 2_900_000;
    let divisions: Division[];
    let city: Division | null;

    /** The n-th child: born 200–799 days ago (under 3 all year), a valid resident ID number of 环翠区. */
    const child = (n: number, classType: string) => ({
      idNumber: makeResidentId(`${HUANCUI}${addDays(TODAY, -(200 + (n % 600))).replace(/-/g, '')}${100 + Math.floor(n / 600)}`),
      birthOrder: 1 + (n % 2),
      classType,
      careForm: 'full_day',
      daysAttended: 18,
    });

    beforeAll(async () => {
      const market = await auth('market.371002');
      const health = await auth('health.371002');
      // The operators' accounts are not on this platform yet: an admin reports their rosters for them.
      const admin = await auth('admin');
      const ids = await inPool(PLACES, 4, (total, i) =>
        register(market, {
          name: `环翠区测试托育园${i + 1}`,
          divisionCode: STREETS[i % STREETS.length],
          address: `威海市环翠区测试路 ${i + 1} 号`,
          operatorType: KINDERGARTEN.has(i) ? 'kindergarten' : 'private',
          registeredOn: '2024-03-01',
          places: places(total),
        }).then((r) => r.id),
      );
      await inPool(
        ids.filter((_, i) => FILED[i]),
        4,
        (id) => file(id, market, health),
      );
      await http()
        .put('/api/v1/population')
        .set(health)
        .send({
          rows: [
            {
              divisionCode: HUANCUI,
              year: YEAR,
              residentPopulation: RESIDENTS,
              childrenUnder3: UNDER3,
              source: '环翠区常住人口与 3 岁以下婴幼儿数（区卫生健康局、发展和改革局报告所用数）',
            },
          ],
        })
        .expect(200);
      // The city's population is the city's to load (the platform admin here).
      await http()
        .put('/api/v1/population')
        .set(admin)
        .send({ rows: [{ divisionCode: CITY, year: YEAR, residentPopulation: CITY_RESIDENTS, childrenUnder3: 40_000, source: '威海市常住人口（测试值）' }] })
        .expect(200);
      await subsidyKnows(HUANCUI, 20, 10);

      let n = 0;
      const rosters = ids.map((_, i) => Array.from({ length: CHILDREN[i]! }, (__, k) => child(n++, k % 2 === 0 ? 'toddler' : 'older')));
      rosters[1]!.push(rosters[0]![0]!);
      expect(rosters.flat()).toHaveLength(831);
      expect(new Set(rosters.flat().map((c) => c.idNumber)).size).toBe(830);
      await inPool(ids, 4, async (id, i) => {
        const res = await http().put(`/api/v1/institutions/${id}/rosters/${MONTH}`).set(admin).send({ openDays: 21, children: rosters[i] });
        // Filed or not, every operating institution's roster is taken.
        if (res.status !== 200) throw new Error(`roster ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      });
      // The child on two rosters is a duplicate claim on both (held out of payment, counted once below).
      for (const id of ids.slice(0, 2)) {
        const roster = await http().get(`/api/v1/institutions/${id}/rosters/${MONTH}`).set(health).expect(200);
        expect(roster.body.duplicates).toHaveLength(1);
      }
      ({ divisions, comparison: city } = await indicatorsView(health, HUANCUI));
    }, 120_000);

    it('每千人口托位数 3.85 over all operating institutions, 1.97 over filed ones beside it', () => {
      const all = find(divisions, HUANCUI, 'placesPer1000')!;
      expect(all).toMatchObject({ value: r4(3_125, RESIDENTS, 1000), numerator: 3_125, denominator: RESIDENTS, unit: '个/千人' });
      expect(published(all.value)).toBe(3.85);
      const filed = find(divisions, HUANCUI, 'placesPer1000Filed')!;
      expect(filed).toMatchObject({ value: r4(1_600, RESIDENTS, 1000), numerator: 1_600, filedOnlyOf: 'placesPer1000' });
      expect(published(filed.value)).toBe(1.97);
      expect(find(divisions, HUANCUI, 'kindergartenClassPlaces')?.value).toBe(310);
      expect(divisions[0]!.supply).toMatchObject({ places: 3_125, filedPlaces: 1_600, kindergartenPlaces: 310, residentPopulation: RESIDENTS });
    });

    it('备案率 50%: 10 filed of 20 registered', () => {
      expect(find(divisions, HUANCUI, 'filingRate')).toMatchObject({ value: 50, numerator: 10, denominator: 20 });
    });

    it('counts each child once: 830 children on 831 roster lines, 415 of them in filed institutions', () => {
      expect(find(divisions, HUANCUI, 'enrolledChildren')?.value).toBe(830);
      expect(find(divisions, HUANCUI, 'rosterEntries')?.value).toBe(831);
      expect(find(divisions, HUANCUI, 'enrolledChildrenFiled')).toMatchObject({ value: 5 * 42 + 5 * 41, filedOnlyOf: 'enrolledChildren' });
      expect(find(divisions, HUANCUI, 'enrolledUnder3')?.value).toBe(830);
      expect(find(divisions, HUANCUI, 'rosterSubmissionRate')).toMatchObject({ value: 100, numerator: 20, denominator: 20 });
    });

    it('托位使用率 26.56% (830 / 3,125) and 入托率 6.07% (830 / 13,674), with the filed-only rates beside', () => {
      const utilisation = find(divisions, HUANCUI, 'placeUtilisation')!;
      expect(utilisation).toMatchObject({ value: 26.56, numerator: 830, denominator: 3_125, group: '收托与补助' });
      const enrolment = find(divisions, HUANCUI, 'enrolmentRate')!;
      expect(enrolment).toMatchObject({ value: r4(830, UNDER3, 100), numerator: 830, denominator: UNDER3 });
      expect(published(enrolment.value)).toBe(6.07);
      expect(find(divisions, HUANCUI, 'placeUtilisationFiled')).toMatchObject({ value: r4(415, 1_600, 100), filedOnlyOf: 'placeUtilisation' });
      expect(find(divisions, HUANCUI, 'enrolmentRateFiled')).toMatchObject({ value: r4(415, UNDER3, 100), filedOnlyOf: 'enrolmentRate' });
    });

    it('gives each street its own figures, the child on two rosters once in each street', () => {
      // Institution 0 is in 环翠楼街道, institution 1 in 鲸园街道: the shared child is in both streets.
      const street = (code: string, key: string) => find(divisions, code, key)?.value;
      const enrolled = STREETS.map((s) => street(s, 'enrolledChildren')!);
      expect(enrolled.reduce((a, b) => a + b, 0)).toBe(831);
      expect(street(STREETS[0]!, 'placesPer1000')).toBeNull(); // no street population loaded
      const streetPlaces = (s: number) => PLACES.filter((_, i) => i % STREETS.length === s).reduce((a, b) => a + b, 0);
      for (const [s, code] of STREETS.entries()) expect(divisions.find((d) => d.divisionCode === code)?.supply.places).toBe(streetPlaces(s));
    });

    it('compares the district with its city (威海市), counted the same way over the whole city', () => {
      expect(city).toMatchObject({ divisionCode: CITY, level: 'city', supply: { places: 3_125, residentPopulation: CITY_RESIDENTS } });
      expect(find([city!], CITY, 'placesPer1000')).toMatchObject({ value: r4(3_125, CITY_RESIDENTS, 1000), numerator: 3_125 });
      expect(find([city!], CITY, 'filingRate')).toMatchObject({ value: 50, numerator: 10, denominator: 20 });
      // The subsidy service's figures and the ratios computed from them reach the city too.
      expect(find([city!], CITY, 'enrolledChildren')?.value).toBe(830);
      expect(find([city!], CITY, 'enrolmentRate')).toMatchObject({ numerator: 830, denominator: 40_000 });
    });

    it('judges the district by the national 每千人口托位数 target in force for it: 3.85 is short of 4.5', () => {
      expect(divisions[0]!.targets).toHaveLength(1);
      expect(divisions[0]!.targets[0]).toMatchObject({
        indicatorKey: 'placesPer1000',
        value: 4.5,
        byYear: 2025,
        actual: r4(3_125, RESIDENTS, 1000),
        met: false,
        rule: { jurisdiction: '000000', version: 'national-childcare-targets/2021.1' },
      });
      expect(divisions[0]!.targets[0]!.rule.source).toContain('发改社会〔2021〕1946号');
      expect(divisions[0]!.supply).toMatchObject({ targetPerThousand: 4.5, targetPlaces: Math.ceil((RESIDENTS * 4.5) / 1000) });
    });

    it('names each definition and its source: the national plan and rules, never this district as a sample figure', () => {
      const county = divisions[0]!;
      expect(find(divisions, HUANCUI, 'placesPer1000')!.source).toContain('《“十四五”公共服务规划》');
      expect(find(divisions, HUANCUI, 'placesPer1000')!.source).toContain('4.5');
      expect(find(divisions, HUANCUI, 'filingRate')!.source).toContain('国卫办人口发〔2019〕25号');
      for (const i of county.indicators) {
        expect(i.definition.length, i.key).toBeGreaterThan(5);
        expect(i.source.length, i.key).toBeGreaterThan(3);
        expect(i.source, i.key).not.toContain('环翠');
      }
      // Every filed-only figure stands beside the one over all operating institutions.
      const keys = new Set(county.indicators.map((i) => i.key));
      const filedOnly = county.indicators.filter((i) => i.filedOnlyOf);
      expect(filedOnly.map((i) => i.key).sort()).toEqual(
        ['enrolledChildrenFiled', 'enrolledUnder3Filed', 'enrolmentRateFiled', 'placeUtilisationFiled', 'placesPer1000Filed', 'streetCoverageFiled'].sort(),
      );
      for (const i of filedOnly) expect(keys.has(i.filedOnlyOf!), i.key).toBe(true);
    });
  });

  describe('厦门市 (350200): 15,700 places in 310 institutions, 100 filed', () => {
    // 《2022年厦门市国民经济和社会发展统计公报》: 年末常住人口 530.80 万人. With it 15,700 places give
    // 15,700 / 5,308,000 × 1000 = 2.958 → 2.96, Xiamen's published figure (the 2021 figure, 528 万,
    // would give 2.97; 2024's 535 万, 2.93).
    const XIAMEN = '350200';
    const SIMING = '350203';
    const STREETS = ['350203001', '350203006']; // 厦港街道, 鹭江街道 (思明区)
    const RESIDENTS = 5_308_000;
    const COUNT = 310;
    // 200 institutions of 51 places and 110 of 50: 15,700. Every third of the first 300 is filed (100).
    const placesOf = (i: number): number => (i < 200 ? 51 : 50);
    const isFiled = (i: number) => i % 3 === 0 && i < 300;
    let divisions: Division[];

    beforeAll(async () => {
      // The city's own systems, as department systems connect: API clients of the city's market
      // regulation and health bureaus, scoped to 厦门市.
      const admin = await auth('admin');
      const client = async (department: string, scopes: string[]) => {
        const created = await http()
          .post('/api/v1/admin/api-clients')
          .set(admin)
          .send({ name: `厦门市${department === 'market' ? '市场监管' : '卫生健康'}业务系统`, department, divisions: [XIAMEN], scopes })
          .expect(201);
        const token = await http()
          .post('/api/v1/auth/token')
          .send({ grant_type: 'client_credentials', client_id: created.body.clientId, client_secret: created.body.clientSecret })
          .expect(200);
        return { authorization: `Bearer ${token.body.accessToken}` };
      };
      const market = await client('market', ['POST /api/v1/institutions', 'POST /api/v1/institutions/{id}/filings']);
      const health = await client('health', ['POST /api/v1/filings/{id}/decision', 'PUT /api/v1/population', 'GET /api/v1/indicators']);

      // No bulk registration route exists: one POST per institution, eight at a time (about 17 s
      // for the 410 writes on an idle two-core machine; the hook's timeout bounds it).
      const ids = await inPool(
        Array.from({ length: COUNT }, (_, i) => i),
        8,
        (i) =>
          register(market, {
            name: `厦门测试托育园${i + 1}`,
            divisionCode: STREETS[i % STREETS.length],
            address: `厦门市思明区测试路 ${i + 1} 号`,
            operatorType: i % 10 === 5 ? 'kindergarten' : 'private',
            registeredOn: '2023-06-01',
            places: places(placesOf(i)),
          }).then((r) => r.id),
      );
      await inPool(
        ids.filter((_, i) => isFiled(i)),
        8,
        (id) => file(id, market, health),
      );
      await http()
        .put('/api/v1/population')
        .set(health)
        .send({
          rows: [
            {
              divisionCode: XIAMEN,
              year: 2022,
              residentPopulation: RESIDENTS,
              childrenUnder3: 150_000,
              source: '《2022年厦门市国民经济和社会发展统计公报》年末常住人口 530.80 万人（3 岁以下婴幼儿数为测试值）',
            },
          ],
        })
        .expect(200);
      divisions = await indicators(health, XIAMEN);
    }, 180_000);

    it('每千人口托位数 2.96 from the raw counts of the whole city (filed or not)', () => {
      const total = Array.from({ length: COUNT }, (_, i) => placesOf(i)).reduce((a, b) => a + b, 0);
      expect(total).toBe(15_700);
      const perThousand = find(divisions, XIAMEN, 'placesPer1000')!;
      expect(perThousand).toMatchObject({ value: r4(15_700, RESIDENTS, 1000), numerator: 15_700, denominator: RESIDENTS });
      expect(published(perThousand.value)).toBe(2.96);
      // Over filed institutions only, the figure would be far lower: it is its own indicator.
      const filedPlaces = Array.from({ length: COUNT }, (_, i) => (isFiled(i) ? placesOf(i) : 0)).reduce((a, b) => a + b, 0);
      expect(find(divisions, XIAMEN, 'placesPer1000Filed')).toMatchObject({ value: r4(filedPlaces, RESIDENTS, 1000), numerator: filedPlaces });
      expect(find(divisions, XIAMEN, 'filingRate')).toMatchObject({ value: r4(100, COUNT, 100), numerator: 100, denominator: COUNT });
      expect(find(divisions, XIAMEN, 'kindergartenClassPlaces')?.value).toBe(
        Array.from({ length: COUNT }, (_, i) => (i % 10 === 5 ? placesOf(i) : 0)).reduce((a, b) => a + b, 0),
      );
    });

    it("lists the city's districts after it, each with its own places", () => {
      expect(divisions[0]).toMatchObject({ divisionCode: XIAMEN, level: 'city' });
      expect(divisions.slice(1).map((d) => d.divisionCode)).toEqual(['350203', '350205', '350206', '350211', '350212', '350213']);
      const siming = divisions.find((d) => d.divisionCode === SIMING)!;
      expect(siming).toMatchObject({ level: 'county', supply: { places: 15_700 } });
      expect(find(divisions, SIMING, 'placesPer1000')?.value).toBeNull(); // the district's population is not loaded
      expect(divisions.find((d) => d.divisionCode === '350205')?.supply.places).toBe(0);
    });
  });

  describe('a past month, from the facts in force then (西湖区 330106)', () => {
    const XIHU = '330106';
    const STREET = '330106008';
    const PAST = addMonthsToMonth(MONTH, -2);
    const PAST_END = lastDayOfMonth(PAST);
    let health: Record<string, string>;
    let p: string, q: string, s: string;
    const under3 = (n: number) => makeResidentId(`${XIHU}${addDays(firstDayOfMonth(PAST), -(300 + n)).replace(/-/g, '')}${200 + n}`);
    // 40 months old in the past month: on a 托育 roster (up to 47 months), not under 3.
    const older = makeResidentId(`${XIHU}${addMonthsToMonth(PAST, -40).replace('-', '')}15301`);
    const entry = (idNumber: string) => ({ idNumber, birthOrder: 1, classType: 'older', careForm: 'full_day', daysAttended: 20 });

    beforeAll(async () => {
      const market = await auth('market.330106');
      health = await auth('health.330106');
      // P: registered in 2024 with 40 places, filed today, its places raised to 60 today.
      p = (await register(market, { divisionCode: STREET, registeredOn: '2024-01-10', places: places(40) })).id;
      await file(p, market, health);
      await http()
        .patch(`/api/v1/institutions/${p}`)
        .set(market)
        .send({ places: places(60), reason: '扩班' })
        .expect(200);
      // Q: registered in 2024, stopped operating ten days before the past month began.
      q = (await register(market, { divisionCode: STREET, registeredOn: '2024-03-01', places: places(35) })).id;
      // S: registered in 2024, stopped operating five days after the past month ended.
      s = (await register(market, { divisionCode: STREET, registeredOn: '2024-02-01', places: places(30) })).id;
      for (const [id, effectiveOn] of [
        [q, addDays(firstDayOfMonth(PAST), -10)],
        [s, addDays(PAST_END, 5)],
      ] as const) {
        await http().post(`/api/v1/institutions/${id}/deregistration`).set(market).send({ reason: '停止办学', effectiveOn }).expect(200);
      }
      // R: registered today, after the past month.
      await register(market, { divisionCode: STREET, places: places(25) });
      // A 成长驿站 registered in 2024: not a 托育机构, counted nowhere.
      await register(market, { divisionCode: STREET, registeredOn: '2024-01-01', operatorType: 'growth_station', places: places(10) });
      const rows = [...new Set([Number(PAST.slice(0, 4)), YEAR])].map((year) => ({
        divisionCode: XIHU,
        year,
        residentPopulation: 100_000,
        childrenUnder3: 2_000,
        source: '测试',
      }));
      await http().put('/api/v1/population').set(health).send({ rows }).expect(200);
      await subsidyKnows(XIHU, 5, 1);
      await eventually(
        'the subsidy service knows both deregistrations',
        async () =>
          (await stack.sql('subsidy', `SELECT 1 FROM $schema.institution_replica WHERE deregistered_on IS NOT NULL AND division_code LIKE '330106%'`))
            .length === 2,
        30_000,
      );
    }, 120_000);

    it('counts an institution from its registration day until its deregistration, with the places it had then', async () => {
      const past = await indicators(health, XIHU, PAST);
      // P (40 places then, not yet filed) and S (deregistered only after the month): 70 places.
      expect(past[0]!.supply).toMatchObject({ places: 70, filedPlaces: 0 });
      expect(find(past, XIHU, 'placesPer1000')).toMatchObject({ value: 0.7, numerator: 70 });
      expect(find(past, XIHU, 'filingRate')).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
      expect(find(past, XIHU, 'placesPer1000Filed')).toMatchObject({ value: 0, numerator: 0 });

      // Now: P (60 places, filed) and R (registered today); Q and S deregistered.
      const now = await indicators(health, XIHU);
      expect(now[0]!.supply).toMatchObject({ places: 85, filedPlaces: 60 });
      expect(find(now, XIHU, 'filingRate')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });

      // Mid-2024: P, Q and S operating, none filed.
      const y2024 = await indicators(health, XIHU, '2024-06');
      expect(y2024[0]!.supply.places).toBe(40 + 35 + 30);
      expect(find(y2024, XIHU, 'filingRate')).toMatchObject({ value: 0, denominator: 3 });
      // Before any registration: nothing.
      const before = await indicators(health, XIHU, '2023-12');
      expect(before[0]!.supply.places).toBe(0);
      expect(find(before, XIHU, 'filingRate')?.value).toBeNull();
    });

    it("takes the past month's rosters of institutions operating then, filed or not, and refuses one that had stopped", async () => {
      const admin = await auth('admin');
      const put = (id: string, children: unknown[]) => http().put(`/api/v1/institutions/${id}/rosters/${PAST}`).set(admin).send({ openDays: 21, children });
      // P was not filed in that month: its roster is taken all the same.
      expect((await put(p, [entry(under3(1)), entry(under3(2)), entry(older)])).status).toBe(200);
      expect((await put(s, [entry(under3(2))])).status).toBe(200);
      const refused = await put(q, [entry(under3(3))]);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('INSTITUTION_DEREGISTERED');

      const past = await indicators(health, XIHU, PAST);
      // Three children on four lines; the one of 40 months is 在托 but not under 3.
      expect(find(past, XIHU, 'enrolledChildren')?.value).toBe(3);
      expect(find(past, XIHU, 'rosterEntries')?.value).toBe(4);
      expect(find(past, XIHU, 'enrolledUnder3')?.value).toBe(2);
      expect(find(past, XIHU, 'enrolledChildrenFiled')?.value).toBe(0); // P was filed only later
      expect(find(past, XIHU, 'placeUtilisation')).toMatchObject({ value: r4(3, 70, 100), numerator: 3, denominator: 70 });
      expect(find(past, XIHU, 'enrolmentRate')).toMatchObject({ value: 0.1, numerator: 2, denominator: 2_000 });
      expect(find(past, XIHU, 'rosterSubmissionRate')).toMatchObject({ value: 100, numerator: 2, denominator: 2 });
      // This month: no roster yet.
      const now = await indicators(health, XIHU);
      expect(find(now, XIHU, 'enrolledChildren')?.value).toBe(0);
      expect(find(now, XIHU, 'placeUtilisation')).toMatchObject({ value: 0, numerator: 0, denominator: 85 });
    });

    it('refuses a registration dated in the future and a deregistration before the registration, naming the field', async () => {
      const market = await auth('market.330106');
      const future = await http()
        .post('/api/v1/institutions')
        .set(market)
        .send(institutionRequest({ divisionCode: STREET, registeredOn: addDays(TODAY, 1) }));
      expect(future.status).toBe(400);
      expect(future.body.details[0]).toMatchObject({ field: 'registeredOn', code: 'DATE_IN_FUTURE' });
      const late = await register(market, { divisionCode: STREET, registeredOn: '2025-05-01' });
      expect(late.registeredOn).toBe('2025-05-01');
      const early = await http().post(`/api/v1/institutions/${late.id}/deregistration`).set(market).send({ reason: '测试', effectiveOn: '2025-04-30' });
      expect(early.status).toBe(400);
      expect(early.body.details[0]).toMatchObject({ field: 'effectiveOn', code: 'BEFORE_REGISTRATION' });
    });
  });
  describe('development targets (发展目标) by jurisdiction', () => {
    const target = (jurisdiction: string, value: number, version: string, indicator = 'placesPer1000') =>
      ruleDocumentRequest({
        documentKey: version.split('/')[0],
        jurisdiction,
        title: '西湖区婴幼儿照护服务发展目标（测试）',
        effectiveFrom: '2020-01-01',
        source: { title: '西湖区测试用区级文件', documentNo: '测〔2020〕1号' },
        rule: { key: 'placesPer1000', title: '每千人口托位数（区级目标）', body: { indicator, value, direction: 'atLeast', byYear: 2027 } },
      });

    it("gives 拱墅区 its own 4.6 in place of the nation's 4.5, and its 健康管理率 target without a figure the platform does not hold", async () => {
      const [gongshu] = await indicators(await auth('admin'), '330105');
      expect(gongshu!.targets.map((t) => [t.indicatorKey, t.value, t.rule.jurisdiction, t.met])).toEqual([
        ['placesPer1000', 4.6, '330105', null],
        ['healthManagementRate', 95, '330105', null],
      ]);
      expect(gongshu!.supply.targetPerThousand).toBe(4.6);
    });

    it("lets a district's health bureau publish a target for its own district only: the district's dashboard then uses it", async () => {
      const xihu = await auth('health.330106');
      const elsewhere = await http()
        .post('/api/v1/indicator-targets')
        .set(await auth('health.371002'))
        .send(target('330106', 5, 'huancui-for-xihu/2020.1'));
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.body.code).toBe('DIVISION_OUT_OF_SCOPE');
      const national = await http()
        .post('/api/v1/indicator-targets')
        .set(xihu)
        .send(target('000000', 5, 'xihu-national/2020.1'));
      expect(national.body.code).toBe('DIVISION_OUT_OF_SCOPE');
      const market = await http()
        .post('/api/v1/indicator-targets')
        .set(await auth('market.330106'))
        .send(target('330106', 5, 'xihu-market/2020.1'));
      expect(market.status).toBe(403);
      const bad = await http()
        .post('/api/v1/indicator-targets')
        .set(xihu)
        .send(target('330106', 5, 'xihu-bad/2020.1', 'nope'));
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['rules.0.body.indicator']);

      const before = await indicators(xihu, '330106');
      expect(before[0]!.targets.map((t) => t.value)).toEqual([4.5]);
      const published = await http()
        .post('/api/v1/indicator-targets')
        .set(xihu)
        .send(target('330106', 5, 'xihu-targets/2020.1'));
      expect(published.status, JSON.stringify(published.body)).toBe(201);
      expect(published.body).toMatchObject({ family: 'target', jurisdiction: '330106', origin: 'published' });
      const after = await indicators(xihu, '330106');
      // The district and each of its streets are judged by the district's target; 杭州's other districts keep the nation's.
      for (const d of after)
        expect(
          d.targets.map((t) => [t.value, t.rule.version]),
          d.divisionCode,
        ).toEqual([[5, 'xihu-targets/2020.1']]);
      expect(after[0]!.supply.targetPerThousand).toBe(5);
      expect((await indicators(await auth('admin'), '330108'))[0]!.targets.map((t) => t.value)).toEqual([4.5]);
      const effective = await http().get('/api/v1/rules/effective').query({ family: 'target', divisionCode: '330106001' }).set(xihu).expect(200);
      expect(effective.body.rules[0]).toMatchObject({
        key: 'placesPer1000',
        from: { jurisdiction: '330106' },
        replaced: [{ from: { jurisdiction: '000000' } }],
      });
    });
  });
});
