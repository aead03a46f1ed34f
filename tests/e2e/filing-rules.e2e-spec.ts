import { compliantFilingSubmission, institutionRequest, testClock } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from './pdf-reader.js';
import { type Stack, startStack, binaryBody } from './support.js';

/** 西湖区's own filing requirements (西政办函〔2021〕15号): 医育结合, 配建 norms and floors, the one-key alarm. */
const XIHU_ONLY = ['HEALTH_CENTRE', 'ONE_KEY_ALARM', 'RESIDENTIAL_FACILITY', 'RESIDENTIAL_FACILITY_FLOOR'];
/** A filing that meets every national rule but none of 西湖区's own: no signed child-health doctor, the alarm not linked. */
const nationalOnly = { ...compliantFilingSubmission(), healthCentre: undefined, oneKeyAlarmLinked: false };

interface Result {
  ruleId: string;
  outcome: string;
  source: string;
  from: { documentKey: string; level: string; jurisdiction: string; jurisdictionName: string };
}

describe('filing standards by jurisdiction (分级规则): the rules of the institution’s division on the filing date', () => {
  const clock = testClock({ at: '2026-10-09T10:00:00+08:00' });
  let stack: Stack;
  const tokens: Record<string, string> = {};
  const auth = (username: string) => ({ authorization: `Bearer ${tokens[username]}` });

  const register = async (registrar: string, divisionCode: string) =>
    (await stack.http.post('/api/v1/institutions').set(auth(registrar)).send(institutionRequest({ divisionCode })).expect(201)).body;
  const submit = async (registrar: string, institutionId: string, body: object = nationalOnly) =>
    (await stack.http.post(`/api/v1/institutions/${institutionId}/filings`).set(auth(registrar)).send(body).expect(201)).body;
  const publish = (username: string, body: object) => stack.http.post('/api/v1/filing-standards').set(auth(username)).send(body);

  /** A test document (labelled 测试): 环翠区 requires a larger observation room. */
  const huancuiDocument = (jurisdiction: string, version = 'huancui-test-filing/2026.1') => ({
    documentKey: 'huancui-test-filing',
    version,
    jurisdiction,
    title: '测试：区级备案补充要求',
    sources: [{ title: '测试用区级规范性文件', documentNo: '测〔2026〕1号' }],
    effectiveFrom: '2026-10-01',
    rules: [
      {
        key: 'OBSERVATION_ROOM',
        title: '测试：保健观察室不少于 8 m²',
        composition: 'replaces',
        sources: [{ title: '测试用区级规范性文件', documentNo: '测〔2026〕1号', article: '第二条' }],
        body: { kind: 'min_fact', params: { fact: 'observationRoomM2', min: 8, unit: 'm²' } },
      },
    ],
  });

  beforeAll(async () => {
    stack = await startStack({ now: clock.now });
    for (const u of ['market.330106', 'health.330106', 'market.371002', 'health.371002', 'admin']) tokens[u] = await stack.tokenFor(u);
  });
  afterAll(async () => stack?.stop());

  it("does not refuse a 环翠区 institution's filing for 西湖区-only requirements, and does a 西湖区 one", async () => {
    const huancui = await register('market.371002', '371002001');
    const hcFiling = await submit('market.371002', huancui.id);
    const hcRules = hcFiling.check.results.map((r: Result) => r.ruleId);
    for (const key of XIHU_ONLY) expect(hcRules).not.toContain(key);
    expect(hcFiling.check).toMatchObject({ divisionCode: '371002001', rulesDate: '2026-10-09', summary: { fail: 0, needs_review: 0 } });
    expect(new Set(hcFiling.check.results.map((r: Result) => r.from.level))).toEqual(new Set(['national']));
    // 西湖区's rule is no reason to refuse a 环翠区 filing: it is not among the rules it was judged by.
    const refused = await stack.http
      .post(`/api/v1/filings/${hcFiling.id}/decision`)
      .set(auth('health.371002'))
      .send({ decision: 'reject', reasons: [{ ruleId: 'HEALTH_CENTRE', text: '未签约儿保医生' }] })
      .expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'reasons.0.ruleId', code: 'unknownRule', message: expect.stringContaining('环翠区') });
    const approved = (await stack.http.post(`/api/v1/filings/${hcFiling.id}/decision`).set(auth('health.371002')).send({ decision: 'approve' }).expect(200))
      .body;
    expect(approved.receiptNo).toMatch(/^371002-2026-/);

    const xihu = await register('market.330106', '330106109');
    const xhFiling = await submit('market.330106', xihu.id);
    const failed = xhFiling.check.results.filter((r: Result) => r.outcome === 'fail');
    expect(failed.map((r: Result) => r.ruleId).sort()).toEqual(['HEALTH_CENTRE', 'ONE_KEY_ALARM']);
    expect(failed[0]).toMatchObject({
      from: { documentKey: 'xihu-childcare-notice', level: 'county', jurisdiction: '330106', jurisdictionName: '浙江省杭州市西湖区' },
      source: expect.stringContaining('西政办函〔2021〕15号'),
    });
    expect(xhFiling.dueBy).toBe(xhFiling.noticeDueBy); // failures: the 15-working-day notice deadline
    const rejected = (
      await stack.http
        .post(`/api/v1/filings/${xhFiling.id}/decision`)
        .set(auth('health.330106'))
        .send({ decision: 'reject', reasons: [{ ruleId: 'HEALTH_CENTRE', text: '未签约社区卫生服务中心儿保医生' }] })
        .expect(200)
    ).body;
    expect(rejected.status).toBe('rejected');

    // The filing view carries each requirement's document, level and jurisdiction; the receipt names the documents applied.
    const view = (await stack.http.get(`/api/v1/filings/${hcFiling.id}`).set(auth('health.371002')).expect(200)).body;
    expect(view.check.documents.map((d: { jurisdiction: string }) => d.jurisdiction)).toEqual(expect.arrayContaining(['000000']));
    expect(view.check.documents.some((d: { jurisdiction: string }) => d.jurisdiction === '330106')).toBe(false);
    const pdf = await stack.http.get(`/api/v1/filings/${hcFiling.id}/receipt.pdf`).set(auth('health.371002')).buffer(true).parse(binaryBody).expect(200);
    const read = await readPdf(pdf.body as Buffer);
    expect(read.pages).toBe(1);
    const text = read.text.replace(/\s+/g, '');
    expect(text).toContain('托育机构设置标准（试行）');
    expect(text).not.toContain('西政办函');
  });

  it('GET /rules/effective?family=filing shows 西湖区 its own rules with their provenance, and 环翠区 the national ones', async () => {
    const xihu = (await stack.http.get('/api/v1/rules/effective?family=filing&divisionCode=330106&date=2026-10-09').set(auth('market.371002')).expect(200))
      .body;
    const byKey = (set: { rules: Result[] }, key: string) => set.rules.find((r) => (r as unknown as { key: string }).key === key);
    expect(byKey(xihu, 'HEALTH_CENTRE')).toMatchObject({
      composition: 'adds',
      from: {
        documentKey: 'xihu-childcare-notice',
        level: 'county',
        jurisdiction: '330106',
        sources: [expect.objectContaining({ documentNo: '西政办函〔2021〕15号' })],
      },
      sources: [expect.objectContaining({ article: '三、（三）' }), expect.anything()],
    });
    expect(byKey(xihu, 'DOC_PREMISES')).toMatchObject({
      from: { level: 'national', jurisdiction: '000000' },
      sources: expect.arrayContaining([{ title: '托育机构设置标准（试行）', documentNo: '国卫人口发〔2019〕58号', article: '第十一条' }]),
    });
    expect(byKey(xihu, 'SURVEILLANCE_RETENTION')).toMatchObject({
      from: { level: 'national' },
      inheritedBy: [expect.objectContaining({ jurisdiction: '330106' })],
    });
    const huancui = (await stack.http.get('/api/v1/rules/effective?family=filing&divisionCode=371002&date=2026-10-09').set(auth('health.330106')).expect(200))
      .body;
    expect(huancui.chain.map((c: { jurisdiction: string }) => c.jurisdiction)).toEqual(['000000', '370000', '371000', '371002']);
    for (const key of XIHU_ONLY) expect(byKey(huancui, key)).toBeUndefined();
    expect(new Set(huancui.rules.map((r: Result) => r.from.level))).toEqual(new Set(['national']));

    const diff = (
      await stack.http.get('/api/v1/rules/diff?family=filing&divisionCode=330106&otherDivisionCode=371002&date=2026-10-09').set(auth('admin')).expect(200)
    ).body;
    expect(diff.removed.map((r: { key: string }) => r.key).sort()).toEqual(XIHU_ONLY);
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged).toBe(huancui.rules.length);

    const docs = (await stack.http.get('/api/v1/rules/documents?family=filing&jurisdiction=330106').set(auth('health.330106')).expect(200)).body;
    expect(docs).toEqual([expect.objectContaining({ documentKey: 'xihu-childcare-notice', origin: 'built-in', level: 'county' })]);
  });

  it('publishing: a district health bureau for its own district only (not 西湖区, not the nation); a market official not at all', async () => {
    const outOfScope = (await publish('health.371002', huancuiDocument('330106')).expect(403)).body;
    expect(outOfScope.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await publish('health.371002', huancuiDocument('000000')).expect(403)).body.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await publish('market.371002', huancuiDocument('371002')).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await publish('market.330106', huancuiDocument('330106')).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');

    // Checked before it is stored: an unknown kind, a disabled rule without a reason.
    const broken = huancuiDocument('371002', 'huancui-test-filing/2026.0');
    broken.rules.push({ key: 'FLOOR_LIVING_ROOMS', title: '测试：停用', composition: 'disables', sources: broken.sources } as never);
    (broken.rules[0]!.body as { kind: string }).kind = 'teleport';
    const invalid = (await publish('health.371002', broken).expect(400)).body;
    expect(invalid.code).toBe('RULE_DOCUMENT_INVALID');
    expect(invalid.details.map((d: { field: string }) => d.field)).toEqual(['rules.0.body.kind', 'rules.1.reason']);

    const published = (await publish('health.371002', huancuiDocument('371002')).expect(201)).body;
    expect(published).toMatchObject({ family: 'filing', jurisdiction: '371002', level: 'county', jurisdictionName: '山东省威海市环翠区', origin: 'published' });
    expect((await publish('health.371002', huancuiDocument('371002')).expect(409)).body.code).toBe('RULE_DOCUMENT_VERSION_EXISTS');
    const earlier = { ...huancuiDocument('371002', 'huancui-test-filing/2026.2'), effectiveFrom: '2026-09-01' };
    expect((await publish('health.371002', earlier).expect(400)).body.details[0].field).toBe('effectiveFrom');

    // In force for 环翠区 institutions filed from its start, replacing the national rule there only.
    const huancui = await register('market.371002', '371002001');
    const filing = await submit('market.371002', huancui.id, { ...nationalOnly, facility: { ...nationalOnly.facility, observationRoomM2: 7 } });
    expect(filing.check.results.find((r: Result) => r.ruleId === 'OBSERVATION_ROOM')).toMatchObject({
      outcome: 'fail',
      limit: '≥ 8 m²',
      from: { documentKey: 'huancui-test-filing', level: 'county', jurisdiction: '371002' },
      source: '《测试用区级规范性文件》 测〔2026〕1号 第二条',
    });
    const effective = (
      await stack.http.get('/api/v1/rules/effective?family=filing&divisionCode=371002001&date=2026-10-09').set(auth('health.371002')).expect(200)
    ).body;
    expect(effective.rules.find((r: { key: string }) => r.key === 'OBSERVATION_ROOM')).toMatchObject({
      composition: 'replaces',
      replaced: [expect.objectContaining({ from: expect.objectContaining({ documentKey: 'childcare-health-evaluation', level: 'national' }) })],
    });
    const xihu = await register('market.330106', '330106109');
    const xhFiling = await submit('market.330106', xihu.id, { ...compliantFilingSubmission(), facility: { ...nationalOnly.facility, observationRoomM2: 7 } });
    expect(xhFiling.check.results.find((r: Result) => r.ruleId === 'OBSERVATION_ROOM')).toMatchObject({ outcome: 'pass', from: { level: 'national' } });

    // The admin publishes national documents; the publication is audited.
    const national = { ...huancuiDocument('000000', 'national-test-filing/2026.1'), documentKey: 'national-test-filing' };
    expect((await publish('admin', national).expect(201)).body).toMatchObject({ level: 'national', jurisdictionName: '全国' });
    const trail = (await stack.http.get('/api/v1/audit?service=registry&entity=rule_document&id=huancui-test-filing%2F2026.1').set(auth('admin')).expect(200))
      .body;
    expect(trail).toEqual([expect.objectContaining({ action: 'rules.publish', actor: expect.objectContaining({ department: 'health' }) })]);
  });
});
