// The examples of docs/integration/ run as a department's engineer would run them, against a stack
// on the run's real PostgreSQL and nats-server (with its per-user NATS permissions), so they cannot
// go stale: the curl script (client credentials → register an institution → an inspection's
// results) and the plain-NATS follower of evt.inspection.> (as dept-fire, pulling from the durable
// the gateway provisions) with its request.
import 'reflect-metadata';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EVENT_STREAM, type InspectionFormView, type InspectionView } from '@shanyu/contracts';
import { eventually, institutionRequest, testNatsCredentials, testNatsUrl } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InspectionStack, startInspectionStack } from './inspection-support.js';
import { adminCliEnv, runAdminCli } from './support.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLES = path.join(ROOT, 'docs/integration');
const run = promisify(execFile);
const FIRE_DURABLE = 'dept-fire-inspection';

/**
 * Whatever the department's durable already holds (the stack's own start-up events) is acked here
 * (as the harness's admin client), so the example starts with the events of this test only.
 */
async function ackEarlierEvents(durable: string): Promise<void> {
  const nc = await connect({ servers: testNatsUrl() });
  try {
    const consumer = await jetstream(nc).consumers.get(EVENT_STREAM, durable);
    for (let taken = -1; taken !== 0;) {
      taken = 0;
      for await (const m of await consumer.fetch({ max_messages: 500, expires: 1_000 })) {
        m.ack();
        taken++;
      }
    }
  } finally {
    await nc.drain();
  }
}

describe('docs/integration examples, run as written', () => {
  let stack: InspectionStack;
  let baseUrl: string;
  let follower: ChildProcess | undefined;
  const followerOut: string[] = [];
  const followerErr: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'shanyu-examples-'));

  const adminCli = async (args: string[]) => {
    const { code, out, err } = await runAdminCli(args, adminCliEnv((stack.gateway.runtime.dataSource.options as { schema?: string }).schema));
    if (code !== 0) throw new Error(`admin ${args.join(' ')} → ${code}: ${err}`);
    return JSON.parse(out);
  };

  /** A completed fire-only joint inspection with one failed item (FIRE-01). */
  const completedInspection = async (): Promise<InspectionView> => {
    const institution = await stack.filedInstitution();
    const fire = stack.inspectors.fire!;
    const visit = (
      await stack.http
        .post('/api/v1/inspections')
        .set(await stack.auth('fire.330106'))
        .send({
          institutionId: institution.id,
          departments: [{ department: 'fire', inspectorIds: [fire[0]!.id, fire[2]!.id] }],
        })
        .expect(201)
    ).body as InspectionView;
    const form = (
      await stack.http
        .get(`/api/v1/inspections/${visit.id}/form`)
        .set(await stack.auth('fire.330106'))
        .expect(200)
    ).body as InspectionFormView;
    const results = form.areas
      .flatMap((a) => a.items)
      .filter((i) => i.department === 'fire')
      .map((i) => (i.code === 'FIRE-01' ? { itemCode: i.code, result: 'fail', note: '二楼疏散通道堆放杂物' } : { itemCode: i.code, result: 'pass' }));
    await stack.http
      .put(`/api/v1/inspections/${visit.id}/results`)
      .set(await stack.auth('fire.inspector1'))
      .send({ results })
      .expect(200);
    const done = (
      await stack.http
        .post(`/api/v1/inspections/${visit.id}/sign-off`)
        .set(await stack.auth('fire.inspector1'))
        .send({ comment: '已现场核查' })
        .expect(200)
    ).body as InspectionView;
    expect(done.status).toBe('completed');
    return done;
  };

  beforeAll(async () => {
    stack = await startInspectionStack();
    await stack.gateway.app.listen({ port: 0, host: '127.0.0.1' });
    const address = stack.gateway.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    if (follower && follower.exitCode === null) follower.kill('SIGTERM');
    await stack?.stop();
  });

  it('follow-inspections.mjs: dept-fire pulls evt.inspection.> from the durable the gateway provisioned and asks for each completed inspection', async () => {
    await ackEarlierEvents(FIRE_DURABLE);
    const client = (await adminCli([
      'api-client',
      'create',
      '--name',
      '消防 业务系统',
      '--department',
      'fire',
      '--divisions',
      '330106',
      '--scope',
      'GET /api/v1/inspections/{id}',
      '--json',
    ])) as { clientId: string; clientSecret: string };
    follower = spawn(process.execPath, [path.join(EXAMPLES, 'follow-inspections.mjs')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NATS_URL: testNatsUrl(),
        NATS_USER: 'dept-fire',
        NATS_PASSWORD: testNatsCredentials('dept-fire').NATS_PASSWORD,
        GATEWAY_URL: baseUrl,
        CLIENT_ID: client.clientId,
        CLIENT_SECRET: client.clientSecret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    follower.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      followerOut.push(...lines.filter(Boolean));
    });
    follower.stderr!.on('data', (chunk: Buffer) => followerErr.push(chunk.toString()));
    const lines = () => followerOut.map((l) => JSON.parse(l) as Record<string, unknown>);
    const why = () => `stdout:\n${followerOut.join('\n')}\nstderr:\n${followerErr.join('')}`;

    await eventually('the follower to be ready', () => lines().some((l) => l.following === 'evt.inspection.>'), 30_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${why()}`);
    });
    expect(lines().find((l) => l.following)).toMatchObject({ stream: EVENT_STREAM, durable: FIRE_DURABLE });
    const checklists = lines().find((l) => l.checklists)!.checklists as { department: string; version: string }[];
    expect(checklists.length, why()).toBeGreaterThan(0);
    expect(checklists.every((c) => c.department === 'fire')).toBe(true);

    const done = await completedInspection();
    const reply = await eventually('the follower to fetch the completed inspection', () => lines().find((l) => l.inspection === done.id), 30_000).catch(
      (e: Error) => {
        throw new Error(`${e.message}\n${why()}`);
      },
    );
    expect(reply).toMatchObject({ status: 'completed', summary: { fail: 1 }, findings: [expect.objectContaining({ item: 'FIRE-01', severity: 'critical' })] });
    const events = lines().filter((l) => typeof l.event === 'string');
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['evt.inspection.inspection.completed.v1', 'evt.inspection.finding.recorded.v1']));
    expect(events.every((e) => String(e.event).startsWith('evt.inspection.'))).toBe(true);
    expect(followerErr.join('')).toBe('');
  });

  it("curl-example.sh: a token from client credentials, an institution registered, an inspection's results read", async () => {
    const done = await completedInspection();
    const client = (await adminCli([
      'api-client',
      'create',
      '--name',
      '西湖区市场监管 业务系统（示例）',
      '--department',
      'market',
      '--divisions',
      '330106',
      '--scope',
      'POST /api/v1/institutions',
      '--scope',
      'GET /api/v1/inspections/{id}',
      '--scope',
      'GET /api/v1/inspections/{id}/form',
      '--json',
    ])) as { clientId: string; clientSecret: string };
    const institution = institutionRequest({ divisionCode: '330106109' });
    const file = path.join(dir, 'institution.json');
    writeFileSync(file, JSON.stringify(institution));
    const env = {
      PATH: process.env.PATH,
      SHANYU_URL: baseUrl,
      SHANYU_CLIENT_ID: client.clientId,
      SHANYU_CLIENT_SECRET: client.clientSecret,
      INSTITUTION_FILE: file,
      INSPECTION_ID: done.id,
    };

    const { stdout, stderr } = await run('bash', [path.join(EXAMPLES, 'curl-example.sh')], { env, cwd: ROOT });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^令牌 token: ok, \d+ s$/m);
    const registered = /^已登记 registered: ([0-9a-f-]{36}) (\S+) USCC (\S+) status (\S+)$/m.exec(stdout);
    expect(registered, stdout).not.toBeNull();
    expect(registered!.slice(2)).toEqual([institution.name, institution.uscc, 'registered']);
    expect(stdout).toContain(
      `检查 inspection ${done.id}: ${done.institutionName} completed — ${done.summary.items} items: ${done.summary.pass} pass, 1 fail, 0 n/a, 0 pending`,
    );
    expect(stdout).toMatch(/^ {2}问题 finding FIRE-01 critical deadline \d{4}-\d{2}-\d{2} open: 二楼疏散通道堆放杂物$/m);
    expect(stdout).toMatch(/^ {2}结果 result FIRE-01 fail \(fire\) .+ — 二楼疏散通道堆放杂物$/m);
    // The institution is really there, registered by the client (audited as it).
    const stored = await stack.http
      .get(`/api/v1/institutions/${registered![1]}`)
      .set(await stack.auth('market.330106'))
      .expect(200);
    expect(stored.body.uscc).toBe(institution.uscc);

    // The same USCC again: the platform's error, named, and exit status 1.
    const again = await run('bash', [path.join(EXAMPLES, 'curl-example.sh')], { env, cwd: ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 1 });
    expect((again as { stderr: string }).stderr).toMatch(/失败 Failed: POST \/api\/v1\/institutions → HTTP 409 INSTITUTION_USCC_TAKEN: /);
    // Wrong credentials: refused at the token step.
    const wrong = await run('bash', [path.join(EXAMPLES, 'curl-example.sh')], { env: { ...env, SHANYU_CLIENT_SECRET: 'shs_wrong' }, cwd: ROOT }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(wrong).toMatchObject({ code: 1 });
    expect((wrong as { stderr: string }).stderr).toContain('失败 Failed: token → HTTP 401');
  });
});
