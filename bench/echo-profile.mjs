// Profiling aid for the RPC echo (not part of `npm run bench`): the platform's RpcClient and Nest's
// ClientNats against the echo servers, one after the other, in one process; run it with
//   node --cpu-prof --cpu-prof-dir=bench/results/profiles bench/echo-profile.mjs
// and summarise with node bench/lib/profile-summary.mjs bench/results/profiles.
import 'reflect-metadata';
import { fork } from 'node:child_process';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { RpcClient } from '../libs/messaging/dist/index.js';
import { benchIdentity, root, startInfra } from './lib/infra.mjs';
import { closedLoop } from './lib/measure.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const which = (process.env.BENCH_ECHO ?? 'shanyu,nest').split(',');
const infra = await startInfra('echo');
const identity = await benchIdentity();
const echo = fork(path.join(root, 'bench/lib/echo-servers.mjs'), { env: { ...process.env, NATS_URL: infra.nats.url }, stdio: 'inherit' });
try {
  await new Promise((resolve) => echo.once('message', resolve));
  const nc = await connect({ servers: infra.nats.url });
  const body = { id: '00000000-0000-4000-8000-000000000001' };
  for (const name of which) {
    if (name === 'shanyu') {
      const rpc = new RpcClient(nc, 30_000, 'bench', identity.signer);
      const actor = { department: 'admin', role: 'admin', userId: 'bench', divisions: [] };
      const r = await closedLoop(() => rpc.request('bench.shanyu.echo', body, { actor, timeoutMs: 5_000 }), { concurrency: 64, durationMs: SECONDS * 1000 });
      console.log(`shanyu ${Math.round(r.opsPerSec)} req/s p99 ${r.p99.toFixed(1)} ms errors ${r.errors}`);
    } else if (name === 'nest') {
      const client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [infra.nats.url] } });
      await client.connect();
      const r = await closedLoop(() => firstValueFrom(client.send('bench.nest.echo', body)), { concurrency: 64, durationMs: SECONDS * 1000 });
      console.log(`nest ${Math.round(r.opsPerSec)} req/s p99 ${r.p99.toFixed(1)} ms errors ${r.errors}`);
      await client.close();
    } else if (name === 'raw') {
      const s = JSON.stringify(body);
      const r = await closedLoop(() => nc.request('bench.raw.echo', s, { timeout: 5_000 }), { concurrency: 64, durationMs: SECONDS * 1000 });
      console.log(`raw ${Math.round(r.opsPerSec)} req/s p99 ${r.p99.toFixed(1)} ms errors ${r.errors}`);
    }
  }
  await nc.drain();
} finally {
  echo.kill('SIGTERM');
  await new Promise((r) => echo.once('exit', r));
  await infra.stop();
}
