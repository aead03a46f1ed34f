// `npm run bench` runs every benchmark but province; `npm run bench -- draw events` only those named.
// Installs npm dependencies and builds the TypeScript when needed (a fresh clone works), runs
// each benchmark script in its own process (each starts its own PostgreSQL and NATS, with data
// under .bench-*/, removed afterwards), prints one table — benchmark, baseline, platform figure,
// ratio, goal, met — and writes bench/results/<date>.json and bench/results/latest.json.
//
// Benchmarks: rpc (RPC client/server echo and the gateway read path), draw (双随机), events
// (outbox → JetStream → consumer), import (staff sheets), subsidy (monthly run, at each of
// BENCH_SUBSIDY_SIZES child-months, default 10000,100000; the draw at each of BENCH_DRAW_SIZES
// institutions, default 10000,100000), province (a province-size data set
// loaded into the whole platform: well over 15 minutes at full size, so only when named —
// `npm run bench -- province`, BENCH_PROVINCE_SCALE=0.01 for a quick run). Each script's own
// sizes are in its header comment. BENCH_PROFILE=1 also writes CPU profiles to bench/results/profiles/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNatsServer, ensureNpmDependencies, ensurePostgresBinaries } from '../deploy/local/install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['rpc', 'draw', 'events', 'import', 'subsidy', 'province'];
/** Run when none is named: all but the long ones. */
const DEFAULT = ALL.filter((n) => n !== 'province');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !ALL.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? wanted : DEFAULT;
const SUBSIDY_SIZES = (process.env.BENCH_SUBSIDY_SIZES ?? '10000,100000').split(',').map(Number);
// The draw at each size (institutions), with one inspector per 20 institutions as in a province.
const DRAW_SIZES = (process.env.BENCH_DRAW_SIZES ?? '10000,100000').split(',').map(Number);

// A fresh clone: dependencies, then the TypeScript build (incremental: quick when up to date).
ensureNpmDependencies(root);
console.log('[bench] building (tsc -b) …');
const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('[bench] the build failed; fix it first (npx tsc -b)');
  process.exit(1);
}
ensureNatsServer();
const pgBins = ensurePostgresBinaries();

const version = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').trim().split('\n')[0];
};
const machine = {
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  postgres: version(pgBins.postgres, ['--version']),
  nats: version(ensureNatsServer(), ['--version']),
  loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-bench-'));
function runScript(script, env = {}, nodeFlags = []) {
  const out = path.join(tmp, `${path.basename(script, '.mjs')}-${Date.now()}.json`);
  return new Promise((resolve) => {
    const prof = process.env.BENCH_PROFILE
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${path.join(root, 'bench/results/profiles')}`,
          `--cpu-prof-name=${path.basename(script, '.mjs')}.${Date.now()}.cpuprofile`,
        ]
      : [];
    const child = spawn(process.execPath, [...nodeFlags, ...prof, path.join(root, 'bench', script)], {
      cwd: root,
      env: { ...process.env, ...env, BENCH_OUT: out },
      stdio: 'inherit',
    });
    child.once('exit', (code) => {
      if (code === 0 && fs.existsSync(out)) resolve(JSON.parse(fs.readFileSync(out, 'utf8')));
      else resolve({ error: `bench/${script} exited with ${code}`, rows: [] });
    });
  });
}

/** One script at several sizes (one process each), its rows together. */
async function runSizes(script, envs, nodeFlags = []) {
  const runs = [];
  for (const env of envs) runs.push(await runScript(script, env, nodeFlags));
  const failed = runs.filter((r) => r.error);
  return { runs, rows: runs.flatMap((r) => r.rows ?? []), ...(failed.length ? { error: failed.map((r) => r.error).join('; ') } : {}) };
}

const results = {};
const started = Date.now();
for (const name of names) {
  console.log(`\n[bench] ── ${name} ──`);
  if (name === 'subsidy') {
    results.subsidy = await runSizes(
      'subsidy-run.mjs',
      SUBSIDY_SIZES.map((size) => ({ BENCH_CHILDREN: String(size) })),
      // The subsidy service runs in the script's process, with the heap limit it is deployed with (deploy/k8s/35-subsidy.yaml).
      ['--max-old-space-size=320'],
    );
  } else if (name === 'draw') {
    results.draw = await runSizes(
      'draw.mjs',
      DRAW_SIZES.map((size) => ({ BENCH_DRAW_INSTITUTIONS: String(size), BENCH_DRAW_INSPECTORS: String(Math.max(100, Math.round(size / 20))) })),
    );
  } else {
    results[name] = await runScript(`${name}.mjs`);
  }
}
machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const ratioText = (r) => {
  if (!Number.isFinite(r.ratio)) return '—';
  return /ms|MB/.test(r.unit) ? `${fmt(r.ratio, 1)}×` : `${fmt(r.ratio * 100, 1)}%`;
};
const metText = (r) => (r.met === true ? 'yes' : r.met === false ? '**no**' : '—');
const rows = names.flatMap((n) => results[n].rows ?? []);
const lines = [
  '| benchmark | baseline (same run) | baseline figure | platform figure | ratio | goal | met? |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => {
    const digits = Math.abs(r.figure) < 10 ? 2 : 0;
    return `| ${r.name} | ${r.baselineName} | ${fmt(r.baseline, Math.abs(r.baseline) < 10 ? 2 : 0)} | ${fmt(r.figure, digits)} ${r.unit} | ${ratioText(r)} | ${r.goal} | ${metText(r)} |`;
  }),
];
for (const n of names) if (results[n].error) lines.push(`\n${n}: ${results[n].error}`);
console.log(`\n${lines.join('\n')}\n`);
console.log(
  `machine: ${machine.cpus} CPUs (${machine.model}), ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.postgres}, ${machine.nats}; load average ${machine.loadAverageAtStart.join(' ')} → ${machine.loadAverageAtEnd.join(' ')}; ${Math.round((Date.now() - started) / 1000)} s`,
);

const date = new Date().toISOString().slice(0, 10);
const record = { date: new Date().toISOString(), machine, benchmarks: names, results, table: lines.join('\n') };
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
for (const file of [`${date}.json`, 'latest.json']) fs.writeFileSync(path.join(root, 'bench/results', file), `${JSON.stringify(record, null, 2)}\n`);
console.log(`[bench] written bench/results/${date}.json`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exitCode = names.some((n) => results[n].error) ? 1 : 0;
