// `npm start`: the whole platform on this machine, no Docker. Installs what is missing, starts
// PostgreSQL and NATS JetStream (data under .data/, reused on the next start), builds and
// starts every service and the gateway, loads demo data once and prints where to go.
// Ctrl-C stops everything it started.
// SHANYU_DATA_DIR (default .data), PORT, SHANYU_PG_PORT, SHANYU_NATS_PORT and
// SHANYU_NATS_MONITOR_PORT let a second stack run beside the first (tests/e2e/local-start.e2e-spec.ts).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNatsServer, ensureNpmDependencies, ensurePostgresBinaries, InfraError } from './install.mjs';
import { findFreePort, onExit, startNats, startPostgres } from './processes.mjs';
import { natsEnvFor, serviceSchemasFrom, writeNatsAuth } from './nats-auth.mjs';
import { buildWebIfStale } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(root, process.env.SHANYU_DATA_DIR || '.data');
const logDir = path.join(dataDir, 'logs');
/** Every NATS service of the platform; the gateway is started last. */
const SERVICES = ['registry', 'staff', 'credit', 'inspection', 'subsidy'];
const say = (line) => console.log(`[shanyu] ${line}`);

function fail(message) {
  console.error(`[shanyu] ${message}`);
  process.exit(1);
}

async function portFor(name, preferred) {
  const port = await findFreePort(preferred);
  if (port !== preferred) say(`端口 ${preferred} 已被占用，${name} 改用 ${port} (port ${preferred} is taken, ${name} uses ${port})`);
  return port;
}

const children = new Map();

/**
 * The environment a process of this stack was given, as a file (0600): with it another replica
 * joins the stack, e.g. `npx nest start registry --env-file .data/env/registry.env`.
 */
function writeEnvFile(name, env) {
  const dir = path.join(dataDir, 'env');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${name}.env`);
  fs.writeFileSync(
    file,
    Object.entries(env)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
    { mode: 0o600 },
  );
  fs.chmodSync(file, 0o600);
}

function startNode(name, script, env) {
  writeEnvFile(name, env);
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'a');
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) say(`${name} 已退出 (exited with ${code ?? signal}); 日志 log: ${path.relative(root, path.join(logDir, `${name}.log`))}`);
  });
  return child;
}

let stopping = false;
/** PostgreSQL and NATS once started: stopped after the services. */
const infra = { pg: null, nats: null };
async function shutdown() {
  await stopChildren();
  await infra.nats?.stop();
  await infra.pg?.stop();
}

async function stopChildren() {
  stopping = true;
  const exits = [...children.values()].map(
    (child) =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 8_000).unref();
      }),
  );
  await Promise.all(exits);
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (children.size === 0 && stopping === false && last) break;
    try {
      const res = await fetch(url);
      const body = await res.json();
      if (res.status === 200) return body;
      last = JSON.stringify(body.checks ?? body);
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new InfraError(`网关 /health 在 ${timeoutMs / 1000} 秒内未就绪 (gateway not healthy): ${last}\n日志见 logs in ${path.relative(root, logDir)}/`);
}

try {
  say('检查依赖 (checking dependencies)…');
  ensureNpmDependencies(root);
  const natsServerPath = ensureNatsServer();
  ensurePostgresBinaries();

  say('编译 (building)…');
  // What `npm run build` does: the services (tsc -b, incremental), then the web app, which is built
  // again only when one of its sources changed (a Vite build takes a while on a small machine).
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('编译失败 (tsc -b failed)');
  try {
    buildWebIfStale(root, { stdio: 'inherit' });
  } catch {
    fail('编译失败 (npm run build -w web failed)');
  }

  fs.mkdirSync(logDir, { recursive: true });
  const pgPort = await portFor('PostgreSQL', Number(process.env.SHANYU_PG_PORT ?? 54320));
  const natsPort = await portFor('NATS', Number(process.env.SHANYU_NATS_PORT ?? 4222));
  const monitorPort = await portFor('NATS monitoring', Number(process.env.SHANYU_NATS_MONITOR_PORT ?? 8222));
  const httpPort = await portFor('gateway', Number(process.env.PORT ?? 3000));
  // The gateway's Prometheus listener (its public port has no /metrics without METRICS_TOKEN).
  const metricsPort = await portFor('gateway metrics', Number(process.env.METRICS_PORT ?? 9464));

  say('启动 PostgreSQL 与 NATS JetStream (starting PostgreSQL and NATS)…');
  // Registered before anything starts, so that Ctrl-C or a failure at any step stops what is up.
  onExit(shutdown);
  // JWT secret, identity key pair and PII key: made on first start, read by each service (SHANYU_SECRETS_FILE).
  const secretsFile = path.join(dataDir, 'secrets', 'stack-secrets.json');
  const { ensureStackSecrets } = await import('../../libs/common/dist/index.js');
  ensureStackSecrets(secretsFile, { keepPiiKey: fs.existsSync(path.join(dataDir, 'pg')) && !fs.existsSync(secretsFile) });
  infra.pg = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port: pgPort });
  const pg = infra.pg;
  // One NATS user per service and department system (their subjects only), passwords kept in
  // <data dir>/nats-auth/nats-credentials.json; `admin` (full access) is for operators and backups.
  // Consumer names carry each service's schema: a *_DB_SCHEMA set here is allowed in place of the default.
  const natsAuth = writeNatsAuth({
    dir: path.join(dataDir, 'nats-auth'),
    contracts: await import('../../libs/contracts/dist/index.js'),
    serviceSchemas: serviceSchemasFrom(process.env, SERVICES),
  });
  infra.nats = await startNats({
    storeDir: path.join(dataDir, 'nats'),
    port: natsPort,
    monitorPort,
    serverPath: natsServerPath,
    logFile: path.join(logDir, 'nats.log'),
    configFile: natsAuth.configFile,
  });
  const nats = infra.nats;

  const demoPassword = process.env.SHANYU_DEMO_PASSWORD ?? 'shanyu-demo';
  const env = {
    DATABASE_URL: pg.url,
    NATS_URL: nats.url,
    SHANYU_MODE: 'demo',
    SHANYU_DEMO_PASSWORD: demoPassword,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    EVIDENCE_DIR: process.env.EVIDENCE_DIR ?? path.join(dataDir, 'evidence'),
    SHANYU_SECRETS_FILE: secretsFile,
  };
  say('启动服务 (starting services, each runs its migrations)…');
  for (const service of SERVICES) startNode(service, `services/${service}/dist/main.js`, { ...env, ...natsEnvFor(service, natsAuth.passwords) });
  startNode('gateway', 'services/gateway/dist/main.js', {
    ...env,
    ...natsEnvFor('gateway', natsAuth.passwords),
    PORT: String(httpPort),
    HOST: '127.0.0.1',
    HEALTH_SERVICES: SERVICES.join(','),
    METRICS_PORT: String(metricsPort),
    METRICS_HOST: '127.0.0.1',
  });

  const base = `http://127.0.0.1:${httpPort}`;
  const health = await waitForHealth(`${base}/health`, 90_000);

  const { makeUscc } = await import('../../libs/common/dist/index.js');
  const { loadDemoData } = await import('./demo-data.mjs');
  const created = await loadDemoData(base, demoPassword, makeUscc);
  say(created > 0 ? `已载入演示数据：${created} 家机构 (demo data loaded)` : '演示数据已存在，沿用 (demo data reused)');
  const { loadInspectionDemoData } = await import('./demo-data.mjs');
  const inspectors = await loadInspectionDemoData(base, demoPassword);
  if (inspectors > 0) say(`已载入执法人员：${inspectors} 名 (demo inspectors loaded)`);

  const { DEMO_ACCOUNTS } = await import('../../services/gateway/dist/accounts/demo-accounts.js');
  console.log(`
  善育 Shanyu 已启动 (running, demo mode)

  网关 Gateway        ${base}
  网页 Web            ${base}/public (公示)   ${base}/app (部门工作台)   ${base}/inspector (执法检查，手机)
  健康 Health         ${base}/health   (${Object.entries(health.checks)
    .map(([k, v]) => `${k} ${v.status}`)
    .join(', ')})
  接口文档 OpenAPI     ${base}/api/docs   (JSON: ${base}/api/docs-json)
  消息主题 AsyncAPI    ${base}/api/docs/asyncapi.json
  指标 Metrics        http://127.0.0.1:${metricsPort}/metrics   (Prometheus；各服务 METRICS_PORT，见 README 监控与追踪)
  NATS                ${nats.url}   (monitoring http://127.0.0.1:${monitorPort})
  NATS 用户 users      ${path.relative(root, natsAuth.credentialsFile)}   (每个服务、部门系统一个；admin 用于运维与备份)
  密钥 Secrets        ${path.relative(root, secretsFile)}   (首次启动生成：JWT、个人信息加密、身份令牌密钥 / made on first start)
  PostgreSQL          ${pg.url}
  日志 Logs           ${path.relative(root, logDir)}/

  演示账号 Demo accounts (password: ${process.env.SHANYU_DEMO_PASSWORD ? '$SHANYU_DEMO_PASSWORD' : demoPassword}):
${DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(18)} ${a.displayName}`).join('\n')}

  试一试 Try:
    curl -s -X POST ${base}/api/v1/auth/token -H 'content-type: application/json' \\
         -d '{"username":"health.330106","password":"${demoPassword}"}'

  按 Ctrl-C 停止全部进程 (Ctrl-C stops everything).
`);
  // Stay up until Ctrl-C; onExit stops the children, NATS and PostgreSQL.
  await new Promise(() => {});
} catch (error) {
  await shutdown().catch(() => {});
  fail(error instanceof InfraError ? error.message : (error?.stack ?? String(error)));
}
