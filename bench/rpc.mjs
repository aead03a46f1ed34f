// RPC benchmarks (`npm run bench -- rpc`): starts the platform (PostgreSQL, NATS JetStream,
// registry and gateway as processes), loads a seeded register through registry.institution.register,
// then measures the platform's RpcClient → NatsRpcServer echo against Nest's stock NATS transport
// and raw nats.js request/reply, and the read path GET /api/v1/institutions/:id against the Nest
// echo, all in the same run. Sizes: BENCH_INSTITUTIONS (default 10000), BENCH_SECONDS per
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
import { adminToken, root, startBenchStack } from './lib/stack.mjs';

const INSTITUTIONS = Number(process.env.BENCH_INSTITUTIONS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = 64;
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
const profileDir = path.join(root, 'bench/results/profiles');
const stack = await startBenchStack({ name: 'rpc', profile: PROFILE ? ['gateway', 'registry'] : [], profileDir });
const echo = fork(path.join(root, 'bench/lib/echo-servers.mjs'), {
  env: stack.env,
  stdio: 'inherit',
  execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=echo-servers.cpuprofile'] : [],
});
try {
  await new Promise((resolve) => echo.once('message', resolve));
  const nc = await connect({ servers: stack.nats.url });
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
  const nestClient = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [stack.nats.url] } });
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

  // 2. The read path through everything: HTTP → gateway → NATS → registry → PostgreSQL.
  const token = await adminToken(stack);
  let k = 0;
  const requests = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/institutions/${ids[(k++ * 7919) % ids.length]}` }) }];
  const headers = { authorization: `Bearer ${token}` };
  await autocannonRun({ url: stack.base, connections: CONCURRENCY, duration: 2, headers, requests });
  const read = await autocannonRun({ url: stack.base, connections: CONCURRENCY, duration: SECONDS, headers, requests });
  const readOk = read.non2xx === 0 && read.errors === 0;
  record(
    'GET /api/v1/institutions/:id (64 connections)',
    'Nest ClientNats + ServerNats (echo)',
    { value: nest.opsPerSec },
    { value: read.requests.average, p50: read.latency.p50, p99: read.latency.p99 },
    'req/s',
    '≥ 50%',
    readOk && read.requests.average / nest.opsPerSec >= 0.5,
  );
  const paced = await autocannonRun({ url: stack.base, connections: CONCURRENCY, duration: SECONDS, headers, requests, overallRate: 2_000 });
  rows.push({
    name: 'GET /api/v1/institutions/:id at 2,000 req/s offered (p99)',
    baselineName: 'Nest echo p99 at 64 in flight',
    baseline: nest.p99,
    figure: paced.latency.p99,
    unit: 'ms p99',
    ratio: paced.latency.p99 / nest.p99,
    p50: paced.latency.p50,
    p99: paced.latency.p99,
    goal: 'p99 ≤ 25 ms at 2,000 req/s',
    met: paced.latency.p99 <= 25 && paced.requests.average >= 1_900,
    achieved: paced.requests.average,
  });
  note(
    `read path ${fmt(read.requests.average)} req/s (non-2xx ${read.non2xx}, errors ${read.errors}); at 2,000 req/s p50 ${paced.latency.p50} ms p99 ${paced.latency.p99} ms`,
  );
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
  await stack.stop();
}
