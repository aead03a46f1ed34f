import { randomUUID } from 'node:crypto';
import { addDays, shanghaiToday } from '@shanyu/common';
import { type FindingEventData, InspectionEvents, SubsidyEvents } from '@shanyu/contracts';
import { eventually, testNatsUrl } from '@shanyu/testing';
import ExcelJS from 'exceljs';
import { binaryBody } from './support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childId, EventCollector, hangzhouOperatingVersion, monthsAround, type SubsidyStack, startSubsidyStack } from './subsidy-support.js';

// 补助: rosters (bad input, uploads, events, over capacity with a reason), duplicate claims,
// eligibility with reasons (an open critical finding included), worked examples to the fen,
// identical re-runs, progress seen through the gateway, and a run killed mid-way that resumes
// without doubling.
const M = monthsAround();
type Line = Record<string, any>;
// This file's institutions and runs are in 西湖街道 330106008 (other files use 三墩镇 330106109; each
// file has its own broker and schemas, so this only keeps the figures easy to read).
const STREET = '330106008';
const expectOk = (res: { status: number; body: any }) => {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

describe('subsidy rosters and runs', () => {
  let stack: SubsidyStack;
  let events: EventCollector;
  let a: { id: string; name: string },
    b: { id: string; name: string },
    c: { id: string; name: string },
    d: { id: string; name: string },
    e: { id: string; name: string };
  const shared = childId(addDays(shanghaiToday(), -500));
  let runId: string;
  let firstLines: Line[];

  const put = async (institutionId: string, month: string, body: object, user = 'operator.demo') =>
    stack.http
      .put(`/api/v1/institutions/${institutionId}/rosters/${month}`)
      .set(await stack.auth(user))
      .send(body);
  const allLines = async (id: string): Promise<Line[]> => {
    const out: Line[] = [];
    let after: string | null = null;
    do {
      const res: { body: { items: Line[]; nextCursor: string | null } } = await stack.http
        .get(`/api/v1/subsidy/runs/${id}/lines`)
        .query({ pageSize: 7, ...(after ? { after } : {}) })
        .set(await stack.auth('health.330106'))
        .expect(200);
      out.push(...res.body.items);
      after = res.body.nextCursor;
    } while (after);
    return out;
  };
  const startRun = async (month: string, divisionCode = STREET) =>
    (
      await stack.http
        .post('/api/v1/subsidy/runs')
        .set(await stack.auth('health.330106'))
        .send({ month, divisionCode })
        .expect(202)
    ).body;

  beforeAll(async () => {
    // The subsidy service's clock is two months ahead: next month is not "future" to it.
    stack = await startSubsidyStack({ clockAheadDays: 62 });
    events = await EventCollector.start(testNatsUrl(), 'evt.subsidy.>');
    // A district policy adopting the second/third-child fee subsidy and the opening grant (as 威海市环翠区 does).
    const policy = {
      policyKey: 'xihu-e2e-support',
      version: 'xihu-e2e-support/2026.1',
      divisionCode: '330106',
      title: '西湖区托育补助（测试）',
      source: '测试用区级实施细则',
      effectiveFrom: M.previous,
      effectiveTo: M.afterNext,
      eligibility: {
        filed: { source: '国卫办人口发〔2019〕25号 备案' },
        inclusive: { source: '山东省《优化生育政策促进人口长期均衡发展实施方案》 普惠指导价' },
        // A published policy may refuse grades where its own document does (this one is a test's).
        creditGrade: { excluded: ['C', 'D'], source: '测试用区级实施细则：信用等级 C、D 级的机构不予保育费补助' },
      },
      rules: [
        {
          id: 'CHILD_FEE',
          kind: 'per_child_by_birth_order',
          title: '二孩、三孩保育费补助',
          params: { amountFenByBirthOrder: { 2: 30_000, 3: 50_000 }, careFormFactorBp: { full_day: 10_000, half_day: 5_000 }, attendanceProRata: true },
          requires: ['filed', 'inclusive', 'credit_grade'],
          source: '山东省《优化生育政策促进人口长期均衡发展实施方案》 不低于每人每月 300 元',
        },
        {
          id: 'OPENING_GRANT',
          kind: 'opening_grant',
          title: '一次性开办补助',
          params: { amountFen: 3_000_000 },
          requires: ['filed', 'inclusive'],
          source: '《威海市普惠托育服务建设实施方案》 每机构 3 万元',
        },
      ],
    };
    await stack.http
      .post('/api/v1/subsidy/policies')
      .set(await stack.auth('health.330106'))
      .send(policy)
      .expect(201);
    const here = { overrides: { divisionCode: STREET } };
    [a, b, c, d, e] = await Promise.all([
      stack.institution({ inclusive: true, ...here }),
      stack.institution({ inclusive: true, ...here }),
      stack.institution({ inclusive: true, ...here }),
      stack.institution({ inclusive: true, ...here }),
      stack.institution(here),
    ]);
    // The credit service is not started here: its grade event goes straight into JetStream.
    await stack.publish('evt.credit.grade.changed.v1', d.id, {
      institutionId: d.id,
      divisionCode: STREET,
      from: 'B',
      to: 'D',
      grade: 'D',
      score: 40,
      modelVersion: 'test',
      effectiveOn: shanghaiToday(),
      reasons: [],
    });
  });
  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it('refuses bad rosters with errors naming the row, storing nothing', async () => {
    const ok = { idNumber: childId(), birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 20 };
    const future = await put(a.id, '2099-01', { openDays: 22, children: [ok] });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('ROSTER_MONTH_IN_FUTURE');
    const bad = await put(a.id, M.current, {
      openDays: 22,
      children: [
        ok,
        { ...ok, idNumber: childId(), classType: 'nursery' },
        { ...ok, idNumber: childId(), daysAttended: -1 },
        { ...ok },
        { ...ok, idNumber: childId(), daysAttended: 23 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
    const byField = Object.fromEntries(bad.body.details.map((p: { field: string; message: string }) => [p.field, p.message]));
    expect(Object.keys(byField).sort()).toEqual(['children.1.classType', 'children.2.daysAttended', 'children.3.idNumber', 'children.4.daysAttended']);
    expect(byField['children.1.classType']).toBe('第 2 行：班型应为以下之一：infant（乳儿班）、toddler（托小班）、older（托大班）、mixed（混龄班）');
    expect(byField['children.2.daysAttended']).toBe('第 3 行：出勤天数不能小于 0');
    expect(byField['children.3.idNumber']).toContain('与第 1 行是同一名儿童');
    expect(byField['children.4.daysAttended']).toContain('超过本月开园 22 天');
    expect(JSON.stringify(bad.body)).not.toContain(ok.idNumber); // the ID number is never echoed
    // More infants than registered infant places (10): refused unless explained, then stored flagged.
    const infants = Array.from({ length: 11 }, () => ({ ...ok, idNumber: childId(), classType: 'infant' }));
    const over = await put(a.id, M.current, { openDays: 22, children: infants });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('ROSTER_OVER_CAPACITY');
    expect(over.body.message).toContain('乳儿班 11 人，超过登记托位 10 个');
    expect((await stack.http.get(`/api/v1/institutions/${a.id}/rosters/${M.current}`).set(await stack.auth('health.330106'))).body.code).toBe(
      'ROSTER_NOT_FOUND',
    );
    expect((await put(a.id, M.current, { openDays: 22, children: [ok] }, 'market.330106')).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(await stack.sql(`SELECT 1 FROM $schema.roster`)).toHaveLength(0);
  });

  it('takes rosters as JSON, CSV and Excel, announces counts per class and flags a child claimed twice', async () => {
    const res = await put(a.id, M.current, {
      openDays: 22,
      children: [
        { idNumber: childId(), birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 20, ref: 'T-01' },
        { idNumber: childId(), birthOrder: 2, classType: 'infant', careForm: 'half_day', daysAttended: 22 },
        { idNumber: childId(), birthOrder: 3, classType: 'older', careForm: 'full_day', daysAttended: 11 },
        { idNumber: childId(), birthOrder: 1, classType: 'older', careForm: 'hourly', daysAttended: 5 },
      ],
    }).then(expectOk);
    expect(res.body).toMatchObject({ version: 1, totalChildren: 4, byClass: { infant: 1, toddler: 1, older: 2, mixed: 0 }, flags: [] });
    expect(res.body.children[0].childKey).toMatch(/^[0-9a-f]{64}$/);

    const csv = `说明：${M.current} 收托名册\n身份证号,孩次,班型,托育形式,出勤天数\n${shared},二孩,托小班,全日托,22\n${childId()},一孩,托大班,全日托,21\n`;
    const upload = (id: string, file: Buffer, name: string) =>
      stack
        .auth('operator.demo')
        .then((h) => stack.http.put(`/api/v1/institutions/${id}/rosters/${M.current}/upload`).query({ openDays: 22 }).set(h).attach('file', file, name));
    expect((await upload(b.id, Buffer.from(csv), 'b.csv')).status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(['身份证号', '出生年月', '孩次', '班型', '托育形式', '出勤天数', '编号']);
    sheet.addRow([shared, shared.slice(6, 10) + '-' + shared.slice(10, 12), 2, '托小班', '全日托', 22, 'C-7']);
    sheet.addRow([childId(), null, '三孩', '托大班', '半日托', 'x', null]);
    const broken = await upload(c.id, Buffer.from(await workbook.xlsx.writeBuffer()), 'c.xlsx');
    expect(broken.status).toBe(400);
    expect(broken.body.details).toEqual([expect.objectContaining({ field: 'children.1.daysAttended', message: '表格第 3 行：出勤天数必须是整数' })]);
    sheet.getRow(3).getCell(6).value = 20;
    const cUp = await upload(c.id, Buffer.from(await workbook.xlsx.writeBuffer()), 'c.xlsx');
    expect(cUp.status).toBe(200);
    expect(cUp.body.flags.map((f: { code: string }) => f.code)).toEqual(['duplicate_claim']);
    expect(cUp.body.duplicates).toEqual([expect.objectContaining({ lineNo: 1, institutionIds: [b.id, c.id].sort() })]);
    expect(cUp.body.children[0]).toMatchObject({ rowNumber: 2, ref: 'C-7', birthOrder: 2 });
    await put(d.id, M.current, {
      openDays: 22,
      children: [{ idNumber: childId(), birthOrder: 2, classType: 'older', careForm: 'full_day', daysAttended: 22 }],
    }).then(expectOk);
    await put(e.id, M.current, {
      openDays: 22,
      children: [{ idNumber: childId(), birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 22 }],
    }).then(expectOk);

    const [submitted] = await events.waitFor(SubsidyEvents.rosterSubmitted, (e) => e.data.institutionId === a.id);
    expect(submitted!.data).toMatchObject({
      month: M.current,
      totalChildren: 4,
      byClass: { infant: 1, toddler: 1, older: 2, mixed: 0 },
      byCareForm: { full_day: 2, half_day: 1, hourly: 1, temporary: 0 },
    });
    const [duplicated] = await events.waitFor(SubsidyEvents.claimDuplicated);
    expect(duplicated!.data.institutions.map((i: { institutionId: string }) => i.institutionId)).toEqual([b.id, c.id].sort());
    for (const e of events.events) expect(JSON.stringify(e)).not.toContain(shared);
  });

  it('收托名册模板: the downloaded template, filled in, uploads as it is; its drop-downs offer the closed lists', async () => {
    const res = await stack.http
      .get('/api/v1/rosters/template.xlsx')
      .set(await stack.auth('operator.demo'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(res.body as Buffer as unknown as ArrayBuffer);
    expect(template.worksheets.map((w) => w.name)).toEqual(['收托名册', '填写说明']);
    const sheet = template.getWorksheet('收托名册')!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headings).toEqual(['身份证号', '出生年月', '孩次', '班型', '托育形式', '出勤天数', '编号']);
    expect(sheet.getCell(2, headings.indexOf('班型') + 1).dataValidation).toMatchObject({ type: 'list', formulae: ['"乳儿班,托小班,托大班,混龄班"'] });
    // Filled in as an operator would, with the drop-down labels, and uploaded unchanged otherwise.
    sheet.getRow(2).values = [childId(), null, '一孩', '托小班', '全日托', 21, 'M-01'];
    sheet.getRow(3).values = [childId(), null, '二孩', '乳儿班', '半日托', 18, null];
    const own = await stack.institution({ overrides: { divisionCode: '330106109' } });
    const uploaded = await stack.http
      .put(`/api/v1/institutions/${own.id}/rosters/${M.current}/upload`)
      .query({ openDays: 22 })
      .set(await stack.auth('operator.demo'))
      .attach('file', Buffer.from(await template.xlsx.writeBuffer()), '收托名册.xlsx');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body).toMatchObject({ totalChildren: 2, byClass: { toddler: 1, infant: 1 } });
    expect(uploaded.body.children[0]).toMatchObject({ rowNumber: 2, ref: 'M-01', birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 21 });
  });

  it('computes the month: worked examples to the fen, reasons for ineligible institutions, the duplicate held for both', async () => {
    // A registered institution that is not filed reports its roster like any operating institution
    // (indicators count its children); the run pays it nothing, saying why.
    const unfiled = await stack.institution({ file: false, overrides: { divisionCode: STREET } });
    const kids = [childId(), childId()].map((idNumber) => ({ idNumber, birthOrder: 2, classType: 'toddler', careForm: 'full_day', daysAttended: 20 }));
    const taken = await put(unfiled.id, M.current, { openDays: 22, children: kids }).then(expectOk);
    expect(taken.body).toMatchObject({ version: 1, totalChildren: 2, flags: [] });
    const started = await startRun(M.current);
    expect(started).toMatchObject({ status: 'computing', month: M.current, divisionCode: STREET, attempt: 1 });
    runId = started.id;
    const run = await stack.runDone(runId);
    expect(run).toMatchObject({ status: 'computed', stage: 'street', streetsPending: [STREET], stale: false });
    expect(run.progress.done).toBe(run.progress.total);
    firstLines = await allLines(runId);
    expect(firstLines).toHaveLength(run.totals.lines);
    const of = (inst: { id: string }, rule: string) =>
      firstLines.filter((l) => l.institutionId === inst.id && l.ruleId === rule).sort((x, y) => x.rosterLineNo - y.rosterLineNo);

    // A (普惠, filed, grade B by default): 杭州运营补助 by class, the district's 二孩/三孩 fee subsidy, the opening grant.
    expect(of(a, 'OPERATING').map((l) => [l.rosterLineNo, l.status, l.amountFen, l.reasonCode])).toEqual([
      [1, 'payable', 54_545, null], // 托小班 600 × 20/22
      [2, 'payable', 45_000, null], // 乳儿班 900 × 半日 50% × 22/22
      [3, 'payable', 15_000, null], // 托大班 300 × 11/22
      [4, 'ineligible', 0, 'CARE_FORM_NOT_COVERED'], // 计时托
    ]);
    expect(of(a, 'OPERATING')[0]!.explanation).toContain('普惠托育运营补助：托小班 600.00 元/人·月 × 20/22 天 = 545.45 元');
    expect(of(a, 'OPERATING')[0]).toMatchObject({
      policyVersion: hangzhouOperatingVersion(M.current),
      period: M.current,
      kind: 'regular',
      ruleSource: expect.stringContaining('300—900 元'),
    });
    expect(of(a, 'OPERATING')[0]!.inputs).toMatchObject({
      rosterVersion: 1,
      openDays: 22,
      daysAttended: 20,
      rateFen: 60_000,
      classType: 'toddler',
      facts: { status: 'filed', creditGrade: 'B' },
    });
    expect(of(a, 'CHILD_FEE').map((l) => [l.rosterLineNo, l.amountFen])).toEqual([
      [2, 15_000],
      [3, 25_000],
    ]); // 二孩 300 × 50%; 三孩 500 × 11/22
    expect(of(a, 'CHILD_FEE')[0]!.explanation).toContain('二孩 300.00 元/人·月 × 半日托 50% × 22/22 天 = 150.00 元');
    expect(of(a, 'OPENING_GRANT')).toEqual([expect.objectContaining({ status: 'payable', amountFen: 3_000_000, childKey: null })]);
    // B and C: the child on both rosters is held on both, with the reason.
    for (const inst of [b, c]) {
      const held = firstLines.filter((l) => l.institutionId === inst.id && l.status === 'held');
      expect(held.length).toBeGreaterThan(0);
      for (const l of held) expect(l).toMatchObject({ amountFen: 0, reasonCode: 'DUPLICATE_CLAIM' });
      expect(held[0]!.explanation).toContain('暂缓发放——该儿童同时在 2 家机构');
    }
    // E is filed but not 普惠: nothing from the rules that need it, with the reason.
    expect(of(e, 'OPERATING')).toEqual([expect.objectContaining({ status: 'ineligible', reasonCode: 'NOT_INCLUSIVE' })]);
    expect(of(e, 'OPERATING')[0]!.explanation).toMatch(/不予补助——截至 \d{4}-\d{2}-\d{2} 机构未获普惠认定/);
    // The unfiled institution: every line of its children refused for want of filing, with the reason.
    const unfiledLines = firstLines.filter((l) => l.institutionId === unfiled.id && l.childKey);
    expect(unfiledLines.length).toBeGreaterThanOrEqual(2);
    for (const l of unfiledLines) expect(l).toMatchObject({ status: 'ineligible', amountFen: 0, reasonCode: 'NOT_FILED' });
    expect(unfiledLines[0]!.explanation).toMatch(/截至 \d{4}-\d{2}-\d{2} 机构未备案（已登记未备案）/);
    // D has grade D: every rule that asks for the grade refuses, naming it — the district's own policy
    // (its document refuses C and D), and the city's of 2023. The city's from 2027-01 asks for no grade
    // (only a serious-breach listing refuses: tests/e2e/subsidy-listing), so there D is paid.
    const dFee = firstLines.filter((l) => l.institutionId === d.id && l.ruleId === 'CHILD_FEE');
    expect(dFee).toEqual([expect.objectContaining({ status: 'ineligible', reasonCode: 'CREDIT_GRADE', amountFen: 0 })]);
    expect(dFee[0]!.explanation).toContain('信用等级为 D 级（差），本政策 C、D 级不予补助（依据：测试用区级实施细则');
    const dLines = firstLines.filter((l) => l.institutionId === d.id && l.ruleId === 'OPERATING');
    if (hangzhouOperatingVersion(M.current).endsWith('/2023.1')) {
      expect(dLines).toEqual([expect.objectContaining({ status: 'ineligible', reasonCode: 'CREDIT_GRADE', amountFen: 0 })]);
      expect(dLines[0]!.explanation).toContain('信用等级为 D 级（差），本政策 C、D 级不予补助');
    } else {
      expect(dLines).toEqual([expect.objectContaining({ status: 'payable', reasonCode: null, amountFen: 30_000 })]);
    }
    const payable = firstLines.filter((l) => l.status === 'payable').reduce((s, l) => s + l.amountFen, 0);
    expect(run.totals).toMatchObject({ payableFen: payable, heldLines: firstLines.filter((l) => l.status === 'held').length });
    await events.waitFor(SubsidyEvents.runCompleted, (e) => e.data.runId === runId);
  });

  it('computes the same lines again when re-run', async () => {
    const again = await startRun(M.current);
    expect(again).toMatchObject({ id: runId, attempt: 2, status: 'computing' });
    await stack.runDone(runId);
    expect(await allLines(runId)).toEqual(firstLines);
  });

  it('refuses the operating subsidy while a critical finding is open (as the inspection service publishes it), and pays again once it is corrected', async () => {
    const finding: FindingEventData = {
      findingId: randomUUID(),
      inspectionId: randomUUID(),
      institutionId: a.id,
      divisionCode: STREET,
      department: 'fire',
      itemCode: 'FIRE-EXIT-BLOCKED',
      severity: 'critical',
      basic: true,
      deadline: addDays(shanghaiToday(), 15),
    };
    await stack.publish(InspectionEvents.findingRecorded, finding.findingId, finding);
    await eventually(
      'the subsidy service holds the finding',
      async () => (await stack.sql(`SELECT 1 FROM $schema.finding_replica WHERE finding_id = $1 AND corrected_on IS NULL`, [finding.findingId])).length === 1,
    );
    // The computed (unposted) run is stale now: it must be recomputed before anyone approves it.
    expect(
      (
        await stack.http
          .get(`/api/v1/subsidy/runs/${runId}`)
          .set(await stack.auth('health.330106'))
          .expect(200)
      ).body.stale,
    ).toBe(true);
    await startRun(M.current);
    await stack.runDone(runId);
    const operating = (await allLines(runId)).filter((l) => l.institutionId === a.id && l.ruleId === 'OPERATING');
    expect(operating).toHaveLength(4);
    for (const l of operating) expect(l).toMatchObject({ status: 'ineligible', amountFen: 0, reasonCode: 'OPEN_CRITICAL_FINDING' });
    expect(operating[0]!.explanation).toMatch(/不予补助——截至 \d{4}-\d{2}-\d{2} 有 1 项严重问题尚未整改（FIRE-EXIT-BLOCKED）/);
    expect(operating[0]!.explanation).toContain('依据：综合查一次发现的严重问题整改到位前暂停补助');
    expect(operating[0]!.inputs.facts).toMatchObject({ openCriticalFindings: 1 });
    // The district's own policy does not ask for it: its lines for A are unchanged.
    const fee = (lines: Line[]) => lines.filter((l) => l.institutionId === a.id && l.ruleId === 'CHILD_FEE').map((l) => [l.status, l.amountFen]);
    expect(fee(await allLines(runId))).toEqual(fee(firstLines));

    await stack.publish(InspectionEvents.findingCorrected, finding.findingId, finding);
    await eventually(
      'the subsidy service sees the correction',
      async () =>
        (await stack.sql(`SELECT 1 FROM $schema.finding_replica WHERE finding_id = $1 AND corrected_on IS NOT NULL`, [finding.findingId])).length === 1,
    );
    await startRun(M.current);
    await stack.runDone(runId);
    const released = (await allLines(runId)).filter((l) => l.institutionId === a.id && l.ruleId === 'OPERATING');
    expect(released.map((l) => [l.rosterLineNo, l.status, l.amountFen, l.reasonCode])).toEqual(
      firstLines.filter((l) => l.institutionId === a.id && l.ruleId === 'OPERATING').map((l) => [l.rosterLineNo, l.status, l.amountFen, l.reasonCode]),
    );
    // Paid again (lines are ordered by their key, a keyed hash: find the child of 20 of 22 days by its amount).
    expect(released.filter((l) => l.status === 'payable').map((l) => l.amountFen)).toContain(54_545);
    expect(await allLines(runId)).toEqual(firstLines);
  });

  it('resumes a run killed mid-way without a line twice, totals unchanged', async () => {
    const before = (
      await stack.http
        .get(`/api/v1/subsidy/runs/${runId}`)
        .set(await stack.auth('health.330106'))
        .expect(200)
    ).body.totals;
    let crashed = false;
    // One child per batch; the third batch's transaction dies after writing its lines (as if the process were killed).
    await stack.restartSubsidy({
      batchSize: 1,
      afterBatch: (_id, batch) => {
        if (batch === 3 && !crashed) {
          crashed = true;
          throw new Error('simulated crash');
        }
      },
    });
    await startRun(M.current);
    await eventually('the simulated crash', () => crashed);
    const [partial] = await stack.sql<{ status: string; done: number; total: number }>(`SELECT status, done, total FROM $schema.run WHERE id = $1`, [runId]);
    expect(partial).toMatchObject({ status: 'computing' });
    expect(partial!.done).toBeLessThan(partial!.total);
    // Restart: the new instance takes the run over once the dead one's lease has run out.
    await stack.restartSubsidy({ batchSize: 2 });
    const run = await stack.runDone(runId);
    expect(run.status).toBe('computed');
    expect(run.totals).toEqual(before);
    const [{ n, keys }] = await stack.sql<{ n: number; keys: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT line_key)::int AS keys FROM $schema.run_line WHERE run_id = $1`,
      [runId],
    );
    expect(n).toBe(keys);
    expect(await allLines(runId)).toEqual(firstLines);
  });

  it('refuses a month before the institution was filed, with the reason', async () => {
    const late = { idNumber: childId(), birthOrder: 2, classType: 'toddler', careForm: 'full_day', daysAttended: 21 };
    await put(a.id, M.previous, { openDays: 21, children: [late] }).then(expectOk);
    const run = await stack.runDone((await startRun(M.previous)).id);
    const lines = await allLines(run.id);
    const mine = lines.filter((l) => l.institutionId === a.id);
    expect(mine.map((l) => l.ruleId).sort()).toEqual(['CHILD_FEE', 'OPERATING']);
    for (const l of mine) {
      expect(l).toMatchObject({ status: 'ineligible', amountFen: 0, reasonCode: 'NOT_FILED' });
      expect(l.explanation).toMatch(/截至 \d{4}-\d{2}-\d{2} 机构未备案（尚无登记信息）/);
    }
  });

  it('shows the progress of a run through the gateway while it computes: done < total, then done = total', async () => {
    // One child per batch, each batch held a little, so the run is seen half-way.
    await stack.restartSubsidy({ batchSize: 1, afterBatch: () => new Promise((resolve) => setTimeout(resolve, 250)) });
    const started = await startRun(M.current);
    const health = await stack.auth('health.330106');
    const seen: { status: string; done: number; total: number }[] = [];
    const final = await eventually(
      'the run computed, its progress polled',
      async () => {
        const res = await stack.http.get(`/api/v1/subsidy/runs/${started.id}`).set(health).expect(200);
        seen.push({ status: res.body.status, done: res.body.progress.done, total: res.body.progress.total });
        return res.body.status === 'computing' ? null : res.body;
      },
      60_000,
    );
    const midway = seen.filter((p) => p.status === 'computing' && p.done > 0 && p.done < p.total);
    expect(midway.length, JSON.stringify(seen)).toBeGreaterThan(0);
    // Progress only grows, and ends complete.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(final.status).toBe('computed');
    expect(final.progress.done).toBe(final.progress.total);
    expect(final.progress.total).toBeGreaterThan(midway[0]!.done);
    await stack.restartSubsidy();
  });

  it('stores a roster over the registered places when sent with a reason: flagged over_capacity, the reason kept and audited', async () => {
    const infants = Array.from({ length: 11 }, () => ({ idNumber: childId(), birthOrder: 1, classType: 'infant', careForm: 'full_day', daysAttended: 20 }));
    const refused = await put(a.id, M.next, { openDays: 22, children: infants });
    expect(refused.body.code).toBe('ROSTER_OVER_CAPACITY');
    const reason = '乳儿班临时增收 1 名（已报卫健局备案扩班）';
    const stored = await put(a.id, M.next, { openDays: 22, children: infants, overCapacityReason: reason }).then(expectOk);
    expect(stored.body).toMatchObject({ version: 1, totalChildren: 11, overCapacityReason: reason, byClass: { infant: 11 } });
    expect(stored.body.flags).toEqual([expect.objectContaining({ code: 'over_capacity', classType: 'infant', children: 11, places: 10 })]);
    const read = (
      await stack.http
        .get(`/api/v1/institutions/${a.id}/rosters/${M.next}`)
        .set(await stack.auth('health.330106'))
        .expect(200)
    ).body;
    expect(read).toMatchObject({ version: 1, overCapacityReason: reason, flags: [expect.objectContaining({ code: 'over_capacity' })] });
    const [row] = await stack.sql<{ over_capacity_reason: string; total: number }>(
      `SELECT over_capacity_reason, total FROM $schema.roster WHERE institution_id = $1 AND month = $2 AND current`,
      [a.id, M.next],
    );
    expect(row).toEqual({ over_capacity_reason: reason, total: 11 });
    const trail = (
      await stack.http
        .get('/api/v1/audit')
        .query({ service: 'subsidy', entity: 'roster', id: `${a.id}:${M.next}` })
        .set(await stack.auth('admin'))
        .expect(200)
    ).body;
    expect(trail).toEqual([
      expect.objectContaining({ action: 'roster.submit', reason, after: expect.objectContaining({ total: 11, flags: ['over_capacity'] }) }),
    ]);
    const [announced] = await events.waitFor(SubsidyEvents.rosterSubmitted, (e) => e.data.institutionId === a.id && e.data.month === M.next);
    expect(announced!.data.flags).toEqual(['over_capacity']);
  });
});
