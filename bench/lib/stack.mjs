// The platform as separate processes on this machine, for benchmarks: PostgreSQL, NATS
// JetStream, the named services and the gateway, with data under .bench-<name>/ (removed at the end).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNatsServer, ensurePostgresBinaries } from '../../deploy/local/install.mjs';
import { natsEnvFor, writeNatsAuth } from '../../deploy/local/nats-auth.mjs';
import { findFreePort, startNats, startPostgres } from '../../deploy/local/processes.mjs';
import { benchIdentity } from './infra.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `profile`: services started with `--cpu-prof` (profiles written to `profileDir` when they stop).
 * `npmStart`: the services configured as `npm start` (deploy/local/start.mjs) configures them — NATS
 * authorization generated from the catalog (one user per service; the bench's own clients connect as
 * `admin`, see `natsOptions`), access log and info logs (LOG_LEVEL info), `--enable-source-maps`, the
 * gateway's metrics listener. Otherwise: an anonymous broker and warn logs.
 */
export async function startBenchStack({
  name = 'data',
  services = ['registry'],
  profile = [],
  profileDir = path.join(root, 'bench/results/profiles'),
  pgSettings = {},
  npmStart = false,
} = {}) {
  ensureNatsServer();
  ensurePostgresBinaries();
  const dir = path.join(root, `.bench-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const pg = await startPostgres({ dataDir: path.join(dir, 'pg'), port: await findFreePort(), fast: true, settings: { max_connections: 200, ...pgSettings } });
  // Without npmStart, deliberately without NATS users (anonymous, every permission): the benchmarks' own
  // clients use subjects no service user may, and a throwaway broker on loopback needs no authorization.
  const natsAuth = npmStart ? writeNatsAuth({ dir: path.join(dir, 'nats-auth'), contracts: await import('../../libs/contracts/dist/index.js') }) : undefined;
  const nats = await startNats({
    storeDir: path.join(dir, 'nats'),
    port: await findFreePort(),
    logFile: path.join(dir, 'nats.log'),
    configFile: natsAuth?.configFile,
  });
  /** How the bench's own clients connect (nats.js options): as the full-access `admin` user when the broker has users. */
  const natsOptions = natsAuth ? { servers: nats.url, user: 'admin', pass: natsAuth.passwords.admin } : { servers: nats.url };
  const httpPort = await findFreePort();
  const identity = await benchIdentity();
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    NATS_URL: nats.url,
    SHANYU_MODE: 'demo',
    SHANYU_DEMO_PASSWORD: 'bench-password',
    LOG_LEVEL: npmStart ? 'info' : 'warn',
    // Shared by the gateway and any baseline that checks the gateway's tokens.
    JWT_SECRET: randomBytes(48).toString('base64'),
  };
  // Services must not try credentials from the caller's shell: each gets its own user, or none.
  delete env.NATS_USER;
  delete env.NATS_PASSWORD;
  delete env.METRICS_PORT;
  const nodeFlags = npmStart ? ['--enable-source-maps'] : [];
  const children = [];
  const start = (name, extra = {}) => {
    const log = fs.openSync(path.join(dir, `${name}.log`), 'a');
    const prof = profile.includes(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`] : [];
    if (prof.length) fs.mkdirSync(profileDir, { recursive: true });
    const child = spawn(process.execPath, [...nodeFlags, ...prof, path.join(root, `services/${name}/dist/main.js`)], {
      cwd: root,
      env: { ...env, ...(natsAuth ? natsEnvFor(name, natsAuth.passwords) : {}), ...extra },
      stdio: ['ignore', log, log],
    });
    children.push(child);
    return child;
  };
  for (const s of services) start(s);
  start('gateway', {
    PORT: String(httpPort),
    HOST: '127.0.0.1',
    HEALTH_SERVICES: services.join(','),
    ...(npmStart ? { METRICS_PORT: String(await findFreePort()), METRICS_HOST: '127.0.0.1' } : {}),
  });
  const base = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).status === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`bench stack not healthy; logs in ${dir}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    pg,
    nats,
    base,
    dir,
    env,
    natsOptions,
    /** Signs the identity tokens of the bench's own RPC calls (the services verify them). */
    signer: identity.signer,
    /** CPU time (user + system, ms) each service process has used so far, by name, from /proc. */
    cpuMs: () => Object.fromEntries(services.concat('gateway').map((name, i) => [name, processCpuMs(children[i].pid)])),
    /** Peak resident memory (kB) of a service process, from /proc. */
    rssKb: (index) => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${children[index].pid}/status`, 'utf8'))?.[1] ?? NaN),
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise((resolve) => {
              c.once('exit', resolve);
              c.kill('SIGTERM');
              setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
      await nats.stop();
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in to a stack's gateway as the demo admin; returns the access token (throws when the login fails). */
export async function adminToken(stack) {
  const login = await fetch(`${stack.base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  });
  const token = (await login.json()).accessToken;
  if (!token) throw new Error(`bench: admin login failed (${login.status})`);
  return token;
}

/** CPU time (user + system, ms) a process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function processCpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
