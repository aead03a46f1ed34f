// Exercises every cell of the authorization matrix (authorization-matrix.ts) through the gateway
// (HTTP → NATS → registry, staff, credit, inspection, subsidy → PostgreSQL) with the demo accounts,
// an inspector account and an API client, and fails when the OpenAPI document has a route the
// matrix does not (or the matrix a route that no longer exists). A refused write must change
// nothing: every error cell checks every service's and the gateway's outbox and audit log before
// and after, once the event path has settled.
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, makeResidentId, shanghaiToday, SYSTEM_ACTOR } from '@shanyu/common';
import { StaffEvents } from '@shanyu/contracts';
import type { RunningCredit } from '@shanyu/credit';
import type { RunningInspection } from '@shanyu/inspection';
import type { RunningSubsidy } from '@shanyu/subsidy';
import { jetstream } from '@nats-io/jetstream';
import {
  compliantFilingSubmission,
  DAY_MS,
  eventually,
  institutionRequest,
  lifetimeBanMatched,
  ruleDocumentRequest,
  testClock,
  uniqueSchema,
} from '@shanyu/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startTestStack, TEST_DEMO_PASSWORD as DEMO_PASSWORD } from '../support/stack.js';
import {
  ACCOUNTS,
  API_CLIENT,
  AUTHORIZATION_MATRIX,
  CALLERS,
  type Caller,
  CLIENT_SCOPES,
  type Department,
  hasScopes,
  INSPECTOR_ACCOUNT,
  type MatrixRow,
  OTHER_DIVISION,
  type Outcome,
  outcomeOf,
  OWN_DIVISION,
  routeKey,
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
  /** A multipart file upload instead of a body (with `fields` beside the file). */
  attach?: { field: string; content: Buffer; filename: string };
  fields?: Record<string, string>;
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

/** A 1×1 PNG (tests/e2e/web-and-evidence.e2e-spec.ts); bytes appended make each upload a new file. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The subsidy service runs two months ahead (as tests/e2e/subsidy-runs.e2e-spec.ts): next month's run is not "future". */
const SUBSIDY_CLOCK = testClock({ aheadMs: 62 * DAY_MS });

const DENIALS: Partial<Record<Outcome, [number, string]>> = {
  DEPT: [403, 'DEPARTMENT_NOT_ALLOWED'],
  DIV: [403, 'DIVISION_OUT_OF_SCOPE'],
  ROLE: [403, 'ROLE_NOT_ALLOWED'],
  OWNER: [403, 'NOT_OWN_INSTITUTION'],
  AUTH: [401, 'UNAUTHENTICATED'],
  SCOPE: [403, 'SCOPE_NOT_GRANTED'],
  UNASSIGNED: [403, 'INSPECTOR_NOT_ASSIGNED'],
};

describe('authorization matrix: every route × department (× own / other division) through the gateway', () => {
  let stack: Stack;
  const SERVICES = ['registry', 'staff', 'credit', 'inspection', 'subsidy'] as const;
  const staffSchema = uniqueSchema('staff');
  let credit: RunningCredit;
  const creditSchema = uniqueSchema('credit');
  let inspection: RunningInspection;
  const inspectionSchema = uniqueSchema('inspection');
  let subsidy: RunningSubsidy;
  const subsidySchema = uniqueSchema('subsidy');
  let nc: NatsConnection | undefined; // the test's own NATS connection (JetStream publishing and consumer state)
  let client = { clientId: '', clientSecret: '' };
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-authz-evidence-'));
  const passStatuses = new Map<string, number>();
  const tokens = new Map<Caller, string>();
  const results: CellResult[] = [];
  const token = (caller: Exclude<Caller, 'anonymous'>) => tokens.get(caller)!;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  // ── fixtures: made by the accounts entitled to make them (admin, the operator, the health bureaus) ──
  const natureFor = (caller: Caller) => (caller === 'civil' ? 'non_profit' : 'for_profit');
  const ownerFor = (caller: Caller, scope: Scope): 'operator' | 'admin' => (caller === 'operator' && scope === 'own' ? 'operator' : 'admin');

  const register = async (
    caller: Caller,
    scope: Scope,
    divisionCode = scope === 'own' ? OWN_DIVISION : OTHER_DIVISION,
  ): Promise<{ id: string; name: string; totalPlaces: number }> => {
    const owner = ownerFor(caller, scope);
    const body = institutionRequest({ name: `矩阵${randomUUID().slice(0, 8)}托育园`, nature: natureFor(caller), divisionCode });
    const res = await stack.http
      .post('/api/v1/institutions')
      .set(auth(token(owner)))
      .send(body);
    if (res.status !== 201) throw new Error(`fixture: register by ${owner} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const submit = async (institutionId: string, caller: Caller, scope: Scope): Promise<{ id: string }> => {
    const res = await stack.http
      .post(`/api/v1/institutions/${institutionId}/filings`)
      .set(auth(token(ownerFor(caller, scope))))
      .send(compliantFilingSubmission());
    if (res.status !== 201) throw new Error(`fixture: submit → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const approve = async (filingId: string, scope: Scope): Promise<{ id: string; receiptNo: string }> => {
    const reviewer = scope === 'own' ? token('health') : otherHealthBureau;
    const res = await stack.http.post(`/api/v1/filings/${filingId}/decision`).set(auth(reviewer)).send({ decision: 'approve' });
    if (res.status !== 200) throw new Error(`fixture: approve → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** How many callers of the row should succeed for the scope (so many fresh fixtures it uses). */
  const successCells = (row: MatrixRow, scope: Scope) => CALLERS.filter((c) => ['200', '201', '202', '204'].includes(outcomeOf(row.cells[c], scope))).length;
  /** `n` fresh fixtures made concurrently on the first call, handed out one per call (exactly `n` calls follow). */
  const prefetchedQueues = new Map<string, Promise<unknown>[]>();
  const prefetched = <T>(key: string, n: number, make: () => Promise<T>): Promise<T> => {
    if (!prefetchedQueues.has(key)) prefetchedQueues.set(key, Array.from({ length: n }, make));
    const next = prefetchedQueues.get(key)!.shift();
    if (!next) throw new Error(`fixture: more fresh ${key} asked for than its row has successful cells`);
    return next as Promise<T>;
  };
  /** Fixtures that no cell changes are shared; `fresh` makes new ones (a cell that should succeed in a write). */
  const shared = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>, fresh: boolean): Promise<T> => {
    if (fresh) return make();
    if (!shared.has(key)) shared.set(key, make());
    return shared.get(key) as Promise<T>;
  };
  const institution = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(`institution:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`, () => register(caller, scope), fresh);
  const submittedFiling = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(
      `submitted:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`,
      async () => {
        const inst = await register(caller, scope);
        return { institution: inst, filing: await submit(inst.id, caller, scope) };
      },
      fresh,
    );
  const filed = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(
      `filed:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`,
      async () => {
        const inst = await register(caller, scope);
        const filing = await approve((await submit(inst.id, caller, scope)).id, scope);
        return { institution: inst, filing };
      },
      fresh,
    );

  // Staff: the staff service follows the registry's institutions as events; a member is hired by
  // the institution's operator (own, for the operator column) or an admin.
  let idSerial = randomInt(100, 900);
  const newIdNumber = () => makeResidentId(`33010619850615${(idSerial = idSerial >= 999 ? 100 : idSerial + 1)}`);
  const today = shanghaiToday();
  const staffInstitution = (caller: Caller, scope: Scope) =>
    once(
      `staffInstitution:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`,
      async () => {
        const inst = await institution(caller, scope, false);
        await waitFor(
          `the staff service to know ${inst.id}`,
          async () => (await stack.sql('staff', 'SELECT 1 FROM $schema.institution_replica WHERE id = $1', [inst.id])).length > 0,
        );
        return inst;
      },
      false,
    );
  const staffMember = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(
      `staffMember:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`,
      async () => {
        const inst = await staffInstitution(caller, scope);
        const res = await stack.http
          .post(`/api/v1/institutions/${inst.id}/staff`)
          .set(auth(token(ownerFor(caller, scope))))
          .send({ name: '矩阵保育员', idNumber: newIdNumber(), role: 'carer', startDate: '2026-01-05' });
        if (res.status !== 201) throw new Error(`fixture: hire → ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as { id: string };
      },
      fresh,
    );

  // Credit: the credit service follows the registry's institutions; a repairable ledger entry is
  // a ban matched at the institution 100 days ago (as the staff service would announce it).
  const waitFor = (what: string, check: () => Promise<boolean>) => eventually(`fixture: ${what}`, check);
  const creditKnows = (id: string, status?: string) =>
    waitFor(`the credit service to know ${id}`, async () => {
      const [row] = await credit.runtime.dataSource.query(`SELECT status FROM "${creditSchema}".institution WHERE id = $1`, [id]);
      return !!row && (!status || row.status === status);
    });
  const creditInstitution = (caller: Caller, scope: Scope) =>
    once(
      `creditInstitution:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`,
      async () => {
        const inst = await institution(caller, scope, false);
        await creditKnows(inst.id);
        return inst;
      },
      false,
    );
  const repairableEntry = async (institutionId: string, scope: Scope): Promise<string> => {
    const eventId = randomUUID();
    const envelope = {
      eventId,
      subject: StaffEvents.banMatched,
      occurredAt: new Date(Date.now() - 100 * 86_400_000).toISOString(),
      actor: SYSTEM_ACTOR,
      entityId: randomUUID(),
      data: lifetimeBanMatched(institutionId, scope === 'own' ? OWN_DIVISION : OTHER_DIVISION),
    };
    await jetstream(nc!).publish(envelope.subject, JSON.stringify(envelope), { msgID: eventId });
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
    once(
      `repairRequest:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`,
      async () => {
        const inst = await creditInstitution(caller, scope);
        const asker = ownerFor(caller, scope) === 'operator' ? token('operator') : scope === 'own' ? token('health') : otherHealthBureau;
        const entryId = await repairableEntry(inst.id, scope);
        const res = await stack.http
          .post(`/api/v1/credit/institutions/${inst.id}/repair-requests`)
          .set(auth(asker))
          .send({ entryIds: [entryId], reason: '矩阵测试：已整改到位' });
        if (res.status !== 201) throw new Error(`fixture: repair request → ${res.status} ${JSON.stringify(res.body)}`);
        return { institution: inst, request: res.body as { id: string } };
      },
      fresh,
    );

  /** A serious-breach listing of a ban matched 100 days ago, notified by the institution's district health bureau. */
  const listing = (caller: Caller, scope: Scope, fresh: boolean) =>
    once(
      `listing:${natureFor(caller)}:${ownerFor(caller, scope)}:${scope}`,
      async () => {
        const inst = await creditInstitution(caller, scope);
        const entryId = await repairableEntry(inst.id, scope);
        const res = await stack.http
          .post(`/api/v1/credit/institutions/${inst.id}/listings`)
          .set(auth(scope === 'own' ? token('health') : otherHealthBureau))
          .send({ entryIds: [entryId], facts: '矩阵测试：聘用从业禁止人员，已责令改正' });
        if (res.status !== 201) throw new Error(`fixture: listing → ${res.status} ${JSON.stringify(res.body)}`);
        return { institution: inst, listing: res.body as { id: string } };
      },
      fresh,
    );

  // Inspection: the inspection service follows the registry's institutions. Each inspection is of a
  // new filed institution (the yearly cap counts per institution) — own: the operator's, in 三墩镇;
  // other: admin's, in 环翠区 — opened by admin with two inspectors per department: own
  // fire.inspector1 and market.inspector1 (linked) and one unlinked each; other two 371002
  // inspectors per department, the market one linked to market.371002 so it can record.
  const inspectorIds: Record<Scope, Record<'fire' | 'market', string[]>> = { own: { fire: [], market: [] }, other: { fire: [], market: [] } };
  const recorderOf = { own: { fire: INSPECTOR_ACCOUNT.username, market: 'market.inspector1' }, other: { fire: '', market: 'market.371002' } } as const;
  const inspectionInstitution = async (scope: Scope) => {
    const { institution: inst } = await filed('operator', scope, true);
    await waitFor(`the inspection service to know ${inst.id} as filed`, async () => {
      const [row] = await inspection.runtime.dataSource.query(`SELECT status FROM "${inspectionSchema}".institution WHERE id = $1`, [inst.id]);
      return row?.status === 'filed';
    });
    return inst;
  };
  const newInspection = async (scope: Scope, departments: ('fire' | 'market')[]) => {
    const inst = await inspectionInstitution(scope);
    const res = await stack.http
      .post('/api/v1/inspections')
      .set(auth(token('admin')))
      .send({
        institutionId: inst.id,
        repeatReason: '矩阵测试',
        departments: departments.map((department) => ({ department, inspectorIds: inspectorIds[scope][department] })),
      });
    if (res.status !== 201) throw new Error(`fixture: inspection → ${res.status} ${JSON.stringify(res.body)}`);
    return { institution: inst, inspection: res.body as { id: string } };
  };
  /** Records every item of the department (failing MKT-05 and the first others up to `fail`) as its linked inspector. */
  const recordAll = async (id: string, scope: Scope, department: 'fire' | 'market', fail: number) => {
    const form = (
      await stack.http
        .get(`/api/v1/inspections/${id}/form`)
        .set(auth(token('admin')))
        .expect(200)
    ).body as { areas: { items: { code: string; department: string }[] }[] };
    const items = form.areas
      .flatMap((a) => a.items)
      .filter((i) => i.department === department)
      .sort((a, b) => Number(b.code === 'MKT-05') - Number(a.code === 'MKT-05'));
    const results = items.map((i, n) => (n < fail ? { itemCode: i.code, result: 'fail', note: '矩阵测试：发现问题' } : { itemCode: i.code, result: 'pass' }));
    const recorder = await userToken(recorderOf[scope][department]);
    const res = await stack.http.put(`/api/v1/inspections/${id}/results`).set(auth(recorder)).send({ results });
    if (res.status !== 200) throw new Error(`fixture: results → ${res.status} ${JSON.stringify(res.body)}`);
    return recorder;
  };
  /** An open fire + market inspection (shared by the cells that do not change it). */
  const openInspection = (scope: Scope, fresh: boolean) => once(`inspection:${scope}`, () => newInspection(scope, ['fire', 'market']), fresh);
  /** A completed market inspection with open findings (MKT-05 first): `fresh` for a cell that starts a re-inspection. */
  const completedInspection = (scope: Scope, fresh: boolean) =>
    once(
      `completed:${scope}`,
      async () => {
        const { institution: inst, inspection: made } = await newInspection(scope, ['market']);
        const recorder = await recordAll(made.id, scope, 'market', 8);
        const res = await stack.http.post(`/api/v1/inspections/${made.id}/sign-off`).set(auth(recorder)).send({ comment: '矩阵测试' });
        if (res.status !== 200 || res.body.status !== 'completed') throw new Error(`fixture: sign-off → ${res.status} ${JSON.stringify(res.body)}`);
        const found = res.body.findings as { id: string; itemCode: string }[];
        return {
          institution: inst,
          inspection: made,
          samples: found.find((f) => f.itemCode === 'MKT-05')!.id,
          ids: found.filter((f) => f.itemCode !== 'MKT-05').map((f) => f.id),
        };
      },
      fresh,
    );
  /** Findings of the shared completed inspection: the first shared, the others one per cell that changes one. */
  const usedFindings = { own: 1, other: 1 };
  const finding = async (scope: Scope, fresh: boolean) => {
    const { institution: inst, ids } = await completedInspection(scope, false);
    const id = fresh ? ids[usedFindings[scope]++] : ids[0];
    if (!id) throw new Error('fixture: out of findings — fail more items in completedInspection');
    return { institution: inst, id };
  };
  /** A penalty (issued by admin) on the MKT-05 finding of each scope. */
  let decisionSerial = randomInt(1e5);
  const newPenaltyBody = async (scope: Scope) => ({
    findingId: (await completedInspection(scope, false)).samples,
    penaltyItemCode: 'PMKT-04',
    kinds: ['warning', 'fine'],
    fineFen: 2_000_000,
    circumstances: ['refused_to_correct'],
    discretionLevel: 'ordinary',
    decisionNo: `矩阵罚〔2026〕${decisionSerial++}号`,
    reason: '矩阵测试：未按规定留样',
  });
  const penalty = (scope: Scope) =>
    once(
      `penalty:${scope}`,
      async () => {
        const res = await stack.http
          .post('/api/v1/penalties')
          .set(auth(token('admin')))
          .send(await newPenaltyBody(scope));
        if (res.status !== 201) throw new Error(`fixture: penalty → ${res.status} ${JSON.stringify(res.body)}`);
        return res.body as { id: string; findingId: string };
      },
      false,
    );

  /** An institution the inspection service knows (shared; a filed one of the scope's owner). */
  const knownInstitution = (scope: Scope) =>
    once(
      `inspectionKnows:${scope}`,
      async () => {
        const { institution: inst } = await filed('operator', scope, false);
        await waitFor(
          `the inspection service to know ${inst.id}`,
          async () => (await inspection.runtime.dataSource.query(`SELECT 1 FROM "${inspectionSchema}".institution WHERE id = $1`, [inst.id])).length > 0,
        );
        return inst;
      },
      false,
    );
  /**
   * An institution in a street next to the plans' (each plan's pool holds every operating
   * institution of its street, filed or not): a 回避 on it cannot starve a draw.
   */
  const conflictInstitution = (scope: Scope) =>
    once(
      `conflictInstitution:${scope}`,
      async () => {
        const inst = await register('admin', scope, scope === 'own' ? '330106004' : '371002003');
        await waitFor(
          `the inspection service to know ${inst.id}`,
          async () => (await inspection.runtime.dataSource.query(`SELECT 1 FROM "${inspectionSchema}".institution WHERE id = $1`, [inst.id])).length > 0,
        );
        return inst;
      },
      false,
    );

  // 双随机 plans over fire inspectors: own by health.330106 for 三墩镇, other by health.371002 for 环翠楼街道 (371002001).
  const planBody = (scope: Scope) => ({
    title: '矩阵测试双随机抽查',
    divisionCode: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION,
    periodFrom: today,
    periodTo: addDays(today, 60),
    departments: ['fire'],
  });
  const commitPlan = async (scope: Scope, draw: boolean) => {
    const planner = scope === 'own' ? token('health') : otherHealthBureau;
    const res = await stack.http.post('/api/v1/inspection-plans').set(auth(planner)).send(planBody(scope));
    if (res.status !== 201) throw new Error(`fixture: plan → ${res.status} ${JSON.stringify(res.body)}`);
    if (draw) {
      const drawn = await stack.http.post(`/api/v1/inspection-plans/${res.body.id}/draw`).set(auth(planner)).send({ publicEntropy: '矩阵测试' });
      if (drawn.status !== 200) throw new Error(`fixture: draw → ${drawn.status} ${JSON.stringify(drawn.body)}`);
    }
    return res.body as { id: string };
  };
  /** A drawn plan (shared), or a committed one for a cell that draws it. */
  const plan = (scope: Scope, fresh: boolean) => (fresh ? commitPlan(scope, false) : once(`plan:${scope}`, () => commitPlan(scope, true), false));

  // Complaints (投诉, fire category → the fire department) filed by the public about the shared institutions.
  const fileComplaint = async (scope: Scope) => {
    const inst = await knownInstitution(scope);
    const res = await stack.http.post('/api/v1/public/complaints').send({ institutionId: inst.id, category: 'fire', description: '矩阵测试：楼道堆放杂物' });
    if (res.status !== 201) throw new Error(`fixture: complaint → ${res.status} ${JSON.stringify(res.body)}`);
    return { institution: inst, complaint: res.body as { id: string } };
  };
  const complaint = (scope: Scope, fresh: boolean) => once(`complaint:${scope}`, () => fileComplaint(scope), fresh);
  const acceptedComplaint = (scope: Scope, fresh: boolean) =>
    once(
      `acceptedComplaint:${scope}`,
      async () => {
        const filedComplaint = await fileComplaint(scope);
        const res = await stack.http
          .post(`/api/v1/complaints/${filedComplaint.complaint.id}/triage`)
          .set(auth(token('admin')))
          .send({ decision: 'accept', reason: '矩阵测试：受理' });
        if (res.status !== 200) throw new Error(`fixture: triage → ${res.status} ${JSON.stringify(res.body)}`);
        return filedComplaint;
      },
      fresh,
    );
  // Evidence (取证): a photo of each scope's open inspection, own uploaded by the operator, other by admin.
  const uniquePng = () => Buffer.concat([PNG, Buffer.from(randomUUID())]);
  const evidence = (scope: Scope) =>
    once(
      `evidence:${scope}`,
      async () => {
        const { inspection: made } = await openInspection(scope, false);
        const res = await stack.http
          .post('/api/v1/evidence')
          .set(auth(token(scope === 'own' ? 'operator' : 'admin')))
          .field('takenAt', new Date().toISOString())
          .field('location', '矩阵测试：二楼安全出口')
          .field('inspectionId', made.id)
          .attach('file', uniquePng(), 'evidence.png');
        if (res.status !== 201) throw new Error(`fixture: evidence → ${res.status} ${JSON.stringify(res.body)}`);
        return { inspectionId: made.id, evidenceId: res.body.evidenceId as string };
      },
      false,
    );
  let checklistSerial = 0;
  const educationList = () =>
    once(
      'educationList',
      async () => {
        const res = await stack.http
          .get('/api/v1/checklists?kind=inspection&department=education')
          .set(auth(token('admin')))
          .expect(200);
        return (res.body as Record<string, unknown>[])[0]!;
      },
      false,
    );

  // Subsidy: a roster of this month for the operator's 三墩镇 institution (by the operator) and for
  // a 环翠区 one (by admin), once the subsidy service knows them.
  const month = shanghaiToday().slice(0, 7);
  let childSerial = randomInt(100, 900);
  const childIdNumber = () => makeResidentId(`330106${addDays(today, -400).replace(/-/g, '')}${(childSerial = childSerial >= 999 ? 100 : childSerial + 1)}`);
  const subsidyInstitution = (scope: Scope) =>
    once(
      `subsidyInstitution:${scope}`,
      async () => {
        const { institution: inst } = await filed('operator', scope, false);
        await waitFor(`the subsidy service to know ${inst.id} as filed`, async () => {
          const [row] = await subsidy.runtime.dataSource.query(`SELECT status FROM "${subsidySchema}".institution_replica WHERE id = $1`, [inst.id]);
          return row?.status === 'filed';
        });
        return inst;
      },
      false,
    );
  const rosterBody = () => ({
    openDays: 20,
    children: [{ idNumber: childIdNumber(), birthOrder: 2, classType: 'toddler', careForm: 'full_day', daysAttended: 18 }],
  });
  const submitRoster = async (scope: Scope, rosterMonth: string) => {
    const inst = await subsidyInstitution(scope);
    const res = await stack.http
      .put(`/api/v1/institutions/${inst.id}/rosters/${rosterMonth}`)
      .set(auth(token(scope === 'own' ? 'operator' : 'admin')))
      .send(rosterBody());
    if (res.status !== 200) throw new Error(`fixture: roster → ${res.status} ${JSON.stringify(res.body)}`);
    return inst;
  };
  const roster = (scope: Scope) => once(`roster:${scope}`, () => submitRoster(scope, month), false);

  // Runs (补助计算), one per month and division: this month's with a roster (it has lines, so it
  // waits for the street office), or one of a past month in a street without institutions (no
  // lines: straight to the health bureau). Other-district runs are started by health.371002.
  let monthsBack = 2;
  const nextPastMonth = () => addDays(`${month}-01`, -31 * monthsBack++).slice(0, 7);
  const runDone = async (id: string) => {
    let view: { id: string; status: string; stage: string | null } | undefined;
    await waitFor(`run ${id} computed`, async () => {
      view = (await stack.http.get(`/api/v1/subsidy/runs/${id}`).set(auth(token('admin')))).body;
      return view?.status !== 'computing';
    });
    return view!;
  };
  const startRun = async (scope: Scope, runMonth: string, divisionCode: string) => {
    const res = await stack.http
      .post('/api/v1/subsidy/runs')
      .set(auth(scope === 'own' ? token('health') : otherHealthBureau))
      .send({ month: runMonth, divisionCode });
    if (res.status !== 202) throw new Error(`fixture: run → ${res.status} ${JSON.stringify(res.body)}`);
    return runDone(res.body.id);
  };
  const EMPTY_STREET = { own: '330106001', other: '371002002' } as const;
  /** A run of a past month in a street without institutions (no lines): it waits for the health bureau, then (approved) for finance. */
  const runAt = async (scope: Scope, stage: 'health' | 'finance') => {
    const run = await startRun(scope, nextPastMonth(), EMPTY_STREET[scope]);
    if (run.stage !== 'health') throw new Error(`fixture: run ${run.id} waits for ${run.stage}, not health`);
    if (stage === 'finance') {
      const res = await stack.http
        .post(`/api/v1/subsidy/runs/${run.id}/approvals`)
        .set(auth(scope === 'own' ? token('health') : otherHealthBureau))
        .send({ decision: 'approve' });
      if (res.status !== 200 || res.body.stage !== 'finance') throw new Error(`fixture: health approval → ${res.status} ${JSON.stringify(res.body)}`);
    }
    return run;
  };
  /**
   * The run the rows read: of the subsidy service's month (its clock runs two months ahead, so the
   * institutions filed today are filed all through it), with a roster, so it has lines.
   */
  const runMonth = shanghaiToday(SUBSIDY_CLOCK.now()).slice(0, 7);
  const sharedRun = (scope: Scope) =>
    once(
      `run:${scope}`,
      async () => {
        const inst = await submitRoster(scope, runMonth);
        return { institution: inst, run: await startRun(scope, runMonth, scope === 'own' ? OWN_DIVISION : OTHER_DIVISION) };
      },
      false,
    );

  const divisionOf = (caller: Caller, scope: Scope) => {
    if (scope === 'other') return '371002';
    return caller === 'street' ? ACCOUNTS.street.divisions[0] : '330106';
  };

  /** How each kind of target becomes a request for a caller and scope. */
  const TARGETS: Record<string, (caller: Caller, scope: Scope, fresh: boolean, row: MatrixRow) => Promise<BuiltRequest>> = {
    none: async () => ({}),
    inspection: async (_, scope) => ({ params: { id: (await openInspection(scope, false)).inspection.id } }),
    inspectionItem: async (_, scope) => ({ params: { id: (await openInspection(scope, false)).inspection.id, itemCode: 'FIRE-01' } }),
    resolution: async (_, scope) => ({
      params: { id: (await openInspection(scope, false)).inspection.id, itemCode: 'FIRE-01' },
      body: { versionId: randomUUID(), reason: '矩阵测试' },
    }),
    lateDecision: async (_, scope) => ({
      params: { id: (await openInspection(scope, false)).inspection.id, versionId: randomUUID() },
      body: { decision: 'reject', reason: '矩阵测试' },
    }),
    inspectionList: async (_, scope) => {
      const { institution: inst, inspection: made } = await openInspection(scope, false);
      return { query: { institutionId: inst.id }, listed: { key: 'id', value: made.id } };
    },
    openInspection: async (_, scope, fresh, row) => {
      const { inspection: made } = await openInspection(scope, fresh);
      if (routeKey(row).endsWith('/sign-off')) {
        if (fresh) await recordAll(made.id, scope, 'fire', 0);
        return { params: { id: made.id }, body: { comment: '矩阵测试' } };
      }
      return { params: { id: made.id }, body: { results: [{ itemCode: 'FIRE-01', result: 'pass' }] } };
    },
    postFilingCheckList: async (caller, scope) => {
      const { institution: inst } = await filed(caller, scope, false);
      await waitFor(`the inspection service to schedule the visit after ${inst.id}'s filing`, async () => {
        const rows = await inspection.runtime.dataSource.query(`SELECT 1 FROM "${inspectionSchema}".post_filing_check WHERE institution_id = $1`, [inst.id]);
        return rows.length > 0;
      });
      return { query: { institutionId: inst.id }, listed: { key: 'institutionId', value: inst.id } };
    },
    findingList: async (_, scope) => {
      const { institution: inst, id } = await finding(scope, false);
      return { query: { institutionId: inst.id }, listed: { key: 'id', value: id } };
    },
    finding: async (_, scope, fresh, row) => ({
      params: { id: (await finding(scope, fresh)).id },
      body: routeKey(row).endsWith('/verify')
        ? { outcome: 'corrected', note: '矩阵测试：已整改' }
        : routeKey(row).endsWith('/report')
          ? { text: '矩阵测试：已整改，附照片' }
          : undefined,
    }),
    roster: async (_, scope) => ({ params: { id: (await roster(scope)).id, month } }),
    newEvidence: async (_, scope) => ({
      body: undefined,
      fields: {
        takenAt: new Date().toISOString(),
        location: '矩阵测试：二楼安全出口',
        inspectionId: (await openInspection(scope, false)).inspection.id,
        itemCode: 'FIRE-01',
      },
      attach: { field: 'file', content: uniquePng(), filename: 'evidence.png' },
    }),
    evidenceList: async (_, scope) => {
      const made = await evidence(scope);
      return { query: { inspectionId: made.inspectionId }, listed: { key: 'evidenceId', value: made.evidenceId } };
    },
    evidence: async (_, scope) => ({ params: { id: (await evidence(scope)).evidenceId } }),
    rosterSubmit: async (_, scope, __, row) => {
      const inst = await subsidyInstitution(scope);
      if (!routeKey(row).endsWith('/upload')) return { params: { id: inst.id, month }, body: rosterBody() };
      const csv = `身份证号,孩次,班型,托育形式,出勤天数\n${childIdNumber()},一孩,托大班,全日托,18\n`;
      return {
        params: { id: inst.id, month },
        query: { openDays: '20' },
        attach: { field: 'file', content: Buffer.from(csv, 'utf8'), filename: 'roster.csv' },
      };
    },
    newPolicy: async (_, scope) => {
      const policyKey = `matrix-${randomUUID().slice(0, 8)}`;
      return {
        body: {
          policyKey,
          version: `${policyKey}/2099.1`,
          divisionCode: scope === 'own' ? '330106' : '371002',
          title: '矩阵测试补助政策',
          source: '矩阵测试',
          effectiveFrom: '2099-01',
          effectiveTo: '2099-12',
          eligibility: { filed: { source: '国卫办人口发〔2019〕25号 备案' } },
          rules: [
            { id: 'OPENING_GRANT', kind: 'opening_grant', title: '一次性开办补助', params: { amountFen: 1_000_000 }, requires: ['filed'], source: '矩阵测试' },
          ],
        },
      };
    },
    filingRules: async (_, __, ___, row) => ({
      query: routeKey(row).endsWith('/diff')
        ? { family: 'filing', divisionCode: '330106', otherDivisionCode: '371002', date: '2026-03-01' }
        : routeKey(row).endsWith('/documents')
          ? { family: 'filing' }
          : { family: 'filing', divisionCode: '330106109' },
    }),
    newFilingStandards: async (_, scope) => ({
      body: ruleDocumentRequest({
        documentKey: `matrix-${randomUUID().slice(0, 8)}`,
        jurisdiction: scope === 'own' ? '330106' : '371002',
        title: '矩阵测试备案标准',
        effectiveFrom: '2099-01-01',
        rule: { key: 'OBSERVATION_ROOM', title: '矩阵测试：观察室面积', body: { kind: 'min_fact', params: { fact: 'observationRoomM2', min: 6, unit: 'm²' } } },
      }),
    }),
    newIndicatorTargets: async (_, scope) => ({
      body: ruleDocumentRequest({
        documentKey: `matrix-${randomUUID().slice(0, 8)}`,
        jurisdiction: scope === 'own' ? '330106' : '371002',
        title: '矩阵测试发展目标',
        effectiveFrom: '2099-01-01',
        rule: { key: 'placesPer1000', title: '矩阵测试：每千人口托位数', body: { indicator: 'placesPer1000', value: 5, direction: 'atLeast', byYear: 2099 } },
      }),
    }),
    newCreditModel: async (_, scope) => {
      const key = `matrix-${randomUUID().slice(0, 8)}`;
      return {
        body: ruleDocumentRequest({
          documentKey: key,
          jurisdiction: scope === 'own' ? '330106' : '371002',
          title: '矩阵测试信用评价模型',
          effectiveFrom: '2099-01-01',
          rule: {
            key: `measure.A.${key}`,
            title: '矩阵测试：守信激励措施',
            body: { kind: 'measure', grade: 'A', department: 'health', measure: '矩阵测试措施' },
          },
        }),
      };
    },
    newStaffRules: async (_, scope) => ({
      body: ruleDocumentRequest({
        documentKey: `matrix-${randomUUID().slice(0, 8)}`,
        jurisdiction: scope === 'own' ? '330106' : '371002',
        title: '矩阵测试从业人员规则',
        effectiveFrom: '2099-01-01',
        rule: { key: 'certificate-rate-target', title: '矩阵测试：持证率目标', body: { kind: 'certificate-target', targetBp: 9000, byYear: 2099 } },
      }),
    }),
    newRun: async (_, scope) => ({ body: { month: addDays(`${month}-01`, -400).slice(0, 7), divisionCode: EMPTY_STREET[scope] } }),
    runList: async (_, scope) => ({ query: { month: runMonth }, listed: { key: 'id', value: (await sharedRun(scope)).run.id } }),
    run: async (_, scope, __, row) => {
      const { institution: inst, run } = await sharedRun(scope);
      return { params: { id: run.id }, query: routeKey(row).endsWith('/lines') ? { institutionId: inst.id } : undefined };
    },
    runAtStage: async (caller, scope, fresh) => {
      const stage = caller === 'street' || caller === 'finance' ? caller : 'health';
      // The street office's run is the month's shared one (with a roster, so with lines): only the
      // street cells use it at this stage, and only street/own changes it.
      const run = stage === 'street' ? (await sharedRun(scope)).run : await once(`runAt:${scope}:${stage}`, () => runAt(scope, stage), fresh);
      if (stage === 'street' && run.stage !== 'street') throw new Error(`fixture: run ${run.id} waits for ${run.stage}, not the street office`);
      return { params: { id: run.id }, body: { decision: 'approve', comment: '矩阵测试' } };
    },
    newChecklist: async (_, scope) => {
      const { kind, department, title, inspectionItems } = await educationList();
      const jurisdiction = scope === 'own' ? OWN_DIVISION : OTHER_DIVISION;
      const serial = ++checklistSerial;
      const [item] = inspectionItems as Record<string, unknown>[];
      return {
        body: {
          kind,
          department,
          jurisdiction,
          title,
          source: '矩阵测试：本街道托班检查补充事项',
          inspectionItems: [{ ...item, code: `EDU-M${serial}` }],
          version: `education-${jurisdiction}/2099.${serial}`,
          effectiveFrom: '2099-01-01',
        },
      };
    },
    newSupervisionPolicy: async (_, scope) => {
      const jurisdiction = scope === 'own' ? OWN_DIVISION : OTHER_DIVISION;
      const sources = [{ title: '矩阵测试双随机抽查工作方案', documentNo: '矩阵〔2099〕1号' }];
      return {
        body: {
          documentKey: `supervision-policy-${jurisdiction}`,
          version: `supervision-policy-${jurisdiction}/2099.${++checklistSerial}`,
          jurisdiction,
          title: '矩阵测试：本街道双随机抽查比例',
          sources,
          // Each cell's version starts a day after the one before (versions of a key start in order).
          effectiveFrom: addDays('2099-01-01', checklistSerial),
          rules: [
            {
              key: 'samplingRatios',
              composition: 'replaces',
              title: '本街道抽查比例',
              sources,
              body: { parameter: 'samplingRatios', value: { A: 0.1, B: 0.2, C: 0.4, D: 1 } },
            },
          ],
        },
      };
    },
    newInspector: async (caller, scope) => ({
      body: {
        ...(caller === 'admin' ? { department: 'street' } : {}),
        name: '矩阵新执法员',
        badgeNo: `MX-NEW-${randomUUID().slice(0, 8)}`,
        divisionCodes: [scope === 'own' ? OWN_DIVISION : OTHER_DIVISION],
      },
    }),
    conflict: async (_, scope) => ({
      params: { id: inspectorIds[scope].fire[1]! },
      body: { institutionId: (await conflictInstitution(scope)).id, reason: '矩阵测试：近亲属在该机构任职' },
    }),
    newPlan: async (_, scope) => ({ body: planBody(scope) }),
    planList: async (_, scope) => ({ query: { pageSize: '100' }, listed: { key: 'id', value: (await plan(scope, false)).id } }),
    plan: async (_, scope, fresh) => ({ params: { id: (await plan(scope, fresh)).id }, body: { publicEntropy: '矩阵测试' } }),
    newInspection: async (caller, scope, fresh, row) => {
      // Each inspection that is opened is of a new institution (the yearly cap counts per institution): made all at once.
      const inst = fresh
        ? await prefetched(`newInspection:${scope}`, successCells(row, scope), () => inspectionInstitution(scope))
        : await knownInstitution(scope);
      return {
        body: {
          institutionId: inst.id,
          repeatReason: '矩阵测试',
          departments: (['fire', 'market'] as const).map((department) => ({ department, inspectorIds: inspectorIds[scope][department] })),
        },
      };
    },
    completedInspection: async (_, scope, fresh, row) => {
      // Each re-inspection that is started takes a completed inspection of its own: made all at once.
      const made =
        fresh && routeKey(row).endsWith('/reinspection')
          ? await prefetched(`reinspection:${scope}`, successCells(row, scope), () => completedInspection(scope, true))
          : await completedInspection(scope, false);
      return { params: { id: made.inspection.id }, body: row.method === 'POST' ? {} : undefined };
    },
    newPenalty: async (_, scope) => ({ body: await newPenaltyBody(scope) }),
    penaltyList: async (_, scope) => {
      const made = await penalty(scope);
      return { query: { findingId: made.findingId }, listed: { key: 'id', value: made.id } };
    },
    selfInspection: async (_, scope, __, row) => {
      const inst = await knownInstitution(scope);
      return row.method === 'POST'
        ? { body: { institutionId: inst.id, results: [{ itemCode: 'FIRE-01', result: 'pass' }] } }
        : { query: { institutionId: inst.id } };
    },
    complaintList: async (_, scope) => {
      const { institution: inst, complaint: made } = await complaint(scope, false);
      return { query: { institutionId: inst.id, pageSize: '100' }, listed: { key: 'id', value: made.id } };
    },
    complaint: async (_, scope, fresh) => ({
      params: { id: (await complaint(scope, fresh)).complaint.id },
      body: { decision: 'accept', reason: '矩阵测试：受理' },
    }),
    acceptedComplaint: async (_, scope, fresh) => ({
      params: { id: (await acceptedComplaint(scope, fresh)).complaint.id },
      body: { substantiated: true, summary: '矩阵测试：经核查属实，已责令整改' },
    }),
    publicComplaint: async () => ({
      body: { institutionId: (await knownInstitution('own')).id, category: 'food', description: '矩阵测试：午餐未留样' },
    }),
    // Gateway-level rows: every {param} of the path gets a well-formed value (what it names need not exist).
    placeholder: async (_, __, ___, row) => ({
      params: Object.fromEntries([...row.path.matchAll(/\{(\w+)\}/g)].map(([, p]) => [p, PLACEHOLDER_PARAMS[p] ?? randomUUID()])),
      body: row.method === 'GET' ? undefined : {},
    }),
    login: async (caller) => ({
      body:
        caller === 'client'
          ? { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }
          : {
              username: caller === 'inspector' ? INSPECTOR_ACCOUNT.username : ACCOUNTS[caller === 'anonymous' ? 'health' : caller].username,
              password: DEMO_PASSWORD,
            },
      token: null,
    }),
    logout: async (caller) => ({ token: caller === 'anonymous' ? null : await freshToken(caller) }),
    natsToken: async () => ({}),
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
      return { params: { id: inst.id, uscc: inst.uscc }, body: bodies[routeKey(row)] };
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
      body: {
        rows: [
          {
            divisionCode: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION,
            year: 2018,
            residentPopulation: 100_000,
            childrenUnder3: 2_500,
            source: '矩阵测试统计',
          },
        ],
      },
    }),
    populationCsv: async (caller, scope) => ({
      contentType: 'text/csv',
      body: `divisionCode,year,residentPopulation,childrenUnder3,source\n${scope === 'own' ? OWN_DIVISION : OTHER_DIVISION},2017,90000,2000,矩阵测试统计\n`,
    }),
    populationList: async (caller, scope) => ({
      query: { year: '2019' },
      listed: { key: 'divisionCode', value: scope === 'own' ? OWN_DIVISION : OTHER_DIVISION },
    }),
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
    creditListable: async (caller, scope) => {
      const inst = await creditInstitution(caller, scope);
      return { params: { id: inst.id }, body: { entryIds: [await repairableEntry(inst.id, scope)], facts: '矩阵测试：聘用从业禁止人员，已责令改正' } };
    },
    listingList: async (caller, scope) => {
      const { institution: inst, listing: made } = await listing(caller, scope, false);
      return { query: { institutionId: inst.id }, listed: { key: 'id', value: made.id } };
    },
    listing: async (caller, scope, fresh) => ({
      params: { id: (await listing(caller, scope, fresh)).listing.id },
      body: { statement: '矩阵测试：涉事人员已辞退，请求不予列入' },
    }),
    decidableListing: async (caller, scope, fresh) => {
      const { listing: made } = await listing(caller, scope, fresh);
      // The statement period has run out (as it would after its days): the decision is due.
      await credit.runtime.dataSource.query(`UPDATE "${creditSchema}".listing SET statement_due = statement_due - 30 WHERE id = $1`, [made.id]);
      return { params: { id: made.id }, body: { decision: 'list', decisionNo: '矩阵测试〔2026〕1号', reason: '矩阵测试：事实清楚，依据充分' } };
    },
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
      body: {
        name: '矩阵禁入',
        idNumber: newIdNumber(),
        kind: 'lifetime',
        startsOn: today,
        authority: '杭州市西湖区人民法院',
        documentNo: `（2026）浙0106刑初${randomInt(1e6)}号`,
        reason: '矩阵测试',
      },
    }),
    newRecordCheck: async () => ({
      body: {
        name: '矩阵查询',
        idNumber: newIdNumber(),
        checkedOn: today,
        result: 'no_record',
        authority: '杭州市公安局西湖区分局',
        documentNo: `XH-${randomInt(1e6)}`,
      },
    }),
    loginLockout: async () => ({ body: { username: `matrix.locked.${randomInt(1e6)}`, reason: '矩阵测试' } }),
    newApiClient: async () => ({ body: { name: '矩阵测试系统', department: 'fire', divisions: ['330106'], scopes: ['GET /api/v1/institutions'] } }),
    apiClient: async (_, __, fresh, row) => {
      const client = await once(
        'apiClient',
        async () => {
          const res = await stack.http
            .post('/api/v1/admin/api-clients')
            .set(auth(token('admin')))
            .send({ name: '矩阵测试系统', department: 'fire', divisions: ['330106'], scopes: ['GET /api/v1/institutions'] });
          if (res.status !== 201) throw new Error(`fixture: api client → ${res.status} ${JSON.stringify(res.body)}`);
          return res.body as { id: string };
        },
        fresh,
      );
      return { params: { id: client.id }, body: routeKey(row).endsWith('/rotate') ? { overlapSeconds: 60 } : { reason: '矩阵测试' } };
    },
  };

  let otherHealthBureau = ''; // health.371002 approves the other district's filings
  const freshToken = async (caller: Exclude<Caller, 'anonymous'>) => {
    const body =
      caller === 'client'
        ? { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }
        : { username: caller === 'inspector' ? INSPECTOR_ACCOUNT.username : ACCOUNTS[caller].username, password: DEMO_PASSWORD };
    return (await stack.http.post('/api/v1/auth/token').send(body).expect(200)).body.accessToken as string;
  };
  const userToken = (username: string) => stack.tokenFor(username);

  /** Rows written by every service of the stack and the gateway (events and audit entries): a refusal adds none. */
  const writes = async (): Promise<string> => {
    const schemas = [...SERVICES, 'gateway'] as const;
    const [row] = await stack.sql<Record<string, number>>(
      'registry',
      `SELECT ${schemas
        .map(
          (s) =>
            `(SELECT count(*) FROM "${stack.schemas[s]}".outbox)::int AS "${s} outbox", (SELECT count(*) FROM "${stack.schemas[s]}".audit_log)::int AS "${s} audit"`,
        )
        .join(', ')}`,
    );
    return ['registry', 'gateway', 'staff', 'credit', 'inspection', 'subsidy']
      .map((s) => `${s} outbox ${row![`${s} outbox`]} audit ${row![`${s} audit`]}`)
      .join('; ');
  };

  /**
   * Waits until every event an earlier cell caused is published and consumed by every service, and
   * every subsidy run accepted with 202 has computed (it announces itself when done), so the
   * counts taken around a refused request change only through that request.
   */
  const settled = async (): Promise<void> => {
    await stack.settled();
    await eventually(
      'the subsidy runs to compute',
      async () => (await stack.sql<{ n: number }>('subsidy', `SELECT count(*)::int AS n FROM $schema.run WHERE status = 'computing'`))[0]!.n === 0,
      { everyMs: 25 },
    );
    await stack.settled(); // and what the finished runs announced
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
    for (const [name, value] of Object.entries(req.fields ?? {})) call = call.field(name, value);
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
      // Past the gateway's checks: the service (or the gateway's own validation) answered the
      // placeholder input — never 401, DEPARTMENT_NOT_ALLOWED, SCOPE_NOT_GRANTED or a 5xx.
      result.ok = res.status !== 401 && !(res.status === 403 && ['DEPARTMENT_NOT_ALLOWED', 'SCOPE_NOT_GRANTED'].includes(res.body?.code)) && res.status < 500;
      const key = `${res.status} ${res.body?.code ?? ''}`.trim();
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
    stack = await startTestStack({
      services: SERVICES,
      config: {
        staff: { STAFF_DB_SCHEMA: staffSchema },
        credit: { CREDIT_DB_SCHEMA: creditSchema, LOG_LEVEL: 'error' },
        inspection: { INSPECTION_DB_SCHEMA: inspectionSchema, LOG_LEVEL: 'error' },
        subsidy: { SUBSIDY_DB_SCHEMA: subsidySchema, LOG_LEVEL: 'error' },
      },
      startOptions: {
        staff: { eventsFrom: 'new' },
        credit: { eventsFrom: 'new' },
        inspection: { eventsFrom: 'new' },
        subsidy: { eventsFrom: 'new', now: SUBSIDY_CLOCK.now },
      },
      gateway: { EVIDENCE_DIR: evidenceDir },
    });
    ({ credit, inspection, subsidy } = stack);
    nc = (await stack.nats()).nc;
    for (const caller of Object.keys(ACCOUNTS) as Department[]) tokens.set(caller, await stack.tokenFor(ACCOUNTS[caller].username));
    tokens.set('inspector', await stack.tokenFor(INSPECTOR_ACCOUNT.username));
    otherHealthBureau = await stack.tokenFor('health.371002');
    // The API client column: a fire department system in 西湖区 granted CLIENT_SCOPES.
    const made = await stack.http
      .post('/api/v1/admin/api-clients')
      .set(auth(token('admin')))
      .send({ ...API_CLIENT, divisions: [...API_CLIENT.divisions], scopes: [...CLIENT_SCOPES] })
      .expect(201);
    client = { clientId: made.body.clientId, clientSecret: made.body.clientSecret };
    tokens.set('client', await freshToken('client'));
    // Inspectors (执法人员) of both districts, two per department (行政处罚法: no fewer than two).
    const addInspector = async (scope: Scope, department: 'fire' | 'market', n: number, username?: string) => {
      const division = scope === 'own' ? '330106' : '371002';
      const res = await stack.http
        .post('/api/v1/inspectors')
        .set(auth(token('admin')))
        .send({
          department,
          name: `矩阵${department}执法员${n}`,
          badgeNo: `MX-${department}-${division}-${randomUUID().slice(0, 6)}`,
          divisionCodes: [division],
          ...(username ? { username } : {}),
        });
      if (res.status !== 201) throw new Error(`fixture: inspector → ${res.status} ${JSON.stringify(res.body)}`);
      inspectorIds[scope][department].push(res.body.id);
    };
    await addInspector('own', 'fire', 1, INSPECTOR_ACCOUNT.username);
    await addInspector('own', 'fire', 2);
    await addInspector('own', 'market', 1, 'market.inspector1');
    await addInspector('own', 'market', 2);
    await addInspector('other', 'fire', 1);
    await addInspector('other', 'fire', 2);
    await addInspector('other', 'market', 1, 'market.371002');
    await addInspector('other', 'market', 2);
    // Population figures in both districts, read by the GET /population cells.
    await stack.http
      .put('/api/v1/population')
      .set(auth(token('admin')))
      .send({
        rows: [OWN_DIVISION, OTHER_DIVISION].map((divisionCode) => ({
          divisionCode,
          year: 2019,
          residentPopulation: 50_000,
          childrenUnder3: 1_200,
          source: '矩阵测试统计',
        })),
      })
      .expect(200);
  });
  afterAll(async () => {
    const byOutcome = new Map<string, number>();
    for (const r of results) byOutcome.set(r.expected, (byOutcome.get(r.expected) ?? 0) + 1);
    const rows = new Set(results.map((r) => r.route)).size;
    console.log(
      `[authz] ${results.length} cells over ${rows} routes × ${CALLERS.length} callers: ${results.filter((r) => r.ok).length} as expected; ` +
        `by outcome ${[...byOutcome].map(([k, v]) => `${k} ${v}`).join(', ')}` +
        (passStatuses.size ? `; PASS cells: ${[...passStatuses].map(([k, v]) => `${v} ${k}`).join(', ')}` : ''),
    );
    await stack?.stop();
    fs.rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('has a row for every route in the OpenAPI document, and no row for a route that does not exist', async () => {
    const openapi = (await stack.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(openapi.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const inMatrix = AUTHORIZATION_MATRIX.map(routeKey);
    expect(new Set(inMatrix).size, 'a route appears twice in the matrix').toBe(inMatrix.length);
    expect(
      documented.filter((r) => !inMatrix.includes(r)),
      'routes in the OpenAPI document without a row in tests/authz/authorization-matrix.ts',
    ).toEqual([]);
    expect(
      inMatrix.filter((r) => !documented.includes(r)),
      'matrix rows for routes the gateway no longer has',
    ).toEqual([]);
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
