import type { InstitutionPlanDrawView, Page, PlanDrawEntryView, PlanPoolEntryView, PlanView } from '@shanyu/contracts';
import { rebuildDrawInput, verifyDraw } from '@shanyu/inspection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InspectionStack, startInspectionStack } from './inspection-support.js';

/** 转塘街道: no other test file files institutions there, so these plans' pools are this file's own. */
const STREET = '330106012';

describe('双随机 pools and results as rows: the plans that drew an institution (一公开), and plans stored before the rows', () => {
  let stack: InspectionStack;
  let institutions: string[];
  const drawnPlans: PlanView[] = [];
  let undrawn: PlanView;
  const as = (username: string) => stack.auth(username);
  const publicPages = async <T>(path: string, pageSize = 2): Promise<T[]> => {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const body = (await stack.http.get(`${path}?page=${page}&pageSize=${pageSize}`).expect(200)).body as Page<T>;
      items.push(...body.items);
      if (page * pageSize >= body.total) return items;
    }
  };
  const plansOf = async (institutionId: string, query = '') =>
    (await stack.http.get(`/api/v1/public/institutions/${institutionId}/inspection-plans${query}`).expect(200)).body as Page<InstitutionPlanDrawView>;

  beforeAll(async () => {
    stack = await startInspectionStack({ now: new Date('2026-10-12T10:00:00+08:00') });
    institutions = (await Promise.all([1, 2, 3, 4].map(() => stack.filedInstitution({ divisionCode: STREET })))).map((i) => i.id);
    // A conflict of interest, so that the pool rows carry one.
    await stack.http
      .post(`/api/v1/inspectors/${stack.inspectors.fire![0]!.id}/conflicts`)
      .set(await as('fire.330106'))
      .send({ institutionId: institutions[0], reason: '近亲属在该机构任职' })
      .expect(201);
    const commit = async (ratios: object) =>
      (
        await stack.http
          .post('/api/v1/inspection-plans')
          .set(await as('health.330106'))
          .send({ divisionCode: STREET, periodFrom: '2026-10-12', periodTo: '2026-12-31', departments: ['fire', 'market'], ratios })
          .expect(201)
      ).body as PlanView;
    // Every institution in the first plan; about half in the second (drawn a day later); the third is never drawn.
    for (const [n, ratios] of [
      { A: 1, B: 1, C: 1, D: 1 },
      { A: 0.5, B: 0.5, C: 0.5, D: 0.5 },
    ].entries()) {
      const plan = await commit(ratios);
      stack.clock.set(Date.parse('2026-10-12T10:00:00+08:00') + n * 86_400_000);
      drawnPlans.push(
        (
          await stack.http
            .post(`/api/v1/inspection-plans/${plan.id}/draw`)
            .set(await as('health.330106'))
            .send({ publicEntropy: `转塘街道见证人报数 ${n}` })
            .expect(200)
        ).body as PlanView,
      );
    }
    undrawn = await commit({ A: 1, B: 1, C: 1, D: 1 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists, for each institution, exactly the drawn plans whose result holds it, latest draw first, with its place and entry', async () => {
    expect(drawnPlans.map((p) => p.result!.institutions)).toEqual([4, 2]);
    const results = new Map<string, PlanDrawEntryView[]>();
    for (const plan of drawnPlans) results.set(plan.id, await publicPages<PlanDrawEntryView>(`/api/v1/public/inspection-plans/${plan.id}/draws`));
    for (const institutionId of institutions) {
      const expected = [...drawnPlans].reverse().flatMap((plan) => {
        const at = results.get(plan.id)!.findIndex((e) => e.institutionId === institutionId);
        return at < 0 ? [] : [{ planId: plan.id, position: at + 1, drawn: results.get(plan.id)![at] }];
      });
      const listed = await plansOf(institutionId);
      expect(listed.total).toBe(expected.length);
      expect(listed.items.map((x) => ({ planId: x.plan.id, position: x.position, drawn: x.drawn }))).toEqual(expected);
      for (const x of listed.items) {
        expect(x.plan).toMatchObject({
          status: 'drawn',
          seed: expect.stringMatching(/^[0-9a-f]{64}$/),
          result: drawnPlans.find((p) => p.id === x.plan.id)!.result,
        });
        expect(x.plan).not.toHaveProperty('drawInput');
      }
      expect(listed.items.map((x) => x.plan.id)).not.toContain(undrawn.id);
    }
    // Paged: the second plan first (drawn later), then the first one.
    const both = institutions.find((id) => results.get(drawnPlans[1]!.id)!.some((e) => e.institutionId === id))!;
    expect((await plansOf(both, '?page=1&pageSize=1')).items.map((x) => x.plan.id)).toEqual([drawnPlans[1]!.id]);
    expect(await plansOf(both, '?page=2&pageSize=1')).toMatchObject({
      total: 2,
      page: 2,
      pageSize: 1,
      items: [expect.objectContaining({ plan: expect.objectContaining({ id: drawnPlans[0]!.id }) })],
    });
  });

  it('shows the joint inspection opened from the plan, says "none" for an institution never drawn, and names a bad id or page size', async () => {
    const [first] = drawnPlans;
    const opened = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await as('health.330106'))
        .send({ planId: first!.id, institutionId: institutions[1] })
        .expect(201)
    ).body;
    const listed = await plansOf(institutions[1]!);
    expect(listed.items.find((x) => x.plan.id === first!.id)!.drawn.inspectionId).toBe(opened.id);
    expect(await plansOf('00000000-0000-4000-8000-000000000000')).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    const bad = (await stack.http.get('/api/v1/public/institutions/not-a-uuid/inspection-plans').expect(400)).body;
    expect(bad.details.map((d: { field: string }) => d.field)).toEqual(['id']);
    expect((await stack.http.get(`/api/v1/public/institutions/${institutions[0]}/inspection-plans?pageSize=101`).expect(400)).body.details[0].field).toBe(
      'pageSize',
    );
  });

  it('moves a plan stored as jsonb (before migration 1764000000400) into rows: the same pool, result and verifiable draw', async () => {
    const ds = stack.inspection.runtime.dataSource;
    const plan = drawnPlans[0]!;
    const read = async () => ({
      pool: await publicPages<PlanPoolEntryView>(`/api/v1/public/inspection-plans/${plan.id}/pool`),
      draws: await publicPages<PlanDrawEntryView>(`/api/v1/public/inspection-plans/${plan.id}/draws`),
      drawnHere: await plansOf(institutions[0]!),
    });
    const before = await read();
    // Read before the migration's transaction locks the plan row.
    const published = (await stack.http.get(`/api/v1/public/inspection-plans/${plan.id}`).expect(200)).body as PlanView;
    expect(before.pool.find((e) => e.institutionId === institutions[0])!.conflicts).toEqual({ fire: [stack.inspectors.fire![0]!.id] });
    const migration = ds.migrations.find((m) => m.name === 'PlanRows1764000000400')!;
    // The migration after it adds a column to the rows: undone first, redone last.
    const later = ds.migrations.find((m) => m.name === 'UnfiledInPool1764000000800')!;
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await later.down(runner);
      await migration.down(runner);
      // The old layout: the whole draw input, the institutions' names and the result on the plan row.
      const [old] = await runner.query(`SELECT draw_input, names, result FROM "${stack.inspectionSchema}".inspection_plan WHERE id = $1`, [plan.id]);
      expect(old.draw_input.institutions).toHaveLength(4);
      expect(Object.keys(old.names.institutions).sort()).toEqual([...institutions].sort());
      const result = old.result.map(({ institutionId, grade, inspectors }: PlanDrawEntryView) => ({ institutionId, grade, inspectors }));
      expect(verifyDraw({ ...published, seed: published.seed!, drawInput: old.draw_input, result })).toEqual({ ok: true, problems: [] });
      expect(old.result.map((e: PlanDrawEntryView) => e.name)).toEqual(before.draws.map((e) => e.name));
      await migration.up(runner);
      await later.up(runner);
      await runner.commitTransaction();
    } catch (e) {
      await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.release();
    }
    const after = await read();
    expect(after).toEqual(before);
    expect((await stack.http.get(`/api/v1/public/inspection-plans/${plan.id}`).expect(200)).body).toEqual(published);
    const result = after.draws.map(({ institutionId, grade, inspectors }) => ({ institutionId, grade, inspectors }));
    expect(verifyDraw({ ...published, seed: published.seed!, drawInput: rebuildDrawInput(published.drawInput, after.pool), result })).toEqual({
      ok: true,
      problems: [],
    });
    const [{ columns }] = await ds.query(
      `SELECT array_agg(column_name::text ORDER BY column_name) AS columns FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'inspection_plan'`,
      [stack.inspectionSchema],
    );
    expect(columns).not.toContain('result');
  });
});
