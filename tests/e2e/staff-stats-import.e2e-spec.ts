// Staff statistics and bulk import through the gateway: carer-to-child ratios against the
// enrolment (registered places until the subsidy service reports rosters), 持证率 against the
// 90% target, credential expiry reminders, and .xlsx / .csv imports with good and bad rows.
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiToday } from '@shanyu/common';
import { StaffEvents } from '@shanyu/contracts';
import { ReminderSweep } from '@shanyu/staff';
import { eventually, testNatsUrl } from '@shanyu/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testJetStream } from './events-support.js';
import { EventCollector, newIdNumber, type StaffStack, startStaffStack } from './staff-support.js';

const today = shanghaiToday();

describe('staff statistics, reminders and bulk import', () => {
  let stack: StaffStack;
  let events: EventCollector;
  let operator: string;
  let health: string;
  let police: string;
  let tester: Awaited<ReturnType<typeof testJetStream>>;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const addStaff = (institutionId: string, body: Record<string, unknown>) =>
    stack.http
      .post(`/api/v1/institutions/${institutionId}/staff`)
      .set(auth(operator))
      .send({ name: '张三', idNumber: newIdNumber(), role: 'carer', startDate: addDays(today, -30), ...body })
      .expect(201);
  const addCredential = (staffId: string, body: Record<string, unknown>) =>
    stack.http
      .post(`/api/v1/staff/${staffId}/credentials`)
      .set(auth(operator))
      .send({ number: `C-${Math.random().toString(36).slice(2, 8)}`, issuer: '浙江省人力资源和社会保障厅', issuedOn: addDays(today, -400), ...body })
      .expect(201);
  const stats = async (institutionId: string) =>
    (await stack.http.get(`/api/v1/institutions/${institutionId}/staff-stats`).set(auth(operator)).expect(200)).body;
  const upload = (institutionId: string, file: Buffer, name: string) =>
    stack.http.post(`/api/v1/institutions/${institutionId}/staff/import`).set(auth(operator)).attach('file', file, name);

  beforeAll(async () => {
    stack = await startStaffStack();
    events = await EventCollector.start(testNatsUrl());
    tester = await testJetStream(testNatsUrl());
    [operator, health, police] = await Promise.all(['operator.demo', 'health.330106', 'police.330106'].map((u) => stack.tokenFor(u)));
  });
  afterAll(async () => {
    await events?.stop();
    await tester?.nc.drain();
    await stack?.stop();
  });

  it('a family childcare point (家庭托育点) is judged by its own 1:3 whatever the class, the same children elsewhere by 1:5', async () => {
    const point = await stack.institution('operator.demo', { operatorType: 'family', places: { infant: 0, toddler: 5, older: 0, mixed: 0 } });
    const centre = await stack.institution('operator.demo', { operatorType: 'private', places: { infant: 0, toddler: 5, older: 0, mixed: 0 } });
    for (const i of [point, centre]) await addStaff(i.id, { classType: 'toddler' });
    const [breach] = await events.waitFor(StaffEvents.ratioBreached, (e) => e.data.institutionId === point.id);
    expect(breach!.data).toMatchObject({ classType: 'toddler', children: 5, carers: 1, childrenPerCarer: 3, requiredCarers: 2 });
    const [pointRatio] = (await stats(point.id)).ratios;
    expect(pointRatio).toMatchObject({ childrenPerCarer: 3, requiredCarers: 2, breached: true, source: expect.stringContaining('家庭托育点管理办法（试行）') });
    expect((await stats(centre.id)).ratios[0]).toMatchObject({ childrenPerCarer: 5, requiredCarers: 1, breached: false });
    expect(events.of(StaffEvents.ratioBreached, (e) => e.data.institutionId === centre.id)).toEqual([]);
  });

  it('carer-to-child ratios per class type (1:3, 1:5, 1:7): a breach is published once, and again when the enrolment grows', async () => {
    const institution = await stack.institution('operator.demo', { places: { infant: 6, toddler: 10, older: 7, mixed: 0 } });
    const before = await stats(institution.id);
    expect(before.activeStaff).toBe(0);
    expect(before.ratios.map((r: { classType: string; requiredCarers: number }) => [r.classType, r.requiredCarers])).toEqual([
      ['infant', 2],
      ['toddler', 2],
      ['older', 1],
    ]);
    expect(events.of(StaffEvents.ratioBreached, (e) => e.data.institutionId === institution.id)).toEqual([]); // no staff reported yet: not judged

    await addStaff(institution.id, { classType: 'infant' });
    const breached = await events.waitFor(StaffEvents.ratioBreached, (e) => e.data.institutionId === institution.id, 3);
    expect(breached.map((e) => e.data).sort((a, b) => a.classType.localeCompare(b.classType))).toEqual([
      expect.objectContaining({ classType: 'infant', children: 6, carers: 1, childrenPerCarer: 3, requiredCarers: 2, enrolmentSource: 'registered_places' }),
      expect.objectContaining({ classType: 'older', children: 7, carers: 0, childrenPerCarer: 7, requiredCarers: 1 }),
      expect.objectContaining({ classType: 'toddler', children: 10, carers: 0, childrenPerCarer: 5, requiredCarers: 2 }),
    ]);
    await addStaff(institution.id, { classType: 'infant' });
    await addStaff(institution.id, { classType: 'toddler' });
    await addStaff(institution.id, { classType: 'toddler' });
    await addStaff(institution.id, { classType: 'older' });
    await addStaff(institution.id, { role: 'teacher', classType: 'older' }); // teachers do not count as carers
    const fixed = await stats(institution.id);
    expect(fixed.ratios.every((r: { breached: boolean }) => !r.breached)).toBe(true);
    expect(fixed.ratios.find((r: { classType: string }) => r.classType === 'infant')).toMatchObject({
      carers: 2,
      requiredCarers: 2,
      label: '乳儿班',
      source: expect.stringContaining('58号'),
    });
    expect(events.of(StaffEvents.ratioBreached, (e) => e.data.institutionId === institution.id)).toHaveLength(3);

    // The enrolment grows (the registry's event updates the copy): 9 infants need 3 carers.
    await stack.http
      .patch(`/api/v1/institutions/${institution.id}`)
      .set(auth(operator))
      .send({ places: { infant: 9, toddler: 10, older: 7, mixed: 0 }, reason: '扩班' })
      .expect(200);
    const [again] = await events.waitFor(StaffEvents.ratioBreached, (e) => e.data.institutionId === institution.id && e.data.children === 9);
    expect(again!.data).toMatchObject({ classType: 'infant', carers: 2, requiredCarers: 3, divisionCode: institution.divisionCode });
    expect((await stats(institution.id)).ratios.find((r: { classType: string }) => r.classType === 'infant')).toMatchObject({ children: 9, breached: true });

    // Once the subsidy service reports a roster, the ratios follow the children enrolled, not the places.
    const roster = (month: string, byClass: Record<string, number>) => {
      const eventId = randomUUID();
      const envelope = {
        eventId,
        subject: 'evt.subsidy.roster.submitted.v1',
        occurredAt: new Date().toISOString(),
        entityId: randomUUID(),
        actor: { department: 'operator', role: 'operator', userId: 'subsidy-test', divisions: [] },
        data: { rosterId: randomUUID(), institutionId: institution.id, divisionCode: institution.divisionCode, month, version: 1, totalChildren: 0, byClass },
      };
      return tester.js.publish('evt.subsidy.roster.submitted.v1', JSON.stringify(envelope), { msgID: eventId }); // as the subsidy service would
    };
    const ratiosNow = async () =>
      (await stats(institution.id)).ratios.map((r: { classType: string; children: number; enrolmentSource: string; breached: boolean }) => [
        r.classType,
        r.children,
        r.enrolmentSource,
        r.breached,
      ]);
    await roster(today.slice(0, 7), { infant: 5, toddler: 8, older: 0, mixed: 0 });
    await eventually(
      'the roster counted',
      async () =>
        JSON.stringify(await ratiosNow()) ===
        JSON.stringify([
          ['infant', 5, 'roster', false],
          ['toddler', 8, 'roster', false],
          ['older', 0, 'roster', false],
        ]),
    );
    await roster(today.slice(0, 7), { infant: 7, toddler: 8, older: 0, mixed: 0 }); // a corrected roster: 7 infants need 3 carers
    const [fromRoster] = await events.waitFor(StaffEvents.ratioBreached, (e) => e.data.institutionId === institution.id && e.data.enrolmentSource === 'roster');
    expect(fromRoster!.data).toMatchObject({ classType: 'infant', children: 7, carers: 2, requiredCarers: 3 });
    await roster('2020-01', { infant: 1, toddler: 1, older: 0, mixed: 0 }); // an old month arriving late changes nothing
    await new Promise((r) => setTimeout(r, 500));
    expect((await ratiosNow())[0]).toEqual(['infant', 7, 'roster', true]);
  });

  it("持证率: staff holding their role's qualification, valid on the day, against the 90% target; health certificates apart", async () => {
    const institution = await stack.institution('operator.demo');
    const carers = [];
    for (let i = 0; i < 4; i++) carers.push((await addStaff(institution.id, { name: `保育员${i}` })).body);
    await addCredential(carers[0].id, { type: 'childcare_worker' });
    await addCredential(carers[1].id, { type: 'infant_carer' });
    await addCredential(carers[2].id, { type: 'childcare_worker', issuedOn: addDays(today, -800), expiresOn: addDays(today, -1) }); // expired
    await addCredential(carers[0].id, { type: 'health_certificate', issuedOn: addDays(today, -100) });
    await addCredential(carers[1].id, { type: 'health_certificate', issuedOn: addDays(today, -400) }); // a year old: expired
    const cook = (await addStaff(institution.id, { role: 'cook', name: '厨师' })).body;
    await addCredential(cook.id, { type: 'food_handler_health_certificate', issuedOn: addDays(today, -10) });
    await addStaff(institution.id, { role: 'investor', name: '投资人' });

    const s = await stats(institution.id);
    expect(s).toMatchObject({
      activeStaff: 6,
      byRole: { carer: 4, cook: 1, investor: 1 },
      certificate: { required: 4, holding: 2, rate: 0.5, target: 0.9, meetsTarget: false, source: expect.stringContaining('90%') },
      healthCertificate: { required: 5, holding: 2, rate: 0.4 },
      rulesVersion: expect.any(String),
    });
    await addCredential(carers[2].id, { type: 'infant_carer', issuedOn: addDays(today, -5) });
    await addCredential(carers[3].id, { type: 'childcare_worker', issuedOn: addDays(today, -5) });
    expect((await stats(institution.id)).certificate).toMatchObject({ holding: 4, rate: 1, meetsTarget: true });

    const division = await stack.http.get('/api/v1/staff-stats?divisionCode=330106109').set(auth(health)).expect(200);
    expect(division.body.items.map((i: { institutionId: string }) => i.institutionId)).toContain(institution.id);
    expect(division.body.certificate.target).toBe(0.9);
    expect(division.body.activeStaff).toBeGreaterThanOrEqual(6);
    expect(division.body.ratioBreaches.length).toBeGreaterThan(0); // the institution of the test before
    await stack.http.get('/api/v1/staff-stats?divisionCode=371002').set(auth(health)).expect(403);
    await stack.http.get('/api/v1/staff-stats?divisionCode=330106').set(auth(operator)).expect(403);
  });

  it('lists credentials expiring soon and expired ones, and publishes each reminder once', async () => {
    const institution = await stack.institution('operator.demo');
    const soon = (await addStaff(institution.id, { name: '即将到期' })).body;
    const late = (await addStaff(institution.id, { name: '已经过期' })).body;
    const expiring = (await addCredential(soon.id, { type: 'health_certificate', issuedOn: addDays(today, -355), expiresOn: addDays(today, 10) })).body
      .credentials[0];
    const expired = (await addCredential(late.id, { type: 'health_certificate', issuedOn: addDays(today, -400), expiresOn: addDays(today, -2) })).body
      .credentials[0];
    expect(expiring.status).toBe('expiring');
    expect(expired.status).toBe('expired');

    const alerts = (await stack.http.get(`/api/v1/institutions/${institution.id}/staff/credential-alerts`).set(auth(operator)).expect(200)).body;
    expect(alerts).toMatchObject({ today, days: 30 });
    expect(alerts.expiring).toEqual([
      expect.objectContaining({ staffId: soon.id, credentialId: expiring.id, daysLeft: 10, label: '托育机构工作人员健康合格证明' }),
    ]);
    expect(alerts.expired).toEqual([expect.objectContaining({ staffId: late.id, credentialId: expired.id, daysLeft: -2 })]);
    expect(
      (await stack.http.get(`/api/v1/institutions/${institution.id}/staff/credential-alerts?days=5`).set(auth(operator)).expect(200)).body.expiring,
    ).toEqual([]);
    await stack.http.get(`/api/v1/institutions/${institution.id}/staff/credential-alerts?days=0`).set(auth(operator)).expect(400);

    const sweep = stack.staff.app.get(ReminderSweep);
    await sweep.run(today);
    const [soonEvent] = await events.waitFor(StaffEvents.credentialExpiring, (e) => e.data.credentialId === expiring.id);
    expect(soonEvent!.data).toMatchObject({
      staffId: soon.id,
      daysLeft: 10,
      type: 'health_certificate',
      institutionId: institution.id,
      ownerUserId: expect.any(String),
    });
    await events.waitFor(StaffEvents.credentialExpired, (e) => e.data.credentialId === expired.id);
    await sweep.run(today);
    await new Promise((r) => setTimeout(r, 300));
    expect(events.of(StaffEvents.credentialExpiring, (e) => e.data.credentialId === expiring.id)).toHaveLength(1);

    // Renewed: a new certificate of the same type ends the reminders for the old one.
    await addCredential(late.id, { type: 'health_certificate', issuedOn: today });
    const after = (await stack.http.get(`/api/v1/institutions/${institution.id}/staff/credential-alerts`).set(auth(operator)).expect(200)).body;
    expect(after.expired).toEqual([]);
  });

  it("publishes the institution's 持证率 when it changes: a hire, a qualification added, a qualification expiring (daily sweep)", async () => {
    const institution = await stack.institution('operator.demo');
    const rates = () =>
      events.of(StaffEvents.certificateRateChanged, (e) => e.data.institutionId === institution.id).map((e) => [e.data.rateBp, e.data.effectiveOn]);
    const cook = (await addStaff(institution.id, { name: '厨师', role: 'cook' })).body; // no qualification to count: 持证率 not defined, nothing published
    await addCredential(cook.id, { type: 'food_handler_health_certificate', issuedOn: addDays(today, -10) });
    const carer = (await addStaff(institution.id, { name: '保育员' })).body;
    await eventually('0% published', () => rates().length === 1);
    await addCredential(carer.id, { type: 'infant_carer', issuedOn: addDays(today, -100), expiresOn: addDays(today, 5) });
    const [full] = await events.waitFor(StaffEvents.certificateRateChanged, (e) => e.data.institutionId === institution.id && e.data.rateBp === 10_000);
    expect(full!.data).toMatchObject({
      required: 1,
      holding: 1,
      previousRateBp: 0,
      targetBp: 9_000,
      meetsTarget: true,
      effectiveOn: today,
      ownerUserId: expect.any(String),
    });
    expect((await stats(institution.id)).certificate).toMatchObject({ required: 1, holding: 1, rate: 1 });
    // Nobody acts; the certificate runs out: the sweep of a later day publishes the lower rate from that day.
    const later = addDays(today, 6);
    await stack.staff.app.get(ReminderSweep).run(later);
    await events.waitFor(
      StaffEvents.certificateRateChanged,
      (e) => e.data.institutionId === institution.id && e.data.rateBp === 0 && e.data.effectiveOn === later,
    );
    await stack.staff.app.get(ReminderSweep).run(later);
    await new Promise((r) => setTimeout(r, 300));
    expect(rates()).toEqual([
      [0, today],
      [10_000, today],
      [0, later],
    ]);
  });

  it('imports an Excel sheet: good rows stored and vetted, every bad row rejected with its reasons and nothing of it stored', async () => {
    const institution = await stack.institution('operator.demo');
    const banned = newIdNumber();
    await stack.http
      .post('/api/v1/bans')
      .set(auth(police))
      .send({
        name: '禁入者',
        idNumber: banned,
        kind: 'lifetime',
        startsOn: today,
        authority: '杭州市西湖区人民法院',
        documentNo: '（2026）浙0106刑初9号',
        reason: '虐待被看护人罪',
      })
      .expect(201);
    const good = [newIdNumber(), newIdNumber()];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('从业人员');
    sheet.addRow(['姓名', '身份证号', '岗位', '用工形式', '班型', '班级', '入职日期']);
    sheet.addRow(['王芳', good[0], '保育人员', '全职', '托小班', '托小一班', new Date(Date.UTC(2026, 2, 1))]);
    sheet.addRow(['刘洋', good[1], '教师', '兼职', '', '', '2026/3/2']);
    sheet.addRow(['错号', `${good[0]!.slice(0, 17)}${good[0]!.endsWith('0') ? '1' : '0'}`, '保育人员', '全职', '', '', '2026-03-01']);
    sheet.addRow(['园丁', newIdNumber(), '园丁', '全职', '', '', '2026-03-01']);
    sheet.addRow(['错日', newIdNumber(), '保洁员', '全职', '', '', '2026-02-30']);
    sheet.addRow(['王芳', good[0], '保育人员', '全职', '', '', '2026-03-01']);
    sheet.addRow(['禁入者', banned, '保安员', '全职', '', '', '2026-03-01']);
    sheet.addRow(['数字', Number('330106199001011234'), '驾驶员', '全职', '', '', '2026-03-01']);
    sheet.addRow([]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const before = {
      employment: await stack.count('employment'),
      person: await stack.count('person'),
      rejectedAttempts: await stack.count('vetting_attempt', `outcome = 'rejected'`),
    };
    const res = await upload(institution.id, file, '从业人员.xlsx').expect(200);
    expect(res.body).toMatchObject({ institutionId: institution.id, total: 8 });
    expect(res.body.accepted.map((a: { rowNumber: number }) => a.rowNumber)).toEqual([2, 3]);
    expect(res.body.accepted[0].staff).toMatchObject({
      name: '王芳',
      role: 'carer',
      classType: 'toddler',
      className: '托小一班',
      startDate: '2026-03-01',
      idNumberDisclosure: 'masked',
    });
    expect(res.body.accepted[1].staff).toMatchObject({ name: '刘洋', role: 'teacher', employmentType: 'part_time', startDate: '2026-03-02' });
    const rejected = Object.fromEntries(
      res.body.rejected.map((r: { rowNumber: number; problems: { field: string; code: string }[] }) => [
        r.rowNumber,
        r.problems.map((p) => `${p.field}:${p.code}`),
      ]),
    );
    expect(rejected).toEqual({
      4: ['idNumber:isResidentId'],
      5: ['role:isIn'],
      6: ['startDate:isIsoDate'],
      7: ['idNumber:DUPLICATE_ROW'],
      8: ['idNumber:STAFF_BANNED'],
      9: ['idNumber:isResidentId'],
    });
    expect(JSON.stringify(res.body.rejected)).not.toMatch(/错号|园丁|错日|禁入者/); // no data of a rejected row comes back
    expect(await stack.count('employment')).toBe(before.employment + 2);
    expect(await stack.count('person')).toBe(before.person + 2);
    expect(await stack.count('vetting_attempt', `outcome = 'rejected'`)).toBe(before.rejectedAttempts + 1); // the refused hiring is on record
    await events.waitFor(StaffEvents.vettingRejected, (e) => e.data.institutionId === institution.id && e.data.reason === 'BANNED');

    const again = await upload(institution.id, file, '从业人员.xlsx').expect(200);
    expect(again.body.accepted).toEqual([]);
    expect(again.body.rejected.find((r: { rowNumber: number }) => r.rowNumber === 2).problems[0]).toMatchObject({
      field: 'idNumber',
      code: 'STAFF_ALREADY_EMPLOYED',
    });
  });

  it('imports CSV in UTF-8 or GB18030 (as Excel saves it in Chinese Windows); a file without the needed columns is refused', async () => {
    const institution = await stack.institution('operator.demo');
    const csv = `姓名,身份证号,岗位,入职日期\n"陈,红",${newIdNumber()},保育人员,2026-01-05\n\n周杰,${newIdNumber()},cook,2026-01-06\n`;
    const utf8 = await upload(institution.id, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), 'staff.csv').expect(200);
    expect(utf8.body.accepted.map((a: { rowNumber: number; staff: { name: string } }) => [a.rowNumber, a.staff.name])).toEqual([
      [2, '陈,红'],
      [4, '周杰'],
    ]);

    const gbk = `姓名,身份证号,岗位,入职日期\n郭靖,${newIdNumber()},保洁员,2026-01-07\n`;
    const gb18030 = encodeGb18030(gbk);
    expect(gb18030.equals(Buffer.from(gbk))).toBe(false); // not UTF-8
    const res = await upload(institution.id, gb18030, 'staff.csv').expect(200);
    expect(res.body.accepted[0].staff).toMatchObject({ name: '郭靖', role: 'cleaner' });

    const noHeader = await upload(institution.id, Buffer.from(`name,role\n张三,carer\n`), 'x.csv').expect(400);
    expect(noHeader.body).toMatchObject({ code: 'STAFF_IMPORT_FILE_INVALID', details: [expect.objectContaining({ field: '(file)' })] });
    expect(noHeader.body.message).toMatch(/身份证号/);
    const noFile = await stack.http.post(`/api/v1/institutions/${institution.id}/staff/import`).set(auth(operator)).field('note', 'x').expect(400);
    expect(noFile.body.code).toBe('STAFF_IMPORT_FILE_INVALID');
    const other = await stack.institution('market.330106');
    await upload(other.id, Buffer.from(csv), 'staff.csv').expect(403);
    await eventually('nothing relayed twice', async () => (await stack.count('outbox', 'published_at IS NULL')) === 0);
  });
});

/** GB18030 bytes of text (Node can decode GB18030 but not encode it): via the Unicode → GBK table of TextDecoder, reversed. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}
