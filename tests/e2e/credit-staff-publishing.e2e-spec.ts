// Publishing credit and staff rule documents through the API (POST /api/v1/staff/rules, POST
// /api/v1/credit/models), end to end: 环翠区's health bureau publishes a stricter 托小班 ratio
// (1:4, test document) for its district; from its first day GET /rules/effective?family=staff
// resolves it there, the staff statistics judge 环翠区's institutions by it (西湖区's keep the
// national 1:5), and the sweep judges an institution already on the books again — its breach is
// published, and the credit service scores it. The platform admin publishes a 威海市 grading (B from
// 78, test document); an institution of the city is graded by it (C for 75 points) where one of
// 西湖区 is graded by the national default (B), and its standing computed earlier the same day is
// recomputed. Refusals: another district, the nation, the wrong department (403), a body that does
// not check or leaves no whole rule set (400 RULE_DOCUMENT_INVALID naming the field), a version
// again (409); each publication audited and announced (evt.<service>.rules.published.v1).
import { addDays, shanghaiToday } from '@shanyu/common';
import { type CreditView, CreditEvents, StaffEvents } from '@shanyu/contracts';
import { ReminderSweep } from '@shanyu/staff';
import { creditGradingBody, eventually, institutionRequest, okBody, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicated, type Stack, startTestStack } from '../support/stack.js';
import { EventCollector } from './events-support.js';
import { newIdNumber } from './staff-support.js';

type Rule = { key: string; composition: string; body: Record<string, unknown>; from: Record<string, unknown>; replaced: { from: Record<string, unknown> }[] };

/** 三墩镇 (西湖区, 杭州) and 环翠楼街道 (环翠区, 威海). */
const XIHU_STREET = '330106109';
const HUANCUI_STREET = '371002001';

describe('publishing credit and staff rules by jurisdiction', () => {
  let stack: Stack<'registry' | 'staff' | 'credit'>;
  let events: EventCollector;
  const today = shanghaiToday();
  const year = today.slice(0, 4);
  const as = (username: string) => stack.auth(username);
  const post = async (path: string, username: string, body: object) =>
    stack.http
      .post(path)
      .set(await as(username))
      .send(body);
  const effective = async (family: string, divisionCode: string): Promise<{ rules: Rule[] }> =>
    okBody(
      await stack.http
        .get('/api/v1/rules/effective')
        .query({ family, divisionCode, date: today })
        .set(await as('operator.demo')),
    );

  /** A test document (labelled 测试) of one rule. */
  const document = (documentKey: string, jurisdiction: string, rule: Record<string, unknown>, overrides: Record<string, unknown> = {}) => {
    const sources = [{ title: '测试用规范性文件', documentNo: `测〔${year}〕1号` }];
    return {
      documentKey,
      version: `${documentKey}/${year}.1`,
      jurisdiction,
      title: `测试：${documentKey}`,
      sources,
      effectiveFrom: today,
      rules: [{ sources: [{ ...sources[0], article: '第一条' }], ...rule }],
      ...overrides,
    };
  };
  const toddlerRatio = (childrenPerCarer: number) => ({
    key: 'ratio.toddler',
    title: `测试：托小班师生比 1:${childrenPerCarer}`,
    composition: 'replaces',
    body: { kind: 'ratio', classType: 'toddler', childrenPerCarer },
  });
  const stricterRatio = (jurisdiction = '371002') => document('huancui-test-staff-ratios', jurisdiction, toddlerRatio(4));
  const cityGrading = (jurisdiction = '371000') =>
    document('weihai-test-grading', jurisdiction, {
      key: 'grading',
      title: '测试：市级信用分级线（B ≥ 78）',
      composition: 'replaces',
      body: creditGradingBody(),
    });

  /** An institution with 5 (or 6) toddler places, registered by the district's market regulator, once staff and credit have their copy. */
  const institution = async (district: string, divisionCode: string, toddlers: number) => {
    const body = okBody(
      await post(
        '/api/v1/institutions',
        `market.${district}`,
        institutionRequest({ divisionCode, name: `规则发布测试托育园${Date.now() % 1_000_000}`, places: { infant: 0, toddler: toddlers, older: 0, mixed: 0 } }),
      ),
      201,
    );
    await replicated(stack, body.id);
    return body as { id: string };
  };
  const hireToddlerCarer = async (district: string, institutionId: string) =>
    okBody(
      await post(`/api/v1/institutions/${institutionId}/staff`, `health.${district}`, {
        name: '保育员',
        idNumber: newIdNumber(),
        role: 'carer',
        classType: 'toddler',
        startDate: addDays(today, -30),
      }),
      201,
    );
  const toddlerRatioOf = async (district: string, institutionId: string) =>
    okBody(await stack.http.get(`/api/v1/institutions/${institutionId}/staff-stats`).set(await as(`health.${district}`))).ratios.find(
      (r: { classType: string }) => r.classType === 'toddler',
    );
  const credit = async (district: string, institutionId: string): Promise<CreditView> =>
    okBody(await stack.http.get(`/api/v1/credit/institutions/${institutionId}`).set(await as(`health.${district}`)));
  const ledgerEntries = (institutionId: string) =>
    stack.sql('credit', `SELECT event_type FROM $schema.ledger_entry WHERE institution_id = $1`, [institutionId]);

  let xihu: { id: string };
  let huancui: { id: string };

  beforeAll(async () => {
    stack = await startTestStack({ services: ['registry', 'staff', 'credit'], startOptions: { staff: { eventsFrom: 'new' }, credit: { eventsFrom: 'new' } } });
    events = await EventCollector.start(testNatsUrl(), 'evt.>');
    // 西湖区: 6 toddlers for one carer, below the national 1:5 from the start; 环翠区: 5 for one, within it.
    [xihu, huancui] = [await institution('330106', XIHU_STREET, 6), await institution('371002', HUANCUI_STREET, 5)];
    await hireToddlerCarer('330106', xihu.id);
    await hireToddlerCarer('371002', huancui.id);
    await events.waitFor(StaffEvents.ratioBreached, (e) => e.data.institutionId === xihu.id);
  }, 120_000);
  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it('staff: refused outside the district, for the nation, to other departments, unchecked, incomplete, in the past', async () => {
    const refused = async (username: string, body: object, status: number) => okBody(await post('/api/v1/staff/rules', username, body), status);
    expect((await refused('health.371002', stricterRatio('330106'), 403)).code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await refused('health.371002', stricterRatio('000000'), 403)).code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await refused('health.330106', stricterRatio(), 403)).code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await refused('market.371002', stricterRatio(), 403)).code).toBe('DEPARTMENT_NOT_ALLOWED');

    // The family's own check of each body: a ratio of 0, an unknown key.
    const zero = document('huancui-test-staff-ratios', '371002', {
      ...toddlerRatio(0),
      body: { kind: 'ratio', classType: 'toddler', childrenPerCarer: 0, note: 'x' },
    });
    const unchecked = await refused('health.371002', zero, 400);
    expect(unchecked.code).toBe('RULE_DOCUMENT_INVALID');
    expect(unchecked.details.map((d: { field: string }) => d.field).sort()).toEqual(['rules.0.body.childrenPerCarer', 'rules.0.body.note']);
    expect(unchecked.details[0].message).toMatch(/[\u4e00-\u9fa5]/);

    // A whole set everywhere: disabling the 托小班 ratio leaves 环翠区 without one.
    const gap = document('huancui-test-staff-ratios', '371002', {
      key: 'ratio.toddler',
      title: '测试：停用',
      composition: 'disables',
      reason: '测试：停用国家配比',
    });
    const incomplete = await refused('health.371002', gap, 400);
    expect(incomplete).toMatchObject({
      code: 'RULE_DOCUMENT_INVALID',
      details: [{ field: 'rules', message: expect.stringContaining('班型 toddler 没有师生比规则') }],
    });

    const past = await refused('health.371002', { ...stricterRatio(), effectiveFrom: addDays(today, -1) }, 400);
    expect(past.details[0]).toMatchObject({ field: 'effectiveFrom', code: 'RULE_DOCUMENT_INVALID' });
    expect(await stack.sql('staff', 'SELECT 1 FROM $schema.rule_document')).toEqual([]);
  });

  it("staff: 环翠区's published ratio judges 环翠区's institutions from its first day, 西湖区's keep the national one", async () => {
    const published = okBody(await post('/api/v1/staff/rules', 'health.371002', stricterRatio()), 201);
    expect(published).toMatchObject({
      family: 'staff',
      version: `huancui-test-staff-ratios/${year}.1`,
      jurisdiction: '371002',
      jurisdictionName: '山东省威海市环翠区',
      level: 'county',
      origin: 'published',
    });
    expect(okBody(await post('/api/v1/staff/rules', 'health.371002', stricterRatio()), 409).code).toBe('RULE_DOCUMENT_VERSION_EXISTS');
    const [announced] = await events.waitFor(StaffEvents.rulesPublished);
    expect(announced!.data).toEqual({
      family: 'staff',
      documentKey: 'huancui-test-staff-ratios',
      version: published.version,
      title: published.title,
      jurisdiction: '371002',
      level: 'county',
      effectiveFrom: today,
      effectiveTo: null,
      rules: [{ key: 'ratio.toddler', composition: 'replaces' }],
    });

    // What GET /rules/effective resolves: the district's rule in 环翠区, replacing the national one; the national one in 西湖区.
    const [here] = (await effective('staff', HUANCUI_STREET)).rules.filter((r) => r.key === 'ratio.toddler');
    expect(here).toMatchObject({
      composition: 'replaces',
      body: { kind: 'ratio', classType: 'toddler', childrenPerCarer: 4 },
      from: { version: published.version, jurisdiction: '371002', level: 'county' },
      replaced: [{ from: expect.objectContaining({ version: 'staff-standards/2019.1', jurisdiction: '000000' }) }],
    });
    const [there] = (await effective('staff', XIHU_STREET)).rules.filter((r) => r.key === 'ratio.toddler');
    expect(there).toMatchObject({ body: { childrenPerCarer: 5 }, from: { jurisdiction: '000000' } });
    const documents = okBody(
      await stack.http
        .get('/api/v1/rules/documents')
        .query({ family: 'staff', jurisdiction: '371002' })
        .set(await as('operator.demo')),
    );
    expect(documents.map((d: { version: string; origin: string }) => [d.version, d.origin])).toEqual([[published.version, 'published']]);

    // What the service applies: 5 toddlers need 2 carers in 环翠区 now; 6 need 2 in 西湖区, as before.
    expect(await toddlerRatioOf('371002', huancui.id)).toMatchObject({
      children: 5,
      carers: 1,
      childrenPerCarer: 4,
      requiredCarers: 2,
      breached: true,
      source: expect.stringContaining('测试用规范性文件'),
    });
    expect(await toddlerRatioOf('330106', xihu.id)).toMatchObject({ childrenPerCarer: 5, requiredCarers: 2, source: expect.stringContaining('58号') });

    // Nothing changed at the institution: the sweep judges the district's institutions again under the rule once, and publishes the breach.
    expect(events.of(StaffEvents.ratioBreached, (e) => e.data.institutionId === huancui.id)).toEqual([]);
    const sweep = await stack.staff.app.get(ReminderSweep).run(today);
    expect(sweep.rulesApplied).toBe(1);
    const [breach] = await events.waitFor(StaffEvents.ratioBreached, (e) => e.data.institutionId === huancui.id);
    expect(breach!.data).toMatchObject({ classType: 'toddler', children: 5, carers: 1, childrenPerCarer: 4, requiredCarers: 2 });
    expect(breach!.data.rulesVersion).toContain(published.version);
    expect((await stack.staff.app.get(ReminderSweep).run(today)).rulesApplied).toBe(0);

    const trail = okBody(
      await stack.http
        .get('/api/v1/audit')
        .query({ service: 'staff', entity: 'rule_document', id: published.version })
        .set(await as('admin')),
    );
    expect(trail).toEqual([expect.objectContaining({ action: 'rules.publish', actor: expect.objectContaining({ department: 'health' }) })]);
  });

  it("credit: 威海's published grading grades 威海's institutions from its first day; 西湖区's keep the national default", async () => {
    // The breach of each institution is on its ledger (staff_ratio_breached, −5): 75 points, B under the national default (B ≥ 72).
    for (const id of [xihu.id, huancui.id])
      await eventually(`ledger of ${id}`, async () => (await ledgerEntries(id)).some((e) => e.event_type === 'staff_ratio_breached'));
    const standing = (id: string) =>
      stack.sql('credit', `SELECT grade, score, computed_on::text AS computed_on FROM $schema.standing WHERE institution_id = $1`, [id]);
    await eventually('standing of the 环翠区 institution', async () => (await standing(huancui.id)).length > 0);
    expect(await standing(huancui.id)).toEqual([{ grade: 'B', score: 75, computed_on: today }]);
    expect((await credit('371002', huancui.id)).grade).toBe('B');

    const refused = async (username: string, body: object, status: number) => okBody(await post('/api/v1/credit/models', username, body), status);
    expect((await refused('health.371002', cityGrading(), 403)).code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await refused('health.371002', cityGrading('000000'), 403)).code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await refused('health.330106', cityGrading('371002'), 403)).code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await refused('education.330106', cityGrading('330106'), 403)).code).toBe('DEPARTMENT_NOT_ALLOWED');
    const noGrading = document('weihai-test-grading', '371000', {
      key: 'grading',
      title: '测试：停用',
      composition: 'disables',
      reason: '测试：停用国家分级线',
    });
    expect(await refused('admin', noGrading, 400)).toMatchObject({
      code: 'RULE_DOCUMENT_INVALID',
      details: [{ field: 'rules', message: expect.stringContaining('山东省威海市自') }],
    });
    const badPoints = document('weihai-test-grading', '371000', {
      key: 'RATIO_BREACHED',
      title: '测试',
      composition: 'replaces',
      body: {
        kind: 'score',
        eventType: 'staff_ratio_breached',
        points: -5000,
        pointsSetBy: 'platform',
        dTrigger: null,
        decay: null,
        repair: { allowed: false, minDays: 0 },
      },
    });
    expect((await refused('admin', badPoints, 400)).details).toEqual([expect.objectContaining({ field: 'rules.0.body.points' })]);

    const published = okBody(await post('/api/v1/credit/models', 'admin', cityGrading()), 201);
    expect(published).toMatchObject({ family: 'credit', jurisdiction: '371000', jurisdictionName: '山东省威海市', level: 'city', origin: 'published' });
    expect(okBody(await post('/api/v1/credit/models', 'admin', cityGrading()), 409).code).toBe('RULE_DOCUMENT_VERSION_EXISTS');
    const [announced] = await events.waitFor(CreditEvents.rulesPublished);
    expect(announced!.data).toMatchObject({ family: 'credit', version: published.version, jurisdiction: '371000', level: 'city', effectiveFrom: today });

    // The national default's grading in force today, which 威海's replaces there only.
    const national = (await effective('credit', XIHU_STREET)).rules.find((r) => r.key === 'grading')!.from;
    expect(national).toMatchObject({ jurisdiction: '000000', version: expect.stringMatching(/^credit-model\//) });
    const [grading] = (await effective('credit', HUANCUI_STREET)).rules.filter((r) => r.key === 'grading');
    expect(grading).toMatchObject({
      composition: 'replaces',
      from: { version: published.version, jurisdiction: '371000', level: 'city' },
      replaced: [{ from: expect.objectContaining({ version: national.version, jurisdiction: '000000' }) }],
    });

    // 75 points: C under 威海's grading, B under the national default in 西湖区.
    const atHuancui = await credit('371002', huancui.id);
    expect(atHuancui).toMatchObject({ score: 75, grade: 'C', modelVersion: published.version });
    expect(atHuancui.thresholds.find((t) => t.grade === 'B')!.minScore).toBe(78);
    expect(atHuancui.modelDocuments.map((d) => d.version)).toContain(published.version);
    expect(await credit('330106', xihu.id)).toMatchObject({ score: 75, grade: 'B', modelVersion: national.version });

    // The standing computed this morning was computed without it: the sweep recomputes it and publishes the change.
    expect((await standing(huancui.id))[0]!.computed_on).toBe(addDays(today, -1));
    expect((await standing(xihu.id))[0]!.computed_on).toBe(today);
    expect(await stack.credit.sweep.run(today)).toMatchObject({ recomputed: 1, changed: 1 });
    expect(await standing(huancui.id)).toEqual([{ grade: 'C', score: 75, computed_on: today }]);
    const [changed] = await events.waitFor(CreditEvents.gradeChanged, (e) => e.data.institutionId === huancui.id);
    expect(changed!.data).toMatchObject({ from: 'B', to: 'C', modelVersion: published.version });

    const trail = okBody(
      await stack.http
        .get('/api/v1/audit')
        .query({ service: 'credit', entity: 'rule_document', id: published.version })
        .set(await as('admin')),
    );
    expect(trail).toEqual([expect.objectContaining({ action: 'rules.publish', actor: expect.objectContaining({ department: 'admin' }) })]);
  });
});
