// The platform as separate processes on this machine, for benchmarks: PostgreSQL, NATS
// JetStream, the named services and the gateway, with data under .bench-<name>/ (removed at the end).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNatsServer, ensurePostgresBinaries } from '../../deploy/local/install.mjs';
import { findFreePort, startNats, startPostgres } from '../../deploy/local/processes.mjs';
import { benchIdentity } from './infra.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `profile`: services started with `--cpu-prof` (profiles written to `profileDir` when they stop). */
export async function startBenchStack({
  name = 'data',
  services = ['registry'],
  profile = [],
  profileDir = path.join(root, 'bench/results/profiles'),
  pgSettings = {},
} = {}) {
  ensureNatsServer();
  ensurePostgresBinaries();
  const dir = path.join(root, `.bench-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const pg = await startPostgres({ dataDir: path.join(dir, 'pg'), port: await findFreePort(), fast: true, settings: { max_connections: 200, ...pgSettings } });
  // Deliberately without NATS users (anonymous, every permission): the benchmarks' own clients and echo
  // servers use subjects no service user may, and a throwaway broker on loopback needs no authorization.
  const nats = await startNats({ storeDir: path.join(dir, 'nats'), port: await findFreePort(), logFile: path.join(dir, 'nats.log') });
  const httpPort = await findFreePort();
  const identity = await benchIdentity();
  const env = {
    ...process.env,
    DATABASE_URL: pg.url,
    NATS_URL: nats.url,
    SHANYU_MODE: 'demo',
    SHANYU_DEMO_PASSWORD: 'bench-password',
    LOG_LEVEL: 'warn',
  };
  // The bench's nats-server runs without auth: services must not try credentials from the caller's shell.
  delete env.NATS_USER;
  delete env.NATS_PASSWORD;
  const children = [];
  const start = (name, extra = {}) => {
    const log = fs.openSync(path.join(dir, `${name}.log`), 'a');
    const prof = profile.includes(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`] : [];
    if (prof.length) fs.mkdirSync(profileDir, { recursive: true });
    const child = spawn(process.execPath, [...prof, path.join(root, `services/${name}/dist/main.js`)], {
      cwd: root,
      env: { ...env, ...extra },
      stdio: ['ignore', log, log],
    });
    children.push(child);
    return child;
  };
  for (const s of services) start(s);
  start('gateway', { PORT: String(httpPort), HOST: '127.0.0.1', HEALTH_SERVICES: services.join(',') });
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
    /** Signs the identity tokens of the bench's own RPC calls (the services verify them). */
    signer: identity.signer,
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
