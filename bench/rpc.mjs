// RPC benchmarks (`npm run bench -- rpc`): starts the platform (PostgreSQL, NATS JetStream,
// registry and gateway as processes, configured as `npm start` configures them), loads a seeded
// register through registry.institution.register, then measures the platform's RpcClient →
// NatsRpcServer echo against Nest's stock NATS transport and raw nats.js request/reply, and the read
// path GET /api/v1/institutions/:id against the same read in one Fastify + pg process, all in the same run. Sizes: BENCH_INSTITUTIONS (default 10000), BENCH_SECONDS per
// measurement (default 8). BENCH_PROFILE=1: gateway, registry and the echo servers with --cpu-prof.
import 'reflect-metadata';
import { fork } from 'node:child_process';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import autocannon from 'autocannon';
import { firstValueFrom } from 'rxjs';
import { RpcClient } from '../libs/messaging/dist/index.js';
import { generateInstitutions } from './generate.mjs';
import { writeResult } from './lib/infra.mjs';
import { closedLoop } from './lib/measure.mjs';
import { adminToken, processCpuMs, root, startBenchStack } from './lib/stack.mjs';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = 64;
/** The paced read: offered load at which the read path's p99 is judged. */
const READ_RATE = 500;
const rows = [];
const note = (line) => console.log(`[bench] ${line}`);
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');

function record(name, baselineName, baseline, figure, unit, goal, met = null) {
  const ratio = figure.value / baseline.value;
  rows.push({
    name,
    baselineName,
    baseline: baseline.value,
    figure: figure.value,
    unit,
    ratio,
    p50: figure.p50,
    p99: figure.p99,
    baselineP99: baseline.p99,
    goal,
    met,
  });
  note(
    `${name}: ${fmt(figure.value)} ${unit} vs ${baselineName} ${fmt(baseline.value)} → ${fmt(ratio * 100, 1)}% (p50 ${fmt(figure.p50, 2)} ms, p99 ${fmt(figure.p99, 2)} ms) — goal ${goal}`,
  );
}

function autocannonRun(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const PROFILE = Boolean(process.env.BENCH_PROFILE);
const profileDir = process.env.BENCH_PROFILE_DIR ?? path.join(root, 'bench/results/profiles');
// The platform as `npm start` runs it: NATS authorization, access log, tracing, token revocation.
const stack = await startBenchStack({ name: 'rpc', profile: PROFILE ? ['gateway', 'registry'] : [], profileDir, npmStart: true });
const benchNats = { BENCH_NATS_USER: stack.natsOptions.user, BENCH_NATS_PASSWORD: stack.natsOptions.pass };
const echo = fork(path.join(root, 'bench/lib/echo-servers.mjs'), {
  env: { ...stack.env, ...benchNats },
  stdio: 'inherit',
  execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=echo-servers.cpuprofile'] : [],
});
const baselineServer = fork(path.join(root, 'bench/lib/read-baseline.mjs'), {
  env: stack.env,
  stdio: 'inherit',
  execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=read-baseline.cpuprofile'] : [],
});
try {
  await new Promise((resolve) => echo.once('message', resolve));
  const nc = await connect(stack.natsOptions);
  const rpc = new RpcClient(nc, 30_000, 'bench', stack.signer);

  note(`loading ${INSTITUTIONS} institutions through registry.institution.register …`);
  const { ids, perSecond } = await generateInstitutions(rpc, INSTITUTIONS);
  note(`loaded at ${fmt(perSecond)} registrations/s`);
  rows.push({
    name: 'Register institutions (RPC, 64 in flight)',
    baselineName: '—',
    baseline: NaN,
    figure: perSecond,
    unit: 'req/s',
    ratio: NaN,
    goal: 'information',
    met: null,
  });

  // 1. RPC baselines: raw nats.js and Nest's stock transport against trivial handlers. Two rounds, the
  // second reported: in the first, whichever path runs first after the load also pays JIT warm-up.
  const body = JSON.stringify({ id: ids[0] });
  const nestClient = ClientProxyFactory.create({ transport: Transport.NATS, options: { ...stack.natsOptions, servers: [stack.nats.url] } });
  await nestClient.connect();
  const actor = { department: 'admin', role: 'admin', userId: 'bench', divisions: [] };
  let raw;
  let nest;
  let own;
  for (let round = 1; round <= 2; round++) {
    raw = await closedLoop(() => nc.request('bench.raw.echo', body, { timeout: 5_000 }), { concurrency: CONCURRENCY, durationMs: SECONDS * 1000 });
    nest = await closedLoop(() => firstValueFrom(nestClient.send('bench.nest.echo', { id: ids[0] })), { concurrency: CONCURRENCY, durationMs: SECONDS * 1000 });
    own = await closedLoop(() => rpc.request('bench.shanyu.echo', { id: ids[0] }, { actor, timeoutMs: 5_000 }), {
      concurrency: CONCURRENCY,
      durationMs: SECONDS * 1000,
    });
    note(`round ${round}: raw ${fmt(raw.opsPerSec)}, Nest ${fmt(nest.opsPerSec)}, Shanyu ${fmt(own.opsPerSec)} req/s`);
  }
  note(
    `raw nats.js ${fmt(raw.opsPerSec)} req/s, Nest ClientNats→ServerNats ${fmt(nest.opsPerSec)} req/s, Shanyu RpcClient→NatsRpcServer ${fmt(own.opsPerSec)} req/s`,
  );
  record(
    'Shanyu RPC client + server (echo)',
    'Nest ClientNats + ServerNats',
    { value: nest.opsPerSec, p99: nest.p99 },
    { value: own.opsPerSec, p50: own.p50, p99: own.p99 },
    'req/s',
    '≥ 150%',
    own.opsPerSec / nest.opsPerSec >= 1.5,
  );
  record(
    'Shanyu RPC client + server (echo)',
    'raw nats.js request/reply',
    { value: raw.opsPerSec, p99: raw.p99 },
    { value: own.opsPerSec, p50: own.p50, p99: own.p99 },
    'req/s',
    'information',
  );

  // 2. The read path through everything: HTTP → gateway → NATS → registry → PostgreSQL, against the
  // same read in one Fastify + pg process (read-baseline.mjs) on the same PostgreSQL. The two alternate
  // (baseline, platform, baseline, platform) so that both see the same machine; the second round is reported.
  const token = await adminToken(stack);
  const baselineUrl = `http://127.0.0.1:${(await new Promise((resolve) => baselineServer.once('message', resolve))).port}`;
  let k = 0;
  const requests = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/institutions/${ids[(k++ * 7919) % ids.length]}` }) }];
  const headers = { authorization: `Bearer ${token}` };
  for (const url of [baselineUrl, stack.base]) {
    const check = await fetch(`${url}/api/v1/institutions/${ids[0]}`, { headers });
    if (check.status !== 200) throw new Error(`bench: ${url} answered the read with ${check.status}`);
  }
  // CPU time per request of each Node process (from /proc): steadier than rates on a shared machine.
  const cpu = () => ({ ...stack.cpuMs(), baseline: processCpuMs(baselineServer.pid) });
  const read = async (url, extra = {}) => {
    const before = cpu();
    const result = await autocannonRun({ url, connections: CONCURRENCY, duration: SECONDS, headers, requests, ...extra });
    const after = cpu();
    result.cpuMsPerRequest = Object.fromEntries(Object.keys(after).map((name) => [name, (after[name] - before[name]) / result.requests.total]));
    return result;
  };
  const platformCpu = (r) => r.cpuMsPerRequest.gateway + r.cpuMsPerRequest.registry;
  const failed = (r) => r.non2xx + r.errors + r.timeouts;
  await autocannonRun({ url: baselineUrl, connections: CONCURRENCY, duration: 2, headers, requests });
  await autocannonRun({ url: stack.base, connections: CONCURRENCY, duration: 2, headers, requests });
  let closed;
  for (let round = 1; round <= 2; round++) {
    const baseline = await read(baselineUrl);
    const platform = await read(stack.base);
    closed = { baseline, platform };
    note(
      `read round ${round}, 64 connections: one process ${fmt(baseline.requests.average)} req/s (p99 ${baseline.latency.p99} ms), ` +
        `platform ${fmt(platform.requests.average)} req/s (p99 ${platform.latency.p99} ms) → ${fmt((platform.requests.average / baseline.requests.average) * 100, 1)}%; ` +
        `CPU per request: one process ${fmt(baseline.cpuMsPerRequest.baseline, 3)} ms, gateway ${fmt(platform.cpuMsPerRequest.gateway, 3)} + registry ${fmt(platform.cpuMsPerRequest.registry, 3)} ms`,
    );
  }
  let paced;
  for (let round = 1; round <= 2; round++) {
    const baseline = await read(baselineUrl, { overallRate: READ_RATE });
    const platform = await read(stack.base, { overallRate: READ_RATE });
    paced = { baseline, platform };
    note(
      `read round ${round}, ${READ_RATE} req/s offered: one process p50 ${baseline.latency.p50} / p99 ${baseline.latency.p99} ms, ` +
        `platform p50 ${platform.latency.p50} / p99 ${platform.latency.p99} ms (achieved ${fmt(platform.requests.average)} req/s)`,
    );
  }
  const readOk = [closed.platform, paced.platform].every((r) => failed(r) === 0);
  record(
    'GET /api/v1/institutions/:id (64 connections)',
    'one process: Fastify + HS256 check + pg (same run)',
    { value: closed.baseline.requests.average, p99: closed.baseline.latency.p99 },
    { value: closed.platform.requests.average, p50: closed.platform.latency.p50, p99: closed.platform.latency.p99 },
    'req/s',
    '≥ 50%',
    readOk && closed.platform.requests.average / closed.baseline.requests.average >= 0.5,
  );
  rows.push({
    name: 'GET /api/v1/institutions/:id, CPU per request (gateway + registry, 64 connections)',
    baselineName: 'one process, CPU per request',
    baseline: closed.baseline.cpuMsPerRequest.baseline,
    figure: platformCpu(closed.platform),
    unit: 'ms CPU',
    ratio: platformCpu(closed.platform) / closed.baseline.cpuMsPerRequest.baseline,
    goal: 'information',
    met: null,
    gatewayMs: closed.platform.cpuMsPerRequest.gateway,
    registryMs: closed.platform.cpuMsPerRequest.registry,
  });
  rows.push({
    name: `GET /api/v1/institutions/:id at ${fmt(READ_RATE)} req/s offered (p99)`,
    baselineName: `one process p99 at ${fmt(READ_RATE)} req/s`,
    baseline: paced.baseline.latency.p99,
    figure: paced.platform.latency.p99,
    unit: 'ms p99',
    ratio: paced.platform.latency.p99 / paced.baseline.latency.p99,
    p50: paced.platform.latency.p50,
    p99: paced.platform.latency.p99,
    goal: `p99 ≤ 25 ms at ${fmt(READ_RATE)} req/s`,
    met: readOk && paced.platform.latency.p99 <= 25 && paced.platform.requests.average >= READ_RATE * 0.95,
    achieved: paced.platform.requests.average,
  });
  if (!readOk) note('WARNING: the read path returned errors; see .bench-rpc logs');

  await nestClient.close();
  await nc.drain();

  writeResult('rpc', {
    benchmark: 'rpc',
    date: new Date().toISOString(),
    sizes: { institutions: INSTITUTIONS, secondsPerMeasurement: SECONDS, concurrency: CONCURRENCY },
    rows,
  });
} finally {
  echo.kill('SIGTERM');
  baselineServer.kill('SIGTERM');
  await stack.stop();
}
