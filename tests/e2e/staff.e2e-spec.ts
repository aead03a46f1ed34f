// The staff service through the gateway (HTTP → NATS → staff → PostgreSQL) and over NATS:
// vetting at hiring, bans that follow a person to every institution, yearly re-checks,
// concurrent employment, ID numbers encrypted at rest, masked per role and never logged.
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiToday } from '@shanyu/common';
import { StaffEvents } from '@shanyu/contracts';
import { OverdueRechecksQuery, RecordRecheck, ReminderSweep } from '@shanyu/staff';
import { eventually, identityHeaders, testNatsUrl } from '@shanyu/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector, newIdNumber, type StaffStack, startStaffStack } from './staff-support.js';

const today = shanghaiToday();
const monthsAgo = (n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

describe('staff: records, vetting, bans, re-checks, concurrent employment, personal data', () => {
  let stack: StaffStack;
  let events: EventCollector;
  let nc: NatsConnection;
  let operator: string;
  let health: string;
  let police: string;
  let market: string;
  let institutionA: { id: string; divisionCode: string };
  let institutionB: { id: string; divisionCode: string };
  const idsUsed: string[] = [];
  const person = () => {
    const id = newIdNumber();
    idsUsed.push(id);
    return id;
  };

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const addStaff = (token: string, institutionId: string, body: Record<string, unknown>) =>
    stack.http
      .post(`/api/v1/institutions/${institutionId}/staff`)
      .set(auth(token))
      .send({ role: 'carer', startDate: monthsAgo(1), ...body });
  const counts = async () => ({
    person: await stack.count('person'),
    employment: await stack.count('employment'),
    credential: await stack.count('credential'),
    ban: await stack.count('ban'),
    outbox: await stack.count('outbox'),
    audit: await stack.count('audit_log'),
  });

  beforeAll(async () => {
    stack = await startStaffStack();
    events = await EventCollector.start(testNatsUrl());
    nc = await connect({ servers: testNatsUrl() });
    [operator, health, police, market] = await Promise.all(['operator.demo', 'health.330106', 'police.330106', 'market.330106'].map((u) => stack.tokenFor(u)));
    institutionA = await stack.institution('operator.demo');
    institutionB = await stack.institution('market.330106', { divisionCode: '330106004' });
  });
  afterAll(async () => {
    await events?.stop();
    await nc?.drain();
    await stack?.stop();
  });

  it('registers a staff member: 201, ID masked, vetting pending until public security answers, event published', async () => {
    const idNumber = person();
    const res = await addStaff(operator, institutionA.id, { name: '王丽', idNumber, classType: 'toddler', className: '托小一班' }).expect(201);
    expect(res.body).toMatchObject({
      institutionId: institutionA.id,
      name: '王丽',
      role: 'carer',
      roleLabel: '保育人员',
      employmentType: 'full_time',
      classType: 'toddler',
      status: 'active',
      idNumberDisclosure: 'masked',
      vetting: { status: 'pending', reason: null, lastCheckedOn: null },
      missingCredentials: ['childcare_worker|infant_carer', 'health_certificate'],
    });
    expect(res.body.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    const [started] = await events.waitFor(StaffEvents.employmentStarted, (e) => e.entityId === res.body.id);
    expect(started!.data).toMatchObject({ institutionId: institutionA.id, divisionCode: institutionA.divisionCode, staff: { idNumberDisclosure: 'masked' } });
  });

  it('a criminal-record query result entered by public security clears pending vetting', async () => {
    const idNumber = person();
    const hired = (await addStaff(operator, institutionA.id, { name: '李明', idNumber, role: 'cook' }).expect(201)).body;
    expect(hired.vetting.status).toBe('pending');
    const check = await stack.http
      .post('/api/v1/record-checks')
      .set(auth(police))
      .send({ name: '李明', idNumber, checkedOn: today, result: 'no_record', authority: '杭州市公安局西湖区分局', documentNo: 'XH-2026-001' })
      .expect(201);
    expect(check.body.affectedStaff).toEqual([hired.id]);
    const after = await stack.http.get(`/api/v1/staff/${hired.id}`).set(auth(operator)).expect(200);
    expect(after.body.vetting).toEqual({ status: 'cleared', reason: null, lastCheckedOn: today });
    expect(after.body.recheck).toMatchObject({ lastCheckedOn: today, overdue: false });
    const denied = await stack.http
      .post('/api/v1/record-checks')
      .set(auth(health))
      .send({ name: '李明', idNumber, checkedOn: today, result: 'no_record', authority: '某局' })
      .expect(403);
    expect(denied.body.code).toBe('DEPARTMENT_NOT_ALLOWED');
  });

  it('masks the ID number for every role but public security; health sees it one at a time, with a reason, audited', async () => {
    const idNumber = person();
    const staff = (await addStaff(operator, institutionA.id, { name: '赵敏', idNumber }).expect(201)).body;
    const seen = async (token: string) => (await stack.http.get(`/api/v1/staff/${staff.id}`).set(auth(token)).expect(200)).body;
    for (const token of [operator, health, market, await stack.tokenFor('admin'), await stack.tokenFor('street.330106109')]) {
      const view = await seen(token);
      expect(view.idNumberDisclosure).toBe('masked');
      expect(view.idNumber).not.toBe(idNumber);
    }
    expect(await seen(police)).toMatchObject({ idNumber, idNumberDisclosure: 'full' });
    const listed = await stack.http.get(`/api/v1/institutions/${institutionA.id}/staff`).set(auth(police)).expect(200);
    expect(listed.body.items.find((s: { id: string }) => s.id === staff.id).idNumber).toBe(idNumber);
    await stack.http
      .get(`/api/v1/staff/${staff.id}`)
      .set(auth(await stack.tokenFor('fire.330106')))
      .expect(403);

    const revealed = await stack.http.post(`/api/v1/staff/${staff.id}/id-number`).set(auth(health)).send({ reason: '核对年度健康检查名单' }).expect(200);
    expect(revealed.body).toEqual({ staffId: staff.id, idNumber });
    await stack.http.post(`/api/v1/staff/${staff.id}/id-number`).set(auth(operator)).send({ reason: '想看看' }).expect(403);
    await stack.http.post(`/api/v1/staff/${staff.id}/id-number`).set(auth(health)).send({}).expect(400);
    const trail = await stack.http
      .get(`/api/v1/audit?service=staff&entity=employment&id=${staff.id}`)
      .set(auth(await stack.tokenFor('admin')))
      .expect(200);
    const reveal = trail.body.find((a: { action: string }) => a.action === 'staff.reveal-id');
    expect(reveal).toMatchObject({ reason: '核对年度健康检查名单', actor: { department: 'health' } });
    expect(JSON.stringify(trail.body)).not.toContain(idNumber);
  });

  it.each([
    ['idNumber', { idNumber: '330106199001011235' }, 'isResidentId'],
    ['idNumber', { idNumber: '33010619900101123' }, 'isResidentId'],
    ['role', { role: 'chef' }, 'isIn'],
    ['startDate', { startDate: '2026-02-30' }, 'isIsoDate'],
    ['classType', { classType: 'nursery' }, 'isIn'],
    ['name', { name: '' }, 'minLength'],
  ])('400 naming %s for a bad staff record, and nothing stored', async (field, override, code) => {
    const before = await counts();
    const res = await addStaff(operator, institutionA.id, { name: '错误数据', idNumber: newIdNumber(), ...override }).expect(400);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.details).toContainEqual(expect.objectContaining({ field, code }));
    expect(await counts()).toEqual(before);
  });

  it('409 naming idNumber for a person added twice to one institution; 400 for bad credentials and dates in the wrong order; nothing stored', async () => {
    const idNumber = person();
    const staff = (await addStaff(operator, institutionA.id, { name: '孙强', idNumber, role: 'guard' }).expect(201)).body;
    let before = await counts();
    const twice = await addStaff(operator, institutionA.id, { name: '孙强', idNumber: idNumber.toLowerCase() }).expect(409);
    expect(twice.body).toMatchObject({ code: 'STAFF_ALREADY_EMPLOYED', details: [expect.objectContaining({ field: 'idNumber' })] });
    expect(await counts()).toEqual(before);

    const credential = (body: Record<string, unknown>) =>
      stack.http
        .post(`/api/v1/staff/${staff.id}/credentials`)
        .set(auth(operator))
        .send({ type: 'security_guard_licence', number: 'BA330106001', issuer: '杭州市公安局', issuedOn: monthsAgo(6), ...body });
    const unknownType = await credential({ type: 'pilot_licence' }).expect(400);
    expect(unknownType.body.details).toContainEqual(expect.objectContaining({ field: 'type', code: 'isIn' }));
    const wrongOrder = await credential({ issuedOn: monthsAgo(1), expiresOn: monthsAgo(2) }).expect(400);
    expect(wrongOrder.body.details).toContainEqual(expect.objectContaining({ field: 'expiresOn', code: 'isNotBefore' }));
    const future = await credential({ issuedOn: addDays(today, 3) }).expect(400);
    expect(future.body.details[0].field).toBe('issuedOn');
    const endBeforeStart = await stack.http.post(`/api/v1/staff/${staff.id}/end`).set(auth(operator)).send({ endDate: '2000-01-01' }).expect(400);
    expect(endBeforeStart.body.details[0].field).toBe('endDate');
    const ban = await stack.http
      .post('/api/v1/bans')
      .set(auth(police))
      .send({
        name: '某某',
        idNumber: newIdNumber(),
        kind: 'time_limited',
        startsOn: today,
        endsOn: monthsAgo(1),
        authority: '法院',
        documentNo: '（2026）浙0106刑初1号',
        reason: '虐待被看护人',
      })
      .expect(400);
    expect(ban.body.details).toContainEqual(expect.objectContaining({ field: 'endsOn', code: 'isNotBefore' }));
    expect(await counts()).toEqual(before);

    const added = await credential({}).expect(201);
    expect(added.body.credentials).toEqual([expect.objectContaining({ type: 'security_guard_licence', label: '保安员证', status: 'valid', expiresOn: null })]);
    expect(added.body.missingCredentials).toEqual(['health_certificate']);
    const health12 = await credential({ type: 'health_certificate', number: 'JK-1', issuer: '西湖区疾控', issuedOn: monthsAgo(2) }).expect(201);
    expect(health12.body.credentials[1]).toMatchObject({ type: 'health_certificate', expiresOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(health12.body.missingCredentials).toEqual([]);
    before = await counts();
    const dup = await credential({}).expect(409);
    expect(dup.body).toMatchObject({ code: 'CREDENTIAL_DUPLICATE', details: [expect.objectContaining({ field: 'number' })] });
    expect(await counts()).toEqual(before);
  });

  it('only public security or health add bans (403 otherwise, nothing stored), over HTTP and over NATS', async () => {
    const ban = {
      name: '钱某',
      idNumber: newIdNumber(),
      kind: 'lifetime',
      startsOn: today,
      authority: '杭州市西湖区人民法院',
      documentNo: `（2026）浙0106刑初${Date.now() % 1000}号`,
      reason: '虐待被看护人罪，终身禁止从事密切接触未成年人的工作',
    };
    const before = await counts();
    for (const who of [market, operator, await stack.tokenFor('education.330106')]) {
      const res = await stack.http.post('/api/v1/bans').set(auth(who)).send(ban).expect(403);
      expect(res.body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    }
    const h = identityHeaders({ department: 'market', role: 'official', userId: 'market-system', divisions: ['330106'] });
    const overNats = (await nc.request('staff.ban.add', JSON.stringify(ban), { headers: h, timeout: 5_000 })).json<any>();
    expect(overNats).toMatchObject({ ok: false, error: { code: 'DEPARTMENT_NOT_ALLOWED' } });
    expect(await counts()).toEqual(before);
    await stack.http.get('/api/v1/bans').set(auth(market)).expect(403);
  });

  it("a ban added after hiring flags the person's employment in every institution and publishes evt.staff.ban.matched.v1 per institution", async () => {
    const idNumber = person();
    const atA = (await addStaff(operator, institutionA.id, { name: '周某', idNumber }).expect(201)).body;
    const atB = (await addStaff(health, institutionB.id, { name: '周某', idNumber, employmentType: 'part_time' }).expect(201)).body;
    const res = await stack.http
      .post('/api/v1/bans')
      .set(auth(health))
      .send({
        name: '周某',
        idNumber,
        kind: 'lifetime',
        startsOn: today,
        authority: '杭州市西湖区人民法院',
        documentNo: '（2026）浙0106刑初88号',
        reason: '虐待被看护人罪',
      })
      .expect(201);
    expect(res.body).toMatchObject({ kind: 'lifetime', endsOn: null, idNumberDisclosure: 'masked', addedBy: { department: 'health' } });
    expect(res.body.matchedStaff).toEqual(
      expect.arrayContaining([
        { staffId: atA.id, institutionId: institutionA.id },
        { staffId: atB.id, institutionId: institutionB.id },
      ]),
    );
    for (const [staffId, token] of [
      [atA.id, operator],
      [atB.id, health],
    ] as const) {
      const view = (await stack.http.get(`/api/v1/staff/${staffId}`).set(auth(token)).expect(200)).body;
      expect(view.vetting).toMatchObject({ status: 'rejected', reason: 'BANNED' });
      expect(view.flags).toEqual([expect.objectContaining({ kind: 'ban_matched', refId: res.body.id })]);
    }
    const matched = await events.waitFor(StaffEvents.banMatched, (e) => e.data.banId === res.body.id, 2);
    expect(matched.map((e) => e.data.institutionId).sort()).toEqual([institutionA.id, institutionB.id].sort());
    expect(matched[0]!.data).toMatchObject({ banKind: 'lifetime', documentNo: '（2026）浙0106刑初88号', idNumberMasked: expect.stringContaining('********') });
    const list = await stack.http.get('/api/v1/bans').set(auth(police)).expect(200);
    expect(list.body.items.find((b: { id: string }) => b.id === res.body.id)).toMatchObject({ idNumber, idNumberDisclosure: 'full' });
  });

  it('a ban or a record found for an employee of an institution the staff service has no copy of is refused (INSTITUTION_NOT_FOUND), nothing stored; with the copy back it is published with the division', async () => {
    const institution = await stack.institution('operator.demo');
    const idNumber = person();
    const staff = (await addStaff(operator, institution.id, { name: '陈某', idNumber }).expect(201)).body;
    // The copy of the register lost (e.g. a restore): parked under another id, put back below.
    const ds = stack.staff.runtime.dataSource;
    const parked = randomUUID();
    await ds.query(`UPDATE "${stack.staffSchema}".institution_replica SET id = $2 WHERE id = $1`, [institution.id, parked]);
    const ban = {
      name: '陈某',
      idNumber,
      kind: 'lifetime',
      startsOn: today,
      authority: '杭州市公安局西湖区分局',
      documentNo: '西公禁字〔2026〕41号',
      reason: '终身禁入',
    };
    const before = { ...(await counts()), checks: await stack.count('record_check') };
    const refused = await stack.http.post('/api/v1/bans').set(auth(police)).send(ban).expect(404);
    expect(refused.body).toMatchObject({ code: 'INSTITUTION_NOT_FOUND', message: expect.stringContaining(institution.id) });
    const check = await stack.http
      .post('/api/v1/record-checks')
      .set(auth(police))
      .send({ name: '陈某', idNumber, checkedOn: today, result: 'record_found', authority: '杭州市公安局西湖区分局' })
      .expect(404);
    expect(check.body.code).toBe('INSTITUTION_NOT_FOUND');
    expect({ ...(await counts()), checks: await stack.count('record_check') }).toEqual(before);

    await ds.query(`UPDATE "${stack.staffSchema}".institution_replica SET id = $2 WHERE id = $1`, [parked, institution.id]);
    expect((await stack.http.get(`/api/v1/staff/${staff.id}`).set(auth(operator)).expect(200)).body.vetting.status).toBe('pending');
    const added = await stack.http.post('/api/v1/bans').set(auth(police)).send(ban).expect(201);
    const [matched] = await events.waitFor(StaffEvents.banMatched, (e) => e.data.banId === added.body.id);
    expect(matched!.data).toMatchObject({ institutionId: institution.id, divisionCode: institution.divisionCode, staffId: staff.id });
  });

  it('a banned person is refused at hiring anywhere: 422 STAFF_BANNED naming idNumber, the attempt recorded and published, no staff record', async () => {
    const idNumber = person();
    const ban = await stack.http
      .post('/api/v1/bans')
      .set(auth(police))
      .send({
        name: '吴某',
        idNumber,
        kind: 'time_limited',
        startsOn: monthsAgo(2),
        endsOn: addDays(today, 365 * 3),
        authority: '杭州市公安局西湖区分局',
        documentNo: '西公（治）决字〔2026〕12号',
        reason: '从业禁止三年',
      })
      .expect(201);
    expect(ban.body).toMatchObject({ idNumber, idNumberDisclosure: 'full', matchedStaff: [] });
    for (const [token, institution] of [
      [operator, institutionA],
      [health, institutionB],
    ] as const) {
      const employments = await stack.count('employment');
      const attempts = await stack.count('vetting_attempt', `outcome = 'rejected'`);
      const res = await addStaff(token, institution.id, { name: '吴某', idNumber }).expect(422);
      expect(res.body).toMatchObject({ code: 'STAFF_BANNED', details: [expect.objectContaining({ field: 'idNumber', code: 'STAFF_BANNED' })] });
      expect(res.body.message).toMatch(/禁/);
      expect(await stack.count('employment')).toBe(employments);
      expect(await stack.count('vetting_attempt', `outcome = 'rejected'`)).toBe(attempts + 1);
      const [rejected] = await events.waitFor(StaffEvents.vettingRejected, (e) => e.data.refId === ban.body.id && e.data.institutionId === institution.id);
      expect(rejected!.data).toMatchObject({ reason: 'BANNED', staffId: null, role: 'carer', divisionCode: institution.divisionCode });
    }
  });

  it('a criminal record found refuses hiring (422 STAFF_CRIMINAL_RECORD); found at a re-check it rejects and flags the employment', async () => {
    const refused = person();
    await stack.http
      .post('/api/v1/record-checks')
      .set(auth(police))
      .send({ name: '郑某', idNumber: refused, checkedOn: today, result: 'record_found', authority: '杭州市公安局西湖区分局' })
      .expect(201);
    expect((await addStaff(operator, institutionA.id, { name: '郑某', idNumber: refused }).expect(422)).body.code).toBe('STAFF_CRIMINAL_RECORD');

    const employed = person();
    const staff = (await addStaff(operator, institutionA.id, { name: '冯某', idNumber: employed, role: 'driver' }).expect(201)).body;
    const after = await stack.http
      .post(`/api/v1/staff/${staff.id}/rechecks`)
      .set(auth(police))
      .send({ checkedOn: today, result: 'record_found', authority: '杭州市公安局西湖区分局', documentNo: 'XH-2026-777' })
      .expect(201);
    expect(after.body.vetting).toMatchObject({ status: 'rejected', reason: 'CRIMINAL_RECORD' });
    expect(after.body.flags).toEqual([expect.objectContaining({ kind: 'criminal_record' })]);
    const [event] = await events.waitFor(StaffEvents.vettingRejected, (e) => e.data.staffId === staff.id);
    expect(event!.data).toMatchObject({ reason: 'CRIMINAL_RECORD', role: 'driver' });
  });

  it('re-check overdue 12 months after the last query: listed, published once, cleared by a new re-check', async () => {
    const idNumber = person();
    await stack.http
      .post('/api/v1/record-checks')
      .set(auth(police))
      .send({ name: '陈某', idNumber, checkedOn: monthsAgo(13), result: 'no_record', authority: '杭州市公安局西湖区分局' })
      .expect(201);
    const staff = (await addStaff(operator, institutionA.id, { name: '陈某', idNumber, startDate: monthsAgo(13) }).expect(201)).body;
    expect(staff.vetting).toMatchObject({ status: 'pending', reason: 'NO_RECENT_QUERY', lastCheckedOn: monthsAgo(13) });
    expect(staff.recheck).toMatchObject({ lastCheckedOn: monthsAgo(13), dueOn: monthsAgo(1), overdue: true });

    const overdue = await stack.http.get(`/api/v1/staff/rechecks/overdue?institutionId=${institutionA.id}`).set(auth(operator)).expect(200);
    expect(overdue.body.items).toContainEqual(expect.objectContaining({ staffId: staff.id, dueOn: monthsAgo(1), lastCheckedOn: monthsAgo(13) }));
    const inDivision = await stack.http.get('/api/v1/staff/rechecks/overdue?divisionCode=330106').set(auth(health)).expect(200);
    expect(inDivision.body.items.map((o: { staffId: string }) => o.staffId)).toContain(staff.id);
    await stack.http.get('/api/v1/staff/rechecks/overdue?divisionCode=371002').set(auth(health)).expect(403);

    const sweep = stack.staff.app.get(ReminderSweep);
    const first = await sweep.run(today);
    expect(first.recheckOverdue).toBeGreaterThanOrEqual(1);
    const [published] = await events.waitFor(StaffEvents.recheckOverdue, (e) => e.data.staffId === staff.id);
    expect(published!.data).toMatchObject({ dueOn: monthsAgo(1), institutionId: institutionA.id, nameMasked: '陈*' });
    expect((await sweep.run(today)).recheckOverdue).toBe(0);

    const rechecked = await stack.http
      .post(`/api/v1/staff/${staff.id}/rechecks`)
      .set(auth(operator))
      .send({ checkedOn: today, result: 'no_record', authority: '杭州市公安局西湖区分局', documentNo: 'XH-2026-100' })
      .expect(201);
    expect(rechecked.body.vetting.status).toBe('cleared');
    expect(rechecked.body.recheck.overdue).toBe(false);
  });

  it('the 12 months are counted to the day (today is a parameter of the query)', async () => {
    const idNumber = person();
    const staff = (await addStaff(operator, institutionA.id, { name: '杨某', idNumber, startDate: '2025-01-10' }).expect(201)).body;
    await stack.staff.app
      .get(RecordRecheck)
      .execute(
        { staffId: staff.id, checkedOn: '2025-01-10', result: 'no_record', authority: '杭州市公安局西湖区分局' },
        { department: 'police', role: 'official', userId: 'police-1', divisions: ['330106'] },
        undefined,
        '2025-01-10',
      );
    const query = stack.staff.app.get(OverdueRechecksQuery);
    const actor = { department: 'operator' as const, role: 'operator' as const, userId: '', divisions: [] };
    const [{ owner_user_id: owner }] = await stack.staff.runtime.dataSource.query(
      `SELECT owner_user_id FROM "${stack.staffSchema}".institution_replica WHERE id = $1`,
      [institutionA.id],
    );
    const ids = async (day: string) => (await query.execute({ institutionId: institutionA.id }, { ...actor, userId: owner }, day)).items.map((o) => o.staffId);
    expect(await ids('2026-01-10')).not.toContain(staff.id);
    expect(await ids('2026-01-11')).toContain(staff.id);
  });

  it('the same person full-time at two institutions is flagged at both (keyed-hash match), one event per institution', async () => {
    const idNumber = person();
    const atA = (await addStaff(operator, institutionA.id, { name: '黄某', idNumber }).expect(201)).body;
    expect(atA.flags).toEqual([]);
    const atB = (await addStaff(health, institutionB.id, { name: '黄某', idNumber }).expect(201)).body;
    expect(atB.flags).toEqual([expect.objectContaining({ kind: 'concurrent_employment', refId: atA.id })]);
    const viewA = (await stack.http.get(`/api/v1/staff/${atA.id}`).set(auth(operator)).expect(200)).body;
    expect(viewA.flags).toEqual([expect.objectContaining({ kind: 'concurrent_employment', refId: atB.id })]);
    const flagged = await events.waitFor(StaffEvents.employmentFlagged, (e) => [atA.id, atB.id].includes(e.data.staffId), 2);
    expect(flagged.map((e) => e.data.institutionId).sort()).toEqual([institutionA.id, institutionB.id].sort());
    expect(flagged.every((e) => e.data.kind === 'concurrent_employment')).toBe(true);
    // Part-time work elsewhere is not concurrent full-time employment.
    const other = await stack.institution('operator.demo', { divisionCode: '330106004' });
    const partTime = (await addStaff(operator, other.id, { name: '黄某', idNumber, employmentType: 'part_time' }).expect(201)).body;
    expect(partTime.flags).toEqual([]);
  });

  it("leaving ends the employment, not the person's history; the person can be hired again", async () => {
    const idNumber = person();
    const staff = (await addStaff(operator, institutionA.id, { name: '林某', idNumber }).expect(201)).body;
    await stack.http
      .post(`/api/v1/staff/${staff.id}/credentials`)
      .set(auth(operator))
      .send({ type: 'infant_carer', number: 'YY-1', issuer: '浙江省人社厅', issuedOn: monthsAgo(20) })
      .expect(201);
    const ended = await stack.http.post(`/api/v1/staff/${staff.id}/end`).set(auth(operator)).send({ endDate: today, reason: '合同到期' }).expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', endDate: today });
    expect((await stack.http.post(`/api/v1/staff/${staff.id}/end`).set(auth(operator)).send({ endDate: today }).expect(409)).body.code).toBe(
      'STAFF_ALREADY_ENDED',
    );
    const active = await stack.http.get(`/api/v1/institutions/${institutionA.id}/staff`).set(auth(operator)).expect(200);
    expect(active.body.items.map((s: { id: string }) => s.id)).not.toContain(staff.id);
    const all = await stack.http.get(`/api/v1/institutions/${institutionA.id}/staff?status=ended`).set(auth(operator)).expect(200);
    expect(all.body.items.map((s: { id: string }) => s.id)).toContain(staff.id);
    await events.waitFor(StaffEvents.employmentEnded, (e) => e.data.staffId === staff.id);
    const again = (await addStaff(operator, institutionA.id, { name: '林某', idNumber }).expect(201)).body;
    expect(again.credentials).toEqual([expect.objectContaining({ type: 'infant_carer' })]);
  });

  it('operators manage only their own institutions; departments only inside their divisions', async () => {
    const res = await addStaff(operator, institutionB.id, { name: '他人', idNumber: newIdNumber() }).expect(403);
    expect(res.body.code).toBe('NOT_OWN_INSTITUTION');
    await addStaff(await stack.tokenFor('health.371002'), institutionA.id, { name: '外区', idNumber: newIdNumber() }).expect(403);
    await addStaff(market, institutionA.id, { name: '市监', idNumber: newIdNumber() }).expect(403);
    const missing = await addStaff(health, randomUUID(), { name: '无机构', idNumber: newIdNumber() }).expect(404);
    expect(missing.body.code).toBe('INSTITUTION_NOT_FOUND');
  });

  it("answers over NATS from a raw client with {ok,data}; its health and audit chain are in the gateway's checks", async () => {
    const h = identityHeaders({ department: 'police', role: 'official', userId: 'police-system', divisions: ['330106'] });
    const reply = (await nc.request('staff.member.list', JSON.stringify({ institutionId: institutionA.id }), { headers: h, timeout: 5_000 })).json<any>();
    expect(reply.ok).toBe(true);
    expect(reply.data.items.length).toBeGreaterThan(0);
    expect(reply.data.items[0].idNumberDisclosure).toBe('full');
    const health = await stack.http.get('/health').expect(200);
    expect(health.body.checks.staff.status).toBe('up');
    const verify = await stack.http
      .get('/api/v1/audit/verify')
      .set(auth(await stack.tokenFor('admin')))
      .expect(200);
    expect(verify.body.find((v: { service: string }) => v.service === 'staff')).toMatchObject({ ok: true, entries: expect.any(Number) });
  });

  it('keeps ID numbers encrypted at rest and out of every log line and event', async () => {
    await eventually('events relayed', async () => (await stack.count('outbox', 'published_at IS NULL')) === 0);
    const ds = stack.staff.runtime.dataSource;
    const tables: { table_name: string }[] = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [stack.staffSchema]);
    expect(tables.length).toBeGreaterThan(10);
    const dump: string[] = [];
    for (const { table_name } of tables) {
      const rows: { t: string }[] = await ds.query(`SELECT t::text AS t FROM "${stack.staffSchema}"."${table_name}" t`);
      dump.push(...rows.map((r) => r.t));
    }
    const text = dump.join('\n');
    expect(text).toContain('王丽'); // the dump holds the rows (names are not secret)
    expect(text).toContain('********'); // and the masked numbers
    const people: { id_cipher: string }[] = await ds.query(`SELECT id_cipher FROM "${stack.staffSchema}".person`);
    expect(people.length).toBeGreaterThanOrEqual(idsUsed.length);
    expect(idsUsed.length).toBeGreaterThan(10);
    for (const id of idsUsed) {
      expect(text).not.toContain(id);
      expect(text).not.toContain(id.slice(6, 14) + id.slice(14)); // birth date + sequence together
    }
    const logs = stack.logLines.join('');
    expect(logs).toContain('staff.member.add'); // the services' debug lines were captured
    const events = events_raw();
    for (const id of idsUsed) {
      expect(logs).not.toContain(id);
      expect(events).not.toContain(id);
    }
  });

  const events_raw = () => events.raw.join('\n');
});
