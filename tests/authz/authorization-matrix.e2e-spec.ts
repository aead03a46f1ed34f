// Exercises every cell of the authorization matrix (authorization-matrix.ts) through the gateway
// (HTTP → NATS → registry → PostgreSQL) with the demo accounts, and fails when the OpenAPI
// document has a route the matrix does not (or the matrix a route that no longer exists).
// A refused write must change nothing: every error cell checks the registry's and the gateway's
// outbox and audit log before and after.
import { randomInt, randomUUID } from 'node:crypto';
import { makeResidentId, shanghaiToday, SYSTEM_ACTOR } from '@shanyu/common';
import { connectNats } from '@shanyu/messaging';
import { EVENT_STREAM, StaffEvents } from '@shanyu/contracts';
import { CREDIT_SOURCES, creditConsumerName, type RunningCredit, startCredit } from '@shanyu/credit';
import { institutionConsumerName, rosterConsumerName, type RunningStaff, startStaff } from '@shanyu/staff';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { compliantFilingSubmission, institutionRequest, testDatabaseUrl, testNatsCredentials, testNatsUrl, uniqueSchema } from '@shanyu/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Stack, startStack } from '../e2e/support.js';
import {
  ACCOUNTS, AUTHORIZATION_MATRIX, CALLERS, type Caller, type Department, hasScopes, type MatrixRow, OTHER_DIVISION, type Outcome,
  outcomeOf, OWN_DIVISION, routeKey,
} from './authorization-matrix.js';

type Scope = 'own' | 'other';

interface BuiltRequest {
  /** Values for the path's {placeholders}. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
  /** For list outcomes (200+ / 200-): the id (or key) the list should or should not contain. */
  listed?: { key: string; value: string };
  /** A token other than the column's usual one (logout revokes what it is given). */
  token?: string | null;
  /** A multipart file upload instead of a body. */
  attach?: { field: string; content: Buffer; filename: string };
}

interface CellResult {
  route: string;
  caller: Caller;
  scope: Scope;
  expected: Outcome;
  status: number;
  code?: string;
  ok: boolean;
  why?: string;
}

/** Values for path parameters of gateway-level rows, other than ids (a UUID). */
const PLACEHOLDER_PARAMS: Record<string, string> = { month: '2026-11', year: '2026', receiptNo: '330106-2026-0001' };

/** What the stand-in for a service outside the matrix stack answers (see `level: 'gateway'` rows). */
const STUB_MESSAGE = '矩阵测试桩：请求已通过网关到达服务';

const DENIALS: Partial<Record<Outcome, [number, string]>> = {
  DEPT: [403, 'DEPARTMENT_NOT_ALLOWED'],
  DIV: [403, 'DIVISION_OUT_OF_SCOPE'],
  OWNER: [403, 'FORBIDDEN'],
  AUTH: [401, 'UNAUTHENTICATED'],
};

describe('authorization matrix: every route × department (× own / other division) through the gateway', () => {
  let stack: Stack;
  let staff: RunningStaff;
  const staffSchema = uniqueSchema('staff');
  let credit: RunningCredit;
  const creditSchema = uniqueSchema('credit');
  let stubs: NatsConnection | undefined;
  const passStatuses = new Map<string, number>();
  const tokens = new Map<Caller, string>();
  const results: CellResult[] = [];
  const token = (caller: Department) => tokens.get(caller)!;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  // ── fixtures: made by the accounts entitled to make them (admin, the operator, the health bureaus) ──
  const natureFor = (caller: Caller) => (caller === 'civil' ? 'non_profit' : 'for_profit');
  const ownerFor = (caller: Caller, scope: Scope): 'operator' | 'admin' => (caller === 'operator' && scope === 'own' ? 'operator' : 'admin');

  const register = async (caller: Caller, scope: Scope): Promise<{ id: string; name: string; totalPlaces: number }> => {
    const owner = ownerFor(caller, scope);
    const body = institutionRequest({ name: `矩阵${randomUUID().slice(0, 8)}托育园`, nature: natureFor(caller), divisionCode: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION });
    const res = await stack.http.post('/api/v1/institutions').set(auth(token(owner))).send(body);
    if (res.status !== 201) throw new Error(`fixture: register by ${owner} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const submit = async (institutionId: string, caller: Caller, scope: Scope): Promise<{ id: string }> => {
    const res = await stack.http.post(`/api/v1/institutions/${institutionId}/filings`).set(auth(token(ownerFor(caller, scope)))).send(compliantFilingSubmission());
    if (res.status !== 201) throw new Error(`fixture: submit → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const approve = async (filingId: string, scope: Scope): Promise<{ id: string; receiptNo: string }> => {
    const reviewer = scope === 'own' ? token('health') : otherHealthBureau;
    const res = await stack.http.post(`/api/v1/filings/${filingId}/decision`).set(auth(reviewer)).send({ decision: 'approve' });
    if (res.status !== 200) throw new Error(`fixture: approve → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Fixtures that no cell changes are shared; `fresh` makes new ones (a cell that should succeed in a write). */
  const shared = new Map<string, Promise<unknown>>();
  const once = <T,>(key: string, make: () => Promise<T>, fresh: boolean): Promise<T> => {
    if (fresh) return make();
    if (!shared.has(key)) shared.set(key, make());
    return shared.get(key) as Promise<T>;
  };
  const institution = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(`institution:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, () => register(caller, scope), fresh);
  const submittedFiling = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(`submitted:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, async () => {
      const inst = await register(caller, scope);
      return { institution: inst, filing: await submit(inst.id, caller, scope) };
    }, fresh);
  const filed = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(`filed:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, async () => {
      const inst = await register(caller, scope);
      const filing = await approve((await submit(inst.id, caller, scope)).id, scope);
      return { institution: inst, filing };
    }, fresh);

  // Staff: the staff service follows the registry's institutions as events; a member is hired by
  // the institution's operator (own, for the operator column) or an admin.
  let idSerial = randomInt(100, 900);
  const newIdNumber = () => makeResidentId(`33010619850615${(idSerial = idSerial >= 999 ? 100 : idSerial + 1)}`);
  const today = shanghaiToday();
  const staffInstitution = (caller: Caller, scope: Scope) =>
    once(`staffInstitution:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, async () => {
      const inst = await institution(caller, scope, false);
      for (let waited = 0; ; waited += 50) {
        const [row] = await staff.runtime.dataSource.query(`SELECT 1 FROM "${staffSchema}".institution_replica WHERE id = $1`, [inst.id]);
        if (row) return inst;
        if (waited > 20_000) throw new Error(`fixture: the staff service never learnt of institution ${inst.id}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }, false);
  const staffMember = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(`staffMember:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, async () => {
      const inst = await staffInstitution(caller, scope);
      const res = await stack.http.post(`/api/v1/institutions/${inst.id}/staff`).set(auth(token(ownerFor(caller, scope))))
        .send({ name: '矩阵保育员', idNumber: newIdNumber(), role: 'carer', startDate: '2026-01-05' });
      if (res.status !== 201) throw new Error(`fixture: hire → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { id: string };
    }, fresh);

  // Credit: the credit service follows the registry's institutions; a repairable ledger entry is
  // a ban matched at the institution 100 days ago (as the staff service would announce it).
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    for (let waited = 0; !(await check()); waited += 50) {
      if (waited > 20_000) throw new Error(`fixture: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const creditKnows = (id: string, status?: string) => waitFor(`the credit service to know ${id}`, async () => {
    const [row] = await credit.runtime.dataSource.query(`SELECT status FROM "${creditSchema}".institution WHERE id = $1`, [id]);
    return !!row && (!status || row.status === status);
  });
  const creditInstitution = (caller: Caller, scope: Scope) =>
    once(`creditInstitution:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, async () => {
      const inst = await institution(caller, scope, false);
      await creditKnows(inst.id);
      return inst;
    }, false);
  const repairableEntry = async (institutionId: string, scope: Scope): Promise<string> => {
    const eventId = randomUUID();
    const envelope = {
      eventId, subject: StaffEvents.banMatched, occurredAt: new Date(Date.now() - 100 * 86_400_000).toISOString(), actor: SYSTEM_ACTOR, entityId: randomUUID(),
      data: {
        institutionId, divisionCode: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION, ownerUserId: null, banId: randomUUID(), staffId: randomUUID(), banKind: 'lifetime',
        authority: '杭州市公安局西湖区分局', documentNo: '西公禁字〔2026〕3号', nameMasked: '王*', idNumberMasked: '330106********1234',
      },
    };
    await jetstream(stubs!).publish(envelope.subject, JSON.stringify(envelope), { msgID: eventId });
    let entryId: string | undefined;
    await waitFor(`the ledger entry of ${eventId}`, async () => {
      const res = await stack.http.get(`/api/v1/credit/institutions/${institutionId}`).set(auth(token('admin')));
      entryId = (res.body?.entries as { entryId: string; sourceEventId: string }[] | undefined)?.find((e) => e.sourceEventId === eventId)?.entryId;
      return !!entryId;
    });
    return entryId!;
  };
  /** A pending repair request, asked by the operator (its own institution) or the district's health bureau. */
  const repairRequest = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(`repairRequest:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, async () => {
      const inst = await creditInstitution(caller, scope);
      const asker = ownerFor(caller, scope) === 'operator' ? token('operator') : scope === 'own' ? token('health') : otherHealthBureau;
      const entryId = await repairableEntry(inst.id, scope);
      const res = await stack.http.post(`/api/v1/credit/institutions/${inst.id}/repair-requests`).set(auth(asker)).send({ entryIds: [entryId], reason: '矩阵测试：已整改到位' });
      if (res.status !== 201) throw new Error(`fixture: repair request → ${res.status} ${JSON.stringify(res.body)}`);
      return { institution: inst, request: res.body as { id: string } };
    }, fresh);

  const divisionOf = (caller: Caller, scope: Scope) => {
    if (scope === 'other') return '371002';
    return caller === 'street' ? ACCOUNTS.street.divisions[0] : '330106';
  };

  /** How each kind of target becomes a request for a caller and scope. */
  const TARGETS: Record<string, (caller: Caller, scope: Scope, fresh: boolean, row: MatrixRow) => Promise<BuiltRequest>> = {
    none: async () => ({}),
    // Gateway-level rows: every {param} of the path gets a well-formed value (what it names need not exist).
    placeholder: async (_, __, ___, row) => ({
      params: Object.fromEntries([...row.path.matchAll(/\{(\w+)\}/g)].map(([, p]) => [p, PLACEHOLDER_PARAMS[p] ?? randomUUID()])),
      body: row.method === 'GET' ? undefined : {},
    }),
    login: async (caller) => ({ body: { username: ACCOUNTS[caller === 'anonymous' ? 'health' : caller].username, password: DEMO_PASSWORD }, token: null }),
    logout: async (caller) => ({ token: caller === 'anonymous' ? null : await freshToken(caller) }),
    newInstitution: async (caller, scope) => ({
      body: institutionRequest({ nature: natureFor(caller), divisionCode: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION }),
    }),
    institutionList: async (caller, scope) => {
      const inst = await institution(caller, scope, false);
      return { query: { q: inst.name, pageSize: '200' }, listed: { key: 'id', value: inst.id } };
    },
    institution: async (caller, scope, fresh, row) => {
      const inst = await institution(caller, scope, fresh);
      const bodies: Record<string, unknown> = {
        'PATCH /api/v1/institutions/{id}': { address: '杭州市西湖区三墩镇矩阵路 9 号', reason: '矩阵测试' },
        'POST /api/v1/institutions/{id}/deregistration': { reason: '停止办学' },
        'POST /api/v1/institutions/{id}/filings': compliantFilingSubmission(),
      };
      return { params: { id: inst.id }, body: bodies[routeKey(row)] };
    },
    filedInstitution: async (caller, scope, fresh, row) => {
      const { institution: inst } = await filed(caller, scope, fresh);
      const bodies: Record<string, unknown> = {
        'POST /api/v1/institutions/{id}/inclusive': { action: 'grant', priceCapFen: 180_000, inclusivePlaces: 20, decisionNo: '西卫〔2026〕99号' },
        'POST /api/v1/institutions/{id}/demonstration': { year: 2026 },
      };
      return { params: { id: inst.id }, body: bodies[routeKey(row)] };
    },
    submittedFiling: async (caller, scope, fresh) => {
      const { filing } = await submittedFiling(caller, scope, fresh);
      return { params: { id: filing.id }, body: { decision: 'approve', comment: '矩阵测试' } };
    },
    filingList: async (caller, scope) => {
      const { institution: inst, filing } = await submittedFiling(caller, scope, false);
      return { query: { institutionId: inst.id }, listed: { key: 'id', value: filing.id } };
    },
    approvedFiling: async (caller, scope) => {
      const { filing } = await filed(caller, scope, false);
      return { params: { id: filing.id } };
    },
    publicList: async () => {
      const { institution: inst } = await filed('market', 'own', false);
      return { query: { q: inst.name } };
    },
    publicInstitution: async () => ({ params: { id: (await filed('market', 'own', false)).institution.id } }),
    receiptNo: async () => ({ params: { receiptNo: (await filed('market', 'own', false)).filing.receiptNo } }),
    populationRows: async (caller, scope) => ({
      body: { rows: [{ divisionCode: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION, year: 2018, residentPopulation: 100_000, childrenUnder3: 2_500, source: '矩阵测试统计' }] },
    }),
    populationCsv: async (caller, scope) => ({
      contentType: 'text/csv',
      body: `divisionCode,year,residentPopulation,childrenUnder3,source\n${scope === 'own' ? OWN_DIVISION : OTHER_DIVISION},2017,90000,2000,矩阵测试统计\n`,
    }),
    populationList: async (caller, scope) => ({ query: { year: '2019' }, listed: { key: 'divisionCode', value: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION } }),
    indicators: async (caller, scope) => ({ query: { divisionCode: divisionOf(caller, scope), month: '2026-11' } }),
    calendarYear: async () => ({
      params: { year: '2031' },
      body: { source: '矩阵测试（非真实安排）', entries: [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }] },
    }),
    auditTrail: async (caller, scope) => ({ query: { entity: 'institution', id: (await institution('market', scope, false)).id } }),
    staffInstitution: async (caller, scope, _fresh, row) => {
      const inst = await staffInstitution(caller, scope);
      const key = routeKey(row);
      if (key === 'POST /api/v1/institutions/{id}/staff') {
        return { params: { id: inst.id }, body: { name: '矩阵新员工', idNumber: newIdNumber(), role: 'carer', startDate: '2026-02-02' } };
      }
      if (key === 'POST /api/v1/institutions/{id}/staff/import') {
        const csv = `姓名,身份证号,岗位,入职日期\n矩阵导入,${newIdNumber()},保育人员,2026-02-03\n`;
        return { params: { id: inst.id }, attach: { field: 'file', content: Buffer.from(csv, 'utf8'), filename: 'staff.csv' } };
      }
      if (key === 'GET /api/v1/staff/rechecks/overdue') return { query: { institutionId: inst.id } };
      return { params: { id: inst.id } };
    },
    staffMember: async (caller, scope, fresh, row) => {
      const member = await staffMember(caller, scope, fresh);
      const bodies: Record<string, unknown> = {
        'POST /api/v1/staff/{id}/end': { endDate: today, reason: '矩阵测试' },
        'POST /api/v1/staff/{id}/credentials': { type: 'health_certificate', number: `JK-${randomInt(1e6)}`, issuer: '西湖区疾控中心', issuedOn: '2026-01-04' },
        'POST /api/v1/staff/{id}/rechecks': { checkedOn: today, result: 'no_record', authority: '杭州市公安局西湖区分局', documentNo: `XH-${randomInt(1e6)}` },
        'POST /api/v1/staff/{id}/id-number': { reason: '矩阵测试：核对身份' },
      };
      return { params: { id: member.id }, body: bodies[routeKey(row)] };
    },
    staffDivision: async (caller, scope) => ({ query: { divisionCode: divisionOf(caller, scope) } }),
    creditInstitution: async (caller, scope) => ({ params: { id: (await creditInstitution(caller, scope)).id } }),
    creditList: async (caller, scope) => ({ query: { list: 'black', divisionCode: divisionOf(caller, scope) } }),
    creditRepairable: async (caller, scope) => {
      const inst = await creditInstitution(caller, scope);
      return { params: { id: inst.id }, body: { entryIds: [await repairableEntry(inst.id, scope)], reason: '矩阵测试：已辞退涉事人员' } };
    },
    repairRequestList: async (caller, scope) => {
      const { institution: inst, request } = await repairRequest(caller, scope, false);
      return { query: { institutionId: inst.id }, listed: { key: 'id', value: request.id } };
    },
    repairRequest: async (caller, scope, fresh) => ({
      params: { id: (await repairRequest(caller, scope, fresh)).request.id },
      body: { decision: 'approve', reason: '矩阵测试：整改到位，同意修复' },
    }),
    publicCreditList: async () => {
      const { institution: inst } = await filed('market', 'own', false);
      await creditKnows(inst.id, 'filed');
      return { query: { divisionCode: OWN_DIVISION } };
    },
    publicCredit: async () => {
      const { institution: inst } = await filed('market', 'own', false);
      await creditKnows(inst.id, 'filed');
      return { params: { id: inst.id } };
    },
    newBan: async () => ({
      body: { name: '矩阵禁入', idNumber: newIdNumber(), kind: 'lifetime', startsOn: today, authority: '杭州市西湖区人民法院', documentNo: `（2026）浙0106刑初${randomInt(1e6)}号`, reason: '矩阵测试' },
    }),
    newRecordCheck: async () => ({
      body: { name: '矩阵查询', idNumber: newIdNumber(), checkedOn: today, result: 'no_record', authority: '杭州市公安局西湖区分局', documentNo: `XH-${randomInt(1e6)}` },
    }),
    newApiClient: async () => ({ body: { name: '矩阵测试系统', department: 'fire', divisions: ['330106'], scopes: ['GET /api/v1/institutions'] } }),
    apiClient: async (_, __, fresh, row) => {
      const client = await once('apiClient', async () => {
        const res = await stack.http.post('/api/v1/admin/api-clients').set(auth(token('admin')))
          .send({ name: '矩阵测试系统', department: 'fire', divisions: ['330106'], scopes: ['GET /api/v1/institutions'] });
        if (res.status !== 201) throw new Error(`fixture: api client → ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as { id: string };
      }, fresh);
      return { params: { id: client.id }, body: routeKey(row).endsWith('/rotate') ? { overlapSeconds: 60 } : { reason: '矩阵测试' } };
    },
  };

  let otherHealthBureau = ''; // health.371002 approves the other district's filings
  const freshToken = async (caller: Department) =>
    (await stack.http.post('/api/v1/auth/token').send({ username: ACCOUNTS[caller].username, password: DEMO_PASSWORD }).expect(200)).body.accessToken as string;

  /** Rows written by the registry and the gateway (events and audit entries): a refusal adds none. */
  const writes = async (): Promise<string> => {
    const count = async (ds: Stack['gateway']['runtime']['dataSource'], schema: string) =>
      (await ds.query(`SELECT (SELECT count(*) FROM "${schema}".outbox)::int AS o, (SELECT count(*) FROM "${schema}".audit_log)::int AS a`))[0];
    const r = await count(stack.registry.runtime.dataSource, stack.registrySchema);
    const g = await count(stack.gateway.runtime.dataSource, stack.gatewaySchema);
    const s = await count(staff.runtime.dataSource, staffSchema);
    const c = await count(credit.runtime.dataSource, creditSchema);
    return `registry outbox ${r.o} audit ${r.a}; gateway outbox ${g.o} audit ${g.a}; staff outbox ${s.o} audit ${s.a}; credit outbox ${c.o} audit ${c.a}`;
  };

  /**
   * Waits until every event an earlier cell caused is published and consumed by staff and credit,
   * so the counts taken around a refused request change only through that request.
   */
  let eventsManager: Awaited<ReturnType<typeof jetstreamManager>> | undefined;
  const settled = async (): Promise<void> => {
    const jsm = (eventsManager ??= await jetstreamManager(stubs!));
    const consumers = [institutionConsumerName(staffSchema), rosterConsumerName(staffSchema), ...CREDIT_SOURCES.map((source) => creditConsumerName(creditSchema, source.key))];
    const sources = [[stack.registry.runtime.dataSource, stack.registrySchema], [stack.gateway.runtime.dataSource, stack.gatewaySchema], [staff.runtime.dataSource, staffSchema], [credit.runtime.dataSource, creditSchema]] as const;
    for (let attempt = 0; attempt < 200; attempt++) {
      let busy = 0;
      for (const [ds, schema] of sources) busy += (await ds.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`))[0].n;
      for (const name of consumers) {
        const info = await jsm.consumers.info(EVENT_STREAM, name);
        busy += info.num_pending + info.num_ack_pending;
      }
      if (busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the event path did not settle within 5 s');
  };

  const fillPath = (path: string, params: Record<string, string> = {}) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`no value for {${name}} in ${path}`);
      return encodeURIComponent(params[name]);
    });

  async function exercise(row: MatrixRow, caller: Caller, scope: Scope): Promise<CellResult> {
    const expected = outcomeOf(row.cells[caller], scope);
    const succeeds = ['200', '201', '204'].includes(expected);
    const fresh = succeeds && row.method !== 'GET';
    const build = TARGETS[row.target];
    if (!build) throw new Error(`${routeKey(row)}: no target builder "${row.target}" in the spec's TARGETS`);
    const req = await build(caller, scope, fresh, row);
    const url = fillPath(row.path, req.params) + (req.query ? `?${new URLSearchParams(req.query)}` : '');
    let call = stack.http[row.method.toLowerCase() as 'get'](url);
    const bearer = req.token !== undefined ? req.token : caller === 'anonymous' ? null : token(caller);
    if (bearer) call = call.set(auth(bearer));
    if (req.contentType) call = call.set('content-type', req.contentType);
    if (req.attach) call = call.attach(req.attach.field, req.attach.content, req.attach.filename);
    if (DENIALS[expected] && row.method !== 'GET') await settled();
    const before = DENIALS[expected] && row.method !== 'GET' ? await writes() : undefined;
    const res = req.body !== undefined ? await call.send(req.body as object) : await call;
    const result: CellResult = { route: routeKey(row), caller, scope, expected, status: res.status, code: res.body?.code, ok: false };

    const denial = DENIALS[expected];
    if (denial) {
      result.ok = res.status === denial[0] && res.body?.code === denial[1];
      if (result.ok && before !== undefined) {
        await settled();
        const after = await writes();
        if (after !== before) {
          result.ok = false;
          result.why = `refused but wrote: ${before} → ${after}`;
        }
      }
    } else if (expected === 'PASS') {
      // Past the gateway's checks: the call reached the service's subject (where the stand-in
      // answered), or the gateway refused the placeholder input or answered itself — never 401,
      // DEPARTMENT_NOT_ALLOWED or a 5xx.
      const reached = res.status === 404 && res.body?.message === STUB_MESSAGE;
      result.ok = res.status !== 401 && !(res.status === 403 && res.body?.code === 'DEPARTMENT_NOT_ALLOWED') && res.status < 500;
      const key = reached ? 'reached the service' : `${res.status} ${res.body?.code ?? ''}`.trim();
      passStatuses.set(key, (passStatuses.get(key) ?? 0) + 1);
    } else if (expected === '200+' || expected === '200-') {
      const items: Record<string, unknown>[] = Array.isArray(res.body) ? res.body : (res.body?.items ?? []);
      const present = items.some((i) => i[req.listed!.key] === req.listed!.value);
      result.ok = res.status === 200 && present === (expected === '200+');
      if (res.status === 200 && !result.ok) result.why = present ? 'listed, should be hidden' : 'not listed';
    } else {
      result.ok = res.status === Number(expected);
    }
    if (!result.ok && !result.why) result.why = JSON.stringify(res.body)?.slice(0, 200);
    return result;
  }

  beforeAll(async () => {
    stack = await startStack();
    staff = await startStaff({
      DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testNatsCredentials('staff'), STAFF_DB_SCHEMA: staffSchema,
      SHANYU_MODE: 'test', STAFF_REMINDER_INTERVAL_MS: 0, LOG_LEVEL: 'warn', RPC_TIMEOUT_MS: 5_000,
    }, { eventsFrom: 'new' }); // earlier files' events are not this stack's business
    credit = await startCredit({
      DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testNatsCredentials('credit'), CREDIT_DB_SCHEMA: creditSchema,
      CREDIT_SWEEP_INTERVAL_MS: 0, LOG_LEVEL: 'error', RPC_TIMEOUT_MS: 5_000,
    }, { eventsFrom: 'new' });
    // Services whose rows are gateway-level are not in this stack: a stand-in answers their subjects,
    // so a PASS cell proves the call got through the gateway to the service's subject.
    const outside = [...new Set(AUTHORIZATION_MATRIX.filter((r) => r.level === 'gateway' && !['gateway', 'registry'].includes(r.service)).map((r) => r.service))];
    stubs = await connectNats(testNatsUrl(), 'authz-matrix-stubs');
    for (const service of outside) {
      stubs.subscribe(`${service}.>`, {
        queue: service,
        callback: (_, msg) => msg.respond(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: STUB_MESSAGE } })),
      });
    }
    for (const caller of Object.keys(ACCOUNTS) as Department[]) tokens.set(caller, await stack.tokenFor(ACCOUNTS[caller].username));
    otherHealthBureau = await stack.tokenFor('health.371002');
    // Population figures in both districts, read by the GET /population cells.
    await stack.http.put('/api/v1/population').set(auth(token('admin'))).send({
      rows: [OWN_DIVISION, OTHER_DIVISION].map((divisionCode) => ({ divisionCode, year: 2019, residentPopulation: 50_000, childrenUnder3: 1_200, source: '矩阵测试统计' })),
    }).expect(200);
  });
  afterAll(async () => {
    const byOutcome = new Map<string, number>();
    for (const r of results) byOutcome.set(r.expected, (byOutcome.get(r.expected) ?? 0) + 1);
    const rows = new Set(results.map((r) => r.route)).size;
    console.log(
      `[authz] ${results.length} cells over ${rows} routes × ${CALLERS.length} callers: ${results.filter((r) => r.ok).length} as expected; ` +
        `by outcome ${[...byOutcome].map(([k, v]) => `${k} ${v}`).join(', ')}; PASS cells: ${[...passStatuses].map(([k, v]) => `${v} ${k}`).join(', ')}`,
    );
    await credit?.stop();
    await staff?.stop();
    await stack?.stop();
    // The throwaway schema's durable consumers are not needed after the run.
    if (stubs) {
      const jsm = await jetstreamManager(stubs);
      const names = [institutionConsumerName(staffSchema), rosterConsumerName(staffSchema), ...CREDIT_SOURCES.map((source) => creditConsumerName(creditSchema, source.key))];
      for (const name of names) await jsm.consumers.delete(EVENT_STREAM, name).catch(() => undefined);
      await stubs.drain().catch(() => undefined);
    }
  });

  it('has a row for every route in the OpenAPI document, and no row for a route that does not exist', async () => {
    const openapi = (await stack.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(openapi.paths).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const inMatrix = AUTHORIZATION_MATRIX.map(routeKey);
    expect(new Set(inMatrix).size, 'a route appears twice in the matrix').toBe(inMatrix.length);
    expect(documented.filter((r) => !inMatrix.includes(r)), 'routes in the OpenAPI document without a row in tests/authz/authorization-matrix.ts').toEqual([]);
    expect(inMatrix.filter((r) => !documented.includes(r)), 'matrix rows for routes the gateway no longer has').toEqual([]);
    for (const row of AUTHORIZATION_MATRIX) expect(Object.keys(row.cells).sort(), routeKey(row)).toEqual([...CALLERS].sort());
  });

  it.each(AUTHORIZATION_MATRIX.map((row) => [routeKey(row), row] as const))('%s', async (_, row) => {
    const scopes: Scope[] = hasScopes(row) ? ['own', 'other'] : ['own'];
    const mine: CellResult[] = [];
    for (const caller of CALLERS) {
      for (const scope of scopes) mine.push(await exercise(row, caller, scope));
    }
    results.push(...mine);
    const wrong = mine.filter((r) => !r.ok).map((r) => `${r.caller}/${r.scope}: expected ${r.expected}, got ${r.status} ${r.code ?? ''} ${r.why ?? ''}`);
    expect(wrong).toEqual([]);
  });
});
