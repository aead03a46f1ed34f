// 双随机 at province scale: BENCH_DRAW_INSTITUTIONS (default 100,000) filed institutions in one
// county, BENCH_DRAW_INSPECTORS (default 5,000) inspectors in 7 departments, 2 per department per
// drawn institution, the 2026 policy's sampling ratios by credit grade.
//
// The inspection service runs in this process (its outbox relay off). Its projection tables
// (institution, institution_grade, inspector, inspector_conflict) are filled with INSERT … SELECT:
// the platform has no bulk path for them (they are replicas fed one event at a time by registry
// and credit, and inspectors are added one by one), and loading is not what is measured. The
// plan is then committed and drawn through the service's own use cases (CommitPlan, DrawPlan:
// the code behind inspection.plan.commit / .draw, minus the NATS hop), each timed; then the whole
// pool and the whole result are read as anyone reads them (GetPlanPool / GetPlanDraws, pages of
// 500: the code behind …/pool and …/draws), and the plans that drew one institution (its public page).
// Baselines in the same process and run: the pure draw function on the same published input
// (the algorithm alone), and a plain Math.random Fisher–Yates selection of the same sizes.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchIdentity, note as noteFor, root, row, startInfra, writeResult } from './lib/infra.mjs';

const INSTITUTIONS = Number(process.env.BENCH_DRAW_INSTITUTIONS ?? 100_000);
const INSPECTORS = Number(process.env.BENCH_DRAW_INSPECTORS ?? 5_000);
const DEPARTMENTS = ['health', 'market', 'fire', 'police', 'education', 'hrss', 'street'];
const COUNTY = '330106';
const STREETS = ['330106001', '330106002', '330106004', '330106005', '330106008', '330106109'];
const NATS_MAX_PAYLOAD = 1024 * 1024; // deploy/nats/nats.conf and nats-server's default
const note = noteFor('draw');
const dist = (p) => import(pathToFileURL(path.join(root, 'services/inspection/dist', p)).href);

const { startInspection } = await dist('app.js');
const { CommitPlan } = await dist('plans/commit-plan.use-case.js');
const { DrawPlan } = await dist('plans/draw-plan.use-case.js');
const { GetInstitutionPlanDraws, GetPlanDraws, GetPlanPool } = await dist('plans/plan.queries.js');
const { draw, rebuildDrawInput, poolHashOf } = await dist('draw/draw.js');

const infra = await startInfra('draw');
const inspection = await startInspection(
  {
    DATABASE_URL: infra.pg.url,
    NATS_URL: infra.nats.url,
    IDENTITY_PUBLIC_KEY: (await benchIdentity()).IDENTITY_PUBLIC_KEY,
    INSPECTION_DB_SCHEMA: 'inspection',
    SHANYU_MODE: 'test',
    LOG_LEVEL: 'warn',
    RPC_TIMEOUT_MS: 60_000,
    INSPECTION_SWEEP_INTERVAL_MS: 0,
  },
  { relay: false },
);
const ds = inspection.runtime.dataSource;
const rows = [];
const extra = {};
try {
  let t = performance.now();
  await ds.query(
    `INSERT INTO inspection.institution (id, name, division_code, status, operator_type, total_places, source_version)
     SELECT md5('inst' || i)::uuid, '基准托育机构' || i, ($2::text[])[1 + i % array_length($2::text[], 1)], 'filed', 'private', 100, 1
     FROM generate_series(1, $1) AS i`,
    [INSTITUTIONS, STREETS],
  );
  // Grades: 20% A, 60% B (also the default when credit has sent nothing), 15% C, 5% D.
  await ds.query(
    `INSERT INTO inspection.institution_grade (institution_id, grade, changed_at, event_id)
     SELECT md5('inst' || i)::uuid, CASE WHEN i % 20 < 4 THEN 'A' WHEN i % 20 < 16 THEN 'B' WHEN i % 20 < 19 THEN 'C' ELSE 'D' END, now(), md5('grade' || i)::uuid
     FROM generate_series(1, $1) AS i`,
    [INSTITUTIONS],
  );
  await ds.query(
    `INSERT INTO inspection.inspector (id, department, name, badge_no, division_codes, active)
     SELECT md5('insp' || i)::uuid, ($2::text[])[1 + i % array_length($2::text[], 1)], '执法人员' || i, 'B' || i, ARRAY[$3::text], true
     FROM generate_series(1, $1) AS i`,
    [INSPECTORS, DEPARTMENTS, COUNTY],
  );
  // 回避: one conflict per 100 institutions (an inspector related to it).
  await ds.query(
    `INSERT INTO inspection.inspector_conflict (inspector_id, institution_id, reason, recorded_by)
     SELECT md5('insp' || (1 + i % $2))::uuid, md5('inst' || i)::uuid, '亲属关系', '{"department":"health","userId":"bench"}'::jsonb
     FROM generate_series(1, $1, 100) AS i`,
    [INSTITUTIONS, INSPECTORS],
  );
  await ds.query('ANALYZE');
  note(
    `seeded ${INSTITUTIONS} institutions, ${INSPECTORS} inspectors in ${DEPARTMENTS.length} departments in ${Math.round(performance.now() - t)} ms (INSERT … SELECT into the service's projections)`,
  );

  const actor = { department: 'health', role: 'official', userId: 'bench', divisions: [COUNTY] };
  const commitPlan = inspection.app.get(CommitPlan);
  const drawPlan = inspection.app.get(DrawPlan);
  t = performance.now();
  const committed = await commitPlan.execute(
    { divisionCode: COUNTY, periodFrom: '2026-12-01', periodTo: '2026-12-31', departments: DEPARTMENTS },
    actor,
    'bench-commit',
  );
  const commitMs = performance.now() - t;
  note(`committed a pool of ${committed.pool.institutions} institutions in ${Math.round(commitMs)} ms`);

  t = performance.now();
  const drawn = await drawPlan.execute({ id: committed.id, publicEntropy: '2026-12-01 福彩3D 5 8 1' }, actor, 'bench-draw');
  const drawMs = performance.now() - t;
  const drawnCount = drawn.result.institutions;
  note(`drew ${drawnCount} institutions × ${DEPARTMENTS.length} departments × 2 inspectors in ${Math.round(drawMs)} ms (DrawPlan use case)`);

  // The pool and the result as anyone reads them: pages of 500 (the largest allowed), timed and sized.
  const PAGE = 500;
  const pageThrough = async (query, total) => {
    const items = [];
    let largest = 0;
    const started = performance.now();
    for (let page = 1; (page - 1) * PAGE < total; page++) {
      const reply = await query.execute({ id: committed.id, page, pageSize: PAGE }, null);
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify({ ok: true, data: reply })));
      items.push(...reply.items);
    }
    return { items, largest, ms: performance.now() - started };
  };
  const poolPages = await pageThrough(inspection.app.get(GetPlanPool), committed.pool.institutions);
  const drawPages = await pageThrough(inspection.app.get(GetPlanDraws), drawnCount);
  note(
    `paged through the pool (${poolPages.items.length}) in ${Math.round(poolPages.ms)} ms and the result (${drawPages.items.length}) in ${Math.round(drawPages.ms)} ms, ${PAGE} per page`,
  );
  // The public institution page: the plans that drew one institution (the last one drawn), one query.
  const institutionDraws = inspection.app.get(GetInstitutionPlanDraws);
  t = performance.now();
  const drewLast = await institutionDraws.execute({ institutionId: drawPages.items.at(-1).institutionId, page: 1, pageSize: 20 });
  const drawsOfInstitutionMs = performance.now() - t;
  if (drewLast.items[0]?.position !== drawnCount) throw new Error('the plans that drew the last drawn institution do not show it last in the draw order');
  note(`plans that drew one institution: ${drewLast.total} in ${drawsOfInstitutionMs.toFixed(1)} ms`);
  const drawInput = rebuildDrawInput(committed.drawInput, poolPages.items);
  if (poolHashOf(drawInput) !== committed.poolHash) throw new Error('the pool rebuilt from its pages does not hash to poolHash');

  // Baseline 1: the published algorithm alone, on the same input (HMAC stream, conflict and last-time filters).
  t = performance.now();
  const again = draw(drawInput, drawn.seed, drawn.publicEntropy);
  const pureMs = performance.now() - t;
  if (again.length !== drawnCount) throw new Error('re-running the draw gave a different number of institutions');
  // Baseline 2: a plain Math.random partial Fisher–Yates over the same pool and inspector lists.
  t = performance.now();
  const pool = drawInput.institutions.map((i) => i.id);
  const pick = (list, k) => {
    const a = list.slice();
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(Math.random() * (a.length - i));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.slice(0, k);
  };
  const chosen = pick(pool, drawnCount);
  for (const _ of chosen) for (const d of DEPARTMENTS) pick(drawInput.inspectors[d], 2);
  const plainMs = performance.now() - t;

  // The drawn event comes in parts (one outbox row each): the largest part is what must fit.
  const drawEnvelopes = await ds.query(
    `SELECT octet_length(envelope::text) AS bytes FROM inspection.outbox WHERE subject LIKE '%plan.drawn%' AND envelope->>'entityId' = $1`,
    [committed.id],
  );
  const replyBytes = Math.max(Buffer.byteLength(JSON.stringify({ ok: true, data: committed })), Buffer.byteLength(JSON.stringify({ ok: true, data: drawn })));
  extra.drawnInstitutions = drawnCount;
  extra.commitMs = Math.round(commitMs);
  extra.replyBytes = replyBytes;
  extra.drawnEventParts = drawEnvelopes.length;
  extra.drawnEventBytes = Math.max(...drawEnvelopes.map((e) => Number(e.bytes)));
  extra.drawnEventBytesTotal = drawEnvelopes.reduce((sum, e) => sum + Number(e.bytes), 0);
  extra.poolPageBytes = poolPages.largest;
  extra.drawsPageBytes = drawPages.largest;
  extra.poolPagesMs = Math.round(poolPages.ms);
  extra.drawsPagesMs = Math.round(drawPages.ms);
  extra.drawsOfInstitutionMs = Number(drawsOfInstitutionMs.toFixed(1));
  extra.natsMaxPayload = NATS_MAX_PAYLOAD;
  const largest = Math.max(replyBytes, extra.drawnEventBytes, poolPages.largest, drawPages.largest);
  note(
    `pure draw() ${Math.round(pureMs)} ms, plain shuffle ${plainMs.toFixed(1)} ms; largest commit/draw reply ${(replyBytes / 1e3).toFixed(1)} kB, ` +
      `pool page ${(poolPages.largest / 1e3).toFixed(1)} kB, draws page ${(drawPages.largest / 1e3).toFixed(1)} kB (${PAGE} per page), ` +
      `evt plan.drawn ${drawEnvelopes.length} parts, largest ${(extra.drawnEventBytes / 1e3).toFixed(1)} kB (NATS max_payload 1 MB)`,
  );

  // Can the relay publish every part of the drawn event? (max_payload of this nats-server: its default, 1 MB.)
  try {
    while ((await inspection.runtime.relay.publishBatch()) > 0);
    const [left] = await ds.query(`SELECT count(*)::int AS n FROM inspection.outbox WHERE published_at IS NULL`);
    extra.relay = left.n === 0 ? 'published' : `failed: ${left.n} events left unpublished`;
  } catch (e) {
    extra.relay = `failed: ${e?.message ?? e}`;
  }
  note(`outbox relay on the drawn event's parts: ${extra.relay}`);

  const label = `${INSTITUTIONS.toLocaleString('en-US')} inst. / ${INSPECTORS.toLocaleString('en-US')} inspectors / 7 depts`;
  rows.push(
    row({
      name: `Random draw, DrawPlan use case (${label})`,
      baselineName: 'pure draw() on the same input',
      baseline: pureMs,
      figure: drawMs,
      unit: 'ms',
      goal: '≤ 1,000 ms',
      met: drawMs <= 1_000,
    }),
  );
  rows.push(
    row({
      name: `Random draw, pure draw() algorithm (${label})`,
      baselineName: 'Math.random Fisher–Yates, same sizes',
      baseline: plainMs,
      figure: pureMs,
      unit: 'ms',
      goal: 'information',
      met: null,
    }),
  );
  rows.push(
    row({
      name: `Commit plan (pool, grades, conflicts, hash; ${label})`,
      baselineName: '—',
      baseline: NaN,
      figure: commitMs,
      unit: 'ms',
      goal: 'information',
      met: null,
    }),
  );
  rows.push(
    row({
      name: `Page through the whole pool (${PAGE} per page, ${poolPages.items.length.toLocaleString('en-US')} inst.)`,
      baselineName: '—',
      baseline: NaN,
      figure: poolPages.ms,
      unit: 'ms',
      goal: 'information',
      met: null,
    }),
  );
  rows.push(
    row({
      name: `Page through the whole result (${PAGE} per page, ${drawPages.items.length.toLocaleString('en-US')} drawn)`,
      baselineName: '—',
      baseline: NaN,
      figure: drawPages.ms,
      unit: 'ms',
      goal: 'information',
      met: null,
    }),
  );
  rows.push(
    row({
      name: `Largest draw reply / pool or draws page (500) / plan.drawn part (${label})`,
      baselineName: 'NATS max_payload',
      baseline: NATS_MAX_PAYLOAD / 1e6,
      figure: largest / 1e6,
      unit: 'MB',
      goal: '≤ max_payload',
      met: largest <= NATS_MAX_PAYLOAD && extra.relay === 'published',
    }),
  );
} finally {
  await inspection.stop();
  await infra.stop();
}
writeResult('draw', {
  benchmark: 'draw',
  date: new Date().toISOString(),
  sizes: { institutions: INSTITUTIONS, inspectors: INSPECTORS, departments: DEPARTMENTS.length },
  ...extra,
  rows,
});
