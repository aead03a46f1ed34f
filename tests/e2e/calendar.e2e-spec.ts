import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support.js';

// 2027 Spring Festival as an admin might load it (dates illustrative; 2027-02-06 is a Saturday).
const spring2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（示例）',
  entries: [
    { date: '2027-02-06', kind: 'holiday', name: '春节' },
    { date: '2027-02-07', kind: 'holiday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
    { date: '2027-02-10', kind: 'holiday', name: '春节' },
    { date: '2027-02-11', kind: 'holiday', name: '春节' },
    { date: '2027-02-12', kind: 'holiday', name: '春节' },
    { date: '2027-02-13', kind: 'holiday', name: '春节' },
    { date: '2027-02-14', kind: 'workday', name: '春节调休上班' },
  ],
};

describe('working-day calendar loaded by an admin', () => {
  let stack: Stack;
  let admin: string;

  beforeAll(async () => {
    stack = await startStack();
    admin = await stack.tokenFor('admin');
  });
  afterAll(async () => stack?.stop());

  const outboxCount = async () => {
    const ds = stack.gateway.runtime.dataSource;
    const [row] = await ds.query(
      `SELECT count(*)::int AS n FROM ${ds.getRepository('OutboxRow').metadata.tablePath} WHERE subject = 'evt.gateway.calendar.loaded.v1'`,
    );
    return row.n as number;
  };

  it('serves the built-in 2026 arrangement: 248 working days', async () => {
    const health = await stack.tokenFor('health.330106');
    const res = await stack.http.get('/api/v1/calendar/2026').set('authorization', `Bearer ${health}`).expect(200);
    expect(res.body).toMatchObject({ year: 2026, origin: 'built-in', workingDays: 248 });
    expect(res.body.entries).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: expect.any(String) });
  });

  it('loads a new year, announces it as an event and audits it', async () => {
    const before = await outboxCount();
    const res = await stack.http.put('/api/v1/calendar/2027').set('authorization', `Bearer ${admin}`).send(spring2027).expect(200);
    // 261 weekdays in 2027, minus 5 weekday holidays (Feb 8–12), plus 1 make-up Sunday.
    expect(res.body).toMatchObject({ year: 2027, origin: 'loaded', workingDays: 261 - 5 + 1 });
    expect((await stack.http.get('/api/v1/calendar/2027').set('authorization', `Bearer ${admin}`).expect(200)).body.origin).toBe('loaded');
    expect(await outboxCount()).toBe(before + 1);
    const trail = await stack.http.get('/api/v1/audit?service=gateway&entity=calendar_year&id=2027').set('authorization', `Bearer ${admin}`).expect(200);
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual(['calendar.load']);
  });

  it('refuses a table with mistakes, naming each entry, and changes nothing', async () => {
    const before = await outboxCount();
    const bad = {
      source: '错误的表',
      entries: [
        { date: '2027-03-01', kind: 'workday', name: '周一调休？' },
        { date: '2027-03-06', kind: 'holiday', name: '重复' },
        { date: '2027-03-06', kind: 'holiday', name: '重复' },
        { date: '2028-01-01', kind: 'holiday', name: '元旦' },
      ],
    };
    const res = await stack.http.put('/api/v1/calendar/2027').set('authorization', `Bearer ${admin}`).send(bad).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['entries[3].date']);
    const res2 = await stack.http
      .put('/api/v1/calendar/2027')
      .set('authorization', `Bearer ${admin}`)
      .send({ ...bad, entries: bad.entries.slice(0, 3) })
      .expect(400);
    expect(res2.body.details.map((d: { code: string }) => d.code).sort()).toEqual(['HOLIDAY_DUPLICATE', 'HOLIDAY_WORKDAY_NOT_WEEKEND']);
    const kind = await stack.http
      .put('/api/v1/calendar/2027')
      .set('authorization', `Bearer ${admin}`)
      .send({ source: 'x表', entries: [{ date: '2027-05-01', kind: 'party', name: '劳动节' }] })
      .expect(400);
    expect(kind.body.details[0].field).toBe('entries.0.kind');
    expect(await outboxCount()).toBe(before);
    const after = await stack.http.get('/api/v1/calendar/2027').set('authorization', `Bearer ${admin}`).expect(200);
    expect(after.body.entries).toHaveLength(spring2027.entries.length);
  });

  it('only admins load a year; a bad year is a 400', async () => {
    const health = await stack.tokenFor('health.330106');
    expect((await stack.http.put('/api/v1/calendar/2027').set('authorization', `Bearer ${health}`).send(spring2027).expect(403)).body.code).toBe(
      'DEPARTMENT_NOT_ALLOWED',
    );
    expect((await stack.http.get('/api/v1/calendar/27').set('authorization', `Bearer ${health}`).expect(400)).body.details[0].field).toBe('year');
  });
});
