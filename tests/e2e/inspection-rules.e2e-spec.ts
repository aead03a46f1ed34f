import type { InspectionFormView, InstitutionView, PlanView, ResolvedRulesView, RuleSetDiffView } from '@shanyu/contracts';
import { compliantFilingSubmission, eventually, institutionRequest } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InspectionStack, openVisit, startInspectionStack } from './inspection-support.js';

/**
 * Rules by jurisdiction for the two lists (family inspection) and the supervision policy (family
 * supervision): who may publish for where, and which lists and numbers an institution's division
 * gets. 西湖区 (330106, 杭州) and 环翠区 (371002, 威海) side by side.
 */
const HUANCUI = '371002';
const HUANCUI_STREET = '371002002'; // 鲸园街道
const XIHU_STREET = '330106109'; // 三墩镇
const TODAY = '2026-10-12';

const source = { title: '环翠区托育机构食品安全检查补充事项', documentNo: '测试〔2026〕8号' };
const huancuiList = (overrides: Record<string, unknown> = {}) => ({
  kind: 'inspection',
  department: 'market',
  jurisdiction: HUANCUI,
  version: 'market-371002/2026.1',
  effectiveFrom: '2026-10-01',
  title: '托育机构食品安全行政检查事项清单（环翠区，2026 年版）',
  source: source.title,
  sources: [source],
  inspectionItems: [
    {
      code: 'MKT-371002-01',
      area: 'food_safety',
      category: '辅食制作',
      text: '婴幼儿辅食现场制作有专用区域和专用工具',
      legalBasis: '《中华人民共和国食品安全法》',
      riskWeight: 3,
      severity: 'major',
      appliesTo: [],
      basic: false,
    },
  ],
  ...overrides,
});

describe('rules by jurisdiction: the two lists and the supervision policy apply where they were published', () => {
  let stack: InspectionStack;
  let xihu: InstitutionView;
  let huancui: InstitutionView;
  const huancuiInspectors: string[] = [];
  const as = (username: string) => stack.auth(username);
  const publish = async (username: string, body: object, status: number, path = '/api/v1/checklists') =>
    (
      await stack.http
        .post(path)
        .set(await as(username))
        .send(body)
        .expect(status)
    ).body;
  const formCodes = async (id: string, username: string) => {
    const form = (
      await stack.http
        .get(`/api/v1/inspections/${id}/form`)
        .set(await as(username))
        .expect(200)
    ).body as InspectionFormView;
    return form.areas.flatMap((a) => a.items);
  };
  const effective = async (family: string, divisionCode: string, date = TODAY) =>
    (
      await stack.http
        .get('/api/v1/rules/effective')
        .query({ family, divisionCode, date })
        .set(await as('health.330106'))
        .expect(200)
    ).body as ResolvedRulesView;

  beforeAll(async () => {
    stack = await startInspectionStack({ now: new Date(`${TODAY}T10:00:00+08:00`) });
    xihu = await stack.filedInstitution({ divisionCode: XIHU_STREET });
    // 环翠区: registered and filed by its own bureaus.
    const market = await as('market.371002');
    huancui = (
      await stack.http
        .post('/api/v1/institutions')
        .set(market)
        .send(institutionRequest({ divisionCode: HUANCUI_STREET, address: '威海市环翠区鲸园街道新威路 8 号' }))
        .expect(201)
    ).body;
    const filing = (await stack.http.post(`/api/v1/institutions/${huancui.id}/filings`).set(market).send(compliantFilingSubmission()).expect(201)).body;
    await stack.http
      .post(`/api/v1/filings/${filing.id}/decision`)
      .set(await as('health.371002'))
      .send({ decision: 'approve' })
      .expect(200);
    await eventually(`institution ${huancui.id} filed in the inspection replica`, async () => {
      const [row] = await stack.inspection.runtime.dataSource.query(`SELECT status FROM "${stack.inspectionSchema}".institution WHERE id = $1`, [huancui.id]);
      return row?.status === 'filed';
    });
    const admin = await as('admin');
    for (const n of [1, 2]) {
      const res = await stack.http
        .post('/api/v1/inspectors')
        .set(admin)
        .send({ department: 'market', name: `环翠区市场监管执法员${n}`, badgeNo: `MARKET-371002-${n}`, divisionCodes: [HUANCUI] })
        .expect(201);
      huancuiInspectors.push(res.body.id);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lets a district official publish only its own department’s list, only for its district: never national, never another district’s', async () => {
    const national = await publish('market.371002', huancuiList({ jurisdiction: '000000', version: 'market/2026.9' }), 403);
    expect(national).toMatchObject({ code: 'DIVISION_OUT_OF_SCOPE', details: [expect.objectContaining({ field: 'jurisdiction' })] });
    expect(national.message).toContain('全国');
    const elsewhere = await publish('market.371002', huancuiList({ jurisdiction: '330106', version: 'market-330106/2026.9' }), 403);
    expect(elsewhere).toMatchObject({ code: 'DIVISION_OUT_OF_SCOPE', details: [expect.objectContaining({ field: 'jurisdiction' })] });
    // A fire official, in its own district, still cannot publish market regulation's list.
    const otherDepartment = await publish('fire.330106', huancuiList({ jurisdiction: '330106', version: 'market-330106/2026.9' }), 403);
    expect(otherDepartment).toMatchObject({ code: 'DEPARTMENT_NOT_ALLOWED', details: [expect.objectContaining({ field: 'department' })] });
    expect(otherDepartment.message).toContain('市场监督管理');
    // A local list adds new items; an item from above is replaced, not added again.
    const twice = await publish('market.371002', huancuiList({ inspectionItems: [{ ...huancuiList().inspectionItems[0], code: 'MKT-05' }] }), 400);
    expect(twice).toMatchObject({ code: 'CHECKLIST_INVALID', details: [expect.objectContaining({ field: 'inspectionItems.0.code' })] });

    const published = await publish('market.371002', huancuiList(), 201);
    expect(published).toMatchObject({
      version: 'market-371002/2026.1',
      jurisdiction: HUANCUI,
      level: 'county',
      jurisdictionName: '山东省威海市环翠区',
      documentKey: 'market-inspection-371002',
      citations: ['《环翠区托育机构食品安全检查补充事项》 测试〔2026〕8号'],
      origin: 'published',
    });
    const lists = (
      await stack.http
        .get('/api/v1/checklists')
        .query({ kind: 'inspection', department: 'market', divisionCode: HUANCUI_STREET })
        .set(await as('market.371002'))
        .expect(200)
    ).body as { version: string; level: string }[];
    expect(lists.map((l) => [l.version, l.level])).toEqual([
      ['market/2026.1', 'national'],
      ['market-371002/2026.1', 'county'],
    ]);
  });

  it("puts the district's items on the merged form of its own institutions only", async () => {
    const there = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await as('market.371002'))
        .send({ institutionId: huancui.id, departments: [{ department: 'market', inspectorIds: huancuiInspectors }] })
        .expect(201)
    ).body;
    const items = await formCodes(there.id, 'market.371002');
    expect(items.find((i) => i.code === 'MKT-371002-01')).toMatchObject({
      department: 'market',
      jurisdiction: HUANCUI,
      checklistVersion: 'market-371002/2026.1',
    });
    // Hangzhou's own fee item is not 环翠区's: the national one applies there.
    expect(items.find((i) => i.code === 'MKT-11')).toMatchObject({ jurisdiction: '000000', checklistVersion: 'market/2026.1' });

    const here = await openVisit(stack, 'market.330106', xihu.id, 'market', [0, 2]);
    const xihuItems = await formCodes(here.id, 'market.330106');
    expect(xihuItems.map((i) => i.code)).not.toContain('MKT-371002-01');
    expect(xihuItems.find((i) => i.code === 'MKT-11')).toMatchObject({ jurisdiction: '330100', text: expect.stringContaining('普惠') });
  });

  it('answers GET /api/v1/rules/effective for two divisions, each rule with the document, level and place it came from', async () => {
    const huancuiRules = await effective('inspection', HUANCUI_STREET);
    expect(huancuiRules.chain.map((c) => c.jurisdiction)).toEqual(['000000', '370000', '371000', HUANCUI, HUANCUI_STREET]);
    const rule = (set: ResolvedRulesView, key: string) => set.rules.find((r) => r.key === key);
    expect(rule(huancuiRules, 'MKT-371002-01')!.from).toMatchObject({
      documentKey: 'market-inspection-371002',
      jurisdiction: HUANCUI,
      level: 'county',
      jurisdictionName: '山东省威海市环翠区',
      sources: [source],
    });
    expect(rule(huancuiRules, 'STR-07')!.from).toMatchObject({ jurisdiction: HUANCUI });
    expect(rule(huancuiRules, 'FIRE-01')!.from).toMatchObject({ level: 'national', jurisdictionName: '全国' });
    expect(rule(huancuiRules, 'POL-01')).toBeUndefined();

    const xihuRules = await effective('inspection', XIHU_STREET);
    expect(rule(xihuRules, 'MKT-371002-01')).toBeUndefined();
    expect(rule(xihuRules, 'STR-07')).toBeUndefined();
    expect(rule(xihuRules, 'POL-01')!.from).toMatchObject({ jurisdiction: '330106', jurisdictionName: '浙江省杭州市西湖区' });
    const fee = rule(xihuRules, 'MKT-11')!;
    expect(fee).toMatchObject({ composition: 'replaces', from: expect.objectContaining({ jurisdiction: '330100', level: 'city' }) });
    expect(fee.replaced).toEqual([expect.objectContaining({ key: 'MKT-11', from: expect.objectContaining({ level: 'national' }) })]);

    const diff = (
      await stack.http
        .get('/api/v1/rules/diff')
        .query({ family: 'inspection', divisionCode: XIHU_STREET, otherDivisionCode: HUANCUI_STREET, date: TODAY })
        .set(await as('market.371002'))
        .expect(200)
    ).body as RuleSetDiffView;
    expect(diff.added.map((r) => r.key)).toEqual(expect.arrayContaining(['MKT-371002-01', 'STR-07']));
    expect(diff.removed.map((r) => r.key)).toEqual(expect.arrayContaining(['POL-01', 'STR-03', 'STR-01']));
    expect(diff.changed.map((c) => c.key)).toEqual(['MKT-11']);

    const documents = (
      await stack.http
        .get('/api/v1/rules/documents')
        .query({ family: 'inspection', jurisdiction: HUANCUI })
        .set(await as('health.330106'))
        .expect(200)
    ).body as { version: string; origin: string }[];
    expect(documents.map((d) => [d.version, d.origin]).sort()).toEqual([
      ['market-inspection-371002/2026.1', 'published'],
      ['street-inspection-371002/2026.1', 'built-in'],
    ]);
  });

  it('draws a 环翠区 plan with 环翠区’s own ratios once it publishes them; 西湖区 keeps the national ones', async () => {
    const sources = [{ title: '环翠区托育机构双随机抽查工作方案', documentNo: '测试〔2026〕9号' }];
    const policy = {
      documentKey: 'supervision-policy-371002',
      version: 'supervision-policy-371002/2026.1',
      jurisdiction: HUANCUI,
      title: '环翠区托育机构双随机抽查政策',
      sources,
      effectiveFrom: '2026-10-01',
      rules: [
        {
          key: 'samplingRatios',
          composition: 'replaces',
          title: '环翠区抽查比例',
          sources,
          body: { parameter: 'samplingRatios', value: { A: 0.1, B: 0.2, C: 0.5, D: 1 } },
        },
        { key: 'yearlyCap', composition: 'inherits', title: '沿用全国年度检查上限', sources: [] },
      ],
    };
    const path = '/api/v1/supervision-policies';
    expect((await publish('market.330106', policy, 403, path)).code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await publish('fire.330106', policy, 403, path)).code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(
      (
        await publish(
          'market.371002',
          { ...policy, jurisdiction: '000000', documentKey: 'supervision-policy', version: 'supervision-policy/2026.9' },
          403,
          path,
        )
      ).code,
    ).toBe('DIVISION_OUT_OF_SCOPE');
    const invalid = await publish(
      'market.371002',
      { ...policy, rules: [{ ...policy.rules[0], body: { parameter: 'samplingRatios', value: { A: 2, B: 0.2, C: 0.5, D: 1 } } }] },
      400,
      path,
    );
    expect(invalid).toMatchObject({ code: 'RULE_DOCUMENT_INVALID', details: [expect.objectContaining({ field: 'rules.0.body.value' })] });
    expect(await publish('market.371002', policy, 201, path)).toMatchObject({
      family: 'supervision',
      jurisdiction: HUANCUI,
      level: 'county',
      origin: 'published',
    });
    expect((await publish('market.371002', policy, 409, path)).code).toBe('RULE_DOCUMENT_VERSION_EXISTS');

    const ratios = async (divisionCode: string) => (await effective('supervision', divisionCode)).rules.find((r) => r.key === 'samplingRatios')!;
    expect(await ratios(HUANCUI)).toMatchObject({
      body: { value: { A: 0.1, B: 0.2, C: 0.5, D: 1 } },
      from: expect.objectContaining({ jurisdiction: HUANCUI }),
    });
    expect(await ratios(XIHU_STREET)).toMatchObject({
      body: { value: { A: 0.05, B: 0.1, C: 0.3, D: 1 } },
      from: expect.objectContaining({ level: 'national' }),
    });
    expect((await ratios(HUANCUI)).sources[0]).toMatchObject({ documentNo: '测试〔2026〕9号' });

    const plan = (
      await stack.http
        .post('/api/v1/inspection-plans')
        .set(await as('health.371002'))
        .send({ divisionCode: HUANCUI, periodFrom: TODAY, periodTo: '2026-12-31', departments: ['market'] })
        .expect(201)
    ).body as PlanView;
    expect(plan.drawInput.ratios).toEqual({ A: 0.1, B: 0.2, C: 0.5, D: 1 });
    expect(plan.policyVersion).toBe('supervision-policy/2026.1 + supervision-policy-371002/2026.1');
    const xihuPlan = (
      await stack.http
        .post('/api/v1/inspection-plans')
        .set(await as('health.330106'))
        .send({ divisionCode: XIHU_STREET, periodFrom: TODAY, periodTo: '2026-12-31', departments: ['market'] })
        .expect(201)
    ).body as PlanView;
    expect(xihuPlan.drawInput.ratios).toEqual({ A: 0.05, B: 0.1, C: 0.3, D: 1 });
    expect(xihuPlan.policyVersion).toBe('supervision-policy/2026.1');
  });
});
