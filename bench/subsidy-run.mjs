// A subsidy run at scale: how long a month of a large division takes, and how many lines a
// second the run writes. Not part of npm test.
//
//   npm run build && node bench/subsidy-run.mjs            # 200,000 child-months (BENCH_CHILDREN)
//   BENCH_CHILDREN=1000000 node bench/subsidy-run.mjs      # a province-size month
//
// It starts PostgreSQL and NATS (data under .bench-subsidy/, removed afterwards) and the subsidy
// service in this process (BENCH_LOG=debug prints each batch's load / compute / write times), seeds the service's own tables set-based (institution replicas with
// their dated facts, one current roster per institution — the registry's HTTP flow would take
// hours for 10,000 institutions and is not what is measured), then computes the month through
// `subsidy.run.start` and polls `subsidy.run.get` until it is computed, printing progress.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, headers } from '@nats-io/transport-node';
import { ensureNatsServer, ensurePostgresBinaries, findFreePort, startNats, startPostgres } from '../deploy/local/infra.mjs';
import { copyThroughPsql, psql, row } from './lib/infra.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 200_000);
const PER_INSTITUTION = 100;
const INSTITUTIONS = Math.ceil(CHILDREN / PER_INSTITUTION);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const STREETS = ['330106001', '330106002', '330106004', '330106005', '330106008', '330106109', '330105001', '330105002', '330102001', '330108001'];

const { startSubsidy } = await import(path.join(root, 'services/subsidy/dist/app.js'));

ensureNatsServer();
const bins = ensurePostgresBinaries();
const dir = path.join(root, '.bench-subsidy');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
fs.chmodSync(dir, 0o755);
const pg = await startPostgres({ dataDir: path.join(dir, 'pg'), port: await findFreePort(), fast: true, settings: { max_connections: 100, shared_buffers: '256MB' } });
const nats = await startNats({ storeDir: path.join(dir, 'nats'), port: await findFreePort(), logFile: path.join(dir, 'nats.log') });
const subsidy = await startSubsidy({
  DATABASE_URL: pg.url, NATS_URL: nats.url, SUBSIDY_DB_SCHEMA: 'subsidy', SHANYU_MODE: 'test', SUBSIDY_RUN_BATCH_SIZE: BATCH, SUBSIDY_RUN_LEASE_MS: 60_000,
  SUBSIDY_BUILTIN_POLICIES: 'on', LOG_LEVEL: process.env.BENCH_LOG ?? 'warn', RPC_TIMEOUT_MS: 60_000,
});
const ds = subsidy.runtime.dataSource;
const today = new Date().toISOString().slice(0, 10);
const month = (() => { const d = new Date(); d.setUTCDate(1); d.setUTCMonth(d.getUTCMonth() - 1); return d.toISOString().slice(0, 7); })();

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
  await ds.query('ANALYZE');
  console.log(`seeded ${INSTITUTIONS} institutions, ${INSTITUTIONS * PER_INSTITUTION} child-months of ${month} in ${Math.round(performance.now() - t)} ms`);

  const nc = await connect({ servers: nats.url });
  const actor = { department: 'admin', role: 'admin', userId: 'bench', divisions: [] };
  const call = async (subject, body) => {
    const h = headers();
    h.set('shanyu-actor', JSON.stringify(actor));
    const reply = (await nc.request(subject, JSON.stringify(body), { headers: h, timeout: 60_000 })).json();
    if (!reply.ok) throw new Error(`${subject}: ${JSON.stringify(reply.error)}`);
    return reply.data;
  };
  t = performance.now();
  const started = await call('subsidy.run.start', { month, divisionCode: '330100' });
  let run = started;
  let last = 0;
  while (run.status === 'computing') {
    await new Promise((r) => setTimeout(r, 1_000));
    run = await call('subsidy.run.get', { id: started.id });
    if (performance.now() - last > 5_000) {
      last = performance.now();
      console.log(`  ${run.progress.phase} ${run.progress.done}/${run.progress.total} after ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  const seconds = (performance.now() - t) / 1000;
  const lines = run.totals.lines;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  // Baseline in the same run: COPY of the same number of line rows into a table shaped like
  // run_line (same columns, constraints and indexes), from the lines this run wrote.
  const csv = await psql(bins, pg, `COPY (SELECT * FROM subsidy.run_line WHERE run_id = '${started.id}') TO STDOUT (FORMAT csv)`);
  await psql(bins, pg, 'CREATE TABLE public.copy_line (LIKE subsidy.run_line INCLUDING ALL)');
  const copyMs = await copyThroughPsql(bins, pg, 'public.copy_line', csv);
  const copyLinesPerSecond = Math.round(lines / (copyMs / 1000));
  console.log(`COPY of the same ${lines} lines: ${Math.round(copyMs)} ms (${copyLinesPerSecond} lines/s); peak RSS of this process (service + driver) ${peakRssMb} MB`);
  const result = {
    date: today, childMonths: INSTITUTIONS * PER_INSTITUTION, institutions: INSTITUTIONS, batchSize: BATCH, lines, seconds: Number(seconds.toFixed(1)),
    linesPerSecond: Math.round(lines / seconds), childMonthsPerSecond: Math.round((INSTITUTIONS * PER_INSTITUTION) / seconds), payableFen: run.totals.payableFen,
    budgets: run.budgets.map((b) => ({ policy: b.policyVersion, requestedFen: b.requestedFen, grantedFen: b.grantedFen, capped: b.capped })),
    copyMs: Math.round(copyMs), copyLinesPerSecond, peakRssMb,
    rows: [
      row({ name: `Subsidy run (${(INSTITUTIONS * PER_INSTITUTION).toLocaleString('en-US')} child-months)`, baselineName: 'COPY of the same lines', baseline: copyLinesPerSecond, figure: lines / seconds, unit: 'lines/s', goal: '≥ 50%', met: lines / seconds / copyLinesPerSecond >= 0.5 }),
      row({ name: `Subsidy run peak RSS (${(INSTITUTIONS * PER_INSTITUTION).toLocaleString('en-US')} child-months)`, baselineName: '—', baseline: NaN, figure: peakRssMb, unit: 'MB', goal: '≤ 400 MB', met: peakRssMb <= 400 }),
    ],
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(process.env.BENCH_OUT ?? path.join(root, 'bench/results/subsidy-run.json'), `${JSON.stringify(result, null, 2)}\n`);
  await nc.drain();
} finally {
  await subsidy.stop();
  await nats.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
