import { type Actor, fenToYuanString } from '@shanyu/common';
import { SubsidyEvents, SubsidySubjects } from '@shanyu/contracts';
import { eventually, identityHeaders, okBody, testNatsUrl } from '@shanyu/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import ExcelJS from 'exceljs';
import { findInternalCitations } from '@shanyu/testing';
import { binaryBody } from './support.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childId, EventCollector, hangzhouOperatingVersion, monthsAround, type SubsidyStack, startSubsidyStack } from './subsidy-support.js';

// 补助: policies as data (published, refused when broken or overlapping), the annual budget cap,
// approval through three departments in their scopes, the idempotent ledger, adjustments for a
// month already posted (a corrected roster, a revoked 普惠 accreditation), and the .xlsx export read back.
const M = monthsAround();
type Line = Record<string, any>;

describe('subsidy policies, approvals, ledger, adjustments and export', () => {
  let stack: SubsidyStack;
  let events: EventCollector;
  let nc: NatsConnection;
  let a: { id: string }, b: { id: string };
  let runId: string;
  let postedLines: Line[];
  const toddler = childId();

  const as = (user: string) => stack.auth(user);
  const roster = async (id: string, month: string, children: object[], openDays = 22) =>
    okBody(
      await stack.http
        .put(`/api/v1/institutions/${id}/rosters/${month}`)
        .set(await as('operator.demo'))
        .send({ openDays, children }),
    );
  const compute = async (month: string) => stack.computedRun(month, '330106');
  const lines = async (id: string, query: Record<string, string> = {}): Promise<Line[]> =>
    okBody(
      await stack.http
        .get(`/api/v1/subsidy/runs/${id}/lines`)
        .query({ pageSize: 2000, ...query })
        .set(await as('health.330106')),
    ).items;
  const approve = async (user: string, body: object = { decision: 'approve' }) =>
    stack.http
      .post(`/api/v1/subsidy/runs/${runId}/approvals`)
      .set(await as(user))
      .send(body);
  /** A raw NATS call with an actor the demo accounts do not have (another street office). */
  const rpcAs = async (actor: Actor, subject: string, body: object) => {
    const h = identityHeaders(actor);
    return (await nc.request(subject, JSON.stringify(body), { headers: h, timeout: 10_000 })).json<{ ok: boolean; error?: { code: string } }>();
  };

  beforeAll(async () => {
    stack = await startSubsidyStack({ clockAheadDays: 62 });
    events = await EventCollector.start(testNatsUrl(), 'evt.subsidy.>');
    nc = await connect({ servers: testNatsUrl() });
    [a, b] = await Promise.all([stack.institution({ inclusive: true }), stack.institution({ inclusive: true })]);
  });
  afterAll(async () => {
    await events?.stop();
    await nc?.drain();
    await stack?.stop();
  });

  it('lists the built-in policies with their sources; refuses a broken or overlapping policy, storing nothing', async () => {
    const list = okBody(
      await stack.http
        .get('/api/v1/subsidy/policies')
        .query({ divisionCode: '330106', month: M.current })
        .set(await as('finance.330106')),
    );
    expect(list.map((p: { version: string }) => p.version)).toEqual([hangzhouOperatingVersion(M.current)]); // the 示范 award of 2021–2023 has expired
    expect(list[0].rules[0]).toMatchObject({ id: 'OPERATING', kind: 'per_child_by_class', source: expect.stringContaining('300—900 元') });
    expect(list[0].budget).toBeNull(); // the city's estimate of its yearly spending caps nothing

    const health = await as('health.330106');
    const capped = {
      policyKey: 'xihu-e2e-cap',
      version: 'xihu-e2e-cap/2026.1',
      divisionCode: '330106',
      title: '西湖区托育运营补助（预算测试）',
      source: '测试用区级文件',
      effectiveFrom: M.afterNext,
      effectiveTo: M.afterNext,
      eligibility: { filed: { source: '国卫办人口发〔2019〕25号' } },
      rules: [
        {
          id: 'FLAT',
          kind: 'per_child_by_class',
          title: '区级托育补助',
          params: { amountFenByClass: { infant: 20_000, toddler: 20_000, older: 20_000 }, careFormFactorBp: { full_day: 10_000 }, attendanceProRata: true },
          requires: ['filed'],
          source: '测试：每人每月 200 元',
        },
      ],
      budget: { annualCapFen: 100_000, rules: ['FLAT'], method: 'pro_rata_largest_remainder', source: '测试：年度预算 1,000 元，超出按比例' },
    };
    const broken = structuredClone(capped);
    (broken.rules[0]!.params as Record<string, unknown>).amountFen = 1;
    const refused = await stack.http.post('/api/v1/subsidy/policies').set(health).send(broken);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'POLICY_INVALID', details: [expect.objectContaining({ field: 'rules.0.params.amountFen' })] });
    expect(
      (
        await stack.http
          .post('/api/v1/subsidy/policies')
          .set(await as('market.330106'))
          .send(capped)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    const city = await stack.http
      .post('/api/v1/subsidy/policies')
      .set(health)
      .send({ ...capped, divisionCode: '330100' });
    expect(city.body.code).toBe('DIVISION_OUT_OF_SCOPE');
    okBody(await stack.http.post('/api/v1/subsidy/policies').set(health).send(capped), 201);
    const overlapping = await stack.http
      .post('/api/v1/subsidy/policies')
      .set(health)
      .send({ ...capped, version: 'xihu-e2e-cap/2026.2' });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.code).toBe('POLICY_PERIOD_OVERLAP');
    expect((await stack.http.post('/api/v1/subsidy/policies').set(health).send(capped)).body.code).toBe('POLICY_VERSION_EXISTS');
    const stored = okBody(await stack.http.get('/api/v1/subsidy/policies').query({ policyKey: 'xihu-e2e-cap' }).set(health));
    expect(stored.map((p: { version: string }) => p.version)).toEqual(['xihu-e2e-cap/2026.1']);
  });

  it('shares an exceeded annual budget pro rata, the lines summing exactly to the cap', async () => {
    const kids = Array.from({ length: 7 }, (_, i) => ({ idNumber: childId(), birthOrder: 1, classType: 'older', careForm: 'full_day', daysAttended: 13 + i }));
    await roster(a.id, M.afterNext, kids.slice(0, 4), 21);
    await roster(b.id, M.afterNext, kids.slice(4), 21);
    const run = await compute(M.afterNext);
    const flat = (await lines(run.id)).filter((l) => l.ruleId === 'FLAT');
    expect(flat).toHaveLength(7);
    const asked = flat.reduce((s, l) => s + l.baseFen, 0); // 200 × (13 + … + 19) / 21 each, rounded
    expect(asked).toBeGreaterThan(100_000);
    expect(flat.reduce((s, l) => s + l.amountFen, 0)).toBe(100_000);
    for (const l of flat) {
      expect(l.capped).toBe(true);
      expect(Math.abs(l.amountFen - (l.baseFen * 100_000) / asked)).toBeLessThan(1);
      expect(l.explanation).toContain('年度预算 1000.00 元余额不足');
    }
    expect(run.budgets).toContainEqual(
      expect.objectContaining({ policyVersion: 'xihu-e2e-cap/2026.1', annualCapFen: 100_000, requestedFen: asked, grantedFen: 100_000, capped: true }),
    );
    expect(run.totals.cappedAwayFen).toBe(asked - 100_000);
  });

  it('goes street office → district health → finance, each in its own scope; a rejection sends it back', async () => {
    await roster(a.id, M.current, [
      { idNumber: toddler, birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 20 },
      { idNumber: childId(), birthOrder: 2, classType: 'infant', careForm: 'full_day', daysAttended: 22 },
    ]);
    await roster(b.id, M.current, [{ idNumber: childId(), birthOrder: 1, classType: 'older', careForm: 'half_day', daysAttended: 22 }]);
    const run = await compute(M.current);
    runId = run.id;
    expect(run).toMatchObject({ status: 'computed', stage: 'street', streetsPending: ['330106109'] });
    expect((await approve('finance.330106')).body.code).toBe('SUBSIDY_APPROVAL_WRONG_STAGE');
    expect((await approve('health.330106')).body.code).toBe('SUBSIDY_APPROVAL_WRONG_STAGE');
    expect((await approve('market.330106')).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    const otherStreet = await rpcAs({ department: 'street', role: 'official', userId: 'gudang', divisions: ['330106005'] }, SubsidySubjects.approveRun, {
      id: runId,
      decision: 'approve',
    });
    expect(otherStreet.error?.code).toBe('DIVISION_OUT_OF_SCOPE');
    // The street office sees its streets' lines, and approves them.
    expect(okBody(await stack.http.get(`/api/v1/subsidy/runs/${runId}/lines`).set(await as('street.330106109'))).total).toBe(run.totals.lines);
    expect(okBody(await approve('street.330106109'))).toMatchObject({ status: 'computed', stage: 'health', streetsPending: [] });
    expect((await approve('health.371002')).body.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await approve('health.330106', { decision: 'reject' })).status).toBe(400); // a rejection needs its reason
    const returned = okBody(await approve('health.330106', { decision: 'reject', reason: '名册出勤天数待核实' }));
    expect(returned).toMatchObject({ status: 'returned', stage: null, returned: { stage: 'health', reason: '名册出勤天数待核实' } });
    expect((await approve('health.330106')).body.code).toBe('SUBSIDY_RUN_NOT_READY');
    await events.waitFor(SubsidyEvents.runReturned, (e) => e.data.runId === runId);
    // Recomputed, it goes through all three again.
    expect(await compute(M.current)).toMatchObject({ id: runId, attempt: 2, stage: 'street' });
    okBody(await approve('street.330106109'));
    okBody(await approve('health.330106', { decision: 'approve', comment: '已核实' }));
    const posted = okBody(await approve('finance.330106'));
    expect(posted).toMatchObject({ status: 'posted', stage: null });
    expect(
      posted.approvals.filter((x: { round: number }) => x.round === 2).map((x: { stage: string; decision: string }) => `${x.stage}:${x.decision}`),
    ).toEqual(['street:approve', 'health:approve', 'finance:approve']);
    const [approved] = await events.waitFor(SubsidyEvents.runApproved, (e) => e.data.runId === runId && e.data.posted);
    postedLines = await lines(runId);
    const payable = (inst: string) => postedLines.filter((l) => l.institutionId === inst && l.status === 'payable').reduce((s, l) => s + l.amountFen, 0);
    expect(approved!.data.institutions).toEqual([a.id, b.id].sort().map((id) => ({ institutionId: id, amountFen: payable(id) })));
  });

  it('posts to a ledger per institution; posting twice changes nothing; a posted run is not recomputed', async () => {
    const ledger = async () =>
      okBody(
        await stack.http
          .get('/api/v1/subsidy/ledger')
          .query({ month: M.current })
          .set(await as('finance.330106')),
      );
    const first = await ledger();
    expect(first.total).toBe(2);
    expect(first.items.map((e: { institutionId: string }) => e.institutionId).sort()).toEqual([a.id, b.id].sort());
    const again = okBody(await approve('finance.330106'));
    expect(again.status).toBe('posted');
    expect(await ledger()).toEqual(first);
    expect(
      (
        await stack.http
          .post('/api/v1/subsidy/runs')
          .set(await as('health.330106'))
          .send({ month: M.current, divisionCode: '330106' })
      ).body.code,
    ).toBe('SUBSIDY_RUN_POSTED');
    expect(
      (
        await stack.http
          .post('/api/v1/subsidy/runs')
          .set(await as('health.330106'))
          .send({ month: M.current, divisionCode: '330106109' })
      ).body.code,
    ).toBe('SUBSIDY_RUN_OVERLAP');
    const mine = okBody(await stack.http.get('/api/v1/subsidy/ledger').set(await as('operator.demo')));
    expect(mine.total).toBe(2);
  });

  it('turns a correction of a posted month into adjustment lines of the next run, linked to the originals', async () => {
    const newcomer = childId();
    const corrected = await roster(a.id, M.current, [
      { idNumber: toddler, birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 22 }, // was 20/22
      { idNumber: childId(), birthOrder: 2, classType: 'infant', careForm: 'full_day', daysAttended: 22 },
      { idNumber: newcomer, birthOrder: 1, classType: 'older', careForm: 'full_day', daysAttended: 11 }, // reported late
    ]);
    expect(corrected.flags).toContainEqual(expect.objectContaining({ code: 'corrects_posted_run', runId }));
    // Replacing a roster is audited (who, when, what changed), in the subsidy service's hash-chained log.
    const trail = okBody(
      await stack.http
        .get('/api/v1/audit')
        .query({ service: 'subsidy', entity: 'roster', id: `${a.id}:${M.current}` })
        .set(await as('admin')),
    );
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['roster.submit', 'roster.replace']);
    expect(trail[1]).toMatchObject({ before: { version: 1, total: 2 }, after: { version: 2, total: 3 } });
    expect(await lines(runId)).toEqual(postedLines); // the posted run never changes
    const next = await compute(M.next);
    const adjustments = (await lines(next.id, { kind: 'adjustment' })).filter((l) => l.ruleId === 'OPERATING');
    const original = postedLines.find((l) => l.institutionId === a.id && l.ruleId === 'OPERATING' && l.rosterLineNo === 1)!;
    expect(original.amountFen).toBe(54_545);
    const toddlerFix = adjustments.find((l) => l.adjustsLineId === original.id)!;
    expect(toddlerFix).toMatchObject({ kind: 'adjustment', period: M.current, amountFen: 60_000 - 54_545, status: 'payable' });
    expect(toddlerFix.explanation).toContain(`更正 ${M.current}：普惠托育运营补助已发 545.45 元，按更正后的数据重算应发 600.00 元`);
    expect(toddlerFix.explanation).toContain('本次补发 54.55 元');
    // The infant line: a different child now (the old one left) — the old line is clawed back, the new one paid.
    const infantOriginal = postedLines.find((l) => l.institutionId === a.id && l.ruleId === 'OPERATING' && l.rosterLineNo === 2)!;
    expect(adjustments.find((l) => l.adjustsLineId === infantOriginal.id)).toMatchObject({ amountFen: -infantOriginal.amountFen });
    const unlinked = adjustments
      .filter((l) => l.adjustsLineId === null)
      .map((l) => l.amountFen)
      .sort((x, y) => x - y);
    expect(unlinked).toEqual([15_000, 90_000]); // the late child: 托大班 300 × 11/22; the new infant: 900 × 22/22
    expect(next.totals.adjustmentFen).toBe(adjustments.reduce((s, l) => s + l.amountFen, 0));
    // Computed again, the same adjustment lines.
    const again = await compute(M.next);
    expect(await lines(again.id, { kind: 'adjustment' })).toEqual(await lines(next.id, { kind: 'adjustment' }));
  });

  it('claws back a posted month after its 普惠 accreditation is revoked inside it: negative adjustment lines linked to the originals', async () => {
    const paid = postedLines.filter((l) => l.institutionId === b.id && l.ruleId === 'OPERATING' && l.status === 'payable' && l.amountFen > 0);
    expect(paid.length).toBeGreaterThan(0);
    // Revoked today (a day of the posted month) through the registry's own flow: evt.registry.inclusive.revoked.v1.
    const revoked = await stack.http
      .post(`/api/v1/institutions/${b.id}/inclusive`)
      .set(await as('health.330106'))
      .send({ action: 'revoke', reason: '普惠收费超出指导价，撤销认定' });
    expect(okBody(revoked).inclusive).toBeNull();
    await eventually(
      'the subsidy service records the revocation as a recalculation of the posted month',
      async () =>
        (await stack.sql(`SELECT 1 FROM $schema.recalc_request WHERE institution_id = $1 AND month = $2 AND consumed_by_run IS NULL`, [b.id, M.current]))
          .length > 0,
    );
    expect(await lines(runId)).toEqual(postedLines); // the posted run never changes
    const next = await compute(M.next);
    const adjustments = (await lines(next.id, { kind: 'adjustment' })).filter((l) => l.institutionId === b.id);
    expect(adjustments).toHaveLength(paid.length);
    for (const original of paid) {
      const claw = adjustments.find((l) => l.adjustsLineId === original.id)!;
      expect(claw).toMatchObject({
        kind: 'adjustment',
        period: M.current,
        ruleId: 'OPERATING',
        status: 'payable',
        amountFen: -original.amountFen,
        childKey: original.childKey,
      });
      expect(claw.explanation).toContain(`更正 ${M.current}：普惠托育运营补助已发 ${fenToYuanString(original.amountFen)} 元，按更正后的数据重算应发 0.00 元`);
      expect(claw.explanation).toContain(`本次扣回 ${fenToYuanString(original.amountFen)} 元`);
      expect(claw.explanation).toContain('机构未获普惠认定');
      expect(claw.inputs).toMatchObject({ correctedMonth: M.current, paidFen: original.amountFen, dueFen: 0, recomputedStatus: 'ineligible' });
    }
    // A's corrections of the same month are still there, unchanged; the totals count both.
    const all = await lines(next.id, { kind: 'adjustment' });
    expect(all.filter((l) => l.institutionId === a.id).length).toBeGreaterThan(0);
    expect(next.totals.adjustmentFen).toBe(all.reduce((s, l) => s + l.amountFen, 0));
    // Computed again, the same adjustment lines (the revocation is not counted twice).
    const again = await compute(M.next);
    expect(await lines(again.id, { kind: 'adjustment' })).toEqual(all);
  });

  it('exports the run as .xlsx for finance, readable back', async () => {
    const res = await stack.http
      .get(`/api/v1/subsidy/runs/${runId}/export.xlsx`)
      .set(await as('finance.330106'))
      .buffer(true)
      .parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as Buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '机构汇总', '明细']);
    // Every citation in the export names a real document, never an internal paper or source file.
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((v) => String(v ?? '')) : [])));
    expect(findInternalCitations('export.xlsx', cells.join('\n'))).toEqual([]);
    const detail = workbook.getWorksheet('明细')!;
    expect(detail.rowCount - 1).toBe(postedLines.length);
    const header = (detail.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const fenSum = Array.from({ length: detail.rowCount - 1 }, (_, i) => Number(detail.getRow(i + 2).getCell(col('应发金额（分）')).value)).reduce(
      (s, v) => s + v,
      0,
    );
    expect(fenSum).toBe(postedLines.reduce((s, l) => s + l.amountFen, 0));
    const explanations = Array.from({ length: detail.rowCount - 1 }, (_, i) => String(detail.getRow(i + 2).getCell(col('说明')).value));
    expect(explanations).toContain(postedLines[0]!.explanation);
    // Places and reasons by name (a code alone, 330106109 or NOT_FILED, tells finance nothing).
    const column = (name: string) => Array.from({ length: detail.rowCount - 1 }, (_, i) => String(detail.getRow(i + 2).getCell(col(name)).value ?? ''));
    for (const place of column('所在街道')) expect(place).toMatch(/^\p{Script=Han}.*（\d{9}）$/u);
    for (const reason of column('原因')) expect(reason).not.toMatch(/[A-Z_]{4,}/);
    const byInstitution = workbook.getWorksheet('机构汇总')!;
    const ledger = okBody(
      await stack.http
        .get('/api/v1/subsidy/ledger')
        .query({ month: M.current })
        .set(await as('finance.330106')),
    ).items;
    const rows = Array.from({ length: byInstitution.rowCount - 1 }, (_, i) => byInstitution.getRow(i + 2));
    for (const entry of ledger) {
      const row = rows.find((r) => r.getCell(1).value === entry.institutionId)!;
      expect(Number(row.getCell(6).value)).toBe(entry.amountFen);
      expect(row.getCell(7).value).toBe(fenToYuanString(entry.amountFen));
    }
  });
});
