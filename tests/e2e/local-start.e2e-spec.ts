// `npm start` as a person runs it (issue 2 §2): deploy/local/start.mjs builds, starts its own
// PostgreSQL and NATS JetStream, every service and the gateway, loads the demo data and prints the
// banner; Ctrl-C (SIGINT) stops every process it started; a second start reuses the data.
// This stack gets its own data directory and free ports (SHANYU_DATA_DIR, PORT, SHANYU_PG_PORT,
// SHANYU_NATS_PORT, SHANYU_NATS_MONITOR_PORT), so it runs beside the test run's own PostgreSQL and
// NATS and never touches the repository's .data/. As root (CI), start.mjs runs PostgreSQL as the
// `postgres` system user (runuser, deploy/local/processes.mjs): its data directory's parents must be
// searchable by that user, hence the chmod below.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INSTITUTIONS, HUANCUI_INSTITUTIONS } from '../../deploy/local/demo-data.mjs';
import { findFreePort, isProcessAlive, processCommand, waitForExit } from '../../deploy/local/processes.mjs';
import { buildServices, buildWeb } from '@shanyu/testing';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVICES = ['registry', 'staff', 'credit', 'inspection', 'subsidy', 'gateway'];
const PASSWORD = 'shanyu-demo';
const BANNER = '已启动';

let dataDir: string;
let ports: { http: number; pg: number; nats: number; monitor: number };
/** Every pid either start has shown us, for the clean-up of a failed run. */
const seen = new Set<number>();

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startStack(): Run {
  let out = '';
  // A person's shell: no DATABASE_URL, NATS_URL, SHANYU_MODE… of the test run leaks in.
  const child = spawn(process.execPath, ['deploy/local/start.mjs'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: process.env.HOME ?? os.homedir(),
      SHANYU_DATA_DIR: dataDir,
      PORT: String(ports.http),
      SHANYU_PG_PORT: String(ports.pg),
      SHANYU_NATS_PORT: String(ports.nats),
      SHANYU_NATS_MONITOR_PORT: String(ports.monitor),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) seen.add(child.pid);
  const collect = (chunk: Buffer) => {
    out += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

function logs(): string {
  const dir = path.join(dataDir, 'logs');
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir)
    .map((f) => `--- ${f} ---\n${fs.readFileSync(path.join(dir, f), 'utf8').slice(-2000)}`)
    .join('\n');
}

async function waitForBanner(run: Run, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (!run.output().includes(BANNER)) {
    if (exited || Date.now() > deadline) {
      throw new Error(`npm start ${exited ? 'exited' : 'timed out'} before its banner:\n${run.output().slice(-6000)}\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // The banner is written at once, but the pipe may hand it over in pieces.
  await new Promise((r) => setTimeout(r, 200));
}

/** Processes whose parent chain leads to pid (from /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [child, parent] of parents) {
      if (parent === current) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Live processes whose command line names the data directory (postgres -D, nats-server -sd, …). */
function processesUsingDataDir(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid && isProcessAlive(pid) && (processCommand(pid) ?? []).some((arg) => arg.includes(dataDir)));
}

function postmasterPid(): number {
  return Number.parseInt(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function gatewayUrl(output: string): string {
  const match = /网关 Gateway\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
  if (!match) throw new Error(`no gateway URL in the banner:\n${output.slice(-3000)}`);
  return match[1]!;
}

async function institutionsSeenByHealth(base: string, username = 'health.330106'): Promise<{ total: number; names: string[] }> {
  const login = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${base}/api/v1/institutions?pageSize=200`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total: number; items: { name: string }[] };
  return { total: body.total, names: body.items.map((i) => i.name) };
}

/** SIGINT (Ctrl-C) to start.mjs alone, then: it exits, and nothing it started is left. */
async function stopAndCheckNothingLeft(run: Run, started: number[]): Promise<void> {
  run.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000));
  const result = await Promise.race([run.exited, timeout]);
  expect(result, run.output().slice(-3000)).toEqual({ code: 130, signal: null });
  for (const pid of started) {
    expect(await waitForExit(pid, 10_000), `pid ${pid} (${processCommand(pid)?.join(' ')}) still runs after Ctrl-C`).toBe(true);
  }
  expect(processesUsingDataDir()).toEqual([]);
  for (const [name, port] of Object.entries(ports)) expect(await listening(port), `${name} port ${port} still listening`).toBe(false);
}

beforeAll(async () => {
  // start.mjs builds too (tsc -b, and the web app when a source changed): built here first, under
  // the lock the other test files' builds take, so that it only finds everything up to date and
  // never rewrites web/dist while a browser test serves it.
  await buildServices();
  await buildWeb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-npm-start-'));
  fs.chmodSync(dataDir, 0o755); // mkdtemp makes it 0700: PostgreSQL's own user must get through
  const taken = new Set<number>();
  const free = async () => {
    for (;;) {
      const port = await findFreePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  ports = { http: await free(), pg: await free(), nats: await free(), monitor: await free() };
}, 600_000);

afterAll(async () => {
  // Only after a failure is anything left: stop it by pid (never by name).
  let pgPid: number | undefined;
  try {
    pgPid = postmasterPid();
  } catch {
    // never started, or stopped cleanly
  }
  for (const pid of [...seen, ...processesUsingDataDir(), ...(pgPid ? [pgPid] : [])]) {
    if (!isProcessAlive(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
    await waitForExit(pid, 5_000);
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm start (deploy/local/start.mjs)', () => {
  let firstTotal = 0;

  it('builds, starts everything green with the demo data, and Ctrl-C stops every process it started', async () => {
    const run = startStack();
    await waitForBanner(run, 540_000);
    const output = run.output();
    const base = gatewayUrl(output);
    expect(base).toBe(`http://127.0.0.1:${ports.http}`);
    expect(output).toContain(`NATS                nats://127.0.0.1:${ports.nats}`);
    expect(output).toContain(`127.0.0.1:${ports.pg}/shanyu`);
    expect(output).toContain(`已载入演示数据：${DEMO_INSTITUTIONS.length + HUANCUI_INSTITUTIONS.length} 家机构 (demo data loaded)`);
    expect(output).toContain('health.330106');
    expect(output).not.toMatch(/已被占用/); // every port asked for was used
    // Nothing under the repository's own .data/ was used.
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'nats', 'jetstream'))).toBe(true);
    for (const service of SERVICES) expect(fs.existsSync(path.join(dataDir, 'logs', `${service}.log`)), service).toBe(true);

    const health = await fetch(`${base}/health`);
    const body = (await health.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(health.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['credit', 'inspection', 'nats', 'postgres', 'registry', 'staff', 'subsidy']);
    for (const [name, check] of Object.entries(body.checks)) expect(check.status, name).toBe('up');

    const { total, names } = await institutionsSeenByHealth(base);
    expect(total).toBe(DEMO_INSTITUTIONS.length);
    expect(names.sort()).toEqual(DEMO_INSTITUTIONS.map((i) => i.name).sort());
    firstTotal = total;
    // The second city: 环翠区's own institutions, seen by its own health bureau only.
    const huancui = await institutionsSeenByHealth(base, 'health.371002');
    expect(huancui.names.sort()).toEqual(HUANCUI_INSTITUTIONS.map((i) => i.name).sort());

    // What it started: six Node services and nats-server as its children, PostgreSQL (detached
    // by pg_ctl) through its postmaster.pid.
    const tree = descendants(run.child.pid!);
    const commands = tree.map((pid) => (processCommand(pid) ?? []).join(' '));
    for (const service of SERVICES)
      expect(
        commands.some((c) => c.includes(`services/${service}/dist/main.js`)),
        service,
      ).toBe(true);
    expect(commands.some((c) => /nats-server/.test(c) && c.includes(dataDir))).toBe(true);
    const postmaster = postmasterPid();
    expect(isProcessAlive(postmaster)).toBe(true);
    const started = [...tree, postmaster];
    started.forEach((pid) => seen.add(pid));
    for (const [name, port] of Object.entries(ports)) expect(await listening(port), `${name} port ${port}`).toBe(true);

    await stopAndCheckNothingLeft(run, started);
  }, 660_000);

  it('a second start reuses the data: the demo data is not loaded twice', async () => {
    expect(firstTotal).toBe(DEMO_INSTITUTIONS.length);
    const run = startStack();
    await waitForBanner(run, 300_000);
    const output = run.output();
    expect(output).toContain('演示数据已存在，沿用 (demo data reused)');
    expect(output).not.toContain('已载入演示数据');
    expect(output).not.toContain('已载入执法人员');
    const base = gatewayUrl(output);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const { total } = await institutionsSeenByHealth(base);
    expect(total).toBe(firstTotal);

    const started = [...descendants(run.child.pid!), postmasterPid()];
    started.forEach((pid) => seen.add(pid));
    await stopAndCheckNothingLeft(run, started);
  }, 420_000);
});
