// A subsidy run at scale: how long a month of a large division takes, and how many lines a
// second the run writes. Not part of npm test.
//
//   npm run build && node bench/subsidy-run.mjs            # 200,000 child-months (BENCH_CHILDREN)
//   BENCH_CHILDREN=1000000 node bench/subsidy-run.mjs      # a province-size month
//
// It starts PostgreSQL and NATS (data under .bench-subsidy/, removed afterwards) and the subsidy
// service in this process (BENCH_LOG=debug prints each batch's load / compute+write times), seeds the service's own tables set-based (institution replicas with
// their dated facts, one current roster per institution — the registry's HTTP flow would take
// hours for 10,000 institutions and is not what is measured), then computes the month through
// `subsidy.run.start` and polls `subsidy.run.get` until it is computed, printing progress.
//
// Baseline, in the same run: the run's lines exported (COPY TO, streamed to a file) and loaded
// with COPY FROM into a table with run_line's columns, constraints and indexes.
// Identity: the lines are hashed (sha-256 of institution, child, month, rule, amount, status,
// reasons, explanation and inputs in key order — not ids or timestamps), then the month is
// computed again through the product's own path (`subsidy.run.start` on a computed, unposted
// run recomputes it: its lines are discarded and computed afresh, StartRun), hashed again, and
// the two hashes compared.
// Peak RSS is this process's VmHWM (the service, plus the bench's small NATS client): after the
// first run, and at the end (after the recompute).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { connect, headers } from '@nats-io/transport-node';
import { benchIdentity, psql, root, row, startInfra } from './lib/infra.mjs';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 200_000);
const PER_INSTITUTION = 100;
const INSTITUTIONS = Math.ceil(CHILDREN / PER_INSTITUTION);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const STREETS = ['330106001', '330106002', '330106004', '330106005', '330106008', '330106109', '330105001', '330105002', '330102001', '330108001'];

const { startSubsidy } = await import(path.join(root, 'services/subsidy/dist/app.js'));

const infra = await startInfra('subsidy', { pgSettings: { max_connections: 100 } });
const { pg, nats, bins, dir } = infra;
const identity = await benchIdentity();
const subsidy = await startSubsidy({
  DATABASE_URL: pg.url,
  NATS_URL: nats.url,
  IDENTITY_PUBLIC_KEY: identity.IDENTITY_PUBLIC_KEY,
  SUBSIDY_DB_SCHEMA: 'subsidy',
  SHANYU_MODE: 'test',
  SUBSIDY_RUN_BATCH_SIZE: BATCH,
  SUBSIDY_RUN_LEASE_MS: 60_000,
  SUBSIDY_BUILTIN_POLICIES: 'on',
  LOG_LEVEL: process.env.BENCH_LOG ?? 'warn',
  RPC_TIMEOUT_MS: 60_000,
});
const ds = subsidy.runtime.dataSource;
const today = new Date().toISOString().slice(0, 10);
const month = (() => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
})();

try {
  let t = performance.now();
  // Institutions (6 in 10 普惠), filed since 2020, grade B (no credit event) — in the service's replica.
  await ds.query(
    `INSERT INTO subsidy.institution_replica (id, name, division_code, owner_user_id, status, places, total_places, inclusive, demonstrations, source_version)
     SELECT md5('inst' || i)::uuid, '托育园 ' || i, ($2::text[])[1 + i % array_length($2::text[], 1)], null, 'filed',
       '{"infant":30,"toddler":40,"older":40,"mixed":10}'::jsonb, 120,
       CASE WHEN i % 10 < 6 THEN '{"grantedOn":"2020-01-01","priceCapFen":350000,"inclusivePlaces":100,"decisionNo":null}'::jsonb END, '[]'::jsonb, 1
     FROM generate_series(1, $1) AS i`,
    [INSTITUTIONS, STREETS],
  );
  await ds.query(
    `INSERT INTO subsidy.institution_fact (institution_id, fact, value, effective_on)
     SELECT id, 'status', '"filed"'::jsonb, date '2020-01-01' FROM subsidy.institution_replica
     UNION ALL SELECT id, 'inclusive', inclusive, date '2020-01-01' FROM subsidy.institution_replica WHERE inclusive IS NOT NULL`,
  );
  await ds.query(
    `INSERT INTO subsidy.roster (id, institution_id, month, version, current, open_days, total, by_class, by_care_form, by_birth_order, submitted_at, submitted_by)
     SELECT md5('roster' || id::text)::uuid, id, $1, 1, true, 22, $2, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, now(), '{"department":"operator","userId":"bench"}'::jsonb
     FROM subsidy.institution_replica`,
    [month, PER_INSTITUTION],
  );
  await ds.query(
    `INSERT INTO subsidy.roster_entry (roster_id, line_no, month, child_key, birth_month, birth_order, class_type, care_form, days_attended)
     SELECT r.id, n, $1, md5(r.id::text || n) || md5(n || r.id::text), to_char(date '${today}' - (180 + (n * 7) % 700), 'YYYY-MM'), 1 + n % 3,
       (ARRAY['infant','toddler','older','mixed'])[1 + n % 4], CASE WHEN n % 5 = 0 THEN 'half_day' WHEN n % 17 = 0 THEN 'hourly' ELSE 'full_day' END, (n * 13) % 23
     FROM subsidy.roster r CROSS JOIN generate_series(1, $2) AS n`,
    [month, PER_INSTITUTION],
  );
  // A month's rosters are submitted over weeks, long vacuumed when the run reads them: not freshly loaded pages whose first reader sets their hint bits.
  await ds.query('VACUUM (FREEZE, ANALYZE)');
  console.log(`seeded ${INSTITUTIONS} institutions, ${INSTITUTIONS * PER_INSTITUTION} child-months of ${month} in ${Math.round(performance.now() - t)} ms`);

  const nc = await connect({ servers: nats.url });
  const actor = { department: 'admin', role: 'admin', userId: 'bench', divisions: [] };
  const call = async (subject, body) => {
    const h = headers();
    h.set('shanyu-identity', identity.signer.tokenFor(actor).token);
    const reply = (await nc.request(subject, JSON.stringify(body), { headers: h, timeout: 120_000 })).json();
    if (!reply.ok) throw new Error(`${subject}: ${JSON.stringify(reply.error)}`);
    return reply.data;
  };
  /** Starts (or recomputes) the month and polls until it is computed; returns the run and its seconds. */
  const compute = async (label) => {
    const t0 = performance.now();
    const started = await call('subsidy.run.start', { month, divisionCode: '330100' });
    let run = started;
    let last = performance.now();
    // Every 20 ms: at 10,000 child-months the run takes well under a second, and the poll's period is added to the figure.
    while (run.status === 'computing') {
      await new Promise((r) => setTimeout(r, 20));
      run = await call('subsidy.run.get', { id: started.id });
      if (performance.now() - last > 5_000) {
        last = performance.now();
        console.log(`  ${label}: ${run.progress.phase} ${run.progress.done}/${run.progress.total} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
    if (run.status !== 'computed') throw new Error(`${label}: the run ended ${run.status}`);
    return { run, seconds: (performance.now() - t0) / 1000 };
  };
  /** VmHWM of this process (peak resident set), MB. */
  const peakRss = () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) / 1024);
  /** Runs psql with its stdin/stdout streamed (never held in a string). */
  const psqlStream = (sql, { input, output }) =>
    new Promise((resolve, reject) => {
      const child = spawn(
        bins.psql,
        ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', pg.socketDir, '-p', String(pg.port), '-U', 'postgres', '-d', 'shanyu', '-c', sql],
        { stdio: [input ? 'pipe' : 'ignore', output ? 'pipe' : 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (c) => {
        err += c;
      });
      const streams = [];
      if (input) streams.push(pipeline(input, child.stdin));
      if (output) streams.push(pipeline(child.stdout, output));
      child.once('error', reject);
      child.once('exit', (code) => Promise.all(streams).then(() => (code === 0 ? resolve() : reject(new Error(`psql failed (${code}): ${err}`))), reject));
    });
  // What a line says — not its id, run or timestamps — in key order.
  const hashLines = async (runId) => {
    const hash = createHash('sha256');
    const into = new Writable({
      write(chunk, _encoding, done) {
        hash.update(chunk);
        done();
      },
    });
    await psqlStream(
      `COPY (SELECT line_key, kind, period, institution_id, institution_name, division_code, child_key, roster_line_no, policy_version, rule_id, rule_kind,
         status, base_fen, amount_fen, capped, reason_code, explanation, inputs, budget_key, adjusts_line_id IS NOT NULL
       FROM subsidy.run_line WHERE run_id = '${runId}' ORDER BY line_key COLLATE "C") TO STDOUT`,
      { output: into },
    );
    return hash.digest('hex');
  };

  const first = await compute('run');
  const { run } = first;
  const seconds = first.seconds;
  const lines = run.totals.lines;
  const peakRssMb = peakRss();
  console.log(`run: ${lines} lines in ${seconds.toFixed(1)} s (${Math.round(lines / seconds)} lines/s); peak RSS ${peakRssMb} MB`);
  let t1 = performance.now();
  const firstHash = await hashLines(run.id);
  console.log(`  lines hashed in ${Math.round(performance.now() - t1)} ms: ${firstHash.slice(0, 16)}…`);

  // Baseline in the same run: COPY of the same number of line rows into a table shaped like
  // run_line (same columns, constraints and indexes), from the lines this run wrote, through a file.
  const file = path.join(dir, 'lines.copy');
  await psqlStream(`COPY (SELECT * FROM subsidy.run_line WHERE run_id = '${run.id}') TO STDOUT`, { output: fs.createWriteStream(file) });
  await psql(bins, pg, 'CREATE TABLE public.copy_line (LIKE subsidy.run_line INCLUDING ALL)');
  t1 = performance.now();
  await psqlStream('COPY public.copy_line FROM STDIN', { input: fs.createReadStream(file, { highWaterMark: 1 << 20 }) });
  const copyMs = performance.now() - t1;
  const copied = Number(await psql(bins, pg, 'SELECT count(*) FROM public.copy_line'));
  if (copied !== lines) throw new Error(`the COPY baseline loaded ${copied} lines, not ${lines}`);
  const fileMb = Math.round(fs.statSync(file).size / 2 ** 20);
  await psql(bins, pg, 'DROP TABLE public.copy_line');
  fs.rmSync(file);
  const copyLinesPerSecond = Math.round(lines / (copyMs / 1000));
  console.log(`COPY of the same ${lines} lines (${fileMb} MB): ${Math.round(copyMs)} ms (${copyLinesPerSecond} lines/s)`);

  // A second run of the same month from the same inputs: the product's recompute of an unposted run.
  const second = await compute('recompute');
  if (second.run.id !== run.id) throw new Error('the recompute started another run');
  const secondHash = await hashLines(run.id);
  const identical = secondHash === firstHash && second.run.totals.lines === lines && second.run.totals.payableFen === run.totals.payableFen;
  const peakRssEndMb = peakRss();
  console.log(
    `recompute: ${second.run.totals.lines} lines in ${second.seconds.toFixed(1)} s; hashes ${identical ? 'match' : `DIFFER (${firstHash} vs ${secondHash})`}; peak RSS ${peakRssEndMb} MB`,
  );

  const size = (INSTITUTIONS * PER_INSTITUTION).toLocaleString('en-US');
  const result = {
    date: today,
    childMonths: INSTITUTIONS * PER_INSTITUTION,
    institutions: INSTITUTIONS,
    batchSize: BATCH,
    lines,
    seconds: Number(seconds.toFixed(1)),
    linesPerSecond: Math.round(lines / seconds),
    childMonthsPerSecond: Math.round((INSTITUTIONS * PER_INSTITUTION) / seconds),
    payableFen: run.totals.payableFen,
    budgets: run.budgets.map((b) => ({ policy: b.policyVersion, requestedFen: b.requestedFen, grantedFen: b.grantedFen, capped: b.capped })),
    copyMs: Math.round(copyMs),
    copyLinesPerSecond,
    copyFileMb: fileMb,
    peakRssMb,
    recompute: {
      seconds: Number(second.seconds.toFixed(1)),
      linesPerSecond: Math.round(second.run.totals.lines / second.seconds),
      lines: second.run.totals.lines,
    },
    linesHash: firstHash,
    recomputedHash: secondHash,
    identical,
    peakRssEndMb,
    note: 'identity: sha-256 of the lines (key, institution, child, month, rule, status, amounts, reasons, explanation, inputs — not ids or timestamps) after the run and after recomputing the same unposted run through subsidy.run.start; peak RSS is VmHWM of the process holding the service (and the bench client)',
    rows: [
      row({
        name: `Subsidy run (${size} child-months)`,
        baselineName: 'COPY of the same lines',
        baseline: copyLinesPerSecond,
        figure: lines / seconds,
        unit: 'lines/s',
        goal: '≥ 50%',
        met: lines / seconds / copyLinesPerSecond >= 0.5,
      }),
      row({
        name: `Subsidy run peak RSS (${size} child-months)`,
        baselineName: '—',
        baseline: NaN,
        figure: Math.max(peakRssMb, peakRssEndMb),
        unit: 'MB',
        goal: '≤ 400 MB',
        met: Math.max(peakRssMb, peakRssEndMb) <= 400,
      }),
      row({
        name: `Subsidy run recomputed (${size} child-months): identical lines`,
        baselineName: 'first run',
        baseline: NaN,
        figure: identical ? 1 : 0,
        unit: '(1 = hashes match)',
        goal: 'identical',
        met: identical,
      }),
    ],
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(process.env.BENCH_OUT ?? path.join(root, 'bench/results/subsidy-run.json'), `${JSON.stringify(result, null, 2)}\n`);
  await nc.drain();
} finally {
  await subsidy.stop();
  await infra.stop();
}
