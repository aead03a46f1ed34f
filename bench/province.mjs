// A province-size data set loaded into the whole platform (`npm run bench -- province`), through
// the platform's own paths as department systems and operators use them:
//   1. 登记  10,000 institutions over the street codes of DIVISION_TABLE — registry.institution.register
//      (NATS, as the registration authority's system: 市场监管 for-profit, 民政 non-profit);
//   2. 备案  a complete filing for each — registry.filing.submit (the same authority, on the operator's behalf);
//   3. 备案审核 approval — registry.filing.decide (NATS, as the provincial health department's system);
//   4. the institution replicas reaching staff, subsidy (filed) and inspection (filed): polled;
//   5. 5,000 inspectors in 7 departments — POST /api/v1/inspectors (gateway, admin token);
//   6. 100,000 staff, one .csv sheet of 10 rows per institution — POST /api/v1/institutions/:id/staff/import;
//   7. 1,000,000 roster rows for one month, 100 children per institution — PUT /api/v1/institutions/:id/rosters/:month.
// Each step reports count, seconds, rows/s and refusals (expected: none; a sample of each refusal is
// printed with its code, ID numbers redacted). Data from bench/generate.mjs provinceDataset: same seed → same data set.
//
//   BENCH_PROVINCE_SCALE (default 1; 0.01 → 100 institutions, 1,000 staff, 10,000 roster rows, 50 inspectors)
//   BENCH_PROVINCE_SEED (default 20261122), BENCH_PROVINCE_MONTH (default 2026-11: the roster month)
//   BENCH_PROVINCE_CONCURRENCY (default 8 requests in flight per step)
//   BENCH_PROVINCE_HASH_ONLY=1: print the data set's SHA-256 and stop (no platform started)
//
// Full scale takes well over 15 minutes on a 2-core machine, so `npm run bench` leaves it out; name it.
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { RpcClient } from '../libs/messaging/dist/index.js';
import { datasetHash, PROVINCE_MONTH, provinceDataset } from './generate.mjs';
import { note as noteFor, row, writeResult } from './lib/infra.mjs';
import { adminToken, startBenchStack } from './lib/stack.mjs';

const SCALE = Number(process.env.BENCH_PROVINCE_SCALE ?? 1);
const SEED = Number(process.env.BENCH_PROVINCE_SEED ?? 20261122);
const MONTH = process.env.BENCH_PROVINCE_MONTH ?? PROVINCE_MONTH;
const CONCURRENCY = Number(process.env.BENCH_PROVINCE_CONCURRENCY ?? 8);
const OPEN_DAYS = 22;
const note = noteFor('province');
if (!(SCALE > 0) || !Number.isInteger(SEED) || !/^\d{4}-\d{2}$/.test(MONTH) || !(CONCURRENCY >= 1)) {
  console.error('bench province: BENCH_PROVINCE_SCALE > 0, BENCH_PROVINCE_SEED an integer, BENCH_PROVINCE_MONTH YYYY-MM, BENCH_PROVINCE_CONCURRENCY ≥ 1');
  process.exit(2);
}

const dataset = provinceDataset({ seed: SEED, scale: SCALE, month: MONTH });
const { sizes } = dataset;
const hashed = datasetHash(dataset);
note(
  `data set: seed ${SEED}, scale ${SCALE}, month ${MONTH}: ${sizes.institutions} institutions, ${sizes.staff} staff, ${sizes.rosterRows} roster rows, ${sizes.inspectors} inspectors; sha256 ${hashed.sha256} (generated in ${hashed.seconds.toFixed(1)} s)`,
);
if (process.env.BENCH_PROVINCE_HASH_ONLY) process.exit(0);

/** A refusal as printed and stored: code, message and field problems, any ID number redacted. */
const redact = (text) => String(text).replace(/\d{17}[\dXx]/g, '[ID]');
const sampleOf = (code, message, details) => ({
  code,
  message: redact(message).slice(0, 300),
  details: (details ?? []).slice(0, 3).map((d) => ({ field: d.field, code: d.code, message: redact(d.message).slice(0, 200) })),
});

/**
 * Runs `work(i)` for i < count with CONCURRENCY in flight. `work` returns { rows, refused: [sample…] }
 * or throws (a whole request refused: one sample, its rows counted as refused).
 */
async function step(name, count, rowsPerItem, work) {
  let next = 0;
  let rows = 0;
  let refusedRows = 0;
  let failedRequests = 0;
  const samples = [];
  const keep = (s) => {
    if (samples.length < 5) samples.push(s);
  };
  const started = performance.now();
  let lastProgress = started;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) {
        const i = next++;
        try {
          const r = await work(i);
          rows += r.rows;
          refusedRows += r.refused.length;
          r.refused.forEach(keep);
        } catch (e) {
          failedRequests++;
          refusedRows += rowsPerItem;
          keep(sampleOf(e.code ?? 'ERROR', e.message, e.details));
        }
        if (performance.now() - lastProgress > 30_000) {
          lastProgress = performance.now();
          note(`  ${name}: ${next}/${count} after ${((lastProgress - started) / 1000).toFixed(0)} s`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const result = {
    step: name,
    requests: count,
    rows,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(rows / seconds),
    refusedRows,
    failedRequests,
    samples,
  };
  note(
    `${name}: ${rows} rows in ${count} requests, ${result.seconds} s, ${result.rowsPerSecond} rows/s, refused rows ${refusedRows}, failed requests ${failedRequests}`,
  );
  for (const s of samples) note(`  refused: ${JSON.stringify(s)}`);
  return result;
}

const PROVINCES = ['330000', '370000'];
const authorityActor = (nature) =>
  nature === 'for_profit'
    ? { department: 'market', role: 'official', userId: 'bench-market-system', divisions: PROVINCES }
    : { department: 'civil', role: 'official', userId: 'bench-civil-system', divisions: PROVINCES };
const healthActor = { department: 'health', role: 'official', userId: 'bench-health-system', divisions: PROVINCES };

const stack = await startBenchStack({
  name: 'province',
  services: ['registry', 'inspection', 'staff', 'credit', 'subsidy'],
  pgSettings: { shared_buffers: '256MB' },
});
const nc = await connect({ servers: stack.nats.url });
const rpc = new RpcClient(nc, 60_000, 'bench', stack.signer);
const db = new pg.Client({ connectionString: stack.pg.url });
await db.connect();
const steps = [];
const started = performance.now();
try {
  const token = await adminToken(stack);
  const auth = { authorization: `Bearer ${token}` };
  /** One gateway call; a non-2xx reply throws its error body (code, message, details). */
  const http = async (method, path, body, headers = {}) => {
    const res = await fetch(`${stack.base}${path}`, { method, headers: { ...auth, ...headers }, body });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { code: `HTTP_${res.status}`, message: text };
    }
    if (!res.ok) throw Object.assign(new Error(json.message ?? `HTTP ${res.status}`), { code: json.code ?? `HTTP_${res.status}`, details: json.details });
    return json;
  };

  const ids = new Array(sizes.institutions);
  const natures = new Array(sizes.institutions);
  steps.push(
    await step('register institutions (registry.institution.register)', sizes.institutions, 1, async (k) => {
      const body = dataset.institution(k);
      natures[k] = body.nature;
      ids[k] = (await rpc.request('registry.institution.register', body, { actor: authorityActor(body.nature), timeoutMs: 60_000 })).id;
      return { rows: 1, refused: [] };
    }),
  );
  const filingIds = new Array(sizes.institutions);
  steps.push(
    await step('submit filings (registry.filing.submit)', sizes.institutions, 1, async (k) => {
      if (!ids[k]) throw Object.assign(new Error('not registered'), { code: 'SKIPPED' });
      filingIds[k] = (
        await rpc.request('registry.filing.submit', { institutionId: ids[k], ...dataset.filing(k) }, { actor: authorityActor(natures[k]), timeoutMs: 60_000 })
      ).id;
      return { rows: 1, refused: [] };
    }),
  );
  steps.push(
    await step('approve filings (registry.filing.decide)', sizes.institutions, 1, async (k) => {
      if (!filingIds[k]) throw Object.assign(new Error('no filing'), { code: 'SKIPPED' });
      const view = await rpc.request(
        'registry.filing.decide',
        { id: filingIds[k], decision: 'approve', comment: '材料齐全，准予备案' },
        { actor: healthActor, timeoutMs: 60_000 },
      );
      return view.status === 'approved' ? { rows: 1, refused: [] } : { rows: 0, refused: [sampleOf('NOT_APPROVED', `filing status ${view.status}`)] };
    }),
  );

  // The replicas follow the registry's events (outbox → JetStream → each service's durable consumer).
  // Counted in each service's own table: an observation, not a load path.
  {
    const t = performance.now();
    const queries = {
      staff: 'SELECT count(*)::int AS n FROM staff.institution_replica',
      subsidy: "SELECT count(*)::int AS n FROM subsidy.institution_replica WHERE status = 'filed'",
      inspection: "SELECT count(*)::int AS n FROM inspection.institution WHERE status = 'filed'",
    };
    const reached = {};
    const deadline = Date.now() + Math.max(300_000, sizes.institutions * 100);
    let counts = {};
    let lastNote = 0;
    while (Object.keys(reached).length < 3 && Date.now() < deadline) {
      for (const [service, sql] of Object.entries(queries)) {
        if (service in reached) continue;
        counts[service] = (await db.query(sql)).rows[0].n;
        if (counts[service] >= sizes.institutions) reached[service] = Number(((performance.now() - t) / 1000).toFixed(1));
      }
      if (Date.now() - lastNote > 30_000) {
        lastNote = Date.now();
        note(`  replicas: ${JSON.stringify(counts)}`);
      }
      if (Object.keys(reached).length < 3) await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (performance.now() - t) / 1000;
    const missing = Object.keys(queries).filter((s) => !(s in reached));
    const result = {
      step: 'replicas reach staff, subsidy (filed), inspection (filed)',
      requests: 0,
      rows: sizes.institutions * 3,
      seconds: Number(seconds.toFixed(1)),
      rowsPerSecond: null,
      lag: true,
      refusedRows: 0,
      failedRequests: missing.length,
      samples: missing.map((s) => sampleOf('REPLICA_TIMEOUT', `${s}: ${counts[s]} of ${sizes.institutions}`)),
      reachedAfterSeconds: reached,
    };
    note(`replicas after the last approval: ${JSON.stringify(reached)} s${missing.length ? `; MISSING ${JSON.stringify(counts)}` : ''}`);
    steps.push(result);
  }

  steps.push(
    await step('add inspectors (POST /api/v1/inspectors)', sizes.inspectors, 1, async (n) => {
      await http('POST', '/api/v1/inspectors', JSON.stringify(dataset.inspector(n)), { 'content-type': 'application/json' });
      return { rows: 1, refused: [] };
    }),
  );

  const perStaff = sizes.staff / sizes.institutions;
  steps.push(
    await step('import staff .csv (POST /api/v1/institutions/:id/staff/import)', sizes.institutions, perStaff, async (k) => {
      if (!ids[k]) throw Object.assign(new Error('not registered'), { code: 'SKIPPED' });
      const form = new FormData();
      form.append('file', new Blob([dataset.staffCsv(k)], { type: 'text/csv' }), `staff-${k}.csv`);
      const result = await http('POST', `/api/v1/institutions/${ids[k]}/staff/import`, form);
      return {
        rows: result.accepted.length,
        refused: result.rejected.map((r) => sampleOf(r.problems?.[0]?.code ?? 'REJECTED', `row ${r.rowNumber}`, r.problems)),
      };
    }),
  );

  const perRoster = sizes.rosterRows / sizes.institutions;
  steps.push(
    await step(`submit rosters ${MONTH} (PUT /api/v1/institutions/:id/rosters/:month)`, sizes.institutions, perRoster, async (k) => {
      if (!ids[k]) throw Object.assign(new Error('not registered'), { code: 'SKIPPED' });
      const roster = await http(
        'PUT',
        `/api/v1/institutions/${ids[k]}/rosters/${MONTH}`,
        JSON.stringify({ openDays: OPEN_DAYS, children: dataset.rosterChildren(k) }),
        { 'content-type': 'application/json' },
      );
      const flags = (roster.flags ?? []).map((f) => sampleOf(`FLAG_${f.code}`, f.message));
      return { rows: roster.totalChildren, refused: flags };
    }),
  );
} finally {
  await db.end();
  await nc.close();
  await stack.stop();
}

const totalSeconds = (performance.now() - started) / 1000;
const fmt = (n) => n.toLocaleString('en-US');
const rows = steps.map((s) =>
  row({
    name: `Province load (scale ${SCALE}): ${s.step}, ${fmt(s.rows)} rows`,
    baselineName: '—',
    baseline: NaN,
    // The replica step's figure is its lag: seconds from the last approval until every copy is there.
    figure: s.lag ? s.seconds : s.rowsPerSecond,
    unit: s.lag ? 's after the last approval' : 'rows/s',
    goal: '0 refused',
    met: s.refusedRows === 0 && s.failedRequests === 0,
    seconds: s.seconds,
  }),
);
const refused = steps.reduce((n, s) => n + s.refusedRows + s.failedRequests, 0);
note(`total ${totalSeconds.toFixed(0)} s (with the stack's start and stop); ${refused ? `${refused} refusals — see above` : 'nothing refused'}`);
writeResult('province', {
  benchmark: 'province',
  date: new Date().toISOString(),
  scale: SCALE,
  seed: SEED,
  month: MONTH,
  concurrency: CONCURRENCY,
  sizes,
  datasetSha256: hashed.sha256,
  totalSeconds: Math.round(totalSeconds),
  steps,
  rows,
});
