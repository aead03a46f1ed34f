// A full 1,000-row staff sheet through the gateway (the set-based import, issue 10): every row's
// outcome is the one a registration of that row alone gives (bad rows, a banned person, a
// criminal record, a person already employed here, one employed full-time elsewhere), each
// event and audit entry exists exactly once, and the audit chain still verifies.
import { addDays, makeResidentId, shanghaiToday } from '@shanyu/common';
import { StaffEvents } from '@shanyu/contracts';
import { eventually, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventCollector, type StaffStack, startStaffStack } from './staff-support.js';

const today = shanghaiToday();
const ROWS = 1000;

/** Distinct ID numbers of people born in the 1970s (newIdNumber draws 1980–1999, so none collide): 1,008 a year. */
function idOf(i: number): string {
  const j = i % 1008;
  const month = String(1 + Math.floor(j / 84)).padStart(2, '0');
  const day = String(1 + ((j % 84) % 28)).padStart(2, '0');
  return makeResidentId(`330106${1970 + Math.floor(i / 1008)}${month}${day}${100 + Math.floor((j % 84) / 28)}`);
}

describe('bulk staff import of a full sheet', () => {
  let stack: StaffStack;
  let events: EventCollector;
  let operator: string;
  let police: string;

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startStaffStack();
    events = await EventCollector.start(testNatsUrl());
    [operator, police] = await Promise.all(['operator.demo', 'police.330106'].map((u) => stack.tokenFor(u)));
  });
  afterAll(async () => {
    await events?.stop();
    await stack?.stop();
  });

  it('1,000 rows with bad rows, a ban, a criminal record and people already employed: the same outcome per row, events and audit once each', async () => {
    const ids = Array.from({ length: ROWS }, (_, i) => idOf(i));
    expect(new Set(ids).size).toBe(ROWS);
    const institution = await stack.institution('operator.demo');
    const elsewhere = await stack.institution('operator.demo');
    // Row numbers are sheet lines: the header is line 1, person i is on line i + 2.
    const line = (i: number) => i + 2;
    const banned = 10;
    const criminal = 20;
    const employedHere = 30;
    const employedElsewhere = 41; // a full-time carer row
    await stack.http
      .post('/api/v1/bans')
      .set(auth(police))
      .send({
        name: '禁入者',
        idNumber: ids[banned],
        kind: 'lifetime',
        startsOn: today,
        authority: '杭州市西湖区人民法院',
        documentNo: '（2026）浙0106刑初10号',
        reason: '虐待被看护人罪',
      })
      .expect(201);
    await stack.http
      .post('/api/v1/record-checks')
      .set(auth(police))
      .send({
        name: '有记录',
        idNumber: ids[criminal],
        checkedOn: today,
        result: 'record_found',
        authority: '杭州市公安局西湖区分局',
        documentNo: 'XH-2026-910',
      })
      .expect(201);
    const add = (institutionId: string, i: number) =>
      stack.http
        .post(`/api/v1/institutions/${institutionId}/staff`)
        .set(auth(operator))
        .send({ name: '在岗者', idNumber: ids[i], role: 'carer', employmentType: 'full_time', startDate: addDays(today, -60) })
        .expect(201);
    const here = (await add(institution.id, employedHere)).body;
    const other = (await add(elsewhere.id, employedElsewhere)).body;

    const bad: Record<number, string[]> = {
      [line(100)]: ['idNumber:isResidentId'],
      [line(200)]: ['role:isIn'],
      [line(300)]: ['startDate:isIsoDate'],
      [line(400)]: ['idNumber:DUPLICATE_ROW'],
      [line(banned)]: ['idNumber:STAFF_BANNED'],
      [line(criminal)]: ['idNumber:STAFF_CRIMINAL_RECORD'],
      [line(employedHere)]: ['idNumber:STAFF_ALREADY_EMPLOYED'],
    };
    const rows = ids.map((id, i) => {
      const idNumber = i === 100 ? `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}` : i === 400 ? ids[399]! : id;
      const role = i === 200 ? '园丁' : i % 3 === 0 ? '教师' : '保育人员';
      const startDate = i === 300 ? '2026-02-30' : '2026-03-01';
      return [`员工${i}`, idNumber, role, i % 5 === 0 ? '兼职' : '全职', '', '', startDate].join(',');
    });
    const csv = `姓名,身份证号,岗位,用工形式,班型,班级,入职日期\n${rows.join('\n')}\n`;
    const before = {
      employment: await stack.count('employment'),
      person: await stack.count('person'),
      attempts: await stack.count('vetting_attempt'),
      audit: await stack.count('audit_log'),
    };

    const res = await stack.http
      .post(`/api/v1/institutions/${institution.id}/staff/import`)
      .set(auth(operator))
      .attach('file', Buffer.from(csv), 'staff.csv')
      .expect(200);
    expect(res.body).toMatchObject({ institutionId: institution.id, total: ROWS });
    const rejected = Object.fromEntries(
      res.body.rejected.map((r: { rowNumber: number; problems: { field: string; code: string }[] }) => [
        r.rowNumber,
        r.problems.map((p) => `${p.field}:${p.code}`),
      ]),
    );
    expect(rejected).toEqual(bad);
    expect(res.body.rejected.map((r: { rowNumber: number }) => r.rowNumber)).toEqual(
      Object.keys(bad)
        .map(Number)
        .sort((a, b) => a - b),
    );
    const accepted: {
      rowNumber: number;
      staff: { id: string; name: string; role: string; employmentType: string; idNumber: string; vetting: { status: string } };
    }[] = res.body.accepted;
    const acceptedLines = ids.map((_, i) => line(i)).filter((n) => !(n in bad));
    expect(accepted.map((a) => a.rowNumber)).toEqual(acceptedLines);
    for (const a of accepted) {
      const i = a.rowNumber - 2;
      expect(a.staff).toMatchObject({
        name: `员工${i}`,
        role: i % 3 === 0 ? 'teacher' : 'carer',
        employmentType: i % 5 === 0 ? 'part_time' : 'full_time',
        vetting: { status: 'pending' },
      });
      expect(a.staff.idNumber).not.toBe(ids[i]); // masked for the operator
    }
    const staffIds = accepted.map((a) => a.staff.id);
    expect(new Set(staffIds).size).toBe(accepted.length);

    // Stored: one employment and one vetting attempt per accepted row, the refusals on record, no person twice.
    expect(await stack.count('employment')).toBe(before.employment + accepted.length);
    expect(await stack.count('person')).toBe(before.person + accepted.length - 1); // the one employed elsewhere was known
    expect(await stack.count('vetting_attempt')).toBe(before.attempts + accepted.length + 2);
    expect(await stack.count('vetting_attempt', `outcome = 'rejected' AND institution_id = '${institution.id}'`)).toBe(2);
    expect(await stack.count('person', `name = '员工${employedElsewhere}'`)).toBe(1); // the name last recorded
    const dump: { t: string }[] = await stack.staff.runtime.dataSource.query(`SELECT p::text AS t FROM "${stack.staffSchema}".person p`);
    expect(dump.map((r) => r.t).join('\n')).not.toContain(ids[500]!); // encrypted at rest

    // Events: one employment.started per accepted row, one refusal per refused row, both sides of the concurrent employment flagged.
    const started = await events.waitFor(StaffEvents.employmentStarted, (e) => e.data.institutionId === institution.id, accepted.length + 1); // + the one added before
    const refusals = await events.waitFor(StaffEvents.vettingRejected, (e) => e.data.institutionId === institution.id, 2);
    const flagged = await events.waitFor(
      StaffEvents.employmentFlagged,
      (e) => e.data.kind === 'concurrent_employment' && [institution.id, elsewhere.id].includes(e.data.institutionId),
      2,
    );
    await eventually('outbox relayed', async () => (await stack.count('outbox', 'published_at IS NULL')) === 0);
    await new Promise((r) => setTimeout(r, 300));
    const startedNow = events.of(StaffEvents.employmentStarted, (e) => e.data.institutionId === institution.id && e.data.staff.id !== here.id);
    expect(startedNow).toHaveLength(accepted.length);
    expect(startedNow.map((e) => e.data.staff.id).sort()).toEqual([...staffIds].sort());
    expect(new Set(startedNow.map((e) => e.eventId)).size).toBe(accepted.length);
    expect(started.every((e) => e.data.staff.idNumberDisclosure === 'masked')).toBe(true);
    expect(
      events
        .of(StaffEvents.vettingRejected, (e) => e.data.institutionId === institution.id)
        .map((e) => e.data.reason)
        .sort(),
    ).toEqual(['BANNED', 'CRIMINAL_RECORD']);
    expect(refusals.every((e) => e.data.staffId === null)).toBe(true);
    const flaggedNow = events.of(
      StaffEvents.employmentFlagged,
      (e) => e.data.kind === 'concurrent_employment' && [institution.id, elsewhere.id].includes(e.data.institutionId),
    );
    const newcomer = accepted.find((a) => a.rowNumber === line(employedElsewhere))!.staff.id;
    expect(flaggedNow.map((e) => [e.data.staffId, e.data.refId]).sort()).toEqual(
      [
        [newcomer, other.id],
        [other.id, newcomer],
      ].sort(),
    );
    expect(flagged).toHaveLength(2);
    expect(JSON.stringify(events.of(StaffEvents.employmentStarted))).not.toContain(ids[500]!);

    // Audit: one staff.add per accepted row, one refusal entry per refused row, and the chain holds.
    const ds = stack.staff.runtime.dataSource;
    const adds: { entity_id: string }[] = await ds.query(
      `SELECT entity_id FROM "${stack.staffSchema}".audit_log WHERE action = 'staff.add' AND entity_id = ANY($1)`,
      [staffIds],
    );
    expect(adds.map((a) => a.entity_id).sort()).toEqual([...staffIds].sort());
    expect(await stack.count('audit_log')).toBe(before.audit + accepted.length + 2);
    const verify = await stack.http
      .get('/api/v1/audit/verify')
      .set(auth(await stack.tokenFor('admin')))
      .expect(200);
    expect(verify.body.find((v: { service: string }) => v.service === 'staff')).toMatchObject({ ok: true, entries: expect.any(Number) });

    // The same sheet again: every person is now employed here (or refused, or a bad row as before); nothing is added.
    const again = await stack.http
      .post(`/api/v1/institutions/${institution.id}/staff/import`)
      .set(auth(operator))
      .attach('file', Buffer.from(csv), 'staff.csv')
      .expect(200);
    expect(again.body.accepted).toEqual([]);
    expect(again.body.rejected.filter((r: { problems: { code: string }[] }) => r.problems[0]!.code === 'STAFF_ALREADY_EMPLOYED')).toHaveLength(
      accepted.length + 1,
    );
    expect(await stack.count('employment')).toBe(before.employment + accepted.length);
  }, 120_000);

  it('concurrent imports: the same sheet twice at once hires each person once; two institutions sharing people in opposite order do not deadlock', async () => {
    const people = Array.from({ length: 120 }, (_, i) => idOf(1000 + i));
    const sheet = (order: string[]) => Buffer.from(`姓名,身份证号,岗位,入职日期\n${order.map((id, i) => `并发${i},${id},保育人员,2026-03-01`).join('\n')}\n`);
    const upload = (institutionId: string, file: Buffer) =>
      stack.http.post(`/api/v1/institutions/${institutionId}/staff/import`).set(auth(operator)).attach('file', file, 'staff.csv').expect(200);

    const same = await stack.institution('operator.demo');
    const [a, b] = await Promise.all([upload(same.id, sheet(people)), upload(same.id, sheet(people))]);
    expect(a.body.accepted.length + b.body.accepted.length).toBe(people.length);
    const refusedCodes = [...a.body.rejected, ...b.body.rejected].map((r: { problems: { code: string }[] }) => r.problems[0]!.code);
    expect(refusedCodes).toEqual(people.map(() => 'STAFF_ALREADY_EMPLOYED'));
    expect(await stack.count('employment', `institution_id = '${same.id}' AND end_date IS NULL`)).toBe(people.length);

    const [first, second] = [await stack.institution('operator.demo'), await stack.institution('operator.demo')];
    const [x, y] = await Promise.all([upload(first.id, sheet(people)), upload(second.id, sheet([...people].reverse()))]);
    expect([x.body.accepted.length, y.body.accepted.length]).toEqual([people.length, people.length]);
    // Each person now works full time at three institutions: every pair of their employments is flagged both ways, once.
    const flags: { n: number }[] = await stack.staff.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM "${stack.staffSchema}".staff_flag f JOIN "${stack.staffSchema}".employment e ON e.id = f.employment_id
       WHERE e.institution_id = ANY($1::uuid[]) AND f.kind = 'concurrent_employment'`,
      [[same.id, first.id, second.id]],
    );
    expect(flags[0]!.n).toBe(people.length * 6);
  }, 120_000);
});
