import { randomUUID } from 'node:crypto';
import type { InspectionFormView, InspectionView } from '@shanyu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@shanyu/testing';
import { followInspectionEvents, type InspectionStack, openVisit, startInspectionStack } from './inspection-support.js';

type Result = { itemCode: string; result: 'pass' | 'fail' | 'not_applicable'; note?: string; evidence?: object[] };

/** Every item of the department on the form: pass, except the overrides. */
function resultsFor(form: InspectionFormView, department: string, overrides: Record<string, Omit<Result, 'itemCode'>> = {}): Result[] {
  return form.areas
    .flatMap((a) => a.items)
    .filter((i) => i.department === department)
    .map((i) => ({ itemCode: i.code, ...(overrides[i.code] ?? { result: 'pass' }) }) as Result);
}

const evidence = [{ ref: 'sha256:9f2c41d0e3', takenAt: '2026-09-30T10:20:00+08:00', location: '二楼东侧安全出口' }];

describe('综合查一次: one joint visit, department-scoped results, sign-offs, findings, re-inspection, penalties, publication', () => {
  let stack: InspectionStack;
  let institutionId: string;
  let inspection: InspectionView;
  let reinspection: InspectionView;
  // The stream holds every test file's events: keep this file's own (its institutions').
  const seen: { subject: string; entityId: string; institutionId?: string }[] = [];
  const mine = new Set<string>();
  let tester: Awaited<ReturnType<typeof followInspectionEvents>>;
  const as = (username: string) => stack.auth(username);
  const form = async (id: string) =>
    (
      await stack.http
        .get(`/api/v1/inspections/${id}/form`)
        .set(await as('street.330106109'))
        .expect(200)
    ).body as InspectionFormView;
  const put = async (id: string, username: string, results: Result[], status: number) =>
    stack.http
      .put(`/api/v1/inspections/${id}/results`)
      .set(await as(username))
      .send({ results })
      .expect(status);
  const signOff = async (id: string, username: string, status: number) =>
    stack.http
      .post(`/api/v1/inspections/${id}/sign-off`)
      .set(await as(username))
      .send({ comment: '已现场核查' })
      .expect(status);
  const finding = (view: InspectionView, code: string) => view.findings.find((f) => f.itemCode === code)!;

  beforeAll(async () => {
    // A Wednesday just before the National Day holiday: deadlines in working days jump over it.
    stack = await startInspectionStack({ now: new Date('2026-09-30T10:00:00+08:00') });
    institutionId = (await stack.filedInstitution({ operatorType: 'private' })).id;
    mine.add(institutionId);
    tester = await followInspectionEvents(stack, 'test-inspection-events', (event) => {
      const institution = (event.data as { institutionId?: string }).institutionId;
      if (institution && mine.has(institution)) seen.push({ subject: event.subject, entityId: event.entityId, institutionId: institution });
    });
  });
  afterAll(async () => {
    await tester?.stop();
    await stack?.stop();
  });

  it('opens one joint visit led by the street office with four departments and one merged form: grouped by area, no item twice', async () => {
    const i = stack.inspectors;
    const res = await stack.http
      .post('/api/v1/inspections')
      .set(await as('street.330106109'))
      .send({
        institutionId,
        departments: [
          { department: 'fire', inspectorIds: [i.fire![0]!.id, i.fire![2]!.id] },
          { department: 'market', inspectorIds: [i.market![0]!.id, i.market![2]!.id] },
          { department: 'health', inspectorIds: [i.health![0]!.id, i.health![2]!.id] },
          { department: 'street', inspectorIds: [i.street![0]!.id, i.street![2]!.id] },
        ],
      })
      .expect(201);
    inspection = res.body;
    expect(inspection).toMatchObject({ kind: 'adhoc', status: 'open', leadDepartment: 'street', grade: 'B', formKind: 'full', scheduledOn: '2026-09-30' });
    expect(inspection.departments.map((d) => d.department)).toEqual(['health', 'market', 'fire', 'street']);

    const merged = await form(inspection.id);
    const items = merged.areas.flatMap((a) => a.items);
    expect(new Set(items.map((x) => x.code)).size).toBe(items.length);
    expect(new Set(merged.areas.map((a) => a.area)).size).toBe(merged.areas.length);
    expect(new Set(items.map((x) => x.department))).toEqual(new Set(['fire', 'market', 'health', 'street']));
    // 13 fire + 14 market + 17 health + 6 street items (national, Hangzhou's and 西湖区's; 环翠区's is not 西湖区's);
    // education's kindergarten items do not apply to a private institution.
    expect(items).toHaveLength(50);
    expect(items.find((x) => x.code === 'STR-07')).toBeUndefined();
    expect(items.find((x) => x.code === 'STR-03')).toMatchObject({ jurisdiction: '330100' });
    expect(merged.areas[0]).toMatchObject({ area: 'licences', label: '证照与登记' });
    expect(items.find((x) => x.code === 'FIRE-01')).toMatchObject({
      legalBasis: expect.stringContaining('消防法'),
      severity: 'critical',
      basic: true,
      checklistVersion: 'fire/2026.1',
      jurisdiction: '000000',
      result: null,
    });
  });

  it("refuses another department's item, an item not on the form, an unassigned inspector and a failed item without a note — each with its code, nothing written", async () => {
    const id = inspection.id;
    expect((await put(id, 'fire.inspector1', [{ itemCode: 'MKT-05', result: 'pass' }], 403)).body.code).toBe('ITEM_OTHER_DEPARTMENT');
    const notOnForm = (
      await put(
        id,
        'fire.inspector1',
        [
          { itemCode: 'EDU-01', result: 'pass' },
          { itemCode: 'FIRE-99', result: 'pass' },
        ],
        422,
      )
    ).body;
    expect(notOnForm.code).toBe('ITEM_NOT_ON_FORM');
    expect(notOnForm.details.map((d: { field: string }) => d.field)).toEqual(['results.0.itemCode', 'results.1.itemCode']);
    // A good item in the same request is not written either.
    expect(
      (
        await put(
          id,
          'fire.inspector1',
          [
            { itemCode: 'FIRE-01', result: 'pass' },
            { itemCode: 'HLT-03', result: 'pass' },
          ],
          403,
        )
      ).body.code,
    ).toBe('ITEM_OTHER_DEPARTMENT');
    expect((await put(id, 'fire.inspector2', [{ itemCode: 'FIRE-01', result: 'pass' }], 403)).body.code).toBe('INSPECTOR_NOT_ASSIGNED');
    expect((await put(id, 'fire.330106', [{ itemCode: 'FIRE-01', result: 'pass' }], 403)).body.code).toBe('INSPECTOR_NOT_ASSIGNED');
    expect((await put(id, 'fire.inspector1', [{ itemCode: 'FIRE-01', result: 'fail' }], 400)).body.details[0].field).toBe('results.0.note');
    const after = await form(id);
    expect(after.byDepartment.fire).toEqual({ items: 13, recorded: 0, signedOff: false });
    expect(after.areas.flatMap((a) => a.items).every((x) => x.result === null)).toBe(true);
  });

  it('completes only when every department has signed off; failed items become findings with working-day deadlines and a rectification notice', async () => {
    const id = inspection.id;
    const merged = await form(id);
    await put(
      id,
      'fire.inspector1',
      resultsFor(merged, 'fire', {
        'FIRE-01': { result: 'fail', note: '二楼疏散通道堆放婴儿推车和纸箱', evidence },
        'FIRE-04': { result: 'fail', note: '3 具灭火器压力不足，超过维修期限' },
      }),
      200,
    );
    expect((await signOff(id, 'fire.inspector1', 200)).body.status).toBe('open');
    // After the department's sign-off a result is kept as a late one for the department's decision, not applied.
    const late = (await put(id, 'fire.inspector1', [{ itemCode: 'FIRE-02', result: 'fail', note: '改口' }], 200)).body;
    expect(late.outcomes).toEqual([expect.objectContaining({ itemCode: 'FIRE-02', status: 'late' })]);
    expect((await signOff(id, 'fire.inspector1', 409)).body.code).toBe('INSPECTION_SIGNED_OFF');

    const incomplete = (await signOff(id, 'market.inspector1', 422)).body;
    expect(incomplete.code).toBe('INSPECTION_RESULTS_INCOMPLETE');
    expect(incomplete.details).toHaveLength(14);
    await put(id, 'market.inspector1', resultsFor(merged, 'market', { 'MKT-05': { result: 'fail', note: '午餐未留样，无留样记录' } }), 200);
    expect((await signOff(id, 'market.inspector1', 200)).body.status).toBe('open');
    await put(id, 'health.inspector1', resultsFor(merged, 'health', { 'HLT-12': { result: 'not_applicable', note: '未开展医疗服务' } }), 200);
    expect((await signOff(id, 'health.inspector1', 200)).body.status).toBe('open');
    await put(id, 'street.inspector1', resultsFor(merged, 'street'), 200);
    const done = (await signOff(id, 'street.inspector1', 200)).body as InspectionView;

    expect(done).toMatchObject({ status: 'completed', basicItemFailed: true, summary: { items: 50, pass: 46, fail: 3, notApplicable: 1, pending: 0 } });
    expect(done.departments.every((d) => d.signedOffAt)).toBe(true);
    expect(done.noticeNo).toMatch(/^330106-整改-2026-\d{4}$/);
    // Completed Wednesday 9/30; 10/1–10/7 are holidays and Saturday 10/10 a make-up workday.
    expect(finding(done, 'FIRE-01')).toMatchObject({
      severity: 'critical',
      deadline: '2026-10-08',
      status: 'open',
      department: 'fire',
      note: '二楼疏散通道堆放婴儿推车和纸箱',
    });
    expect(finding(done, 'FIRE-04')).toMatchObject({ severity: 'major', deadline: '2026-10-20' });
    expect(finding(done, 'MKT-05')).toMatchObject({ severity: 'major', deadline: '2026-10-20', department: 'market' });
    expect((await put(id, 'fire.inspector1', [{ itemCode: 'FIRE-02', result: 'pass' }], 200)).body.outcomes[0].status).toBe('late');

    const notice = (
      await stack.http
        .get(`/api/v1/inspections/${id}/notice`)
        .set(await as('street.330106109'))
        .expect(200)
    ).body;
    expect(notice).toMatchObject({
      noticeNo: done.noticeNo,
      issuedOn: '2026-09-30',
      findings: expect.arrayContaining([expect.objectContaining({ deadline: '2026-10-08' })]),
    });
    expect(notice.text).toContain('请于 2026-10-08 前整改完毕');
    expect(notice.text).toContain('《中华人民共和国消防法》第二十八条');
    inspection = done;
  });

  it("closes findings by verification or re-inspection; the re-inspection holds only the open findings' items and links to the original", async () => {
    const open = (
      await stack.http
        .get(`/api/v1/rectifications?institutionId=${institutionId}&status=open`)
        .set(await as('street.330106109'))
        .expect(200)
    ).body;
    expect(open.total).toBe(3);
    const extinguishers = finding(inspection, 'FIRE-04');
    expect(
      (
        await stack.http
          .post(`/api/v1/rectifications/${extinguishers.id}/verify`)
          .set(await as('market.330106'))
          .send({ outcome: 'corrected', note: '照片' })
          .expect(403)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    const verified = (
      await stack.http
        .post(`/api/v1/rectifications/${extinguishers.id}/verify`)
        .set(await as('fire.330106'))
        .send({ outcome: 'corrected', note: '已更换灭火器，提供维修记录和照片' })
        .expect(200)
    ).body;
    expect(verified).toMatchObject({ status: 'corrected', closedOn: '2026-09-30', closure: { by: 'verification' } });

    reinspection = (
      await stack.http
        .post(`/api/v1/inspections/${inspection.id}/reinspection`)
        .set(await as('street.330106109'))
        .send({ scheduledOn: '2026-10-09' })
        .expect(201)
    ).body;
    expect(reinspection).toMatchObject({ kind: 'reinspection', originalInspectionId: inspection.id, formKind: 'reinspection', scheduledOn: '2026-10-09' });
    expect(reinspection.departments.map((d) => d.department).sort()).toEqual(['fire', 'market']);
    const follow = await form(reinspection.id);
    expect(
      follow.areas
        .flatMap((a) => a.items)
        .map((x) => x.code)
        .sort(),
    ).toEqual(['FIRE-01', 'MKT-05']);
    expect(follow.areas.flatMap((a) => a.items).find((x) => x.code === 'FIRE-01')!.previousFinding).toBe(finding(inspection, 'FIRE-01').id);
    expect(
      (
        await stack.http
          .post(`/api/v1/inspections/${inspection.id}/reinspection`)
          .set(await as('street.330106109'))
          .send({})
          .expect(409)
      ).body.code,
    ).toBe('NO_OPEN_FINDINGS');

    await put(reinspection.id, 'fire.inspector1', [{ itemCode: 'FIRE-01', result: 'pass', note: '通道已清空' }], 200);
    await put(reinspection.id, 'market.inspector1', [{ itemCode: 'MKT-05', result: 'fail', note: '仍未留样' }], 200);
    await signOff(reinspection.id, 'fire.inspector1', 200);
    const closed = (await signOff(reinspection.id, 'market.inspector1', 200)).body as InspectionView;
    expect(closed.status).toBe('completed');
    const original = (
      await stack.http
        .get(`/api/v1/inspections/${inspection.id}`)
        .set(await as('street.330106109'))
        .expect(200)
    ).body as InspectionView;
    expect(finding(original, 'FIRE-01')).toMatchObject({
      status: 'corrected',
      reinspectionId: reinspection.id,
      closure: { by: 'reinspection', inspectionId: reinspection.id },
    });
    expect(finding(original, 'MKT-05')).toMatchObject({ status: 'not_corrected', closure: { by: 'reinspection', note: '仍未留样' } });
    inspection = original;
  });

  it('issues a penalty only by the department holding the item, tied to the finding, with the fine inside the legal range (outside: 422 naming it)', async () => {
    const samples = finding(inspection, 'MKT-05');
    const body = {
      findingId: samples.id,
      penaltyItemCode: 'PMKT-04',
      kinds: ['warning', 'fine'],
      fineFen: 10_000_000,
      decisionNo: '西市监罚〔2026〕101号',
      reason: '复查仍未按规定留样',
    };
    const outside = (
      await stack.http
        .post('/api/v1/penalties')
        .set(await as('market.330106'))
        .send(body)
        .expect(422)
    ).body;
    expect(outside.code).toBe('PENALTY_OUT_OF_RANGE');
    expect(outside.message).toContain('¥5,000.00 至 ¥50,000.00');
    expect(
      (
        await stack.http
          .post('/api/v1/penalties')
          .set(await as('fire.330106'))
          .send({ ...body, fineFen: 2_000_000 })
          .expect(403)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(
      (
        await stack.http
          .post('/api/v1/penalties')
          .set(await as('market.330106'))
          .send({ ...body, penaltyItemCode: 'PMKT-05', fineFen: 200_000 })
          .expect(422)
      ).body.code,
    ).toBe('PENALTY_ITEM_NOT_APPLICABLE');
    const issued = (
      await stack.http
        .post('/api/v1/penalties')
        .set(await as('market.330106'))
        .send({ ...body, fineFen: 2_000_000 })
        .expect(201)
    ).body;
    expect(issued).toMatchObject({
      department: 'market',
      penaltyItemCode: 'PMKT-04',
      fineFen: 2_000_000,
      checklistVersion: 'market/2026.1',
      issuedOn: '2026-09-30',
    });
    const listed = (
      await stack.http
        .get(`/api/v1/penalties?findingId=${samples.id}`)
        .set(await as('market.330106'))
        .expect(200)
    ).body;
    expect(listed).toHaveLength(1);
  });

  it('publishes completed inspections without login: item texts, results, findings as corrected / not corrected, penalties — no evidence', async () => {
    const res = await stack.http.get(`/api/v1/public/inspections?institutionId=${institutionId}`).expect(200);
    expect(res.body.total).toBe(2);
    const first = res.body.items.find((x: { id: string }) => x.id === inspection.id);
    expect(first.items).toHaveLength(50);
    expect(first.items.find((x: { code: string }) => x.code === 'FIRE-01')).toMatchObject({
      text: expect.stringContaining('疏散通道'),
      result: 'fail',
      note: '二楼疏散通道堆放婴儿推车和纸箱',
    });
    const labels = Object.fromEntries(first.findings.map((f: { itemText: string; statusLabel: string }) => [f.itemText.slice(0, 6), f.statusLabel]));
    expect(Object.values(labels).sort()).toEqual(['已整改（Corrected）', '已整改（Corrected）', '未整改（Not corrected）']);
    expect(first.penalties).toEqual([expect.objectContaining({ decisionNo: '西市监罚〔2026〕101号', fineFen: 2_000_000 })]);
    expect(JSON.stringify(res.body)).not.toContain('sha256:9f2c41d0e3');
    const follow = (await stack.http.get(`/api/v1/public/inspections/${reinspection.id}`).expect(200)).body;
    expect(follow).toMatchObject({ kind: 'reinspection', originalInspectionId: inspection.id });
    expect(follow.findings.map((f: { status: string }) => f.status).sort()).toEqual(['corrected', 'not_corrected']);
    await stack.http.get(`/api/v1/public/inspections/${randomUUID()}`).expect(404);
  });

  it('keeps a badge number (执法证号) and a login to one inspector: a second registration is refused with its code', async () => {
    const badgeNo = `FIRE-DUP-${randomUUID().slice(0, 6)}`;
    const body = { department: 'fire', name: '重复执法员', badgeNo, divisionCodes: ['330106'] };
    await stack.http
      .post('/api/v1/inspectors')
      .set(await as('admin'))
      .send(body)
      .expect(201);
    expect(
      (
        await stack.http
          .post('/api/v1/inspectors')
          .set(await as('admin'))
          .send({ ...body, name: '另一执法员' })
          .expect(409)
      ).body.code,
    ).toBe('INSPECTOR_BADGE_TAKEN');
    expect(
      (
        await stack.http
          .post('/api/v1/inspectors')
          .set(await as('admin'))
          .send({ ...body, badgeNo: `${badgeNo}-2`, username: 'fire.inspector1' })
          .expect(409)
      ).body.code,
    ).toBe('INSPECTOR_USER_TAKEN');
  });

  it('lists overdue findings and announces each once', async () => {
    const other = (await stack.filedInstitution()).id;
    mine.add(other);
    const visit = await openVisit(stack, 'fire.330106', other, 'fire', [0, 3]);
    await put(visit.id, 'fire.inspector1', resultsFor(await form(visit.id), 'fire', { 'FIRE-08': { result: 'fail', note: '无防火巡查记录' } }), 200);
    const done = (await signOff(visit.id, 'fire.inspector1', 200)).body as InspectionView;
    const patrol = finding(done, 'FIRE-08');
    expect(patrol.deadline).toBe('2026-11-03'); // 20 working days (minor)
    expect(await stack.inspection.sweepOverdue()).toBe(0);

    stack.clock.set('2026-11-04T09:00:00+08:00');
    const overdue = (
      await stack.http
        .get('/api/v1/rectifications?status=overdue')
        .set(await as('fire.330106'))
        .expect(200)
    ).body;
    expect(overdue.items.map((f: { id: string }) => f.id)).toEqual([patrol.id]);
    expect(overdue.items[0].overdue).toBe(true);
    expect(await stack.inspection.sweepOverdue()).toBe(1);
    expect(await stack.inspection.sweepOverdue()).toBe(0);
    const published = (await stack.http.get(`/api/v1/public/inspections/${visit.id}`).expect(200)).body;
    expect(published.findings[0].statusLabel).toBe('逾期未整改');
    inspection = done;
  });

  it('publishes each event once to a durable consumer (completed, recorded, corrected, uncorrected, overdue, penalty)', async () => {
    const patrol = finding(inspection, 'FIRE-08');
    const wanted: [string, string][] = [
      ['evt.inspection.inspection.completed.v1', reinspection.id],
      ['evt.inspection.inspection.completed.v1', inspection.id],
      ['evt.inspection.finding.recorded.v1', patrol.id],
      ['evt.inspection.finding.overdue.v1', patrol.id],
    ];
    await eventually('every inspection event', () => wanted.every(([s, id]) => seen.some((e) => e.subject === s && e.entityId === id)));
    await eventually(
      'the rest',
      () =>
        ['corrected', 'uncorrected'].every((k) => seen.some((e) => e.subject === `evt.inspection.finding.${k}.v1`)) &&
        seen.some((e) => e.subject === 'evt.inspection.penalty.issued.v1'),
    );
    const count = (subject: string) => seen.filter((e) => e.subject === subject).length;
    expect(count('evt.inspection.inspection.completed.v1')).toBe(3);
    expect(count('evt.inspection.finding.recorded.v1')).toBe(4);
    expect(count('evt.inspection.finding.corrected.v1')).toBe(2);
    expect(count('evt.inspection.finding.uncorrected.v1')).toBe(1);
    expect(count('evt.inspection.finding.overdue.v1')).toBe(1);
    expect(count('evt.inspection.penalty.issued.v1')).toBe(1);
    const keys = seen.map((e) => `${e.subject} ${e.entityId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("applies the 裁量基准 in force where the institution is: a district's own entry for one item places each fine in 从轻/一般/从重 of the lawful range", async () => {
    const market = await as('market.330106');
    const band = (level: string, fromPercent: number, toPercent: number) => ({ level, fromPercent, toPercent, circumstances: `${level} 情形` });
    const benchmark = {
      kind: 'discretion',
      department: 'market',
      jurisdiction: '330106',
      version: 'market-330106/2026.1',
      effectiveFrom: '2026-09-01',
      title: '西湖区市场监管行政处罚裁量基准（测试）',
      source: '西湖区市场监管行政处罚裁量基准（测试）',
      discretionItems: [
        {
          code: 'DMKT-01',
          title: '未按规定留样的罚款裁量',
          penaltyItems: ['PMKT-04'],
          bands: [band('lenient', 0, 10), band('ordinary', 10, 90), band('severe', 90, 100)],
          legalBasis: '西湖区市场监管行政处罚裁量基准（测试）第三条',
        },
      ],
    };
    const gap = {
      ...benchmark,
      discretionItems: [{ ...benchmark.discretionItems[0], bands: [band('lenient', 0, 10), band('ordinary', 20, 90), band('severe', 90, 100)] }],
    };
    const refused = (await stack.http.post('/api/v1/checklists').set(market).send(gap).expect(400)).body;
    expect(refused).toMatchObject({ code: 'CHECKLIST_INVALID', details: [{ field: 'discretionItems.0.bands.1.fromPercent' }] });
    expect(
      (
        await stack.http
          .post('/api/v1/checklists')
          .set(await as('fire.330106'))
          .send(benchmark)
          .expect(403)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await stack.http.post('/api/v1/checklists').set(market).send(benchmark).expect(201)).body).toMatchObject({
      kind: 'discretion',
      level: 'county',
      discretionItems: [expect.objectContaining({ code: 'DMKT-01' })],
    });

    const original = (await stack.http.get(`/api/v1/inspections/${reinspection.originalInspectionId}`).set(market).expect(200)).body as InspectionView;
    const body = {
      findingId: finding(original, 'MKT-05').id,
      penaltyItemCode: 'PMKT-04',
      kinds: ['warning', 'fine'],
      fineFen: 1_000_000,
      decisionNo: '西市监罚〔2026〕102号',
      reason: '未按规定留样',
    };
    const unstated = (await stack.http.post('/api/v1/penalties').set(market).send(body).expect(422)).body;
    expect(unstated).toMatchObject({ code: 'PENALTY_DISCRETION_REQUIRED', details: [{ field: 'discretionLevel' }] });
    expect(unstated.message).toContain('从轻 ¥5,000.00 至 ¥9,500.00');
    const lenient = (
      await stack.http
        .post('/api/v1/penalties')
        .set(market)
        .send({ ...body, discretionLevel: 'lenient' })
        .expect(422)
    ).body;
    expect(lenient).toMatchObject({ code: 'PENALTY_OUTSIDE_DISCRETION', details: [{ field: 'fineFen' }] });
    const issued = (
      await stack.http
        .post('/api/v1/penalties')
        .set(market)
        .send({ ...body, discretionLevel: 'ordinary' })
        .expect(201)
    ).body;
    expect(issued.discretion).toEqual({
      level: 'ordinary',
      minFen: 950_000,
      maxFen: 4_550_000,
      checklistVersion: 'market-330106/2026.1',
      itemCode: 'DMKT-01',
      legalBasis: '西湖区市场监管行政处罚裁量基准（测试）第三条',
    });
    // A level where no benchmark applies (fire has none here) is refused, not kept unchecked.
    const fire = await as('fire.330106');
    const noBenchmark = (
      await stack.http
        .post('/api/v1/penalties')
        .set(fire)
        .send({
          findingId: finding(original, 'FIRE-01').id,
          penaltyItemCode: 'PFIRE-01',
          kinds: ['fine'],
          fineFen: 500_000,
          discretionLevel: 'lenient',
          decisionNo: '西消行罚决字〔2026〕0103号',
          reason: '占用疏散通道',
        })
        .expect(400)
    ).body;
    expect(noBenchmark.details).toEqual([expect.objectContaining({ field: 'discretionLevel', code: 'PENALTY_DISCRETION_NOT_APPLICABLE' })]);
  });
});
