// PostgreSQL + NATS JetStream for one benchmark script, with data under .bench-<name>/ (removed
// at the end), plus COPY through psql (the baseline "what PostgreSQL itself does") and the
// result file each benchmark script writes for bench/run.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNatsServer, ensurePostgresBinaries } from '../../deploy/local/install.mjs';
import { findFreePort, startNats, startPostgres } from '../../deploy/local/processes.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startInfra(name, { pgSettings = {} } = {}) {
  ensureNatsServer();
  const bins = ensurePostgresBinaries();
  const dir = path.join(root, `.bench-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const pg = await startPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await findFreePort(),
    fast: true,
    settings: { max_connections: 200, shared_buffers: '256MB', ...pgSettings },
  });
  const nats = await startNats({ storeDir: path.join(dir, 'nats'), port: await findFreePort(), logFile: path.join(dir, 'nats.log') });
  return {
    pg,
    nats,
    dir,
    bins,
    /** Runs `COPY <target> FROM STDIN` through psql with `input` (CSV text); returns milliseconds. */
    copy: (target, input) => copyThroughPsql(bins, pg, target, input),
    /** Runs SQL through psql (superuser); returns stdout. */
    psql: (sql) => psql(bins, pg, sql),
    /** CPU seconds used so far by this process, the PostgreSQL server (all its backends) and nats-server (Linux). */
    cpu: () => ({ node: nodeCpuSeconds(), postgres: processTreeCpuSeconds(pg.pid), nats: processTreeCpuSeconds(nats.pid) }),
    async stop() {
      await nats.stop();
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function nodeCpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** /proc/<pid>/stat fields after the command: ppid is [1], utime..cstime are [11]..[14] (clock ticks). */
function procStat(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds of a process, of its live children and of those that exited (cutime, cstime); NaN without /proc. */
function processTreeCpuSeconds(pid) {
  const own = procStat(pid);
  if (!own) return NaN;
  const ticks = (fields, from, to) => fields.slice(from, to + 1).reduce((sum, n) => sum + Number(n), 0);
  let total = ticks(own, 11, 14);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procStat(entry);
    if (child && Number(child[1]) === pid) total += ticks(child, 11, 12);
  }
  return total / 100; // USER_HZ is 100 on Linux
}

function psqlArgs(pg) {
  return ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', pg.socketDir, '-p', String(pg.port), '-U', 'postgres', '-d', 'shanyu'];
}

function runPsql(bins, pg, args, input) {
  if (!bins.psql) throw new Error('psql is not installed (Debian: apt-get install -y postgresql-client)');
  return new Promise((resolve, reject) => {
    const child = spawn(bins.psql, [...psqlArgs(pg), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`psql failed (${code}): ${err}`))));
    child.stdin.end(input ?? '');
  });
}

export function psql(bins, pg, sql) {
  return runPsql(bins, pg, ['-At', '-c', sql]);
}

export async function copyThroughPsql(bins, pg, target, input) {
  const t = performance.now();
  await runPsql(bins, pg, ['-c', `COPY ${target} FROM STDIN (FORMAT csv)`], input);
  return performance.now() - t;
}

/** Where a benchmark script writes its rows: BENCH_OUT (set by bench/run.mjs) or bench/results/<name>.json. */
export function writeResult(name, result) {
  const file = process.env.BENCH_OUT ?? path.join(root, `bench/results/${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** One table row. `ratio` = platform / baseline; `met` is decided by the script from the goal. */
export function row(fields) {
  const ratio = Number.isFinite(fields.baseline) && Number.isFinite(fields.figure) && fields.baseline !== 0 ? fields.figure / fields.baseline : NaN;
  return { ratio, ...fields };
}

/**
 * The bench's identity key pair (made once per run, kept in the environment so child processes —
 * services, echo servers — verify with it) and a signer for the bench's own RPC calls.
 */
export async function benchIdentity() {
  const { ActorTokenSigner, generateIdentityKeyPair } = await import('../../libs/common/dist/index.js');
  if (!process.env.IDENTITY_SIGNING_KEY || !process.env.IDENTITY_PUBLIC_KEY) {
    const pair = generateIdentityKeyPair();
    process.env.IDENTITY_SIGNING_KEY = pair.signingKey;
    process.env.IDENTITY_PUBLIC_KEY = pair.publicKey;
  }
  return {
    IDENTITY_SIGNING_KEY: process.env.IDENTITY_SIGNING_KEY,
    IDENTITY_PUBLIC_KEY: process.env.IDENTITY_PUBLIC_KEY,
    signer: new ActorTokenSigner(process.env.IDENTITY_SIGNING_KEY),
  };
}

export const note = (name) => (line) => console.log(`[bench ${name}] ${line}`);
