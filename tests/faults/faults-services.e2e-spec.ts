// The fault suite (issue 9 §1) across every service: registry, inspection, staff, credit, subsidy
// and the gateway run as child processes (their built code) on the run's PostgreSQL and
// nats-server; a stream of work goes through HTTP as the demo accounts — registrations, filings
// and approvals, staff registrations, joint inspections with results and sign-off (findings),
// roster submissions, and a subsidy run — while nats-server, each service and PostgreSQL are
// killed with SIGKILL in turn and restarted. Then everything is counted, per service:
//  - its outbox drains (nothing pending) and each outbox row is in EVENTS (a dead letter: in DEADLETTER) exactly once (Nats-Msg-Id);
//  - each of its consumers took every event of this run on its subjects, exactly once (the inbox);
//  - credit: no source event in the ledger twice, one entry for each approval, finding and clean
//    inspection; inspection: every acknowledged item value is one result version, every upload after
//    sign-off one late result (none lost, none twice after retries); subsidy: no line twice for a (run, institution, child, policy, rule), the run completes;
//  - every HTTP 2xx is durable (the rows exist); no HTTP 500 (503 / 504 while something is down are fine).
import { randomUUID } from 'node:crypto';
import { makeResidentId, shanghaiToday } from '@shanyu/common';
import { DEAD_LETTER_STREAM, EVENT_STREAM } from '@shanyu/contracts';
import { connectNats } from '@shanyu/messaging';
import { createServiceDataSource } from '@shanyu/persistence';
import { compliantFilingSubmission, eventually, institutionRequest, testNatsUrl, uniqueSchema } from '@shanyu/testing';
import { type ConsumerInfo, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInStream, FaultRig, type Outcome, type ServiceProcess, sleep, subjectMatches } from './support.js';

const PASSWORD = 'fault-demo-password';
const WORKERS = Number(process.env.SHANYU_FAULT_SERVICE_WORKERS ?? 3);
/** This file's institutions and its subsidy run are in 灵隐街道, which no other test file uses. */
const STREET = '330106014';
const MONTH = shanghaiToday().slice(0, 7);
/** The NATS services, in the order they are killed; the gateway is killed after them. */
const SERVICES = ['registry', 'inspection', 'staff', 'credit', 'subsidy'] as const;
type Service = (typeof SERVICES)[number] | 'gateway';
const ALL: Service[] = [...SERVICES, 'gateway'];
const SCHEMA_VAR: Record<Service, string> = {
  registry: 'REGISTRY_DB_SCHEMA',
  inspection: 'INSPECTION_DB_SCHEMA',
  staff: 'STAFF_DB_SCHEMA',
  credit: 'CREDIT_DB_SCHEMA',
  subsidy: 'SUBSIDY_DB_SCHEMA',
  gateway: 'GATEWAY_DB_SCHEMA',
};

/** Refusals while a service has not yet taken the registry's events about the institution. */
const REPLICA_LAG = ['INSTITUTION_NOT_FOUND', 'INSTITUTION_NOT_FILED'];

let idSequence = 100 + Math.floor(Math.random() * 500);
/** A valid resident ID number (西湖区), new each call: an adult's for staff, a child's for rosters. */
function residentId(child: boolean): string {
  idSequence = idSequence >= 998 ? 100 : idSequence + 1;
  const birth = child
    ? `${Number(MONTH.slice(0, 4)) - 1}0${1 + (idSequence % 9)}1${idSequence % 10}`
    : `19${80 + (idSequence % 19)}0${1 + (idSequence % 9)}1${idSequence % 10}`;
  return makeResidentId(`330106${birth}${idSequence}`);
}

describe('faults across every service: kill -9 of nats-server, each service and PostgreSQL under load — nothing lost, nothing twice', () => {
  // This file kills PostgreSQL: a cluster of its own (the rig's), so that no other file running meanwhile sees it go.
  const rig = new FaultRig('faults-services');
  const { http, logDir } = rig;
  const schemas = Object.fromEntries(ALL.map((s) => [s, uniqueSchema(s)])) as Record<Service, string>;
  const procs = {} as Record<Service, ServiceProcess>;
  const dbs = {} as Record<Service, DataSource>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const tokens: Record<string, string> = {};
  const fireInspectors: string[] = [];
  const acknowledged = {
    institutions: [] as string[],
    filings: [] as string[],
    approvals: [] as string[],
    staff: [] as string[],
    inspections: [] as string[],
    results: [] as string[],
    completed: [] as { id: string; findings: number }[],
    /** Item results the server acknowledged (`<inspection>/<item>`), and results it kept as late (after sign-off). */
    resultItems: [] as string[],
    lateResults: [] as string[],
    rosters: [] as { institutionId: string; version: number }[],
    runs: [] as string[],
  };
  let stopLoad = false;

  /** Whether a durable consumer is one of a service's (their names start with the schema: `<schema>-<purpose>`). */
  const consumerOf = (name: string, s: Service) => name.startsWith(`${schemas[s]}-`);
  const ourConsumers = async () => {
    const out: ConsumerInfo[] = [];
    for await (const c of jsm.consumers.list(EVENT_STREAM)) if (ALL.some((s) => consumerOf(c.name, s))) out.push(c);
    return out;
  };

  const sql = <T = Record<string, any>>(service: Service, query: string, params: unknown[] = []) =>
    dbs[service].query(query.replace(/\$schema/g, `"${schemas[service]}"`), params) as Promise<T[]>;

  /**
   * One step of the work: retried while it fails (something is down) — and, for a step that needs
   * another service's copy of the institution, while that copy is missing — until it succeeds or 20 s pass.
   */
  async function step(
    method: string,
    url: string,
    user: string,
    body: unknown,
    needsReplica = false,
  ): Promise<{ outcome: Outcome; body?: Record<string, any> }> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const res = await http.call(method, url, tokens[user]!, body);
      if (res.outcome === 'ok' || stopLoad || Date.now() > deadline) return res;
      if (res.outcome === 'refused' && !(needsReplica && REPLICA_LAG.includes(String(res.body?.code)))) return res;
      await sleep(300);
    }
  }

  /** Register → file → approve → a staff member → an inspection (results, sign-off) → a roster, while the load runs. */
  async function worker(n: number): Promise<void> {
    for (let round = 0; !stopLoad; round++) {
      const reg = await http.call(
        'POST',
        '/api/v1/institutions',
        tokens.operator!,
        institutionRequest({
          name: `故障测试${randomUUID().slice(0, 6)}托育园`,
          divisionCode: STREET,
          address: '杭州市西湖区灵隐街道曙光路 1 号',
        }),
      );
      if (reg.outcome !== 'ok') {
        await sleep(200);
        continue;
      }
      const institutionId = String(reg.body!.id);
      acknowledged.institutions.push(institutionId);
      const filing = await step('POST', `/api/v1/institutions/${institutionId}/filings`, 'operator', compliantFilingSubmission());
      if (filing.outcome !== 'ok') continue;
      acknowledged.filings.push(String(filing.body!.id));
      const decision = await step('POST', `/api/v1/filings/${filing.body!.id}/decision`, 'health', { decision: 'approve' });
      if (decision.outcome !== 'ok') continue;
      acknowledged.approvals.push(String(filing.body!.id));

      const staff = await step(
        'POST',
        `/api/v1/institutions/${institutionId}/staff`,
        'operator',
        {
          name: '王丽',
          idNumber: residentId(false),
          role: 'cook',
          startDate: shanghaiToday(),
        },
        true,
      );
      if (staff.outcome === 'ok') acknowledged.staff.push(String(staff.body!.id));

      await inspect(institutionId, (n + round) % 2 === 0);

      const roster = await step(
        'PUT',
        `/api/v1/institutions/${institutionId}/rosters/${MONTH}`,
        'operator',
        {
          openDays: 20,
          children: [
            { idNumber: residentId(true), birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 18 },
            { idNumber: residentId(true), birthOrder: 2, classType: 'toddler', careForm: 'half_day', daysAttended: 20 },
          ],
        },
        true,
      );
      if (roster.outcome === 'ok') acknowledged.rosters.push({ institutionId, version: Number(roster.body!.version) });
    }
  }

  /** A fire-safety visit (消防): every item passes, or one fails (a finding); signed off by the inspector. */
  async function inspect(institutionId: string, withFinding: boolean): Promise<void> {
    const created = await step(
      'POST',
      '/api/v1/inspections',
      'fire',
      { institutionId, departments: [{ department: 'fire', inspectorIds: fireInspectors }] },
      true,
    );
    if (created.outcome !== 'ok') return;
    const id = String(created.body!.id);
    acknowledged.inspections.push(id);
    const form = await step('GET', `/api/v1/inspections/${id}/form`, 'fire', undefined);
    if (form.outcome !== 'ok') return;
    const items = (form.body!.areas as { items: { code: string; department: string }[] }[]).flatMap((a) => a.items).filter((i) => i.department === 'fire');
    const results = items.map((item, i) => ({
      itemCode: item.code,
      baseVersion: 0,
      deviceId: 'fault-phone-1',
      ...(withFinding && i === items.length - 1 ? { result: 'fail', note: '无防火巡查记录' } : { result: 'pass' }),
    }));
    // A retried write (its first answer lost to a kill) must not add a second version.
    const recorded = await step('PUT', `/api/v1/inspections/${id}/results`, 'inspector', { results });
    if (recorded.outcome !== 'ok') return;
    acknowledged.results.push(id);
    acknowledged.resultItems.push(...items.map((item) => `${id}/${item.code}`));
    const signed = await step('POST', `/api/v1/inspections/${id}/sign-off`, 'inspector', { comment: '已现场核查' });
    if (signed.outcome !== 'ok' || signed.body!.status !== 'completed') return;
    acknowledged.completed.push({ id, findings: withFinding ? 1 : 0 });
    // A second phone, offline until now, uploads what it recorded before the sign-off: kept as a late result, once.
    const late = await step('PUT', `/api/v1/inspections/${id}/results`, 'inspector', {
      results: [
        {
          itemCode: items[0]!.code,
          result: 'fail',
          note: '离线记录：疏散通道堆放杂物',
          baseVersion: 0,
          deviceId: 'fault-phone-2',
          recordedAt: new Date(Date.now() - 60_000).toISOString(),
        },
      ],
    });
    if (late.outcome === 'ok' && (late.body!.outcomes as { status: string }[])[0]?.status === 'late') acknowledged.lateResults.push(`${id}/${items[0]!.code}`);
  }

  const up = (service: Service) => (service === 'gateway' ? rig.gatewayUp() : rig.pingUp(nc, service));

  beforeAll(async () => {
    const started = Date.now();
    await rig.start();
    const { databaseUrl } = rig;
    const common = { ...rig.commonEnv(), SHANYU_MODE: 'test' };
    const extra: Record<Service, Record<string, string>> = {
      registry: {},
      inspection: { INSPECTION_SWEEP_INTERVAL_MS: '0' },
      staff: { STAFF_REMINDER_INTERVAL_MS: '0' },
      credit: { CREDIT_SWEEP_INTERVAL_MS: '0' },
      // Small batches and a short lease: the run spans several transactions, and a restarted
      // instance takes over the killed one's run quickly.
      subsidy: { SUBSIDY_RUN_BATCH_SIZE: '2', SUBSIDY_RUN_LEASE_MS: '1000', SUBSIDY_BUILTIN_POLICIES: 'on' },
      gateway: rig.gatewayEnv(PASSWORD, SERVICES),
    };
    for (const s of ALL) procs[s] = rig.service(s, { ...common, [SCHEMA_VAR[s]]: schemas[s], ...extra[s] });
    nc = await connectNats(testNatsUrl(), 'faults-services-test');
    jsm = await jetstreamManager(nc);
    for (const s of SERVICES) procs[s].start();
    await Promise.all(SERVICES.map((s) => up(s)));
    procs.gateway.start();
    await up('gateway');
    for (const [key, user] of [
      ['operator', 'operator.demo'],
      ['health', 'health.330106'],
      ['fire', 'fire.330106'],
      ['inspector', 'fire.inspector1'],
      ['admin', 'admin'],
    ] as const) {
      tokens[key] = await http.login(user, PASSWORD);
    }
    // Two fire inspectors (an inspection needs two per department), the first one the login that records results.
    for (const [i, username] of [
      [1, 'fire.inspector1'],
      [2, null],
    ] as const) {
      const res = await http.call('POST', '/api/v1/inspectors', tokens.admin!, {
        department: 'fire',
        name: `消防执法员${i}`,
        badgeNo: `FIRE-FAULT-${randomUUID().slice(0, 6)}`,
        divisionCodes: ['330106'],
        ...(username ? { username } : {}),
      });
      if (res.outcome !== 'ok') throw new Error(`seeding inspector ${i}: ${JSON.stringify(res.body)}`);
      fireInspectors.push(String(res.body!.id));
    }
    for (const s of ALL) {
      dbs[s] = createServiceDataSource({ url: databaseUrl, schema: schemas[s], entities: [], migrations: [], poolSize: 2 });
      await dbs[s].initialize();
    }
    // The services' new durable consumers read the whole EVENTS stream first (this file's broker:
    // what the services published at start): the load starts once they have caught up.
    const backlog = (await jsm.streams.info(EVENT_STREAM)).state.messages;
    const caughtUp = Date.now();
    await eventually(
      "the services' consumers to catch up with the EVENTS stream",
      async () => {
        const infos = await ourConsumers();
        return infos.length > 0 && infos.every((c) => c.num_pending === 0 && c.num_ack_pending === 0);
      },
      240_000,
      500,
    );
    console.log(`[faults-services] consumers caught up with ${backlog} earlier events in ${((Date.now() - caughtUp) / 1000).toFixed(1)} s`);
    console.log(`[faults-services] built and started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 420_000);

  afterAll(async () => {
    stopLoad = true;
    await rig.restoreKilled();
    await procs.gateway?.stop();
    await Promise.all(SERVICES.map((s) => procs[s]?.stop()));
    await nc?.drain().catch(() => undefined);
    for (const db of Object.values(dbs)) if (db?.isInitialized) await db.destroy().catch(() => undefined);
    await rig.finish();
  });

  it('every acknowledged change is durable; every committed change gives one event and one effect at each consumer; no subsidy line or credit entry twice', async () => {
    rig.startTimeline();
    const load = Array.from({ length: WORKERS }, (_, n) => worker(n));
    let runAtKill: string;
    const killAndRestart = (service: Service, downMs: number) => rig.serviceOutage(procs[service], () => up(service), downMs);
    try {
      rig.mark('warm-up');
      await sleep(8_000);
      await rig.natsOutage(3_000);
      for (const s of ['registry', 'inspection', 'staff', 'credit'] as const) await killAndRestart(s, 1_500);
      // The subsidy run starts once rosters exist, and its service is killed while it computes.
      await eventually('rosters to run on', async () => acknowledged.rosters.length >= 3, 30_000);
      rig.mark('subsidy run started');
      const run = await step('POST', '/api/v1/subsidy/runs', 'health', { month: MONTH, divisionCode: STREET });
      if (run.outcome === 'ok') acknowledged.runs.push(String(run.body!.id));
      else throw new Error(`the subsidy run did not start: ${JSON.stringify(run.body)}`);
      // Killed as soon as the first batch has committed.
      const progress = await eventually(
        'the run to make progress',
        async () => {
          const [row] = await sql('subsidy', `SELECT status, done, total FROM $schema.run WHERE id = $1`, [acknowledged.runs[0]]);
          return row && (row.done > 0 || row.status !== 'computing') ? row : undefined;
        },
        20_000,
        20,
      );
      runAtKill = `${progress.status} ${progress.done}/${progress.total}`;
      await killAndRestart('subsidy', 1_500);
      await killAndRestart('gateway', 1_000);
      await rig.postgresOutage(4_000);
      rig.mark('cool-down');
    } finally {
      stopLoad = true;
      await Promise.all(load);
    }
    const loadSeconds = rig.secondsSinceStart();
    const t1 = Date.now();

    // Quiet: the run computed, every outbox drained and every consumer caught up — until a round
    // adds no event (a consumer's effect may be an event of its own: credit's grade changes).
    const run = await eventually(
      'the subsidy run to be computed',
      async () => {
        const [row] = await sql('subsidy', `SELECT status, done, total, attempt, created_at FROM $schema.run WHERE id = $1`, [acknowledged.runs[0]]);
        return row && row.status !== 'computing' ? row : undefined;
      },
      60_000,
      500,
    );
    const outboxes = {} as Record<Service, { pending: number; total: number }>;
    const consumers = await ourConsumers();
    for (let before = -1, after = 0; before !== after;) {
      before = after;
      for (const s of ALL) {
        outboxes[s] = await eventually(
          `the ${s} outbox to drain`,
          async () => {
            const [row] = await sql<{ pending: number; total: number }>(
              s,
              `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS pending, count(*)::int AS total FROM $schema.outbox`,
            );
            return row!.pending === 0 ? row : undefined;
          },
          90_000,
          500,
        );
      }
      await eventually(
        'every consumer to catch up',
        async () => {
          for (const c of consumers) {
            const info = await jsm.consumers.info(EVENT_STREAM, c.name);
            if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
          }
          return true;
        },
        120_000,
        500,
      );
      after = (await Promise.all(ALL.map((s) => sql<{ n: number }>(s, `SELECT count(*)::int AS n FROM $schema.outbox`)))).reduce((a, [r]) => a + r!.n, 0);
    }

    // Every committed change's event: in EVENTS exactly once, at each consumer on its subject exactly once.
    const events: { id: string; subject: string; service: Service }[] = [];
    for (const s of ALL)
      events.push(...(await sql<{ id: string; subject: string }>(s, `SELECT id, subject FROM $schema.outbox ORDER BY seq`)).map((r) => ({ ...r, service: s })));
    // Credit writes its dead letters (an earlier test file's deliberately bad events, replayed
    // from the stream) through its outbox too: those go to the DEADLETTER stream, not EVENTS.
    const isDeadLetter = (e: { subject: string }) => e.subject.startsWith('dlq.');
    const inStream = new Map([
      ...(await countInStream(
        nc,
        'evt.>',
        events.filter((e) => !isDeadLetter(e)).map((e) => e.id),
      )),
      ...(await countInStream(
        nc,
        'dlq.>',
        events.filter(isDeadLetter).map((e) => e.id),
        DEAD_LETTER_STREAM,
      )),
    ]);
    const report: string[] = [];
    const problems: Record<string, number> = {};
    const problem = (key: string, n: number) => {
      if (n) problems[key] = n;
    };
    for (const s of ALL) {
      const mine = events.filter((e) => e.service === s);
      const missing = mine.filter((e) => !inStream.has(e.id)).length;
      const twice = mine.filter((e) => (inStream.get(e.id) ?? 0) > 1).length;
      problem(`${s}: outbox pending`, outboxes[s].pending);
      problem(`${s}: events missing from EVENTS`, missing);
      problem(`${s}: events twice in EVENTS`, twice);
      const inbox = await sql<{ consumer: string; event_id: string; n: number }>(
        s,
        `SELECT consumer, event_id, count(*)::int AS n FROM $schema.inbox GROUP BY consumer, event_id`,
      );
      const perConsumer: string[] = [];
      for (const c of consumers.filter((x) => consumerOf(x.name, s))) {
        const filter = c.config.filter_subject ?? '>';
        const taken = new Map(inbox.filter((r) => r.consumer === c.name).map((r) => [r.event_id, r.n]));
        const expected = events.filter((e) => subjectMatches(filter, e.subject));
        const absent = expected.filter((e) => !taken.has(e.id)).length;
        const dup = [...taken.values()].filter((n) => n > 1).length;
        problem(`${c.name}: events not taken`, absent);
        problem(`${c.name}: events taken twice`, dup);
        perConsumer.push(`${c.name.slice(schemas[s].length + 1) || c.name} (${filter}) ${expected.length - absent}/${expected.length}, twice ${dup}`);
      }
      report.push(
        `  ${s}: outbox ${outboxes[s].total} (pending ${outboxes[s].pending}); in EVENTS ${mine.length - missing}, missing ${missing}, twice ${twice}; consumers: ${perConsumer.join('; ') || 'none'}`,
      );
    }

    // Credit: the ledger holds no source event twice, and exactly one entry per approval, finding
    // and clean inspection (services/credit/src/events/translate.ts: a completion with findings is none).
    const ledgerTwice = await sql<{ n: number }>(
      'credit',
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM $schema.ledger_entry GROUP BY source_event_id, institution_id, event_type HAVING count(*) > 1) d`,
    );
    const creditSources = [
      ...(await sql<{ id: string; subject: string }>('registry', `SELECT id, subject FROM $schema.outbox WHERE subject = 'evt.registry.filing.approved.v1'`)),
      ...(await sql<{ id: string; subject: string }>(
        'inspection',
        `SELECT id, subject FROM $schema.outbox WHERE subject = 'evt.inspection.finding.recorded.v1'
        OR (subject = 'evt.inspection.inspection.completed.v1' AND jsonb_array_length(envelope->'data'->'findingIds') = 0 AND envelope->'data'->>'basicItemFailed' = 'false')`,
      )),
    ];
    const ledger = new Map(
      (
        await sql<{ source_event_id: string; n: number }>(
          'credit',
          `SELECT source_event_id, count(*)::int AS n FROM $schema.ledger_entry WHERE source_event_id = ANY($1) GROUP BY source_event_id`,
          [creditSources.map((e) => e.id)],
        )
      ).map((r) => [r.source_event_id, r.n]),
    );
    const rejected = (
      await sql<{ n: number }>('credit', `SELECT count(*)::int AS n FROM $schema.rejected_event WHERE event_id = ANY($1)`, [events.map((e) => e.id)])
    )[0]!.n;
    const cleanCompletions = acknowledged.completed.filter((c) => c.findings === 0).length;
    const bySubject = (subject: string) => creditSources.filter((e) => e.subject === subject).length;
    const noEntry = creditSources.filter((e) => !ledger.has(e.id)).length;
    problem('credit: ledger (source event, institution, type) twice', ledgerTwice[0]!.n);
    problem('credit: source event with more than one entry', [...ledger.values()].filter((n) => n > 1).length);
    problem('credit: approval, finding or clean inspection without a ledger entry', noEntry);
    problem('credit: events rejected', rejected);
    report.push(
      `  credit ledger: ${[...ledger.values()].reduce((a, b) => a + b, 0)} entries for ${creditSources.length} source events (${bySubject('evt.registry.filing.approved.v1')} approvals, ` +
        `${bySubject('evt.inspection.finding.recorded.v1')} findings, ${bySubject('evt.inspection.inspection.completed.v1')} clean inspections); ` +
        `(event, institution, type) twice ${ledgerTwice[0]!.n}; without an entry ${noEntry}; rejected events ${rejected}`,
    );

    // Subsidy: the run completed every roster entry once, no line twice.
    const lineTwice = await sql<{ n: number }>(
      'subsidy',
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM $schema.run_line GROUP BY run_id, institution_id, child_key, policy_key, rule_id, period, kind HAVING count(*) > 1) d`,
    );
    const [lines] = await sql<{ n: number; institutions: number }>(
      'subsidy',
      `SELECT count(*)::int AS n, count(DISTINCT institution_id)::int AS institutions FROM $schema.run_line WHERE run_id = $1`,
      [acknowledged.runs[0]],
    );
    // Every child on a roster submitted before the run started has its lines (nothing lost to the kill).
    const [uncovered] = await sql<{ n: number; entries: number }>(
      'subsidy',
      `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM $schema.run_line l WHERE l.run_id = $1 AND l.institution_id = r.institution_id AND l.child_key = e.child_key))::int AS n,
        count(*)::int AS entries
      FROM $schema.roster r JOIN $schema.roster_entry e ON e.roster_id = r.id WHERE r.month = $2 AND r.current AND r.submitted_at < $3::timestamptz - interval '2 seconds'`,
      [acknowledged.runs[0], MONTH, run.created_at],
    );
    const [later] = await sql<{ n: number }>('subsidy', `SELECT count(*)::int AS n FROM $schema.roster WHERE month = $1 AND submitted_at >= $2::timestamptz`, [
      MONTH,
      run.created_at,
    ]);
    problem('subsidy: line twice', lineTwice[0]!.n);
    problem('subsidy: roster entries before the run without a line', uncovered!.n);
    // (Its progress may pass the total counted at the start: rosters that arrive while it computes are taken too.)
    problem('subsidy: run not computed', run.status === 'computed' ? 0 : 1);
    report.push(
      `  subsidy run: ${runAtKill} when the service was killed → ${run.status} ${run.done}/${run.total}, attempt ${run.attempt}; ${lines!.n} lines for ${lines!.institutions} institutions; ` +
        `roster entries submitted before it without a line ${uncovered!.n}/${uncovered!.entries} (${later!.n} rosters came after it started); lines twice ${lineTwice[0]!.n}`,
    );

    // Durability of every 2xx.
    const has = async (service: Service, query: string, ids: string[]) => new Set((await sql<{ id: string }>(service, query, [ids])).map((r) => r.id));
    const lost = (what: string, ids: string[], found: Set<string>) => {
      const n = ids.filter((id) => !found.has(id)).length;
      problem(`lost ${what}`, n);
      return n;
    };
    const ack = acknowledged;
    const lostCounts = [
      lost('registrations', ack.institutions, await has('registry', `SELECT id FROM $schema.institution WHERE id = ANY($1)`, ack.institutions)),
      lost('filings', ack.filings, await has('registry', `SELECT id FROM $schema.filing WHERE id = ANY($1)`, ack.filings)),
      lost('approvals', ack.approvals, await has('registry', `SELECT id FROM $schema.filing WHERE id = ANY($1) AND status = 'approved'`, ack.approvals)),
      lost('staff registrations', ack.staff, await has('staff', `SELECT id FROM $schema.employment WHERE id = ANY($1)`, ack.staff)),
      lost('inspections', ack.inspections, await has('inspection', `SELECT id FROM $schema.inspection WHERE id = ANY($1)`, ack.inspections)),
      lost(
        'inspection results',
        ack.results,
        await has('inspection', `SELECT inspection_id AS id FROM $schema.inspection_result WHERE inspection_id = ANY($1)`, ack.results),
      ),
      lost(
        'sign-offs',
        ack.completed.map((c) => c.id),
        await has(
          'inspection',
          `SELECT id FROM $schema.inspection WHERE id = ANY($1) AND status = 'completed'`,
          ack.completed.map((c) => c.id),
        ),
      ),
      lost(
        'rosters',
        ack.rosters.map((r) => `${r.institutionId}/${r.version}`),
        await has(
          'subsidy',
          `SELECT institution_id || '/' || version AS id FROM $schema.roster WHERE month = '${MONTH}' AND institution_id = ANY($1)`,
          ack.rosters.map((r) => r.institutionId),
        ),
      ),
      lost('subsidy runs', ack.runs, await has('subsidy', `SELECT id FROM $schema.run WHERE id = ANY($1)`, ack.runs)),
    ];
    const findingsFound = (
      await sql<{ n: number }>('inspection', `SELECT count(*)::int AS n FROM $schema.finding WHERE inspection_id = ANY($1)`, [ack.completed.map((c) => c.id)])
    )[0]!.n;
    problem('findings of the acknowledged sign-offs not recorded', ack.completed.reduce((a, c) => a + c.findings, 0) - findingsFound);

    // Result versions (issue 18): every acknowledged item value is kept as exactly one version, every late upload as exactly one late version.
    const versionCounts = async (statuses: string[], keys: string[]) =>
      new Map(
        (
          await sql<{ id: string; n: number }>(
            'inspection',
            `SELECT inspection_id || '/' || item_code AS id, count(*)::int AS n FROM $schema.result_version
        WHERE inspection_id || '/' || item_code = ANY($1) AND status = ANY($2) GROUP BY inspection_id, item_code`,
            [keys, statuses],
          )
        ).map((r) => [r.id, r.n]),
      );
    const recordedVersions = await versionCounts(['current', 'superseded'], ack.resultItems);
    const lateVersions = await versionCounts(['late'], ack.lateResults);
    problem('lost result versions', ack.resultItems.filter((k) => !recordedVersions.has(k)).length);
    problem('result versions kept twice', ack.resultItems.filter((k) => (recordedVersions.get(k) ?? 0) > 1).length);
    problem('lost late results', ack.lateResults.filter((k) => !lateVersions.has(k)).length);
    problem('late results kept twice', ack.lateResults.filter((k) => (lateVersions.get(k) ?? 0) > 1).length);

    const { byOutcome, internalErrors } = http.summary();
    const exits = Object.fromEntries(ALL.map((s) => [s, procs[s].unexpectedExits]));
    console.log(
      `[faults-services] ${WORKERS} workers for ${loadSeconds.toFixed(1)} s, counted in ${((Date.now() - t1) / 1000).toFixed(1)} s; ${rig.timeline.join(' → ')}\n` +
        `  HTTP: ${byOutcome.join('; ')}\n` +
        `  acknowledged: ${ack.institutions.length} registrations, ${ack.filings.length} filings, ${ack.approvals.length} approvals, ${ack.staff.length} staff, ` +
        `${ack.inspections.length} inspections (${ack.results.length} with results, ${ack.completed.length} signed off: ${cleanCompletions} clean, findings ${findingsFound}; ${ack.resultItems.length} item results, ${ack.lateResults.length} late), ` +
        `${ack.rosters.length} rosters, ${ack.runs.length} subsidy run — lost ${lostCounts.reduce((a, b) => a + b, 0)}\n` +
        `${report.join('\n')}\n` +
        `  unexpected process exits: ${JSON.stringify(exits)}`,
    );

    const diagnostics = `(logs in ${logDir})\n${ALL.map((s) => `--- ${s} log ---\n${procs[s].logTail(10)}`).join('\n')}`;
    expect(
      {
        institutions: ack.institutions.length > 10,
        staff: ack.staff.length > 3,
        completed: ack.completed.length > 3,
        late: ack.lateResults.length > 3,
        rosters: ack.rosters.length > 3,
      },
      'the load made progress on every service',
    ).toEqual({ institutions: true, staff: true, completed: true, late: true, rosters: true });
    expect(internalErrors, diagnostics).toEqual([]);
    expect(problems, diagnostics).toEqual({});
    expect(exits, diagnostics).toEqual(Object.fromEntries(ALL.map((s) => [s, 0])));
    rig.passed = true;
  }, 400_000);
});
