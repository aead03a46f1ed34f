// The admin CLI (`npm run admin -- …`, services/gateway/src/admin/) against a running stack on the
// run's real PostgreSQL and nats-server: accounts, calendar, population, dead letters, audit.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JsonLogger } from '@shanyu/common';
import { EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { connectNats, DurableEventConsumer, type NatsConnection } from '@shanyu/messaging';
import { createServiceDataSource, initializeAndMigrate } from '@shanyu/persistence';
import { buildServices, eventually, testDatabaseUrl, testNatsUrl, uniqueSchema } from '@shanyu/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { adminCliEnv, runAdminCli, type Stack, startStack } from './support.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('admin CLI (npm run admin) against a running stack', () => {
  let stack: Stack;
  let env: NodeJS.ProcessEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'shanyu-admin-'));

  const admin = (args: string[], stdin = '') => runAdminCli(args, env, stdin);
  /** `account create` of an official of 西湖区 (330106), with `flags` after the required options. */
  const createOfficial = (username: string, department: string, name: string, flags: string[] = [], stdin?: string) =>
    admin(
      ['account', 'create', '--username', username, '--department', department, '--role', 'official', '--divisions', '330106', '--name', name, ...flags],
      stdin,
    );

  beforeAll(async () => {
    stack = await startStack();
    env = adminCliEnv(stack.gatewaySchema, 'ops.zhang');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('explains itself: --help exits 0, an unknown command or a missing option exits 2 naming it', async () => {
    const help = await admin(['--help']);
    expect(help.code).toBe(0);
    for (const command of [
      'account create',
      'api-client create',
      'api-client rotate',
      'api-client revoke',
      'calendar load',
      'population load',
      'divisions check',
      'dlq list',
      'dlq redrive',
      'audit verify',
      'pii-reencrypt',
      'backup',
      'restore',
      'replay',
    ])
      expect(help.out).toContain(command);
    const unknown = await admin(['account', 'delete-everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令 unknown command: account delete-everything');
    const missing = await admin(['account', 'create', '--department', 'fire']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少 --username');
    const badOption = await admin(['audit', 'verify', '--servce', 'x']);
    expect(badOption.code).toBe(2);
  });

  it('creates an account whose generated password logs in; refuses a duplicate and bad fields by name; audits it', async () => {
    const created = await createOfficial('fire.330106.ops', 'fire', '西湖区消防救援大队 值班', ['--json']);
    expect(created.code, created.err).toBe(0);
    const { id, password } = JSON.parse(created.out) as { id: string; password: string };
    expect(password.length).toBeGreaterThanOrEqual(20);
    const login = await stack.http.post('/api/v1/auth/token').send({ username: 'fire.330106.ops', password }).expect(200);
    const me = JSON.parse(Buffer.from(login.body.accessToken.split('.')[1], 'base64url').toString());
    expect(me).toMatchObject({ username: 'fire.330106.ops', dept: 'fire', role: 'official', div: ['330106'] });

    const again = await createOfficial('fire.330106.ops', 'fire', 'x');
    expect(again.code).toBe(1);
    expect(again.err).toContain('username: 用户名 fire.330106.ops 已存在');
    const bad = await admin(['account', 'create', '--username', 'x.y.z', '--department', 'navy', '--role', 'official', '--divisions', '3301', '--name', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/department: 部门须为/);
    expect(bad.err).toMatch(/divisions\[0\]: 区划代码 3301/);

    // A password from stdin (never on the command line, where ps would show it).
    const fromStdin = await createOfficial('health.330106.ops', 'health', '卫健 值班', ['--password-stdin'], 'a-long-chosen-password\n');
    expect(fromStdin.code, fromStdin.err).toBe(0);
    expect(fromStdin.out).not.toContain('a-long-chosen-password');
    await stack.http.post('/api/v1/auth/token').send({ username: 'health.330106.ops', password: 'a-long-chosen-password' }).expect(200);
    const short = await createOfficial('hrss.330106.ops', 'hrss', 'x', ['--password-stdin'], 'short');
    expect(short.code).toBe(1);
    expect(short.err).toContain('password: 密码至少 12 个字符');

    const [audit] = await stack.gateway.runtime.dataSource.query(
      `SELECT actor_user, action, after FROM "${stack.gatewaySchema}".audit_log WHERE entity = 'user_account' AND entity_id = $1`,
      [id],
    );
    expect(audit).toMatchObject({ actor_user: 'ops.zhang', action: 'account.create' });
    expect(JSON.stringify(audit.after)).not.toMatch(/password/i);

    const listed = await admin(['account', 'list', '--json']);
    expect(JSON.parse(listed.out).map((a: { username: string }) => a.username)).toEqual(expect.arrayContaining(['fire.330106.ops', 'health.330106.ops']));
    expect(listed.out).not.toMatch(/argon2|passwordHash/);
  });

  it('creates an API client whose secret gets a token; rotates and revokes it by client_id', async () => {
    const created = await admin([
      'api-client',
      'create',
      '--name',
      '西湖区消防救援大队 监督管理系统',
      '--department',
      'fire',
      '--divisions',
      '330106',
      '--scope',
      'GET /api/v1/institutions',
      '--scope',
      'GET /api/v1/inspections/{id}',
      '--json',
    ]);
    expect(created.code, created.err).toBe(0);
    const client = JSON.parse(created.out) as { clientId: string; clientSecret: string; scopes: string[] };
    expect(client.scopes).toEqual(['GET /api/v1/institutions', 'GET /api/v1/inspections/{id}']);
    const token = await stack.http
      .post('/api/v1/auth/token')
      .send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret })
      .expect(200);
    await stack.http.get('/api/v1/institutions?divisionCode=330106').set('authorization', `Bearer ${token.body.accessToken}`).expect(200);

    const listed = await admin(['api-client', 'list']);
    expect(listed.out).toContain(`${client.clientId}\tfire\t330106\t2 个接口 routes`);
    const rotated = await admin(['api-client', 'rotate', client.clientId, '--overlap-seconds', '0', '--json']);
    expect(rotated.code, rotated.err).toBe(0);
    const newSecret = (JSON.parse(rotated.out) as { clientSecret: string }).clientSecret;
    await stack.http.post('/api/v1/auth/token').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: newSecret }).expect(200);
    const revoked = await admin(['api-client', 'revoke', client.clientId, '--reason', '系统下线']);
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toContain(`已吊销 Revoked: ${client.clientId}`);
    const after = await stack.http.post('/api/v1/auth/token').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: newSecret });
    expect(after.status).toBe(401);

    const bad = await admin([
      'api-client',
      'create',
      '--name',
      'x',
      '--department',
      'admin',
      '--divisions',
      '330106',
      '--scope',
      'GET /api/v1/admin/api-clients',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/department: /);
    expect((await admin(['api-client', 'revoke', 'fire-330106-nosuch'])).err).toContain('API_CLIENT_NOT_FOUND');
  });

  it('checks a division table against the bundled one, naming new, changed and broken rows', async () => {
    const file = path.join(dir, 'divisions.csv');
    writeFileSync(file, 'code,name,level,parent\n330106,西湖区,county,330100\n330106120,测试镇,street,330106\n330106121,测试乡,street,330107\n');
    const bad = await admin(['divisions', 'check', file]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('3 行 rows: 2 个新增 new, 0 个变更 changed, 1 个与内置表相同 as bundled');
    expect(bad.err).toContain('问题 problem 330106121: parent 330107 is not in the table');
    writeFileSync(file, 'code,name,level,parent\n330106120,测试镇,street,330106\n');
    const ok = await admin(['divisions', 'check', file, '--emit-ts']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain("{ code: '330106120', name: '测试镇', level: 'street', parent: '330106' },");
  });

  it('loads a holiday calendar: the gateway serves it, the event is published, a bad entry is named', async () => {
    const file = path.join(dir, 'calendar-2031.json');
    writeFileSync(
      file,
      JSON.stringify({
        source: '国务院办公厅关于2031年部分节假日安排的通知（测试）',
        entries: [
          { date: '2031-01-01', kind: 'holiday', name: '元旦' },
          { date: '2031-01-26', kind: 'workday', name: '春节调休' },
        ],
      }),
    );
    const loaded = await admin(['calendar', 'load', file]);
    expect(loaded.code, loaded.err).toBe(0);
    expect(loaded.out).toContain('已载入 2031 年节假日安排');
    const token = await stack.tokenFor('health.330106');
    const year = await stack.http.get('/api/v1/calendar/2031').set('authorization', `Bearer ${token}`).expect(200);
    expect(year.body).toMatchObject({ year: 2031, origin: 'loaded', source: '国务院办公厅关于2031年部分节假日安排的通知（测试）' });
    expect(year.body.entries).toHaveLength(2);

    const nc = await connectNats(testNatsUrl(), 'admin-cli-test-events'); // as admin (the harness's no-auth user)
    const jsm = await jetstreamManager(nc);
    const event = await eventually('evt.gateway.calendar.loaded.v1 for 2031', async () => {
      const m = await jsm.streams.getMessage(EVENT_STREAM, { last_by_subj: 'evt.gateway.calendar.loaded.v1' }).catch(() => null);
      const envelope = m?.json<EventEnvelope>();
      return envelope?.entityId === '2031' ? envelope : null;
    });
    expect(event.actor.userId).toBe('ops.zhang');
    await nc.drain();

    const badFile = path.join(dir, 'calendar-bad.json');
    writeFileSync(badFile, JSON.stringify({ source: '测试', entries: [{ date: '2030-12-31', kind: 'holiday', name: '跨年' }] }));
    const bad = await admin(['calendar', 'load', badFile, '--year', '2031']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('entries[0].date: 日期 2030-12-31 不在 2031 年');
  });

  it('loads population data from CSV into the registry, naming the line of a bad row', async () => {
    const file = path.join(dir, 'population.csv');
    writeFileSync(file, 'divisionCode,year,residentPopulation,childrenUnder3,source\n330106,2029,1190000,29000,西湖区统计公报（测试）\n');
    const loaded = await admin(['population', 'load', file]);
    expect(loaded.code, loaded.err).toBe(0);
    expect(loaded.out).toContain('1 行 rows');
    const token = await stack.tokenFor('health.330106');
    const rows = await stack.http.get('/api/v1/population?year=2029').set('authorization', `Bearer ${token}`).expect(200);
    expect(rows.body).toEqual([expect.objectContaining({ divisionCode: '330106', year: 2029, residentPopulation: 1190000, childrenUnder3: 29000 })]);

    const bad = path.join(dir, 'population-bad.csv');
    writeFileSync(bad, 'divisionCode,year,residentPopulation,childrenUnder3,source\n330106,2029,1190000,29000,ok\n330106,2029,-5,29000,bad\n');
    const refused = await admin(['population', 'load', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/第 3 行 line 3: residentPopulation/);
  });

  describe('dead letters', () => {
    let consumerDs: DataSource;
    let consumerSchema: string;
    let nc: NatsConnection;
    const consumers: DurableEventConsumer[] = [];

    beforeAll(async () => {
      consumerSchema = uniqueSchema('admindlq');
      consumerDs = createServiceDataSource({ url: testDatabaseUrl(), schema: consumerSchema, entities: [], migrations: [], poolSize: 3 });
      await initializeAndMigrate(consumerDs);
      await consumerDs.query(`CREATE TABLE "${consumerSchema}".effect (n bigserial PRIMARY KEY, consumer text NOT NULL, event_id uuid NOT NULL)`);
      nc = await connectNats(testNatsUrl(), 'admin-cli-test');
    });

    afterAll(async () => {
      for (const c of consumers) await c.stop();
      await nc?.drain();
      await consumerDs?.destroy();
    });

    const effects = async (consumer: string, eventId: string): Promise<number> =>
      (await consumerDs.query(`SELECT count(*)::int AS n FROM "${consumerSchema}".effect WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]))[0].n;

    it('lists a dead letter, re-drives it with its eventId: the effect happens once, at every consumer', async () => {
      const tag = randomUUID().slice(0, 8);
      const subject = `evt.registry.admintest${tag}.happened.v1`;
      const failing = `admin-cli-failing-${tag}`;
      const healthy = `admin-cli-healthy-${tag}`;
      let refuse = true;
      const logger = new JsonLogger('admin-cli-test', 'error', () => undefined);
      const js = jetstream(nc);
      const jsm = await jetstreamManager(nc);
      const start = async (name: string, fail: () => boolean) => {
        const consumer = new DurableEventConsumer({
          name,
          filterSubject: subject,
          dataSource: consumerDs,
          js,
          jsm,
          logger,
          maxDeliver: 1,
          backoffMs: [50],
          deliverFrom: 'new',
          handler: async (event, manager) => {
            if (fail()) throw new Error('下游暂不可用 (test: refusing)');
            await manager.query(`INSERT INTO "${consumerSchema}".effect (consumer, event_id) VALUES ($1, $2)`, [name, event.eventId]);
          },
        });
        consumers.push(consumer);
        await consumer.start();
      };
      await start(failing, () => refuse);
      await start(healthy, () => false);

      const eventId = randomUUID();
      const envelope: EventEnvelope = {
        eventId,
        subject,
        occurredAt: new Date().toISOString(),
        actor: { department: 'admin', role: 'system', userId: 'test', divisions: [] },
        entityId: tag,
        data: { n: 1 },
      } as EventEnvelope;
      await js.publish(subject, JSON.stringify(envelope), { msgID: eventId });

      await eventually('the healthy consumer to handle the event', async () => (await effects(healthy, eventId)) === 1);
      const listed = await eventually('the dead letter to be listed', async () => {
        const r = await admin(['dlq', 'list', '--consumer', failing, '--json']);
        if (r.code !== 0) throw new Error(r.err);
        const letters = JSON.parse(r.out) as { seq: number; eventId: string; subject: string; error: string }[];
        return letters.length === 1 ? letters : null;
      });
      expect(listed[0]).toMatchObject({ eventId, subject, error: '下游暂不可用 (test: refusing)' });
      const summary = await admin(['dlq', 'list']);
      expect(summary.out).toMatch(new RegExp(`${failing}\\t1`));
      expect(await effects(failing, eventId)).toBe(0);

      refuse = false;
      const wrongSeq = await admin(['dlq', 'redrive', '--consumer', failing, '--seq', String(listed[0].seq + 1_000_000)]);
      expect(wrongSeq.code).toBe(1);
      const redriven = await admin(['dlq', 'redrive', '--consumer', failing, '--all']);
      expect(redriven.code, redriven.err).toBe(0);
      expect(redriven.out).toContain(`已重投 Re-driven: seq ${listed[0].seq} eventId ${eventId}`);

      await eventually('the failing consumer to have its effect', async () => (await effects(failing, eventId)) === 1);
      // The healthy consumer received the re-driven copy too: its inbox holds the eventId, so no second effect.
      await eventually('the healthy consumer to see the copy', async () => {
        const info = await jsm.consumers.info(EVENT_STREAM, healthy);
        return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.consumer_seq >= 2;
      });
      expect(await effects(healthy, eventId)).toBe(1);
      expect(await effects(failing, eventId)).toBe(1);

      // Gone from the dead letters; re-driving again does nothing.
      expect(JSON.parse((await admin(['dlq', 'list', '--consumer', failing, '--json'])).out)).toEqual([]);
      const again = await admin(['dlq', 'redrive', '--consumer', failing, '--all']);
      expect(again.code).toBe(0);
      expect(again.out).toContain('0 条已重投');
      await new Promise((r) => setTimeout(r, 300));
      expect(await effects(failing, eventId)).toBe(1);
    });
  });

  it('runs the backup tools with the arguments given (deploy/backup, as npm run backup|restore|replay)', async () => {
    const help = await admin(['backup', '--help']);
    expect(help.code, help.err).toBe(0);
    expect(help.out).toContain('npm run backup -- [--out DIR]');
    expect((await admin(['restore', '--help'])).out).toContain('npm run restore -- <backup folder>');
    const unknown = await admin(['replay', 'nonsense']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('未知的投影 (unknown projection) "nonsense"');
    // A real, small one: the dead-letter stream only, with the CLI's environment (NATS_URL and the admin user).
    const out = path.join(dir, 'backups');
    const backup = await admin(['backup', '--no-postgres', '--streams', 'DEADLETTER', '--out', out]);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain('备份完成 (backup written)');
    expect(backup.out).toMatch(/stream DEADLETTER\s+\d+ messages/);
  }, 120_000);

  it('pii-reencrypt: refuses an unknown service or a bad batch size (exit 2); reports a service that does not answer (exit 1)', async () => {
    expect((await admin(['pii-reencrypt', '--service', 'registry'])).code).toBe(2);
    expect((await admin(['pii-reencrypt', '--batch-size', '0'])).err).toContain('--batch-size');
    const unavailable = await admin(['pii-reencrypt', '--service', 'inspection', '--dry-run']);
    expect(unavailable.code).toBe(1);
    expect(unavailable.out).toContain('演练，未做任何修改 / dry run');
    expect(unavailable.out).toContain('✗ inspection\t无响应或失败 unavailable or failed');
  }, 60_000);

  it('verifies the audit chains (exit 0), and exits 1 naming a tampered one', async () => {
    const ok = await admin(['audit', 'verify', '--service', 'gateway,registry']);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toMatch(/✓ gateway\t完好 intact\t\d+ 条 entries/);
    expect(ok.out).toMatch(/✓ registry\t完好 intact/);
    const unavailable = await admin(['audit', 'verify', '--service', 'subsidy']);
    expect(unavailable.code).toBe(1);
    expect(unavailable.out).toContain('✗ subsidy\t无响应 unavailable');

    const table = `"${stack.gatewaySchema}".audit_log`;
    await stack.gateway.runtime.dataSource.transaction(async (manager) => {
      await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER audit_log_no_change`);
      await manager.query(`UPDATE ${table} SET actor_user = 'someone-else' WHERE seq = (SELECT min(seq) FROM ${table})`);
      await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER audit_log_no_change`);
    });
    const broken = await admin(['audit', 'verify', '--service', 'gateway', '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toEqual([expect.objectContaining({ service: 'gateway', ok: false, problem: 'hash_mismatch' })]);
  });

  it('runs as `npm run admin` does (deploy/admin/admin.mjs, the built CLI): exit codes and messages', async () => {
    await buildServices(); // the child runs the compiled CLI
    const help = await run(process.execPath, [path.join(ROOT, 'deploy/admin/admin.mjs'), '--help'], { cwd: ROOT });
    expect(help.stdout).toContain('善育 Shanyu 运维命令 / admin commands');
    const listed = await run(process.execPath, [path.join(ROOT, 'deploy/admin/admin.mjs'), 'account', 'list'], { cwd: ROOT, env: { ...process.env, ...env } });
    expect(listed.stdout).toContain('fire.330106.ops\tfire\tofficial\t330106');
    const failed = await run(process.execPath, [path.join(ROOT, 'deploy/admin/admin.mjs'), 'account', 'list'], {
      cwd: ROOT,
      env: { ...process.env, ...env, DATABASE_URL: 'mysql://nope' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('DATABASE_URL: DATABASE_URL must be a postgres:// URL');
  }, 300_000);
});
