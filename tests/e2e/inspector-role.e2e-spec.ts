// An inspector account (执法人员, role inspector) does the work of the visits it is assigned to
// and nothing else: it reads and records its own visit, gets INSPECTOR_NOT_ASSIGNED on another's,
// and ROLE_NOT_ALLOWED wherever only its department's officials may act — through the gateway and
// straight on NATS (each service's InspectorRoleGuard). GET /inspectors shows the caller's divisions.
import { InspectionSubjects } from '@shanyu/contracts';
import { connectNats } from '@shanyu/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { identityHeaders, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InspectionStack, startInspectionStack } from './inspection-support.js';

describe('an inspector account acts only on the visits it is assigned to', () => {
  let stack: InspectionStack;
  let nc: NatsConnection;
  let institutionId: string;
  let visitId: string;
  const as = (username: string) => stack.auth(username);

  beforeAll(async () => {
    stack = await startInspectionStack({ now: new Date('2026-09-30T10:00:00+08:00') });
    nc = await connectNats(testNatsUrl(), 'inspector-role-test');
    institutionId = (await stack.filedInstitution({ operatorType: 'private' })).id;
    const { fire } = stack.inspectors;
    // fire.inspector1 is assigned, fire.inspector2 (linked, same department and division) is not.
    const res = await stack.http
      .post('/api/v1/inspections')
      .set(await as('fire.330106'))
      .send({
        institutionId,
        departments: [{ department: 'fire', inspectorIds: [fire![0]!.id, fire![2]!.id] }],
      })
      .expect(201);
    visitId = res.body.id;
  });
  afterAll(async () => {
    await nc?.drain();
    await stack?.stop();
  });

  it('the assigned inspector reads the visit, its form and the institution, and records a result', async () => {
    const me = await as('fire.inspector1');
    const list = (await stack.http.get('/api/v1/inspections?status=open').set(me).expect(200)).body;
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([visitId]);
    await stack.http.get(`/api/v1/inspections/${visitId}`).set(me).expect(200);
    await stack.http.get(`/api/v1/inspections/${visitId}/form`).set(me).expect(200);
    await stack.http.get(`/api/v1/institutions/${institutionId}`).set(me).expect(200);
    await stack.http.get('/api/v1/checklists?kind=inspection&department=fire').set(me).expect(200);
    const recorded = await stack.http
      .put(`/api/v1/inspections/${visitId}/results`)
      .set(me)
      .send({ results: [{ itemCode: 'FIRE-01', result: 'pass' }] })
      .expect(200);
    expect(
      recorded.body.areas
        .flatMap((a: { items: { code: string; result: { result: string } | null }[] }) => a.items)
        .find((i: { code: string }) => i.code === 'FIRE-01').result.result,
    ).toBe('pass');
  });

  it('an unassigned inspector of the same department gets INSPECTOR_NOT_ASSIGNED, for reading and recording alike', async () => {
    const other = await as('fire.inspector2');
    expect((await stack.http.get('/api/v1/inspections?status=open').set(other).expect(200)).body.items).toEqual([]);
    for (const path of [`/api/v1/inspections/${visitId}`, `/api/v1/inspections/${visitId}/form`]) {
      const res = await stack.http.get(path).set(other).expect(403);
      expect(res.body, path).toMatchObject({ code: 'INSPECTOR_NOT_ASSIGNED', message: expect.stringContaining('被指派') });
    }
    const put = await stack.http
      .put(`/api/v1/inspections/${visitId}/results`)
      .set(other)
      .send({ results: [{ itemCode: 'FIRE-02', result: 'pass' }] })
      .expect(403);
    expect(put.body.code).toBe('INSPECTOR_NOT_ASSIGNED');
    const form = (
      await stack.http
        .get(`/api/v1/inspections/${visitId}/form`)
        .set(await as('fire.330106'))
        .expect(200)
    ).body;
    expect(
      form.areas.flatMap((a: { items: { code: string; result: unknown }[] }) => a.items).find((i: { code: string }) => i.code === 'FIRE-02').result,
    ).toBeNull();
  });

  it("an inspector may not do what only its department's officials do: ROLE_NOT_ALLOWED through the gateway and on NATS", async () => {
    const me = await as('fire.inspector1');
    const refused = [
      stack.http
        .post('/api/v1/inspections')
        .set(me)
        .send({ institutionId, departments: [{ department: 'fire', inspectorIds: [] }] }),
      stack.http.post(`/api/v1/inspections/${visitId}/reinspection`).set(me).send({}),
      stack.http.get('/api/v1/inspectors').set(me),
      stack.http
        .post('/api/v1/inspectors')
        .set(me)
        .send({ name: '新人', badgeNo: 'FIRE-330106-999', divisionCodes: ['330106'] }),
      stack.http.get('/api/v1/inspection-plans').set(me),
      stack.http.get('/api/v1/rectifications').set(me),
      stack.http.get('/api/v1/institutions').set(me),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.status, res.req.path).toBe(403);
      expect(res.body, res.req.path).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('执法人员账号无权') });
    }
    // Straight on NATS, the service itself refuses an inspector's identity before any handler.
    const h = identityHeaders({ department: 'fire', role: 'inspector', userId: 'someone', divisions: ['330106'] });
    const reply = (await nc.request(InspectionSubjects.listPenalties, JSON.stringify({ institutionId }), { headers: h, timeout: 5_000 })).json<{
      ok: boolean;
      error?: { code: string };
    }>();
    expect(reply).toMatchObject({ ok: false, error: { code: 'ROLE_NOT_ALLOWED' } });
  });

  it("lists inspectors of the caller's divisions only; admin sees all", async () => {
    const admin = await as('admin');
    await stack.http
      .post('/api/v1/inspectors')
      .set(admin)
      .send({ department: 'fire', name: '威海执法员', badgeNo: `FIRE-371002-${Date.now() % 1000}`, divisionCodes: ['371002'] })
      .expect(201);
    const mine = (
      await stack.http
        .get('/api/v1/inspectors?department=fire')
        .set(await as('fire.330106'))
        .expect(200)
    ).body as { divisionCodes: string[] }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.divisionCodes.some((d) => d.startsWith('330106')))).toBe(true);
    const street = (
      await stack.http
        .get('/api/v1/inspectors?department=fire')
        .set(await as('street.330106109'))
        .expect(200)
    ).body as unknown[];
    expect(street).toHaveLength(mine.length); // the district's inspectors work in its streets too
    const all = (await stack.http.get('/api/v1/inspectors?department=fire').set(admin).expect(200)).body as { divisionCodes: string[] }[];
    expect(all.some((i) => i.divisionCodes.includes('371002'))).toBe(true);
  });
});
