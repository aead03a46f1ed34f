import { okBody } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childId, hangzhouOperatingVersion, monthsAround, type SubsidyStack, startSubsidyStack } from './subsidy-support.js';

// 补助 by jurisdiction: the city's operating subsidy (杭州, 330100) applies in every district of
// the city until a district replaces it for itself; a district's policy that replaces the city's
// rule of the same key pays instead of it, one that adds pays beside it, one that disables stops
// it — and a run pays exactly the district's own policy. Only health and finance officials
// publish, and only for their own divisions.
const M = monthsAround();
type Line = Record<string, any>;
// A street of its own: no other test file files institutions here.
const STREET = '330106015';

const DISTRICT_SOURCE = '测试用区级办法：普惠托育机构按班型每人每月 900/600/300 元，二孩、三孩每人每月另补 300 元';

function districtPolicy(overrides: Record<string, unknown> = {}) {
  return {
    policyKey: 'xihu-operating-test',
    version: 'xihu-operating-test/2026.1',
    divisionCode: '330106',
    title: '西湖区普惠托育运营补助（测试）',
    source: DISTRICT_SOURCE,
    effectiveFrom: M.previous,
    eligibility: { filed: { source: DISTRICT_SOURCE }, inclusive: { source: DISTRICT_SOURCE } },
    rules: [
      {
        id: 'OPERATING',
        composition: 'replaces',
        kind: 'per_child_by_class',
        title: '区级普惠托育运营补助',
        params: {
          amountFenByClass: { infant: 90_000, toddler: 60_000, older: 30_000, mixed: 60_000 },
          careFormFactorBp: { full_day: 10_000, half_day: 5_000 },
          attendanceProRata: true,
        },
        requires: ['filed', 'inclusive'],
        source: DISTRICT_SOURCE,
      },
      {
        id: 'SECOND_CHILD',
        composition: 'adds',
        kind: 'per_child_by_birth_order',
        title: '二孩、三孩托育补助',
        params: { amountFenByBirthOrder: { 2: 30_000, 3: 30_000 }, careFormFactorBp: { full_day: 10_000, half_day: 5_000 }, attendanceProRata: true },
        requires: ['filed', 'inclusive'],
        source: DISTRICT_SOURCE,
      },
    ],
    ...overrides,
  };
}

describe('subsidy policies by jurisdiction', () => {
  let stack: SubsidyStack;
  let institution: { id: string };
  const as = (user: string) => stack.auth(user);
  const payable = async (): Promise<Line[]> => {
    const run = await stack.computedRun(M.current, STREET);
    const lines = okBody(
      await stack.http
        .get(`/api/v1/subsidy/runs/${run.id}/lines`)
        .query({ institutionId: institution.id, pageSize: 100 })
        .set(await as('health.330106')),
    ).items as Line[];
    return lines.filter((l) => l.status === 'payable');
  };
  const total = (lines: Line[]) => lines.reduce((sum, l) => sum + Number(l.amountFen), 0);
  const publish = async (user: string, body: object) =>
    stack.http
      .post('/api/v1/subsidy/policies')
      .set(await as(user))
      .send(body);
  const effective = async (divisionCode: string) =>
    okBody(
      await stack.http
        .get('/api/v1/rules/effective')
        .query({ family: 'subsidy', divisionCode, date: `${M.current}-01` })
        .set(await as('operator.demo')),
    );

  beforeAll(async () => {
    stack = await startSubsidyStack({ clockAheadDays: 62 });
    institution = await stack.institution({ inclusive: true, overrides: { divisionCode: STREET } });
    // 乳儿班 900, 托小班 600 (+300 二孩), 托大班 300, a half-day 托小班 300, a 二孩 on half the days 300 + 150.
    const child = (classType: string, birthOrder: number, careForm = 'full_day', daysAttended = 22) => ({
      idNumber: childId(),
      birthOrder,
      classType,
      careForm,
      daysAttended,
    });
    okBody(
      await stack.http
        .put(`/api/v1/institutions/${institution.id}/rosters/${M.current}`)
        .set(await as('operator.demo'))
        .send({
          openDays: 22,
          children: [child('infant', 1), child('toddler', 2), child('older', 1), child('toddler', 1, 'half_day'), child('toddler', 2, 'full_day', 11)],
        }),
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("applies the city's operating subsidy in a district that has none of its own", async () => {
    const lines = await payable();
    expect(new Set(lines.map((l) => l.policyVersion))).toEqual(new Set([hangzhouOperatingVersion(M.current)]));
    expect(total(lines)).toBe(240_000);
  });

  it("refuses publishing outside the publisher's own divisions or department", async () => {
    const elsewhere = await publish('health.371002', districtPolicy());
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toMatchObject({ code: 'DIVISION_OUT_OF_SCOPE', details: [expect.objectContaining({ field: 'jurisdiction' })] });
    // A district official cannot publish for its city either.
    expect((await publish('health.330106', districtPolicy({ divisionCode: '330100' }))).body.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await publish('market.330106', districtPolicy())).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect(
      okBody(
        await stack.http
          .get('/api/v1/subsidy/policies')
          .query({ policyKey: 'xihu-operating-test' })
          .set(await as('health.330106')),
      ),
    ).toEqual([]);
  });

  it("pays exactly the district's policy once it replaces the city's rule: 2,850.00 yuan, not 5,250.00", async () => {
    okBody(await publish('finance.330106', districtPolicy()), 201);
    const lines = await payable();
    expect(lines.some((l) => l.policyVersion === hangzhouOperatingVersion(M.current))).toBe(false);
    expect(lines.filter((l) => l.ruleId === 'OPERATING').every((l) => l.policyVersion === 'xihu-operating-test/2026.1')).toBe(true);
    expect(total(lines.filter((l) => l.ruleId === 'OPERATING'))).toBe(240_000);
    expect(total(lines.filter((l) => l.ruleId === 'SECOND_CHILD'))).toBe(45_000);
    expect(total(lines)).toBe(285_000);
  });

  it('shows the effective rules of a division with where each came from, and what the district replaced', async () => {
    const here = await effective(STREET);
    expect(here.chain.map((c: { jurisdiction: string }) => c.jurisdiction)).toEqual(['000000', '330000', '330100', '330106', STREET]);
    const operating = here.rules.filter((r: { key: string }) => r.key === 'OPERATING');
    expect(operating).toEqual([
      expect.objectContaining({
        composition: 'replaces',
        from: expect.objectContaining({ version: 'xihu-operating-test/2026.1', level: 'county', jurisdictionName: '浙江省杭州市西湖区' }),
        replaced: [expect.objectContaining({ from: expect.objectContaining({ version: hangzhouOperatingVersion(M.current), level: 'city' }) })],
      }),
    ]);
    expect(here.rules.map((r: { key: string }) => r.key)).toContain('SECOND_CHILD');
    // Another district of the city keeps the city's rule; 环翠区 has its own and none of Hangzhou's.
    expect((await effective('330105')).rules.map((r: { from: { version: string } }) => r.from.version)).toEqual([hangzhouOperatingVersion(M.current)]);
    const huancui = await effective('371002');
    expect(huancui.rules.every((r: { from: { jurisdiction: string } }) => r.from.jurisdiction === '371002')).toBe(true);
    expect(huancui.rules.length).toBeGreaterThan(0);

    const diff = okBody(
      await stack.http
        .get('/api/v1/rules/diff')
        .query({ family: 'subsidy', divisionCode: '330105', otherDivisionCode: STREET, date: `${M.current}-01` })
        .set(await as('health.330106')),
    );
    expect(diff.added.map((r: { key: string }) => r.key)).toEqual(['SECOND_CHILD']);
    expect(diff.changed.map((c: { key: string }) => c.key)).toEqual(['OPERATING']);
  });

  it('lets a street-level policy disable a district rule for its own street only, with its reason', async () => {
    okBody(
      await publish('health.330106', {
        policyKey: 'shuangpu-no-second-child',
        version: 'shuangpu-no-second-child/2026.1',
        divisionCode: '330106110',
        title: '双浦镇不适用区级二孩、三孩托育补助（测试）',
        source: '测试用：该镇另行发放，不重复享受',
        effectiveFrom: M.previous,
        eligibility: {},
        rules: [
          {
            id: 'SECOND_CHILD',
            composition: 'disables',
            title: '不适用二孩、三孩托育补助',
            reason: '该镇已另行发放同类补助，不重复享受',
            source: '测试用：该镇另行发放',
          },
        ],
      }),
      201,
    );
    const shuangpu = await effective('330106110');
    expect(shuangpu.rules.map((r: { key: string }) => r.key)).toEqual(['OPERATING']);
    expect(shuangpu.disabled).toEqual([expect.objectContaining({ key: 'SECOND_CHILD', reason: '该镇已另行发放同类补助，不重复享受' })]);
    expect((await effective(STREET)).rules.map((r: { key: string }) => r.key).sort()).toEqual(['OPERATING', 'SECOND_CHILD']);
  });

  it('refuses a disabling rule without its reason, naming the field', async () => {
    const refused = await publish('health.330106', {
      policyKey: 'shuangpu-no-reason',
      version: 'shuangpu-no-reason/2026.1',
      divisionCode: '330106110',
      title: '缺少理由（测试）',
      source: '测试用：缺少理由',
      effectiveFrom: M.previous,
      eligibility: {},
      rules: [{ id: 'OPERATING', composition: 'disables', title: '停用运营补助', source: '测试用：缺少理由' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toContain('rules.0.reason');
  });
});
