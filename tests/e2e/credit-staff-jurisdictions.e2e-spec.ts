// Credit and staff rules by jurisdiction, through the gateway: GET /api/v1/rules/effective|diff|documents
// for the families credit and staff in 西湖区 (330106) and 环翠区 (371002), each rule with the document it
// came from; an institution in 环翠区 graded by 威海's scheme, one in 西湖区 by the national default; the
// 持证率 target 西湖区's alone (the staff statistics and evt.staff.certificate-rate.changed.v1 name 90%
// there and no target in 环翠区).
import { addDays, shanghaiToday } from '@shanyu/common';
import { type CreditView, StaffEvents } from '@shanyu/contracts';
import { institutionRequest, okBody, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicated, type Stack, startTestStack } from '../support/stack.js';
import { EventCollector } from './events-support.js';
import { newIdNumber } from './staff-support.js';

type Rule = { key: string; composition: string; body: Record<string, unknown>; sources: { title: string; article?: string }[]; from: Record<string, any> };
type Resolved = { chain: { jurisdiction: string }[]; rules: Rule[] };

/** 三墩镇 (西湖区) and 环翠楼街道 (环翠区). */
const XIHU_STREET = '330106109';
const HUANCUI_STREET = '371002001';

describe('credit and staff rules by jurisdiction', () => {
  let stack: Stack<'registry' | 'staff' | 'credit'>;
  let events: EventCollector;
  const today = shanghaiToday();
  const as = (username: string) => stack.auth(username);
  const effective = async (family: string, divisionCode: string): Promise<Resolved> =>
    okBody(
      await stack.http
        .get('/api/v1/rules/effective')
        .query({ family, divisionCode, date: today })
        .set(await as('operator.demo')),
    );
  const keyed = (set: Resolved, key: string) => set.rules.filter((r) => r.key === key);
  /** An institution registered by the district's market regulator, once the staff and credit services have their copy. */
  const institution = async (district: string, divisionCode: string) => {
    const body = okBody(
      await stack.http
        .post('/api/v1/institutions')
        .set(await as(`market.${district}`))
        .send(institutionRequest({ divisionCode, name: `规则测试托育园${Date.now() % 1_000_000}` })),
      201,
    );
    await replicated(stack, body.id);
    return body as { id: string; divisionCode: string };
  };
  /** A licensed guard (保安员证 counts in 持证率), hired and certified by the district's health bureau. */
  const licensedGuard = async (district: string, institutionId: string) => {
    const health = await as(`health.${district}`);
    const staff = okBody(
      await stack.http
        .post(`/api/v1/institutions/${institutionId}/staff`)
        .set(health)
        .send({ name: '保安员', idNumber: newIdNumber(), role: 'guard', startDate: addDays(today, -60) }),
      201,
    );
    okBody(
      await stack.http
        .post(`/api/v1/staff/${staff.id}/credentials`)
        .set(health)
        .send({ type: 'security_guard_licence', number: `BA-${String(staff.id).slice(0, 8)}`, issuer: '公安机关', issuedOn: addDays(today, -200) }),
      201,
    );
  };

  beforeAll(async () => {
    stack = await startTestStack({ services: ['registry', 'staff', 'credit'], startOptions: { staff: { eventsFrom: 'new' }, credit: { eventsFrom: 'new' } } });
    events = await EventCollector.start(testNatsUrl(), 'evt.staff.certificate-rate.>');
  }, 120_000);
  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it("credit: 西湖区 has the national default alone; 环翠区 has 威海's scheme, confirmed by its own", async () => {
    const xihu = await effective('credit', '330106');
    expect(xihu.chain.map((c) => c.jurisdiction)).toEqual(['000000', '330000', '330100', '330106']);
    expect(new Set(xihu.rules.map((r) => r.from.version))).toEqual(new Set(['credit-model/2026.2']));
    expect(xihu.rules.some((r) => r.key === 'measure.D.health')).toBe(false);
    expect(keyed(xihu, 'grading')[0]).toMatchObject({ from: { jurisdiction: '000000', jurisdictionName: '全国', level: 'national' } });

    const huancui = await effective('credit', '371002');
    expect(huancui.chain.map((c) => c.jurisdiction)).toEqual(['000000', '370000', '371000', '371002']);
    const health = keyed(huancui, 'measure.D.health');
    expect(health).toEqual([
      expect.objectContaining({
        composition: 'adds',
        sources: [{ title: '威海市托育服务机构信用体系管理工作实施方案（试行）' }],
        from: expect.objectContaining({ version: 'weihai-credit-scheme/2023.1', jurisdiction: '371000', level: 'city', jurisdictionName: '山东省威海市' }),
        inheritedBy: [expect.objectContaining({ version: 'huancui-credit-scheme/2023.1', jurisdiction: '371002', level: 'county' })],
      }),
    ]);
    // The scoring and grading stay the national default's in 环翠区 too.
    expect(keyed(huancui, 'BAN_MATCHED')[0]!.from.version).toBe('credit-model/2026.2');

    const diff = okBody(
      await stack.http
        .get('/api/v1/rules/diff')
        .query({ family: 'credit', divisionCode: '330106', otherDivisionCode: '371002', date: today })
        .set(await as('health.330106')),
    );
    expect(diff.added.map((r: Rule) => r.key).sort()).toEqual(['measure.A.health', 'measure.B.health', 'measure.C.health', 'measure.D.health']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([]);

    const documents = okBody(
      await stack.http
        .get('/api/v1/rules/documents')
        .query({ family: 'credit', jurisdiction: '371000' })
        .set(await as('operator.demo')),
    );
    expect(documents.map((d: { version: string; origin: string }) => [d.version, d.origin])).toEqual([['weihai-credit-scheme/2023.1', 'built-in']]);
  });

  it('staff: the national ratios and vetting everywhere with their articles; the 持证率 target in 西湖区 and not in 环翠区', async () => {
    const xihu = await effective('staff', XIHU_STREET);
    const huancui = await effective('staff', HUANCUI_STREET);
    for (const set of [xihu, huancui]) {
      expect(keyed(set, 'ratio.infant')).toEqual([
        expect.objectContaining({
          body: { kind: 'ratio', classType: 'infant', childrenPerCarer: 3 },
          sources: [{ title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号', article: '第二十条' }],
          from: expect.objectContaining({ version: 'staff-standards/2019.1', jurisdiction: '000000' }),
        }),
      ]);
      expect(keyed(set, 'vetting.record-check')[0]).toMatchObject({
        body: { kind: 'recheck', intervalMonths: 12 },
        sources: [{ title: '中华人民共和国未成年人保护法', article: '第六十二条' }],
      });
    }
    expect(keyed(xihu, 'certificate-rate-target')).toEqual([
      expect.objectContaining({
        body: { kind: 'certificate-target', targetBp: 9000, byYear: 2025 },
        sources: [expect.objectContaining({ documentNo: '西政办函〔2021〕15号', article: '一（二）' })],
        from: expect.objectContaining({ version: 'xihu-staff-targets/2021.1', jurisdiction: '330106', level: 'county' }),
      }),
    ]);
    expect(keyed(huancui, 'certificate-rate-target')).toEqual([]);
    expect(huancui.rules.every((r) => r.from.jurisdiction === '000000')).toBe(true);

    const diff = okBody(
      await stack.http
        .get('/api/v1/rules/diff')
        .query({ family: 'staff', divisionCode: XIHU_STREET, otherDivisionCode: HUANCUI_STREET, date: today })
        .set(await as('health.330106')),
    );
    expect(diff.removed.map((r: Rule) => r.key)).toEqual(['certificate-rate-target']);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
  });

  it('one standard per fact: the filing check and the staff ratio check hold the same carer ratio for every class type, 混龄班 included', async () => {
    for (const division of [XIHU_STREET, HUANCUI_STREET]) {
      const filing = await effective('filing', division);
      const staff = await effective('staff', division);
      const filingRatios = Object.fromEntries(
        filing.rules
          .filter((r) => (r.body as { kind?: string }).kind === 'class_limits')
          .map((r) => {
            const params = (r.body as { params: { classType: string; childrenPerCarer: number | null } }).params;
            return [params.classType, params.childrenPerCarer];
          }),
      );
      const staffRatios = Object.fromEntries(
        staff.rules
          .filter((r) => (r.body as { kind?: string }).kind === 'ratio')
          .map((r) => [(r.body as { classType: string }).classType, (r.body as { childrenPerCarer: number }).childrenPerCarer]),
      );
      expect(Object.keys(staffRatios).sort(), division).toEqual(['infant', 'mixed', 'older', 'toddler']);
      expect(filingRatios, division).toEqual(staffRatios);
    }
  });

  it('the target is 西湖区’s alone: 持证率 is judged against 90% there and against no target in 环翠区, in the statistics and the event', async () => {
    const [xihu, huancui] = [await institution('330106', XIHU_STREET), await institution('371002', HUANCUI_STREET)];
    await licensedGuard('330106', xihu.id);
    await licensedGuard('371002', huancui.id);
    const [atXihu] = await events.waitFor(StaffEvents.certificateRateChanged, (e) => e.data.institutionId === xihu.id && e.data.rateBp === 10_000);
    const [atHuancui] = await events.waitFor(StaffEvents.certificateRateChanged, (e) => e.data.institutionId === huancui.id && e.data.rateBp === 10_000);
    expect(atXihu!.data).toMatchObject({
      divisionCode: XIHU_STREET,
      targetBp: 9_000,
      meetsTarget: true,
      source: expect.stringContaining('西政办函〔2021〕15号'),
    });
    expect(atXihu!.data.rulesVersion).toContain('xihu-staff-targets/2021.1');
    expect(atHuancui!.data).toMatchObject({ divisionCode: HUANCUI_STREET, rateBp: 10_000, targetBp: null, meetsTarget: null, source: null });
    expect(atHuancui!.data.rulesVersion).toBe('staff-standards/2019.1+staff-vetting/2021.1+family-childcare-points/2023.1');

    const stats = async (district: string, id: string) =>
      okBody(await stack.http.get(`/api/v1/institutions/${id}/staff-stats`).set(await as(`health.${district}`)));
    expect((await stats('330106', xihu.id)).certificate).toMatchObject({ rate: 1, target: 0.9, meetsTarget: true });
    expect((await stats('371002', huancui.id)).certificate).toMatchObject({ rate: 1, target: null, meetsTarget: null, source: null });
    const district = okBody(
      await stack.http
        .get('/api/v1/staff-stats')
        .query({ divisionCode: '371002' })
        .set(await as('health.371002')),
    );
    expect(district.certificate).toMatchObject({ target: null, meetsTarget: null, institutionsBelowTarget: 0 });
    expect(
      okBody(
        await stack.http
          .get('/api/v1/staff-stats')
          .query({ divisionCode: '330106' })
          .set(await as('health.330106')),
      ).certificate,
    ).toMatchObject({ target: 0.9, source: expect.stringContaining('持证率达到90%以上') });
  });

  it("credit: an institution in 环翠区 is graded by 威海's scheme and says so; one in 西湖区 by the national default", async () => {
    const [xihu, huancui] = [await institution('330106', XIHU_STREET), await institution('371002', HUANCUI_STREET)];
    const view = async (district: string, id: string) =>
      okBody(await stack.http.get(`/api/v1/credit/institutions/${id}`).set(await as(`health.${district}`))) as CreditView;
    const atHuancui = await view('371002', huancui.id);
    expect(atHuancui).toMatchObject({
      grade: 'B',
      modelVersion: 'credit-model/2026.2',
      modelJurisdiction: '371002',
      modelJurisdictionName: '山东省威海市环翠区',
    });
    expect(atHuancui.modelDocuments.map((d) => [d.version, d.jurisdiction])).toEqual([
      ['credit-model/2026.2', '000000'],
      ['weihai-credit-scheme/2023.1', '371000'],
      ['huancui-credit-scheme/2023.1', '371002'],
    ]);
    expect(atHuancui.measures).toContainEqual({
      department: 'health',
      measure: '可申报示范性托育机构',
      source: '《威海市托育服务机构信用体系管理工作实施方案（试行）》',
    });
    expect(atHuancui.explanation).toContain('山东省威海市环翠区适用的信用评价模型');

    const atXihu = await view('330106', xihu.id);
    expect(atXihu).toMatchObject({ grade: 'B', modelVersion: 'credit-model/2026.2', modelJurisdiction: '000000', modelJurisdictionName: '全国' });
    expect(atXihu.modelDocuments.map((d) => d.version)).toEqual(['credit-model/2026.2']);
    expect(atXihu.measures.map((m) => m.source).join('；')).not.toContain('威海');
  });
});
