import { createHash, randomUUID } from 'node:crypto';
import { shanghaiToday, SYSTEM_ACTOR } from '@shanyu/common';
import type { InspectionView, Page, PlanDrawEntryView, PlanDrawnData, PlanPoolEntryView, PlanView } from '@shanyu/contracts';
import { rebuildDrawInput, redraw, verifyDraw } from '@shanyu/inspection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@shanyu/testing';
import { followInspectionEvents, type InspectionStack, openVisit, startInspectionStack } from './inspection-support.js';

/** 西湖街道 and 西溪街道: streets no other test file files institutions in, so the draw pools are this file's own. */
const STREET = '330106008';
const CONFLICT_STREET = '330106002';

describe('双随机、一公开: verifiable draws, the yearly cap, complaints and self-inspection', () => {
  let stack: InspectionStack;
  let a: string, b: string, c: string;
  let plan: PlanView;
  const seen: { subject: string; entityId: string; data: unknown }[] = [];
  let tester: Awaited<ReturnType<typeof followInspectionEvents>>;
  const as = (username: string) => stack.auth(username);
  const commit = async (body: object, status: number, username = 'health.330106') =>
    (
      await stack.http
        .post('/api/v1/inspection-plans')
        .set(await as(username))
        .send(body)
        .expect(status)
    ).body;
  const everyone = { A: 1, B: 1, C: 1, D: 1 };
  const ids = (list: { id: string }[]) => list.map((x) => x.id);
  /** Every page of a paged plan sub-resource (pool or draws), as anyone or as `username`. */
  async function allPages<T>(path: string, username?: string, pageSize = 500): Promise<{ items: T[]; pages: Page<T>[]; bytes: number[] }> {
    const pages: Page<T>[] = [];
    const bytes: number[] = [];
    for (let page = 1; ; page++) {
      const call = stack.http.get(`${path}?page=${page}&pageSize=${pageSize}`);
      const res = await (username ? call.set(await as(username)) : call).expect(200);
      pages.push(res.body as Page<T>);
      bytes.push(Buffer.byteLength(res.text));
      if (page * pageSize >= res.body.total) break;
    }
    return { items: pages.flatMap((p) => p.items), pages, bytes };
  }
  /** What anyone can do with the public routes alone: rebuild the draw input from the plan and its pool pages, re-run the draw. */
  async function verifyFromPublicRoutes(id: string) {
    const published = (await stack.http.get(`/api/v1/public/inspection-plans/${id}`).expect(200)).body as PlanView;
    const pool = (await allPages<PlanPoolEntryView>(`/api/v1/public/inspection-plans/${id}/pool`)).items;
    const draws = (await allPages<PlanDrawEntryView>(`/api/v1/public/inspection-plans/${id}/draws`)).items;
    const drawInput = rebuildDrawInput(published.drawInput, pool);
    const result = draws.map(({ institutionId, grade, filed, inspectors }) =>
      filed === undefined ? { institutionId, grade, inspectors } : { institutionId, grade, filed, inspectors },
    );
    return { published, pool, draws, drawInput, result };
  }

  beforeAll(async () => {
    stack = await startInspectionStack({ now: new Date('2026-10-12T10:00:00+08:00') });
    [a, b, c] = ids(await Promise.all([1, 2, 3].map(() => stack.filedInstitution({ divisionCode: STREET }))));
    tester = await followInspectionEvents(stack, 'test-plan-events', (event) => {
      seen.push({ subject: event.subject, entityId: event.entityId, data: event.data });
    });
  });
  afterAll(async () => {
    await tester?.stop();
    await stack?.stop();
  });

  it('refuses a plan with fewer than two available inspectors in a department, naming the department, storing nothing', async () => {
    const tooFew = await commit({ divisionCode: STREET, periodFrom: '2026-10-12', periodTo: '2026-12-31', departments: ['fire', 'education'] }, 422);
    expect(tooFew.code).toBe('PLAN_NOT_ENOUGH_INSPECTORS');
    expect(tooFew.message).toContain('教育');
    expect(tooFew.details.map((d: { field: string }) => d.field)).toEqual(['departments.education']);

    // Conflicts of interest count: three of the four fire inspectors must stay away from this institution.
    const conflicted = (await stack.filedInstitution({ divisionCode: CONFLICT_STREET, name: '西溪街道回避测试托育园' })).id;
    for (const inspector of stack.inspectors.fire!.slice(0, 3)) {
      await stack.http
        .post(`/api/v1/inspectors/${inspector.id}/conflicts`)
        .set(await as('fire.330106'))
        .send({ institutionId: conflicted, reason: '近亲属在该机构任职' })
        .expect(201);
    }
    const conflicts = await commit({ divisionCode: CONFLICT_STREET, periodFrom: '2026-10-12', periodTo: '2026-12-31', departments: ['fire', 'market'] }, 422);
    expect(conflicts.code).toBe('PLAN_NOT_ENOUGH_INSPECTORS');
    expect(conflicts.message).toContain('消防救援');
    expect(conflicts.details[0].message).toContain('西溪街道回避测试托育园');
    expect(
      (
        await stack.http
          .get('/api/v1/inspection-plans')
          .set(await as('health.330106'))
          .expect(200)
      ).body.total,
    ).toBe(0);
  });

  it('commits before it draws: the public sees the seed commitment and pool hash, then the seed; re-running the published record gives the same draw', async () => {
    const fire1 = stack.inspectors.fire![0]!.id;
    await stack.http
      .post(`/api/v1/inspectors/${fire1}/conflicts`)
      .set(await as('fire.inspector1'))
      .send({ institutionId: a, reason: '曾在该机构兼职' })
      .expect(201);
    plan = await commit(
      {
        title: '西湖街道 2026 年第四季度双随机抽查',
        divisionCode: STREET,
        periodFrom: '2026-10-12',
        periodTo: '2026-12-31',
        departments: ['market', 'fire', 'health'],
        ratios: everyone,
      },
      201,
    );
    expect(plan).toMatchObject({
      status: 'committed',
      seed: null,
      result: null,
      departments: ['health', 'market', 'fire'],
      policyVersion: 'supervision-policy/2026.1',
      pool: { institutions: 3, byGrade: { A: 0, B: 3, C: 0, D: 0 } },
      excludedTotal: 0,
      excluded: [],
    });
    expect(plan.drawInput).toMatchObject({ pool: plan.pool, inspectorsPerDepartment: 2, ratios: everyone });
    expect(plan.drawInput).not.toHaveProperty('institutions');
    expect(Object.keys(plan.names)).toEqual(['inspectors']);
    expect(plan.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    const pool = (await allPages<PlanPoolEntryView>(`/api/v1/inspection-plans/${plan.id}/pool`, 'health.330106', 2)).items;
    expect(pool.map((i) => i.institutionId)).toEqual([a, b, c].sort());
    expect(pool.every((i) => i.grade === 'B' && i.name.length > 0)).toBe(true);
    expect(pool.find((i) => i.institutionId === a)!.conflicts).toEqual({ fire: [fire1] });
    expect(pool.find((i) => i.institutionId === b)).toMatchObject({ conflicts: {}, lastTime: {} });
    const before = (await stack.http.get(`/api/v1/public/inspection-plans/${plan.id}`).expect(200)).body;
    expect(before).toMatchObject({ seed: null, seedCommitment: plan.seedCommitment, poolHash: plan.poolHash });
    // Before the draw there is no result to page through (409, as creating an inspection from the plan).
    expect((await stack.http.get(`/api/v1/public/inspection-plans/${plan.id}/draws`).expect(409)).body.code).toBe('PLAN_NOT_DRAWN');
    expect(
      (
        await stack.http
          .get(`/api/v1/inspection-plans/${plan.id}/pool?pageSize=501`)
          .set(await as('health.330106'))
          .expect(400)
      ).body.details[0].field,
    ).toBe('pageSize');

    const drawn = (
      await stack.http
        .post(`/api/v1/inspection-plans/${plan.id}/draw`)
        .set(await as('health.330106'))
        .send({ publicEntropy: '2026-10-12 见证人报数 581' })
        .expect(200)
    ).body as PlanView;
    expect(createHash('sha256').update(drawn.seed!).digest('hex')).toBe(plan.seedCommitment);
    expect(drawn.result).toEqual({ institutions: 3, byGrade: { A: 0, B: 3, C: 0, D: 0 } });
    const draws = (await allPages<PlanDrawEntryView>(`/api/v1/inspection-plans/${plan.id}/draws`, 'health.330106', 2)).items;
    expect(draws.map((r) => r.institutionId).sort()).toEqual([a, b, c].sort());
    for (const r of draws) for (const d of ['health', 'market', 'fire']) expect(new Set(r.inspectors[d]).size).toBe(2);
    expect(draws.find((r) => r.institutionId === a)!.inspectors.fire).not.toContain(fire1);
    expect(
      (
        await stack.http
          .post(`/api/v1/inspection-plans/${plan.id}/draw`)
          .set(await as('health.330106'))
          .send({})
          .expect(409)
      ).body.code,
    ).toBe('PLAN_ALREADY_DRAWN');

    // Anyone: the public plan and all its public pages rebuild the input; its hash is the committed one and the re-run is the result.
    const { published, drawInput, result } = await verifyFromPublicRoutes(plan.id);
    expect(result.map((r) => r.institutionId)).toEqual(draws.map((r) => r.institutionId));
    expect(redraw({ drawInput, seed: published.seed!, publicEntropy: published.publicEntropy })).toEqual(result);
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput, result })).toEqual({ ok: true, problems: [] });
    // A pool page that left out an institution does not pass.
    const partial = rebuildDrawInput(published.drawInput, pool.slice(1));
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput: partial, result }).problems).toContain('drawInput does not match poolHash');
    plan = published;
  });

  it("opens a drawn institution's joint inspection with the drawn inspectors, once; an undrawn institution is refused", async () => {
    const planned = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await as('health.330106'))
        .send({ planId: plan.id, institutionId: c })
        .expect(201)
    ).body as InspectionView;
    const draws = (await allPages<PlanDrawEntryView>(`/api/v1/inspection-plans/${plan.id}/draws`, 'health.330106')).items;
    const drawn = draws.find((r) => r.institutionId === c)!;
    expect(planned).toMatchObject({ kind: 'planned', planId: plan.id, formKind: 'full' });
    for (const d of planned.departments) expect(d.inspectors.map((x) => x.id)).toEqual(drawn.inspectors[d.department]);
    expect(
      (
        await stack.http
          .post('/api/v1/inspections')
          .set(await as('health.330106'))
          .send({ planId: plan.id, institutionId: c })
          .expect(409)
      ).body.code,
    ).toBe('INSPECTION_ALREADY_CREATED');
    const outsider = (await stack.filedInstitution({ divisionCode: STREET })).id;
    expect(
      (
        await stack.http
          .post('/api/v1/inspections')
          .set(await as('health.330106'))
          .send({ planId: plan.id, institutionId: outsider })
          .expect(422)
      ).body.code,
    ).toBe('INSTITUTION_NOT_DRAWN');
    const shown = (await allPages<PlanDrawEntryView>(`/api/v1/inspection-plans/${plan.id}/draws`, 'health.330106')).items;
    expect(shown.find((r) => r.institutionId === c)!.inspectionId).toBe(planned.id);
    expect(shown.filter((r) => r.inspectionId).length).toBe(1);
  });

  it('gives a good credit grade (A, from evt.credit.grade.changed.v1) the abbreviated checklist: basic and high-risk items only', async () => {
    const eventId = randomUUID();
    const envelope = {
      eventId,
      subject: 'evt.credit.grade.changed.v1',
      occurredAt: new Date().toISOString(),
      actor: SYSTEM_ACTOR,
      entityId: b,
      data: {
        institutionId: b,
        divisionCode: STREET,
        from: 'B',
        to: 'A',
        grade: 'A',
        score: 95,
        modelVersion: 'test',
        effectiveOn: shanghaiToday(),
        reasons: [],
      },
    }; // the real GradeChangedData shape: every follower on the broker (the registry's too) reads it
    await tester.js.publish(envelope.subject, JSON.stringify(envelope), { msgID: eventId }); // as the credit service would
    await eventually(
      'grade A in the replica',
      async () =>
        (await stack.inspection.runtime.dataSource.query(`SELECT grade FROM "${stack.inspectionSchema}".institution_grade WHERE institution_id = $1`, [b]))[0]
          ?.grade === 'A',
    );
    const short = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await as('health.330106'))
        .send({ planId: plan.id, institutionId: b })
        .expect(201)
    ).body as InspectionView;
    expect(short).toMatchObject({ grade: 'A', formKind: 'abbreviated' });
    const form = (
      await stack.http
        .get(`/api/v1/inspections/${short.id}/form`)
        .set(await as('health.330106'))
        .expect(200)
    ).body;
    const items = form.areas.flatMap((x: { items: { basic: boolean; riskWeight: number }[] }) => x.items);
    expect(items.length).toBeGreaterThan(10);
    expect(items.length).toBeLessThan(44); // the full form of health, market and fire has 44 items
    expect(items.every((i: { basic: boolean; riskWeight: number }) => i.basic || i.riskWeight >= 4)).toBe(true);
  });

  it('applies the yearly cap (422) and the repeated-inspection alert (refused without a reason, flagged with one); a capped institution leaves the next pool', async () => {
    const i = stack.inspectors;
    const fire = { department: 'fire', inspectorIds: [i.fire![1]!.id, i.fire![3]!.id] };
    // c had its planned inspection today (fire took part): fire again within 30 days is a repeat.
    const repeated = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await as('fire.330106'))
        .send({ institutionId: c, departments: [fire] })
        .expect(422)
    ).body;
    expect(repeated.code).toBe('INSPECTION_REPEATED');
    expect(repeated.message).toContain('2026-10-12');
    const flagged = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await as('fire.330106'))
        .send({ institutionId: c, departments: [fire], repeatReason: '群众反映疏散通道被堵，需再次核查' })
        .expect(201)
    ).body as InspectionView;
    expect(flagged.alerts).toEqual([
      expect.objectContaining({ code: 'INSPECTION_REPEATED', department: 'fire', message: expect.stringContaining('群众反映疏散通道被堵') }),
    ]);
    const police = { department: 'police', inspectorIds: [i.police![0]!.id, i.police![1]!.id] };
    await stack.http
      .post('/api/v1/inspections')
      .set(await as('police.330106'))
      .send({ institutionId: c, departments: [police] })
      .expect(201);
    // Three counted inspections in 2026: the fourth is refused, whatever the department.
    const capped = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await as('police.330106'))
        .send({ institutionId: c, departments: [police], repeatReason: '再次核查监控' })
        .expect(422)
    ).body;
    expect(capped.code).toBe('INSPECTION_YEARLY_CAP');
    expect(capped.message).toContain('年度检查上限 3 次');

    const next = await commit({ divisionCode: STREET, periodFrom: '2026-11-01', periodTo: '2026-12-31', departments: ['fire', 'market'] }, 201);
    expect(next.excluded).toEqual([expect.objectContaining({ institutionId: c, code: 'INSPECTION_YEARLY_CAP' })]);
    expect(next.excludedTotal).toBe(1);
    const nextPool = (await allPages<PlanPoolEntryView>(`/api/v1/inspection-plans/${next.id}/pool`, 'health.330106')).items;
    expect(nextPool.map((x) => x.institutionId)).not.toContain(c);
    expect(nextPool.length).toBe(next.pool.institutions);
    // b had its planned inspection with the drawn inspectors: the pool records them as last time's, for avoidance.
    const drawnB = (await allPages<PlanDrawEntryView>(`/api/v1/public/inspection-plans/${plan.id}/draws`)).items.find((x) => x.institutionId === b)!;
    expect(nextPool.find((x) => x.institutionId === b)!.lastTime).toEqual({
      fire: [...drawnB.inspectors.fire!].sort(),
      market: [...drawnB.inspectors.market!].sort(),
    });
    expect(nextPool.find((x) => x.institutionId === a)!.lastTime).toEqual({});
  });

  it('takes complaints from anyone without login, routes, triages, inspects outside the draw and publishes the outcome without the complainant', async () => {
    const description = '家长反映午餐没有留样，厨房有过期牛奶（投诉人：王小明）';
    const receipt = (
      await stack.http
        .post('/api/v1/public/complaints')
        .send({ institutionId: c, category: 'food', description, contact: { name: '王小明', phone: '13800138000' } })
        .expect(201)
    ).body;
    expect(receipt).toMatchObject({ status: 'received', department: 'market' });
    const [stored] = await stack.inspection.runtime.dataSource.query(`SELECT contact_cipher FROM "${stack.inspectionSchema}".complaint WHERE id = $1`, [
      receipt.id,
    ]);
    expect(stored.contact_cipher).not.toContain('138');
    const listed = (
      await stack.http
        .get('/api/v1/complaints?status=received')
        .set(await as('market.330106'))
        .expect(200)
    ).body;
    expect(listed.items[0]).toMatchObject({ id: receipt.id, contact: { name: '王**', phone: '138****8000' } });
    expect(
      (
        await stack.http
          .get('/api/v1/complaints')
          .set(await as('fire.330106'))
          .expect(200)
      ).body.total,
    ).toBe(0);
    expect(
      (
        await stack.http
          .post(`/api/v1/complaints/${receipt.id}/triage`)
          .set(await as('fire.330106'))
          .send({ decision: 'accept', reason: '受理' })
          .expect(403)
      ).body.code,
    ).toBe('DEPARTMENT_NOT_ALLOWED');
    await stack.http
      .post(`/api/v1/complaints/${receipt.id}/triage`)
      .set(await as('market.330106'))
      .send({ decision: 'accept', reason: '属于食品安全监管职责，予以受理' })
      .expect(200);
    expect(
      (
        await stack.http
          .post(`/api/v1/complaints/${receipt.id}/triage`)
          .set(await as('market.330106'))
          .send({ decision: 'reject', reason: '改判' })
          .expect(409)
      ).body.code,
    ).toBe('COMPLAINT_ALREADY_TRIAGED');

    // c is at the yearly cap, but a complaint inspection is outside the draw and not counted.
    const visit = await openVisit(stack, 'market.330106', c, 'market', [0, 3], { kind: 'complaint', complaintId: receipt.id });
    expect(visit).toMatchObject({ kind: 'complaint', complaintId: receipt.id });
    const closed = (
      await stack.http
        .post(`/api/v1/complaints/${receipt.id}/outcome`)
        .set(await as('market.330106'))
        .send({ substantiated: true, summary: '经现场检查，午餐未留样属实，已责令整改', inspectionId: visit.id })
        .expect(200)
    ).body;
    expect(closed).toMatchObject({ status: 'closed', inspectionId: visit.id, outcome: { substantiated: true } });

    const other = (await stack.http.post('/api/v1/public/complaints').send({ institutionId: a, category: 'fees', description: '收费比公示的高' }).expect(201))
      .body;
    await stack.http
      .post(`/api/v1/complaints/${other.id}/triage`)
      .set(await as('market.330106'))
      .send({ decision: 'reject', reason: '经核实收费与公示一致，不予受理' })
      .expect(200);

    const pub = (await stack.http.get(`/api/v1/public/complaints?institutionId=${c}`).expect(200)).body;
    expect(pub.items).toEqual([
      expect.objectContaining({
        id: receipt.id,
        category: 'food',
        department: 'market',
        outcome: expect.objectContaining({ substantiated: true, summary: '经现场检查，午餐未留样属实，已责令整改' }),
      }),
    ]);
    const text = JSON.stringify(pub);
    for (const secret of ['王小明', '13800138000', '138****8000', description]) expect(text).not.toContain(secret);

    await eventually(
      'complaint.closed events',
      () => seen.filter((e) => e.subject === 'evt.inspection.complaint.closed.v1' && [receipt.id, other.id].includes(e.entityId)).length >= 2,
    );
    const closedEvents = seen.filter((e) => e.subject === 'evt.inspection.complaint.closed.v1' && [receipt.id, other.id].includes(e.entityId));
    expect(closedEvents.map((e) => [e.entityId, (e.data as { outcome: string }).outcome]).sort()).toEqual(
      [
        [receipt.id, 'substantiated'],
        [other.id, 'rejected'],
      ].sort(),
    );
    for (const e of closedEvents) expect(JSON.stringify(e.data)).not.toMatch(/王小明|13800138000/);
  });

  it('lets an operator self-inspect with the same lists; inspectors see it on the form; it is not an inspection', async () => {
    const own = (await stack.filedInstitution({ divisionCode: STREET }, 'operator.demo')).id;
    const operator = await as('operator.demo');
    const selfForm = (await stack.http.get(`/api/v1/self-inspections/form?institutionId=${own}`).set(operator).expect(200)).body;
    expect(selfForm.areas.flatMap((x: { items: unknown[] }) => x.items).length).toBe(64); // every list applying in 西湖区 but education's kindergarten items
    await stack.http
      .post('/api/v1/self-inspections')
      .set(operator)
      .send({ institutionId: own, results: [{ itemCode: 'NOPE-01', result: 'pass' }] })
      .expect(422);
    await stack.http
      .post('/api/v1/self-inspections')
      .set(await as('market.330106'))
      .send({ institutionId: own, results: [{ itemCode: 'FIRE-01', result: 'pass' }] })
      .expect(403);
    const self = (
      await stack.http
        .post('/api/v1/self-inspections')
        .set(operator)
        .send({
          institutionId: own,
          results: [
            { itemCode: 'FIRE-04', result: 'fail', note: '两具灭火器过期，已报修' },
            { itemCode: 'FIRE-01', result: 'pass' },
          ],
        })
        .expect(201)
    ).body;
    expect(self.summary).toEqual({ pass: 1, fail: 1, notApplicable: 0 });
    const visit = await openVisit(stack, 'fire.330106', own, 'fire', [0, 1]);
    const form = (
      await stack.http
        .get(`/api/v1/inspections/${visit.id}/form`)
        .set(await as('fire.inspector1'))
        .expect(200)
    ).body;
    expect(form.selfInspection).toMatchObject({ id: self.id, failed: [{ itemCode: 'FIRE-04', note: '两具灭火器过期，已报修' }] });
    // The operator reads its own inspections (not the inspectors' form) and nobody else's.
    expect((await stack.http.get(`/api/v1/inspections?institutionId=${own}`).set(operator).expect(200)).body.total).toBe(1);
    expect((await stack.http.get(`/api/v1/inspections/${visit.id}/form`).set(operator).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await stack.http.get(`/api/v1/inspections?institutionId=${c}`).set(operator).expect(200)).body.total).toBe(0);

    // The operator reads its 整改意见书 and reports the rectification; the finding's department then closes it.
    const fireItems = form.areas
      .flatMap((x: { items: { code: string; department: string }[] }) => x.items)
      .filter((x: { department: string }) => x.department === 'fire');
    const results = fireItems.map((x: { code: string }) =>
      x.code === 'FIRE-04' ? { itemCode: x.code, result: 'fail', note: '灭火器过期未更换' } : { itemCode: x.code, result: 'pass' },
    );
    await stack.http
      .put(`/api/v1/inspections/${visit.id}/results`)
      .set(await as('fire.inspector1'))
      .send({ results })
      .expect(200);
    const done = (
      await stack.http
        .post(`/api/v1/inspections/${visit.id}/sign-off`)
        .set(await as('fire.inspector1'))
        .send({})
        .expect(200)
    ).body as InspectionView;
    const notice = (await stack.http.get(`/api/v1/inspections/${visit.id}/notice`).set(operator).expect(200)).body;
    expect(notice.text).toContain('灭火器过期未更换');
    const mine = (await stack.http.get('/api/v1/rectifications?status=open').set(operator).expect(200)).body;
    expect(mine.items.map((f: { id: string }) => f.id)).toEqual([done.findings[0]!.id]);
    const reported = (
      await stack.http.post(`/api/v1/rectifications/${done.findings[0]!.id}/report`).set(operator).send({ text: '已更换 4 具灭火器，附购买凭证' }).expect(200)
    ).body;
    expect(reported).toMatchObject({ status: 'reported', report: { text: '已更换 4 具灭火器，附购买凭证' } });
    await stack.http
      .post(`/api/v1/rectifications/${done.findings[0]!.id}/report`)
      .set(await as('fire.330106'))
      .send({ text: '代报' })
      .expect(403);
    const closed = (
      await stack.http
        .post(`/api/v1/rectifications/${done.findings[0]!.id}/verify`)
        .set(await as('fire.330106'))
        .send({ outcome: 'corrected', note: '核对购买凭证和现场照片' })
        .expect(200)
    ).body;
    expect(closed.status).toBe('corrected');
  });

  it('publishes a new version of a list (never edits one) and judges each date by the version in force', async () => {
    // The next version starts from the latest one: fire/2026.3 (in force from 2026-12-08, FIRE-15–FIRE-25 beside
    // fire/2026.2's FIRE-14 消防验收与安全检查).
    const current = (
      await stack.http
        .get('/api/v1/checklists?kind=inspection&department=fire&on=2026-12-08')
        .set(await as('fire.330106'))
        .expect(200)
    ).body;
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({
      version: 'fire/2026.3',
      jurisdiction: '000000',
      jurisdictionName: '全国',
      level: 'national',
      citations: expect.arrayContaining([expect.stringMatching(/^《中华人民共和国消防法》 第十三条、第十五条/)]),
    });
    const next = { ...current[0], version: 'fire/2027.1', effectiveFrom: '2027-01-01', title: '托育机构消防安全行政检查事项清单（2027 年版）' };
    for (const key of ['id', 'origin', 'publishedAt', 'penaltyItems', 'jurisdictionName', 'level', 'documentKey', 'citations']) delete next[key];
    next.inspectionItems = [
      ...next.inspectionItems,
      {
        code: 'FIRE-26',
        area: 'fire_safety',
        category: '儿童防护',
        text: '婴幼儿活动区域的插座设置安全防护',
        legalBasis: '《托育机构设置标准（试行）》',
        riskWeight: 2,
        severity: 'minor',
        appliesTo: [],
        basic: false,
      },
    ];
    const publish = async (username: string, body: object, status: number) =>
      (
        await stack.http
          .post('/api/v1/checklists')
          .set(await as(username))
          .send(body)
          .expect(status)
      ).body;
    // Another department's list: refused, naming the field.
    const otherDepartment = await publish('market.330106', next, 403);
    expect(otherDepartment).toMatchObject({ code: 'DEPARTMENT_NOT_ALLOWED', details: [expect.objectContaining({ field: 'department' })] });
    // A national list: only the platform admin; a district bureau publishes for its own district.
    const national = await publish('fire.330106', next, 403);
    expect(national).toMatchObject({ code: 'DIVISION_OUT_OF_SCOPE', details: [expect.objectContaining({ field: 'jurisdiction' })] });
    expect((await publish('admin', { ...next, inspectionItems: [{ ...next.inspectionItems[0], riskWeight: 9 }] }, 400)).details[0].field).toBe(
      'inspectionItems.0.riskWeight',
    );
    expect((await publish('admin', { ...next, inspectionItems: [{ ...next.inspectionItems[0], code: 'MKT-01' }] }, 400)).code).toBe('CHECKLIST_INVALID');
    expect(await publish('admin', next, 201)).toMatchObject({ version: 'fire/2027.1', origin: 'published', jurisdiction: '000000' });
    expect((await publish('admin', next, 409)).code).toBe('CHECKLIST_VERSION_EXISTS');
    const inForce = async (on: string) => (await stack.http.get(`/api/v1/public/checklists?kind=inspection&department=fire&on=${on}`).expect(200)).body;
    expect((await inForce('2026-11-30'))[0].version).toBe('fire/2026.1');
    expect((await inForce('2026-12-07'))[0].version).toBe('fire/2026.2');
    expect((await inForce('2026-12-31'))[0].version).toBe('fire/2026.3');
    expect((await inForce('2027-01-01'))[0].inspectionItems).toHaveLength(26);

    // 西湖区's own fire list: in force there on top of the national one, and only there.
    const local = {
      ...next,
      jurisdiction: '330106',
      version: 'fire-330106/2027.1',
      title: '托育机构消防安全行政检查事项清单（西湖区，2027 年版）',
      source: '西湖区托育机构消防安全检查补充事项',
      sources: [{ title: '西湖区托育机构消防安全检查补充事项', documentNo: '西消〔2027〕1号' }],
      inspectionItems: [{ ...next.inspectionItems[25], code: 'FIRE-27', category: '充电设施', text: '婴幼儿活动区域不设电动自行车充电设施' }],
    };
    expect((await publish('fire.330106', { ...local, version: 'fire/2027.2' }, 400)).details[0].field).toBe('version');
    expect(await publish('fire.330106', local, 201)).toMatchObject({ jurisdiction: '330106', level: 'county', jurisdictionName: '浙江省杭州市西湖区' });
    const applying = async (divisionCode: string) =>
      (
        (await stack.http.get(`/api/v1/public/checklists?kind=inspection&department=fire&on=2027-01-01&divisionCode=${divisionCode}`).expect(200)).body as {
          version: string;
        }[]
      ).map((l) => l.version);
    expect(await applying('330106109')).toEqual(['fire/2027.1', 'fire-330106/2027.1']);
    expect(await applying('371002')).toEqual(['fire/2027.1']);
  });

  it('lets a street office draw a plan for its own area with the default ratios, and anyone verify it', async () => {
    const ours = (await stack.filedInstitution()).id; // 三墩镇 330106109, where other test files file institutions too
    const committed = await commit(
      { divisionCode: '330106109', periodFrom: '2026-10-12', periodTo: '2026-12-31', departments: ['street', 'fire'] },
      201,
      'street.330106109',
    );
    expect(committed.drawInput.ratios).toEqual({ A: 0.05, B: 0.1, C: 0.3, D: 1 });
    const pool = (await allPages<PlanPoolEntryView>(`/api/v1/inspection-plans/${committed.id}/pool`, 'street.330106109')).items;
    expect(pool.map((x) => x.institutionId)).toContain(ours);
    expect(
      (await commit({ divisionCode: STREET, periodFrom: '2026-10-12', periodTo: '2026-12-31', departments: ['fire'] }, 403, 'street.330106109')).code,
    ).toBe('DIVISION_OUT_OF_SCOPE');
    // Officials out of the plan's division do not page through its pool either (the public does).
    expect(
      (
        await stack.http
          .get(`/api/v1/inspection-plans/${plan.id}/pool`)
          .set(await as('street.330106109'))
          .expect(403)
      ).body.code,
    ).toBe('DIVISION_OUT_OF_SCOPE');
    await stack.http
      .post(`/api/v1/inspection-plans/${committed.id}/draw`)
      .set(await as('street.330106109'))
      .send({ publicEntropy: '三墩镇现场抽取 2026-10-12' })
      .expect(200);
    const { published, pool: publicPool, drawInput, result } = await verifyFromPublicRoutes(committed.id);
    // ⌈N × r⌉ per grade (other test files' credit events may have graded some institutions here).
    const expected = (['A', 'B', 'C', 'D'] as const).reduce((sum, g) => {
      const n = publicPool.filter((x) => x.grade === g).length;
      expect(n).toBe(published.pool.byGrade[g]);
      return sum + Math.ceil((n * Math.round(published.drawInput.ratios[g] * 10_000)) / 10_000);
    }, 0);
    expect(result.length).toBe(expected);
    expect(published.result!.institutions).toBe(expected);
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput, result })).toEqual({ ok: true, problems: [] });
  });

  it('lets a department plan and draw its own random inspections (国发〔2019〕5号), not a joint plan, which the street office or health leads', async () => {
    for (const n of [1, 2]) {
      await stack.http
        .post('/api/v1/inspectors')
        .set(await as('market.330106'))
        .send({ name: `市场监管检查员${n}`, badgeNo: `西市监${randomUUID().slice(0, 8)}`, divisionCodes: ['330106'] })
        .expect(201);
    }
    const period = { divisionCode: '330106109', periodFrom: '2026-10-12', periodTo: '2026-12-31' };
    const joint = await commit({ ...period, departments: ['market', 'fire'] }, 403, 'market.330106');
    expect(joint.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(joint.message).toContain('联合抽查须由乡镇（街道）或卫生健康部门牵头');
    const own = await commit({ ...period, departments: ['market'] }, 201, 'market.330106');
    expect(own).toMatchObject({ departments: ['market'], status: 'committed' });
    // Another department may not draw it; the market department (or a lead one) does.
    const draw = (username: string, status: number) =>
      as(username).then((h) =>
        stack.http.post(`/api/v1/inspection-plans/${own.id}/draw`).set(h).send({ publicEntropy: '市场监管局 2026-10-12 抽取' }).expect(status),
      );
    expect((await draw('fire.330106', 403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await draw('market.330106', 200)).body.status).toBe('drawn');
    const { published, drawInput, result } = await verifyFromPublicRoutes(own.id);
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput, result })).toEqual({ ok: true, problems: [] });
  });

  it("keeps a large draw within NATS's 1 MB: bounded replies, paged pool and result, plan.drawn in parts that add up to the draw", async () => {
    // 1,200 filed institutions in 文新街道 (no other file's pool), written straight into this stack's
    // replica as bench/draw.mjs does: filing each through the HTTP flow is not what is tested here.
    const LARGE = '330106015';
    const n = 1_200;
    await stack.inspection.runtime.dataSource.query(
      `INSERT INTO "${stack.inspectionSchema}".institution (id, name, division_code, status, operator_type, total_places, source_version)
       SELECT gen_random_uuid(), '文新街道测试托育园' || i, $2, 'filed', 'private', 50, 1 FROM generate_series(1, $1) AS i`,
      [n, LARGE],
    );
    const committedRes = await stack.http
      .post('/api/v1/inspection-plans')
      .set(await as('health.330106'))
      .send({ divisionCode: LARGE, periodFrom: '2026-10-12', periodTo: '2026-12-31', departments: ['fire', 'market'], ratios: everyone })
      .expect(201);
    const committed = committedRes.body as PlanView;
    expect(committed.pool).toEqual({ institutions: n, byGrade: { A: 0, B: n, C: 0, D: 0 } });
    const drawRes = await stack.http
      .post(`/api/v1/inspection-plans/${committed.id}/draw`)
      .set(await as('health.330106'))
      .send({ publicEntropy: '文新街道 2026-10-12' })
      .expect(200);
    expect((drawRes.body as PlanView).result).toEqual({ institutions: n, byGrade: { A: 0, B: n, C: 0, D: 0 } });
    for (const res of [committedRes, drawRes]) expect(Buffer.byteLength(res.text)).toBeLessThan(64 * 1024); // independent of the pool's size
    const listed = (await stack.http.get('/api/v1/public/inspection-plans?divisionCode=330106015').expect(200)).body;
    expect(listed.items).toEqual([expect.objectContaining({ id: committed.id, pool: committed.pool, result: (drawRes.body as PlanView).result })]);
    expect(listed.items[0]).not.toHaveProperty('drawInput');

    const pool = await allPages<PlanPoolEntryView>(`/api/v1/public/inspection-plans/${committed.id}/pool`);
    expect(pool.pages.map((p) => p.items.length)).toEqual([500, 500, 200]);
    for (const bytes of pool.bytes) expect(bytes).toBeLessThan(1024 * 1024);
    const { published, draws, drawInput, result } = await verifyFromPublicRoutes(committed.id);
    expect(draws).toHaveLength(n);
    expect(new Set(draws.map((d) => d.institutionId)).size).toBe(n);
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput, result })).toEqual({ ok: true, problems: [] });

    // One outbox row per part, each at most 500 drawn institutions; together exactly the draw, in draw order.
    const parts = await eventually('every plan.drawn part', () => {
      const got = seen.filter((e) => e.subject === 'evt.inspection.plan.drawn.v1' && e.entityId === committed.id).map((e) => e.data as PlanDrawnData);
      return got.length >= 3 && got;
    });
    parts.sort((x, y) => x.part - y.part);
    expect(parts.map((p) => [p.part, p.parts, p.institutions, p.drawn.length])).toEqual([
      [1, 3, n, 500],
      [2, 3, n, 500],
      [3, 3, n, 200],
    ]);
    expect(parts.flatMap((p) => p.drawn)).toEqual(result);
    for (const p of parts) expect(p).toMatchObject({ seed: published.seed, poolHash: published.poolHash, seedCommitment: published.seedCommitment });
    const envelopes: { bytes: number }[] = await stack.inspection.runtime.dataSource.query(
      `SELECT octet_length(envelope::text) AS bytes FROM "${stack.inspectionSchema}".outbox WHERE subject = 'evt.inspection.plan.drawn.v1' AND envelope->>'entityId' = $1`,
      [committed.id],
    );
    expect(envelopes).toHaveLength(3);
    for (const e of envelopes) expect(Number(e.bytes)).toBeLessThan(1024 * 1024);
  });

  it('announces the plan (committed, drawn) once each', async () => {
    await eventually('plan events', () => seen.some((e) => e.subject === 'evt.inspection.plan.drawn.v1' && e.entityId === plan.id));
    expect(
      seen
        .filter((e) => e.entityId === plan.id)
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['evt.inspection.plan.committed.v1', 'evt.inspection.plan.drawn.v1']);
    const drawnEvent = seen.find((e) => e.subject === 'evt.inspection.plan.drawn.v1' && e.entityId === plan.id)!.data as PlanDrawnData;
    expect(drawnEvent).toMatchObject({ seed: plan.seed, part: 1, parts: 1, institutions: 3 });
    expect(drawnEvent.drawn).toHaveLength(3);
  });
  it('from the policy of 2026-12-01, draws registered institutions not yet filed as their own stratum (all of them), and anyone verifies it', async () => {
    // 北山街道: this test's own street.
    const street = '330106001';
    const [filedOne, unfiled] = [(await stack.filedInstitution({ divisionCode: street })).id, (await stack.registeredInstitution({ divisionCode: street })).id];
    // Before the policy that brings them in, the pool is the filed institutions only (shanyu-draw/v1).
    const before = await commit({ divisionCode: street, periodFrom: '2026-11-02', periodTo: '2026-11-30', departments: ['fire'], ratios: everyone }, 201);
    expect(before.drawInput.algorithm).toBe('shanyu-draw/v1');
    expect((await allPages<PlanPoolEntryView>(`/api/v1/inspection-plans/${before.id}/pool`, 'health.330106')).items.map((x) => x.institutionId)).toEqual([
      filedOne,
    ]);

    const committed = (await commit({ divisionCode: street, periodFrom: '2026-12-07', periodTo: '2026-12-31', departments: ['fire'] }, 201)) as PlanView;
    expect(committed).toMatchObject({
      policyVersion: 'supervision-policy/2026.2',
      drawInput: { algorithm: 'shanyu-draw/v2', ratios: { A: 0.05, B: 0.1, C: 0.3, D: 1, unfiled: 1 } },
      pool: { institutions: 2, unfiled: 1 },
    });
    const pool = (await allPages<PlanPoolEntryView>(`/api/v1/inspection-plans/${committed.id}/pool`, 'health.330106')).items;
    expect(Object.fromEntries(pool.map((x) => [x.institutionId, x.filed]))).toEqual({ [filedOne]: true, [unfiled]: false });
    await stack.http
      .post(`/api/v1/inspection-plans/${committed.id}/draw`)
      .set(await as('health.330106'))
      .send({ publicEntropy: '北山街道 2026-12-07' })
      .expect(200);
    const { published, draws, drawInput, result } = await verifyFromPublicRoutes(committed.id);
    expect(draws.find((d) => d.institutionId === unfiled)).toMatchObject({ filed: false });
    expect(published.result).toMatchObject({ unfiled: 1 });
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput, result })).toEqual({ ok: true, problems: [] });
    // Moving the unfiled institution into the filed strata changes the hash: the stratum is part of what was committed.
    const tampered = { ...drawInput, institutions: drawInput.institutions.map((i) => ({ ...i, filed: true })) };
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput: tampered, result }).problems).toContain('drawInput does not match poolHash');
  });
});
