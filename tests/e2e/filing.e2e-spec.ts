import { randomUUID } from 'node:crypto';
import { chinaWorkingDayCalendar } from '@shanyu/common';
import { RegistryEvents } from '@shanyu/contracts';
import { DurableEventConsumer } from '@shanyu/messaging';
import { compliantFilingSubmission, institutionRequest, testClock, testNatsUrl } from '@shanyu/testing';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector, testJetStream } from './events-support.js';
import { readPdf } from './pdf-reader.js';
import { PUBLIC_BASE_URL, type Stack, startStack, binaryBody } from './support.js';

const compliant = compliantFilingSubmission();

describe('filing (备案): submission, automatic check, decision, receipt, public register', () => {
  // The registry's clock: a Friday, so deadlines cross a weekend.
  const clock = testClock({ at: '2026-10-09T10:00:00+08:00' });
  let stack: Stack;
  let market: string, health: string, operator: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const register = async (overrides: Record<string, unknown> = {}, token = market) =>
    (await stack.http.post('/api/v1/institutions').set(auth(token)).send(institutionRequest(overrides)).expect(201)).body;
  const submit = (institutionId: string, body: object = compliant, token = market) =>
    stack.http.post(`/api/v1/institutions/${institutionId}/filings`).set(auth(token)).send(body);
  const decide = (filingId: string, body: object, token = health) => stack.http.post(`/api/v1/filings/${filingId}/decision`).set(auth(token)).send(body);
  const filedInstitution = async (overrides: Record<string, unknown> = {}) => {
    const institution = await register(overrides);
    const filing = (await submit(institution.id).expect(201)).body;
    const approved = (await decide(filing.id, { decision: 'approve' }).expect(200)).body;
    return { institution, filing: approved };
  };

  beforeAll(async () => {
    stack = await startStack({ now: clock.now });
    [market, health, operator] = await Promise.all(['market.330106', 'health.330106', 'operator.demo'].map((u) => stack.tokenFor(u)));
  });
  afterAll(async () => stack?.stop());

  it('stores the automatic check with every rule, its measured value, limit and source', async () => {
    const institution = await register();
    const res = await submit(institution.id).expect(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      institutionId: institution.id,
      receiptNo: null,
      check: { rulesetVersion: expect.stringContaining('xihu-childcare-notice/2021.1'), divisionCode: '330106109', rulesDate: '2026-10-09' },
    });
    expect(res.body.check.summary.fail).toBe(0);
    expect(res.body.check.summary.needs_review).toBe(0);
    const rule = res.body.check.results.find((r: { ruleId: string }) => r.ruleId === 'CLASS_INFANT');
    expect(rule).toMatchObject({
      outcome: 'pass',
      limit: expect.stringContaining('1:3'),
      source: '《托育机构设置标准（试行）》 国卫人口发〔2019〕58号 第十九条、第二十条',
      from: { documentKey: 'childcare-setting-standards', level: 'national', jurisdiction: '000000' },
    });
    const got = await stack.http.get(`/api/v1/filings/${res.body.id}`).set(auth(health)).expect(200);
    expect(got.body.check.results).toHaveLength(res.body.check.results.length);
    const inst = await stack.http.get(`/api/v1/institutions/${institution.id}`).set(auth(market)).expect(200);
    expect(inst.body.status).toBe('filing_submitted');
  });

  it('accepts missing facts (missing documents fail, the rest marked for review) but refuses malformed values, naming the field, storing nothing', async () => {
    const institution = await register();
    const sparse = await submit(institution.id, { mealsServed: false }).expect(201);
    expect(sparse.body.check.summary.needs_review).toBeGreaterThan(10);
    // Required documents and the 医育结合 signing (every Hangzhou institution has one) fail when missing.
    const failed = sparse.body.check.results
      .filter((r: { outcome: string }) => r.outcome === 'fail')
      .map((r: { ruleId: string }) => r.ruleId)
      .sort();
    expect(failed).toEqual([
      'DOC_FIRE',
      'DOC_HEALTH_EVALUATION',
      'DOC_LICENCE',
      'DOC_PREMISES',
      'DOC_STAFF_HEALTH',
      'DOC_STAFF_QUALIFICATIONS',
      'HEALTH_CENTRE',
    ]);
    expect(sparse.body.dueBy).toBe(sparse.body.noticeDueBy);
    const other = await register();
    const bad = await submit(other.id, {
      surveillance: { coversAllInfantAreas: true, runs24h: 'yes', retentionDays: -1 },
      classes: [{ type: 'nursery', size: 5, carers: 1 }],
    }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['classes.0.type', 'surveillance.retentionDays', 'surveillance.runs24h']);
    const list = await stack.http.get(`/api/v1/filings?institutionId=${other.id}`).set(auth(health)).expect(200);
    expect(list.body.total).toBe(0);
    expect((await submit(institution.id).expect(409)).body.code).toBe('FILING_ALREADY_SUBMITTED');
  });

  it('marks failing rules with the measured value (basement, ratio, retention)', async () => {
    const institution = await register({ floor: -1 });
    const body = {
      ...compliant,
      facility: { ...compliant.facility, livingRoomFloors: [-1] },
      classes: [{ type: 'infant', size: 10, carers: 3 }],
      surveillance: { ...compliant.surveillance, retentionDays: 30 },
    };
    const res = await submit(institution.id, body).expect(201);
    const failed = res.body.check.results
      .filter((r: { outcome: string }) => r.outcome === 'fail')
      .map((r: { ruleId: string }) => r.ruleId)
      .sort();
    expect(failed).toEqual(['CLASS_INFANT', 'NO_BASEMENT', 'SURVEILLANCE_RETENTION']);
    // With failures, the 15-working-day notice deadline applies.
    expect(res.body.dueBy).toBe(res.body.noticeDueBy);
  });

  it('counts deadlines in working days across a weekend and the National Day holiday', async () => {
    // Friday 2026-09-25 (中秋 holiday): +5 working days skips the weekend, 国庆 10/1–7 and counts 9/28 (Sun) and 10/10 (Sat) make-up days.
    clock.set('2026-09-25T09:00:00+08:00');
    const institution = await register();
    const res = await submit(institution.id).expect(201);
    // Working days after 9/25: 9/28 Mon, 9/29, 9/30, then 10/8 Thu, 10/9 Fri → 5th is 10/9.
    expect(res.body.receiptDueBy).toBe('2026-10-09');
    // 15 for the non-compliance notice: …10/9 (5), 10/10 Sat make-up (6), 10/12–16 (7–11), 10/19–22 (12–15).
    expect(res.body.noticeDueBy).toBe('2026-10-22');
    expect(chinaWorkingDayCalendar().addWorkingDays('2026-09-25', 15)).toBe('2026-10-22');
    expect(res.body.dueBy).toBe(res.body.receiptDueBy); // a compliant filing: the 5-day deadline applies
    clock.set('2026-10-09T10:00:00+08:00');
  });

  it('follows a holiday table an admin loads (2027) when counting deadlines', async () => {
    const admin = await stack.tokenFor('admin');
    const entries = ['06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday', name: '春节' }));
    entries.push({ date: '2027-02-14', kind: 'workday', name: '春节调休上班' });
    await stack.http.put('/api/v1/calendar/2027').set(auth(admin)).send({ source: '测试用 2027 年安排', entries }).expect(200);
    clock.set('2027-02-05T10:00:00+08:00'); // Friday before the holiday
    let due = '';
    for (let attempt = 0; attempt < 40 && due !== '2027-02-18'; attempt++) {
      const institution = await register();
      due = (await submit(institution.id).expect(201)).body.receiptDueBy;
      if (due !== '2027-02-18') await new Promise((r) => setTimeout(r, 250)); // the registry follows the event
    }
    // 2/14 (Sun, make-up workday) 1, 2/15 2, 2/16 3, 2/17 4, 2/18 5; without the table it would be 2/12.
    expect(due).toBe('2027-02-18');
    clock.set('2026-10-09T10:00:00+08:00');
  });

  it('lists overdue filings for the health bureau', async () => {
    clock.set('2026-09-01T10:00:00+08:00'); // long before today: due dates have passed
    const late = await register();
    const lateFiling = (await submit(late.id).expect(201)).body;
    clock.set('2026-10-09T10:00:00+08:00');
    const overdue = await stack.http.get('/api/v1/filings?overdue=true&pageSize=200').set(auth(health)).expect(200);
    const ids = overdue.body.items.map((f: { id: string }) => f.id);
    expect(ids).toContain(lateFiling.id);
    for (const f of overdue.body.items) expect(f.overdue).toBe(true);
  });

  it('lets only the district health bureau decide (403 for another department or district), changing nothing', async () => {
    const institution = await register();
    const filing = (await submit(institution.id).expect(201)).body;
    expect((await decide(filing.id, { decision: 'approve' }, market).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await decide(filing.id, { decision: 'approve' }, await stack.tokenFor('fire.330106')).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await decide(filing.id, { decision: 'approve' }, await stack.tokenFor('health.371002')).expect(403)).body.code).toBe('DIVISION_OUT_OF_SCOPE');
    const after = await stack.http.get(`/api/v1/filings/${filing.id}`).set(auth(health)).expect(200);
    expect(after.body.status).toBe('submitted');
    expect((await decide(randomUUID(), { decision: 'approve' }).expect(404)).body.code).toBe('FILING_NOT_FOUND');
  });

  it('approves with a readable receipt number; approving twice returns the same receipt', async () => {
    const institution = await register();
    const filing = (await submit(institution.id).expect(201)).body;
    const first = (await decide(filing.id, { decision: 'approve', comment: '材料齐全' }).expect(200)).body;
    expect(first.receiptNo).toMatch(/^330106-2026-\d{4}$/);
    expect(first.status).toBe('approved');
    const again = (await decide(filing.id, { decision: 'approve' }).expect(200)).body;
    expect(again.receiptNo).toBe(first.receiptNo);
    expect((await decide(filing.id, { decision: 'reject', reasons: [{ text: '改主意' }] }).expect(409)).body.code).toBe('FILING_NOT_SUBMITTED');
    const inst = (await stack.http.get(`/api/v1/institutions/${institution.id}`).set(auth(market)).expect(200)).body;
    expect(inst).toMatchObject({ status: 'filed', receiptNo: first.receiptNo });
  });

  it('rejects only with reasons tied to real rules; the operator may resubmit', async () => {
    const institution = await register({}, operator);
    const filing = (await submit(institution.id, { ...compliant, oneKeyAlarmLinked: false }, operator).expect(201)).body;
    expect((await decide(filing.id, { decision: 'reject' }).expect(400)).body.details[0].field).toBe('reasons');
    expect((await decide(filing.id, { decision: 'reject', reasons: [{ ruleId: 'NO_SUCH_RULE', text: 'x理由' }] }).expect(400)).body.details[0].field).toBe(
      'reasons.0.ruleId',
    );
    const rejected = (await decide(filing.id, { decision: 'reject', reasons: [{ ruleId: 'ONE_KEY_ALARM', text: '一键报警未联网' }] }).expect(200)).body;
    expect(rejected.status).toBe('rejected');
    expect((await stack.http.get(`/api/v1/institutions/${institution.id}`).set(auth(operator)).expect(200)).body.status).toBe('filing_rejected');
    const again = (await submit(institution.id, compliant, operator).expect(201)).body;
    expect(again.id).not.toBe(filing.id);
    expect((await stack.http.get(`/api/v1/filings?institutionId=${institution.id}`).set(auth(operator)).expect(200)).body.total).toBe(2);
  });

  it('renders a receipt PDF with the number as text and a QR code that verifies it', async () => {
    const { institution, filing } = await filedInstitution();
    const pdf = await stack.http.get(`/api/v1/filings/${filing.id}/receipt.pdf`).set(auth(health)).buffer(true).parse(binaryBody).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = await readPdf(pdf.body as Buffer);
    expect(read.pages).toBe(1);
    expect(read.text).toContain(filing.receiptNo);
    expect(read.text).toContain('托育机构备案回执');
    expect(read.text).toContain(institution.name);
    expect(read.text).toContain('2026-10-09'); // issued on the registry's day of the decision
    expect(read.text).toContain('西湖区卫生健康局'); // the issuing bureau of district 330106
    expect(read.qrCodes).toEqual([`${PUBLIC_BASE_URL}/api/v1/public/receipts/${filing.receiptNo}`]);

    const path = new URL(read.qrCodes[0]).pathname;
    const verified = (await stack.http.get(path).expect(200)).body;
    expect(verified).toMatchObject({ genuine: true, current: true, receipt: { receiptNo: filing.receiptNo } });
    expect(verified.receipt.uscc).toBeUndefined();
    const fake = (await stack.http.get('/api/v1/public/receipts/330106-2026-9999').expect(200)).body;
    expect(fake).toMatchObject({ genuine: false, current: false });
    const unfiled = await register();
    const noReceipt = await submit(unfiled.id).expect(201);
    expect((await stack.http.get(`/api/v1/filings/${noReceipt.body.id}/receipt.pdf`).set(auth(health)).expect(409)).body.code).toBe('FILING_NOT_APPROVED');
  });

  it("门牌码: a printable QR code that opens the institution's public page, only for an institution on the register", async () => {
    const { institution } = await filedInstitution();
    const png = await stack.http.get(`/api/v1/public/institutions/${institution.id}/door-code.png`).buffer(true).parse(binaryBody).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    const image = PNG.sync.read(png.body as Buffer);
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(decoded?.data).toBe(`${PUBLIC_BASE_URL}/public/institutions/${institution.id}`);
    // Registered but not filed: no public page, so no door code either.
    const unfiled = await register();
    expect((await stack.http.get(`/api/v1/public/institutions/${unfiled.id}/door-code.png`).expect(404)).body.code).toBe('INSTITUTION_NOT_FOUND');
  });

  it("deregistration ends the receipt's currency and removes the institution from the public register", async () => {
    const { institution, filing } = await filedInstitution();
    await stack.http.post(`/api/v1/institutions/${institution.id}/deregistration`).set(auth(market)).send({ reason: '停止办学' }).expect(200);
    const verified = (await stack.http.get(`/api/v1/public/receipts/${filing.receiptNo}`).expect(200)).body;
    expect(verified).toMatchObject({ genuine: true, current: false });
    await stack.http.get(`/api/v1/public/institutions/${institution.id}`).expect(404);
    expect((await stack.http.patch(`/api/v1/institutions/${institution.id}`).set(auth(market)).send({ name: '新名字' }).expect(409)).body.code).toBe(
      'INSTITUTION_DEREGISTERED',
    );
  });

  it("re-runs the check when a filed institution's facts change, and audits it", async () => {
    const { institution, filing } = await filedInstitution();
    await stack.http.patch(`/api/v1/institutions/${institution.id}`).set(auth(market)).send({ address: '新地址 1 号' }).expect(200);
    expect((await stack.http.get(`/api/v1/filings/${filing.id}`).set(auth(health)).expect(200)).body.recheckCount).toBe(0);
    const bigger = { infant: 10, toddler: 15, older: 20, mixed: 200 };
    await stack.http.patch(`/api/v1/institutions/${institution.id}`).set(auth(market)).send({ places: bigger, outdoorAreaM2: 20, reason: '扩班' }).expect(200);
    const rechecked = (await stack.http.get(`/api/v1/filings/${filing.id}`).set(auth(health)).expect(200)).body;
    expect(rechecked.recheckCount).toBe(1);
    expect(rechecked.check.results.find((r: { ruleId: string }) => r.ruleId === 'RESIDENTIAL_FACILITY').outcome).toBe('fail');
    const admin = await stack.tokenFor('admin');
    const trail = (await stack.http.get(`/api/v1/audit?entity=filing&id=${filing.id}`).set(auth(admin)).expect(200)).body;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['filing.submit', 'filing.approve', 'filing.recheck']);
  });

  it('普惠 and 示范: health bureau only, filed institutions only, recorded with price cap and places', async () => {
    const unfiled = await register();
    expect(
      (
        await stack.http
          .post(`/api/v1/institutions/${unfiled.id}/inclusive`)
          .set(auth(health))
          .send({ action: 'grant', priceCapFen: 180_000, inclusivePlaces: 20 })
          .expect(409)
      ).body.code,
    ).toBe('INSTITUTION_NOT_FILED');
    const { institution } = await filedInstitution();
    expect(
      (
        await stack.http
          .post(`/api/v1/institutions/${institution.id}/inclusive`)
          .set(auth(market))
          .send({ action: 'grant', priceCapFen: 180_000, inclusivePlaces: 20 })
          .expect(403)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(
      (
        await stack.http
          .post(`/api/v1/institutions/${institution.id}/inclusive`)
          .set(auth(health))
          .send({ action: 'grant', priceCapFen: 180_000, inclusivePlaces: 500 })
          .expect(422)
      ).body.code,
    ).toBe('INCLUSIVE_PLACES_EXCEED');
    expect(
      (
        await stack.http
          .post(`/api/v1/institutions/${institution.id}/inclusive`)
          .set(auth(health))
          .send({ action: 'grant', priceCapFen: 1800.5, inclusivePlaces: 20 })
          .expect(400)
      ).body.details[0].field,
    ).toBe('priceCapFen');
    const granted = (
      await stack.http
        .post(`/api/v1/institutions/${institution.id}/inclusive`)
        .set(auth(health))
        .send({ action: 'grant', priceCapFen: 180_000, inclusivePlaces: 20, decisionNo: '西卫〔2026〕12号' })
        .expect(200)
    ).body;
    expect(granted.inclusive).toMatchObject({ priceCapFen: 180_000, inclusivePlaces: 20 });
    const demo = (await stack.http.post(`/api/v1/institutions/${institution.id}/demonstration`).set(auth(health)).send({ year: 2026 }).expect(200)).body;
    expect(demo.demonstrations).toEqual([expect.objectContaining({ year: 2026, places: institution.totalPlaces })]);
    expect(
      (await stack.http.post(`/api/v1/institutions/${institution.id}/demonstration`).set(auth(health)).send({ year: 2026 }).expect(200)).body.demonstrations,
    ).toHaveLength(1);
    const pub = (await stack.http.get(`/api/v1/public/institutions/${institution.id}`).expect(200)).body;
    expect(pub).toMatchObject({ inclusive: { priceCapFen: 180_000, inclusivePlaces: 20 }, demonstrationYears: [2026] });
    expect(
      (await stack.http.post(`/api/v1/institutions/${institution.id}/inclusive`).set(auth(health)).send({ action: 'revoke' }).expect(400)).body.details[0]
        .field,
    ).toBe('reason');
    await stack.http.post(`/api/v1/institutions/${institution.id}/inclusive`).set(auth(health)).send({ action: 'revoke', reason: '超标收费' }).expect(200);
    expect((await stack.http.get(`/api/v1/public/institutions/${institution.id}`).expect(200)).body.inclusive).toBeNull();
  });

  it('the public register shows only filed institutions, without personal data, with filters', async () => {
    const tag = `公示${Date.now()}`;
    const { institution } = await filedInstitution({ name: `${tag}甲`, careForms: ['hourly'] });
    await register({ name: `${tag}乙` }); // registered, not filed
    const list = (await stack.http.get(`/api/v1/public/institutions?q=${encodeURIComponent(tag)}`).expect(200)).body;
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([institution.id]);
    const entry = list.items[0];
    for (const key of ['uscc', 'ownerUserId', 'version', 'nature']) expect(entry).not.toHaveProperty(key);
    expect(entry.receiptNo).toMatch(/^330106-/);
    expect(JSON.stringify(list)).not.toMatch(/\d{17}[\dX]/);
    expect((await stack.http.get(`/api/v1/public/institutions?q=${encodeURIComponent(tag)}&careForm=full_day`).expect(200)).body.total).toBe(0);
    expect((await stack.http.get(`/api/v1/public/institutions?q=${encodeURIComponent(tag)}&careForm=hourly&divisionCode=330106`).expect(200)).body.total).toBe(
      1,
    );
    expect((await stack.http.get('/api/v1/public/institutions?inclusive=maybe').expect(400)).body.details[0].field).toBe('inclusive');
  });

  it('the public register filters by 普惠: inclusive=true lists the granted institution, inclusive=false leaves it out', async () => {
    const tag = `普惠筛选${Date.now()}`;
    const { institution: granted } = await filedInstitution({ name: `${tag}甲` });
    const { institution: plain } = await filedInstitution({ name: `${tag}乙` });
    await stack.http
      .post(`/api/v1/institutions/${granted.id}/inclusive`)
      .set(auth(health))
      .send({ action: 'grant', priceCapFen: 160_000, inclusivePlaces: 10 })
      .expect(200);
    const ids = async (inclusive: string) =>
      (await stack.http.get(`/api/v1/public/institutions?q=${encodeURIComponent(tag)}&inclusive=${inclusive}`).expect(200)).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await ids('true')).toEqual([granted.id]);
    expect(await ids('false')).toEqual([plain.id]);
    const entry = (await stack.http.get(`/api/v1/public/institutions?q=${encodeURIComponent(tag)}&inclusive=true`).expect(200)).body.items[0];
    expect(entry.inclusive).toMatchObject({ priceCapFen: 160_000, inclusivePlaces: 10 });
  });

  it('population data: JSON rows, CSV import with line-numbered errors, scope', async () => {
    const rows = [
      { divisionCode: '330106', year: 2025, residentPopulation: 1_180_000, childrenUnder3: 29_500, source: '西湖区统计公报 2025' },
      { divisionCode: '330106109', year: 2025, residentPopulation: 160_000, childrenUnder3: 4_100, source: '三墩镇' },
    ];
    expect((await stack.http.put('/api/v1/population').set(auth(health)).send({ rows }).expect(200)).body).toEqual({ loaded: 2 });
    expect(
      (
        await stack.http
          .put('/api/v1/population')
          .set(auth(await stack.tokenFor('health.371002')))
          .send({ rows })
          .expect(403)
      ).body.code,
    ).toBe('DIVISION_OUT_OF_SCOPE');
    const csv = 'divisionCode,year,residentPopulation,childrenUnder3,source\n330106004,2025,90000,2100,翠苑街道\n330106005,20x5,80000,1900,古荡街道\n';
    const bad = await stack.http.post('/api/v1/population/import').set(auth(health)).set('content-type', 'text/csv').send(csv).expect(400);
    expect(bad.body.details[0].field).toBe('line 3: year');
    const good = csv.replace('20x5', '2025');
    expect((await stack.http.post('/api/v1/population/import').set(auth(health)).set('content-type', 'text/csv').send(good).expect(200)).body).toEqual({
      loaded: 2,
    });
    const listed = (await stack.http.get('/api/v1/population?year=2025').set(auth(health)).expect(200)).body;
    expect(listed.map((r: { divisionCode: string }) => r.divisionCode)).toEqual(expect.arrayContaining(['330106', '330106109', '330106004', '330106005']));
  });

  it('population data: an Excel (.xlsx) upload with Chinese headings, errors naming the sheet row, nothing stored until every row is right', async () => {
    const sheet = async (year: unknown) => {
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('人口数据');
      ws.addRow(['西湖区分街道人口（2024）']); // a title row above the header
      ws.addRow(['区划代码', '年份', '常住人口', '3岁以下婴幼儿数', '数据来源']);
      ws.addRow(['330106011', 2024, 70_000, 1_600, '留下街道']);
      ws.addRow(['330106012', year, 110_000, 2_700, '转塘街道']);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const upload = (file: Buffer) => stack.http.post('/api/v1/population/import').set(auth(health)).attach('file', file, 'population.xlsx');
    const bad = (await upload(await sheet('二〇二四')).expect(400)).body;
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details.map((d: { field: string }) => d.field)).toEqual(['row 4: year']);
    expect((await stack.http.get('/api/v1/population?year=2024').set(auth(health)).expect(200)).body).toEqual([]);
    expect((await upload(await sheet(2024)).expect(200)).body).toEqual({ loaded: 2 });
    const listed = (await stack.http.get('/api/v1/population?year=2024').set(auth(health)).expect(200)).body;
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ divisionCode: '330106011', residentPopulation: 70_000, childrenUnder3: 1_600, source: '留下街道' }),
        expect.objectContaining({ divisionCode: '330106012', residentPopulation: 110_000, childrenUnder3: 2_700, source: '转塘街道' }),
      ]),
    );
    const noHeader = (await upload(Buffer.from('a,b\n1,2\n')).expect(400)).body;
    expect(noHeader.details[0].field).toBe('(file)');
    const noFile = await stack.http.post('/api/v1/population/import').set(auth(health)).field('note', 'x').expect(400);
    expect(noFile.body.details[0].field).toBe('(file)');
    const broken = await stack.http
      .post('/api/v1/population/import')
      .set(auth(health))
      .set('content-type', 'multipart/form-data; boundary=x')
      .send('{"rows":[]}');
    expect(broken.status).toBe(400);
  });

  it('publishes submitted / approved / rejected events that a consumer receives once each', async () => {
    const seen: { subject: string; entityId: string }[] = [];
    const tester = await testJetStream(testNatsUrl()); // as the test: the registry does not follow its own events
    const consumer = new DurableEventConsumer({
      name: `test-filing-events-${randomUUID().slice(0, 8)}`,
      filterSubject: 'evt.registry.filing.>',
      dataSource: stack.registry.runtime.dataSource,
      js: tester.js,
      jsm: tester.jsm,
      logger: stack.registry.runtime.logger,
      handler: async (event) => {
        seen.push({ subject: event.subject, entityId: event.entityId });
      },
    });
    await consumer.start();
    try {
      const { filing } = await filedInstitution();
      const other = await register();
      const rejected = (await submit(other.id).expect(201)).body;
      await decide(rejected.id, { decision: 'reject', reasons: [{ text: '材料不实' }] }).expect(200);
      const wanted = [
        ['evt.registry.filing.submitted.v1', filing.id],
        ['evt.registry.filing.approved.v1', filing.id],
        ['evt.registry.filing.submitted.v1', rejected.id],
        ['evt.registry.filing.rejected.v1', rejected.id],
      ];
      for (let i = 0; i < 50 && !wanted.every(([s, id]) => seen.some((e) => e.subject === s && e.entityId === id)); i++)
        await new Promise((r) => setTimeout(r, 100));
      for (const [subject, id] of wanted) expect(seen.filter((e) => e.subject === subject && e.entityId === id)).toHaveLength(1);
    } finally {
      await consumer.stop();
      await tester.nc.drain();
    }
  });
  it('publishes rechecked / 普惠 granted and revoked / 示范 designated / deregistered events that a consumer of evt.registry.> sees once each', async () => {
    const events = await EventCollector.start(testNatsUrl(), 'evt.registry.>');
    try {
      const { institution, filing } = await filedInstitution();
      const places = { infant: 10, toddler: 15, older: 20, mixed: 5 };
      await stack.http.patch(`/api/v1/institutions/${institution.id}`).set(auth(market)).send({ places, reason: '增设混龄班' }).expect(200);
      await stack.http
        .post(`/api/v1/institutions/${institution.id}/inclusive`)
        .set(auth(health))
        .send({ action: 'grant', priceCapFen: 170_000, inclusivePlaces: 30, decisionNo: '西卫〔2026〕20号' })
        .expect(200);
      await stack.http.post(`/api/v1/institutions/${institution.id}/inclusive`).set(auth(health)).send({ action: 'revoke', reason: '超标收费' }).expect(200);
      await stack.http.post(`/api/v1/institutions/${institution.id}/demonstration`).set(auth(health)).send({ year: 2026 }).expect(200);
      await stack.http.post(`/api/v1/institutions/${institution.id}/demonstration`).set(auth(health)).send({ year: 2026 }).expect(200); // no second designation
      await stack.http
        .post(`/api/v1/institutions/${institution.id}/deregistration`)
        .set(auth(market))
        .send({ reason: '停止办学', effectiveOn: '2026-10-31' })
        .expect(200);

      await events.waitFor(RegistryEvents.institutionDeregistered, (e) => e.entityId === institution.id);
      await new Promise((r) => setTimeout(r, 500)); // room for a duplicate to show up
      const once = (subject: string, entityId: string) => {
        const found = events.of(subject, (e) => e.entityId === entityId);
        expect(found, subject).toHaveLength(1);
        return found[0]!;
      };
      const rechecked = once(RegistryEvents.filingRechecked, filing.id);
      expect(rechecked.data).toEqual({
        filingId: filing.id,
        institutionId: institution.id,
        changed: ['places'],
        summary: { pass: filing.check.results.length, fail: 0, needs_review: 0 },
      });
      const granted = once(RegistryEvents.inclusiveGranted, institution.id);
      expect(granted.actor).toMatchObject({ department: 'health' });
      expect(granted.data.institution).toMatchObject({
        id: institution.id,
        inclusive: { priceCapFen: 170_000, inclusivePlaces: 30, decisionNo: '西卫〔2026〕20号' },
      });
      const revoked = once(RegistryEvents.inclusiveRevoked, institution.id);
      expect(revoked.data).toMatchObject({ reason: '超标收费', institution: { id: institution.id, inclusive: null } });
      const designated = once(RegistryEvents.demonstrationDesignated, institution.id);
      expect(designated.data).toMatchObject({
        designation: { year: 2026, places: 50 },
        institution: { demonstrations: [expect.objectContaining({ year: 2026, places: 50 })] },
      });
      const deregistered = once(RegistryEvents.institutionDeregistered, institution.id);
      expect(deregistered.actor).toMatchObject({ department: 'market' });
      expect(deregistered.data).toMatchObject({
        reason: '停止办学',
        effectiveOn: '2026-10-31',
        institution: { id: institution.id, status: 'deregistered', inclusive: null },
      });
    } finally {
      await events.stop();
    }
  });
});
