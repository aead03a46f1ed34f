// GET /api/v1/indicators with every service running: the registry's figures plus the staff,
// inspection, credit and subsidy services' contributions (`<service>.indicators.compute`),
// merged by division, each checked against what was put in through the API.
import { randomInt } from 'node:crypto';
import { addDays, makeResidentId, shanghaiToday } from '@shanyu/common';
import { compliantFilingSubmission, eventually, institutionRequest } from '@shanyu/testing';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startTestStack } from '../support/stack.js';

const MONTH = shanghaiToday().slice(0, 7);
const SANDUN = '330106109';
const CUIYUAN = '330106004';

interface Indicator {
  key: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
  definition: string;
  source: string;
  group?: string;
}
interface Division {
  divisionCode: string;
  indicators: Indicator[];
}

describe('indicators (指标) merged from every service', () => {
  let stack: Stack;
  let http: ReturnType<typeof request>;
  const auth = (username: string) => stack.auth(username);
  let a: string, b: string;

  const indicators = async (divisionCode = '330106'): Promise<Division[]> =>
    (
      await http
        .get('/api/v1/indicators')
        .query({ divisionCode, month: MONTH })
        .set(await auth('health.330106'))
        .expect(200)
    ).body.divisions;
  const find = (divisions: Division[], code: string, key: string) => divisions.find((d) => d.divisionCode === code)?.indicators.find((i) => i.key === key);

  const fileInstitution = async (divisionCode: string, places: { infant: number; toddler: number; older: number; mixed: number }) => {
    const operator = await auth('operator.demo');
    const created = (await http.post('/api/v1/institutions').set(operator).send(institutionRequest({ divisionCode, places })).expect(201)).body;
    const filing = (await http.post(`/api/v1/institutions/${created.id}/filings`).set(operator).send(compliantFilingSubmission()).expect(201)).body;
    await http
      .post(`/api/v1/filings/${filing.id}/decision`)
      .set(await auth('health.330106'))
      .send({ decision: 'approve' })
      .expect(200);
    return created.id as string;
  };

  beforeAll(async () => {
    stack = await startTestStack({
      services: ['registry', 'staff', 'inspection', 'credit', 'subsidy'],
      startOptions: { staff: { eventsFrom: 'new' }, inspection: { eventsFrom: 'new' }, credit: { eventsFrom: 'new' }, subsidy: { eventsFrom: 'new' } },
    });
    http = stack.http;

    a = await fileInstitution(SANDUN, { infant: 0, toddler: 10, older: 20, mixed: 0 });
    b = await fileInstitution(CUIYUAN, { infant: 0, toddler: 20, older: 20, mixed: 0 });
    await http
      .put('/api/v1/population')
      .set(await auth('health.330106'))
      .send({
        rows: [{ divisionCode: SANDUN, year: Number(MONTH.slice(0, 4)), residentPopulation: 40_000, childrenUnder3: 1_000, source: '测试' }],
      })
      .expect(200);
    // Every service has its copy of both institutions once the subsidy service counts them operating
    // and the staff and inspection services accept work on them.
    await eventually(
      'the subsidy replica has both institutions',
      async () => find(await indicators(), '330106', 'rosterSubmissionRate')?.denominator === 2,
      30_000,
    );

    const child = () => ({
      idNumber: makeResidentId(`330106${addDays(shanghaiToday(), -400).replace(/-/g, '')}${randomInt(100, 999)}`),
      birthOrder: 1,
      classType: 'older',
      careForm: 'full_day',
      daysAttended: 18,
    });
    await http
      .put(`/api/v1/institutions/${a}/rosters/${MONTH}`)
      .set(await auth('operator.demo'))
      .send({ openDays: 20, children: [child(), child(), child()] })
      .expect(200);

    await eventually(
      'the staff service knows institution A',
      async () => {
        const res = await http
          .post(`/api/v1/institutions/${a}/staff`)
          .set(await auth('operator.demo'))
          .send({
            role: 'carer',
            name: '王丽',
            idNumber: makeResidentId(`3301061990${String(randomInt(1, 12)).padStart(2, '0')}15${randomInt(100, 999)}`),
            startDate: addDays(shanghaiToday(), -30),
            classType: 'older',
          });
        return res.status === 201;
      },
      30_000,
    );

    await eventually(
      'the inspection service knows institution B',
      async () =>
        (await http.post('/api/v1/public/complaints').send({ institutionId: b, category: 'fees', description: '收费比公示的价格高，未出具收据' })).status ===
        201,
      30_000,
    );
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("adds every service's indicators, with definition, source and group, to the district and each street", async () => {
    const divisions = await indicators();
    expect(divisions.length).toBe(13);
    const keys = [
      'staffCertificateRate',
      'recheckOverdue',
      'inspectionCompletion',
      'rectificationOnTimeRate',
      'complaintsReceived',
      'creditGradeA',
      'creditGradeD',
      'enrolledChildren',
      'placeUtilisation',
      'subsidyPaidFen',
    ];
    for (const division of divisions) {
      for (const key of keys) {
        const i = find(divisions, division.divisionCode, key);
        expect(i, `${division.divisionCode} ${key}`).toBeDefined();
        expect(i!.definition.length).toBeGreaterThan(5);
        expect(i!.source.length).toBeGreaterThan(3);
        expect(i!.group).toBeTruthy();
      }
    }
  });

  it("counts enrolment from the month's roster: 在托, 托位使用率, 名册报送率 and 入托率 against the population", async () => {
    const divisions = await indicators();
    expect(find(divisions, SANDUN, 'enrolledChildren')?.value).toBe(3);
    expect(find(divisions, '330106', 'enrolledChildren')?.value).toBe(3);
    expect(find(divisions, CUIYUAN, 'enrolledChildren')?.value).toBe(0);
    expect(find(divisions, SANDUN, 'placeUtilisation')).toMatchObject({ value: 10, numerator: 3, denominator: 30 });
    expect(find(divisions, SANDUN, 'placeUtilisationFiled')).toMatchObject({ value: 10, numerator: 3, denominator: 30 });
    expect(find(divisions, '330106', 'placeUtilisation')).toMatchObject({ value: 4.2857, numerator: 3, denominator: 70 });
    expect(find(divisions, '330106', 'rosterSubmissionRate')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(find(divisions, SANDUN, 'enrolmentRate')).toMatchObject({ value: 0.3, numerator: 3, denominator: 1_000 });
    expect(find(divisions, CUIYUAN, 'enrolmentRate')?.value).toBeNull(); // no population loaded there
    expect(find(divisions, SANDUN, 'subsidyPaidFen')?.value).toBe(0); // nothing posted yet
  });

  it("counts staff, complaints and credit grades by the institution's street", async () => {
    const divisions = await eventually(
      'the complaint and the staff member are counted',
      async () => {
        const d = await indicators();
        return find(d, SANDUN, 'activeStaff')?.value === 1 &&
          find(d, CUIYUAN, 'complaintsReceived')?.value === 1 &&
          find(d, '330106', 'creditGradeB')?.denominator === 2
          ? d
          : null;
      },
      15_000,
    );
    // A carer without a 保育师/育婴员 certificate: one required, none held.
    expect(find(divisions, SANDUN, 'staffCertificateRate')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    expect(find(divisions, CUIYUAN, 'staffCertificateRate')?.value).toBeNull();
    expect(find(divisions, '330106', 'complaintsReceived')?.value).toBe(1);
    expect(find(divisions, SANDUN, 'complaintsReceived')?.value).toBe(0);
    expect(find(divisions, '330106', 'inspectionCompletion')).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    const graded = (code: string) => (['A', 'B', 'C', 'D'] as const).reduce((n, g) => n + (find(divisions, code, `creditGrade${g}`)?.value ?? 0), 0);
    // Every grade count shares one denominator: the institutions graded in the division.
    expect(find(divisions, '330106', 'creditGradeA')?.denominator).toBe(graded('330106'));
    // Both filed institutions are graded (a new institution starts at B under the model) and counted in their street.
    expect(graded('330106')).toBe(2);
    expect(graded(SANDUN)).toBe(1);
    expect(graded(CUIYUAN)).toBe(1);
  });

  it('counts a completed joint visit, its open finding and the penalty for it', async () => {
    const fire = await auth('fire.330106');
    const inspector = async (name: string, username?: string) =>
      (
        await http
          .post('/api/v1/inspectors')
          .set(fire)
          .send({ name, badgeNo: `浙消指标${randomInt(100_000)}`, divisionCodes: ['330106'], ...(username ? { username } : {}) })
          .expect(201)
      ).body.id as string;
    const ids = [await inspector('王检查', 'fire.330106'), await inspector('李检查')];
    const inspection = await eventually(
      'the inspection service knows institution A',
      async () => {
        const res = await http
          .post('/api/v1/inspections')
          .set(await auth('street.330106109'))
          .send({ institutionId: a, kind: 'adhoc', departments: [{ department: 'fire', inspectorIds: ids }] });
        return res.status === 201 ? res.body : null;
      },
      30_000,
    );
    const form = (await http.get(`/api/v1/inspections/${inspection.id}/form`).set(fire).expect(200)).body as {
      areas: { items: { code: string; department: string }[] }[];
    };
    const items = form.areas
      .flatMap((x) => x.items)
      .filter((i) => i.department === 'fire')
      .map((i) => i.code);
    const lists = (await http.get('/api/v1/checklists').query({ kind: 'penalty', department: 'fire' }).set(fire).expect(200)).body as {
      penaltyItems: { code: string; relatedItems: string[]; kinds: string[]; fineMinFen: number }[];
    }[];
    const penaltyItem = lists.flatMap((l) => l.penaltyItems).find((p) => p.kinds.includes('fine') && p.relatedItems.some((c) => items.includes(c)))!;
    const failed = penaltyItem.relatedItems.find((c) => items.includes(c))!;
    await http
      .put(`/api/v1/inspections/${inspection.id}/results`)
      .set(fire)
      .send({
        results: items.map((code) => (code === failed ? { itemCode: code, result: 'fail', note: '安全出口被锁闭' } : { itemCode: code, result: 'pass' })),
      })
      .expect(200);
    await http.post(`/api/v1/inspections/${inspection.id}/sign-off`).set(fire).send({}).expect(200);
    const [finding] = (await http.get('/api/v1/rectifications').query({ institutionId: a }).set(fire).expect(200)).body.items as { id: string }[];
    await http
      .post('/api/v1/penalties')
      .set(fire)
      .send({
        findingId: finding!.id,
        penaltyItemCode: penaltyItem.code,
        kinds: ['fine'],
        fineFen: penaltyItem.fineMinFen,
        decisionNo: `西消行罚决字〔2026〕${randomInt(10_000)}号`,
        reason: '锁闭安全出口',
      })
      .expect(201);

    const divisions = await indicators();
    for (const code of ['330106', SANDUN]) {
      expect(find(divisions, code, 'inspectionCompletion'), code).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
      expect(find(divisions, code, 'inspectionsCompleted')?.value).toBe(1);
      expect(find(divisions, code, 'findingsOpen')?.value).toBe(1);
      expect(find(divisions, code, 'findingsOverdue')?.value).toBe(0); // the deadline is working days away
      expect(find(divisions, code, 'penaltiesIssued')?.value).toBe(1);
      expect(find(divisions, code, 'penaltyFinesFen')).toMatchObject({ value: penaltyItem.fineMinFen, unit: '分' });
    }
    expect(find(divisions, CUIYUAN, 'findingsOpen')?.value).toBe(0);
    // A month before: nothing of this happened yet.
    const before = (
      await http
        .get('/api/v1/indicators')
        .query({ divisionCode: SANDUN, month: '2020-01' })
        .set(await auth('health.330106'))
        .expect(200)
    ).body.divisions as Division[];
    expect(find(before, SANDUN, 'findingsOpen')?.value).toBe(0);
    expect(find(before, SANDUN, 'penaltiesIssued')?.value).toBe(0);
  });

  it('a street request carries the street only, and another district is refused', async () => {
    const street = await indicators(SANDUN);
    expect(street.map((d) => d.divisionCode)).toEqual([SANDUN]);
    expect(find(street, SANDUN, 'enrolledChildren')?.value).toBe(3);
    const other = await http
      .get('/api/v1/indicators')
      .query({ divisionCode: '330106' })
      .set(await auth('health.371002'));
    expect(other.status).toBe(403);
  });
});
