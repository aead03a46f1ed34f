// The backup tools' pure parts: where they connect (env first, else the local stack found through
// its .data files), credentials never on a command line, and a stream message surviving the trip
// through a JSON line byte for byte, headers included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { headers } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { messageLine } from './backup.mjs';
import { connectionSettings, libpqTarget, natsCredentials, redactUrl } from './lib.mjs';
import { messageFromLine } from './restore.mjs';

const dirs: string[] = [];
function localStack(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-backup-spec-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('connection settings', () => {
  it('uses DATABASE_URL, NATS_URL and NATS_USER / NATS_PASSWORD when they are set', () => {
    const env = { DATABASE_URL: 'postgres://u:p@db:5432/x', NATS_URL: 'nats://a:4222,nats://b:4222', NATS_USER: 'admin', NATS_PASSWORD: 's3cret' };
    expect(connectionSettings(env)).toEqual({ databaseUrl: env.DATABASE_URL, natsUrl: env.NATS_URL });
    expect(natsCredentials(env)).toEqual({ user: 'admin', password: 's3cret' });
  });

  it('finds the running local stack through its .data files: the PostgreSQL port, the NATS port, the admin user', () => {
    const dir = localStack({
      // postmaster.pid: pid, data dir, start time, port — this test's own pid is alive.
      'pg/postmaster.pid': `${process.pid}\n/x/pg\n1700000000\n54777\n/x/pg-sock\n`,
      'logs/nats.log': '[1] Listening for client connections on 127.0.0.1:4222\n[2] Listening for client connections on 127.0.0.1:42991\n',
      'nats-auth/nats-credentials.json': JSON.stringify({ registry: 'r', admin: 'adm-pass' }),
    });
    const env = { SHANYU_DATA_DIR: dir };
    expect(connectionSettings(env)).toEqual({ databaseUrl: 'postgres://shanyu:shanyu@127.0.0.1:54777/shanyu', natsUrl: 'nats://127.0.0.1:42991' });
    expect(natsCredentials(env)).toEqual({ user: 'admin', password: 'adm-pass' });
    // Given NATS_URL (another broker), the local admin password is not offered to it.
    expect(natsCredentials({ ...env, NATS_URL: 'nats://elsewhere:4222' })).toEqual({});
  });

  it('falls back to the default ports when the local stack is not running', () => {
    const dir = localStack({ 'pg/postmaster.pid': '999999999\n/x\n1\n54777\n' });
    expect(connectionSettings({ SHANYU_DATA_DIR: dir })).toEqual({
      databaseUrl: 'postgres://shanyu:shanyu@127.0.0.1:54320/shanyu',
      natsUrl: 'nats://127.0.0.1:4222',
    });
    expect(connectionSettings({ SHANYU_DATA_DIR: dir, SHANYU_PG_PORT: '6000', SHANYU_NATS_PORT: '6001' })).toEqual({
      databaseUrl: 'postgres://shanyu:shanyu@127.0.0.1:6000/shanyu',
      natsUrl: 'nats://127.0.0.1:6001',
    });
  });

  it('keeps the database password off command lines and out of manifests', () => {
    const target = libpqTarget('postgres://shanyu:p%40ss%3Aw0rd@db.example:5432/shanyu?sslmode=require');
    expect(target.dbname).toBe('postgres://shanyu@db.example:5432/shanyu?sslmode=require');
    expect(target.env).toEqual({ PGPASSWORD: 'p@ss:w0rd' });
    expect(libpqTarget('postgres://shanyu@db/shanyu').env).toEqual({});
    expect(redactUrl('postgres://shanyu:secret@db:5432/shanyu')).toBe('postgres://shanyu:***@db:5432/shanyu');
  });
});

describe('a stream message as a JSON line', () => {
  const message = (data: Uint8Array) => {
    const h = headers();
    h.set('Nats-Msg-Id', '3f1c2a9e-0000-4000-8000-000000000001');
    h.append('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    return { seq: 42, time: new Date('2026-11-22T01:02:03.456Z'), subject: 'evt.registry.institution.registered.v1', data, headers: h };
  };

  it('keeps a JSON event readable and gives back the same subject, bytes and headers', () => {
    const body = JSON.stringify({ eventId: '3f1c2a9e-0000-4000-8000-000000000001', data: { name: '小太阳托育园' } });
    const line = JSON.parse(messageLine(message(new TextEncoder().encode(body))));
    expect(line).toEqual({
      seq: 42,
      time: '2026-11-22T01:02:03.456Z',
      subject: 'evt.registry.institution.registered.v1',
      data: body,
      headers: { 'Nats-Msg-Id': ['3f1c2a9e-0000-4000-8000-000000000001'], traceparent: ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'] },
    });
    const back = messageFromLine(line);
    expect(back.subject).toBe('evt.registry.institution.registered.v1');
    expect(Buffer.from(back.data).toString('utf8')).toBe(body);
    expect(back.headers.get('Nats-Msg-Id')).toBe('3f1c2a9e-0000-4000-8000-000000000001');
    expect(back.headers.get('traceparent')).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('stores bytes that are not UTF-8 as base64, unchanged', () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xc3, 0x28, 0x41]);
    const line = JSON.parse(messageLine(message(bytes)));
    expect(line.data).toBeUndefined();
    expect(line.dataBase64).toBe(Buffer.from(bytes).toString('base64'));
    expect([...messageFromLine(line).data]).toEqual([...bytes]);
  });
});
