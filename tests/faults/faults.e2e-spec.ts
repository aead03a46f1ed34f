// The fault suite (issue 9 §1) for the registry and the gateway under a heavier load
// (faults-services.e2e-spec.ts covers every service): the built registry and gateway run as real
// child processes (node services/<name>/dist/main.js) on the run's PostgreSQL and nats-server,
// a stream of registrations, filings and filing decisions goes through HTTP, and in turn
// nats-server, the registry, the gateway and PostgreSQL are killed with SIGKILL and restarted.
// Then everything is counted:
//  - every HTTP 2xx is durable (the institution, the filing, the decision are in the database);
//  - every committed change (an outbox row, written in the change's own transaction) is in the
//    JetStream EVENTS stream exactly once (by Nats-Msg-Id) — none lost, none twice;
//  - a test consumer (the library's DurableEventConsumer, defaults) had exactly one effect for each.
// PostgreSQL runs with fsync off for speed (global setup), which loses nothing when a *process*
// is killed as long as each commit has reached the kernel: the services' connections here ask for
// synchronous_commit=on (the production default) for that reason.
import { randomUUID } from 'node:crypto';
import { JsonLogger } from '@shanyu/common';
import { EVENT_STREAM } from '@shanyu/contracts';
import { connectNats, DurableEventConsumer } from '@shanyu/messaging';
import { createServiceDataSource, initializeAndMigrate } from '@shanyu/persistence';
import { compliantFilingSubmission, eventually, institutionRequest, testNatsUrl, uniqueSchema } from '@shanyu/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInStream, FaultRig, type ServiceProcess, sleep } from './support.js';

const PASSWORD = 'fault-demo-password';
const WORKERS = Number(process.env.SHANYU_FAULT_WORKERS ?? 4);

describe('faults: kill -9 of nats-server, the registry, the gateway and PostgreSQL under load — nothing lost, nothing twice', () => {
  // This file kills PostgreSQL: a cluster of its own (the rig's), so that no other file running meanwhile sees it go.
  const rig = new FaultRig('faults');
  const { http, logDir } = rig;
  const registrySchema = uniqueSchema('registry');
  const gatewaySchema = uniqueSchema('gateway');
  const consumerSchema = uniqueSchema('faultconsumer');
  const consumerName = `faults-${randomUUID().slice(0, 8)}`;
  let registry: ServiceProcess;
  let gateway: ServiceProcess;
  let db: DataSource;
  let consumerDb: DataSource;
  let nc: NatsConnection;
  let consumer: DurableEventConsumer;
  const acknowledged = { institutions: [] as string[], filings: [] as string[], approvals: [] as string[] };
  let stopLoad = false;
  const tokens: Record<string, string> = {};

  /** Register → submit a filing → approve it, as long as the load runs; a failed step ends the chain. */
  async function worker(): Promise<void> {
    while (!stopLoad) {
      const reg = await http.call('POST', '/api/v1/institutions', tokens.market, institutionRequest({ name: `故障测试${randomUUID().slice(0, 6)}托育园` }));
      if (reg.outcome !== 'ok') {
        await sleep(100);
        continue;
      }
      acknowledged.institutions.push(String(reg.body!.id));
      const filing = await http.call('POST', `/api/v1/institutions/${reg.body!.id}/filings`, tokens.market, compliantFilingSubmission());
      if (filing.outcome !== 'ok') continue;
      acknowledged.filings.push(String(filing.body!.id));
      const decision = await http.call('POST', `/api/v1/filings/${filing.body!.id}/decision`, tokens.health, { decision: 'approve' });
      if (decision.outcome === 'ok') acknowledged.approvals.push(String(filing.body!.id));
    }
  }

  const registryUp = () => rig.pingUp(nc, 'registry');

  beforeAll(async () => {
    await rig.start();
    const { databaseUrl } = rig;
    const common = rig.commonEnv();
    registry = rig.service('registry', { ...common, REGISTRY_DB_SCHEMA: registrySchema });
    gateway = rig.service('gateway', { ...common, GATEWAY_DB_SCHEMA: gatewaySchema, SHANYU_MODE: 'test', ...rig.gatewayEnv(PASSWORD, ['registry']) });

    nc = await connectNats(testNatsUrl(), 'faults-test');
    registry.start();
    await registryUp();
    gateway.start();
    await rig.gatewayUp();
    tokens.market = await http.login('market.330106', PASSWORD);
    tokens.health = await http.login('health.330106', PASSWORD);

    db = createServiceDataSource({ url: databaseUrl, schema: registrySchema, entities: [], migrations: [], poolSize: 3 });
    await db.initialize();
    consumerDb = createServiceDataSource({ url: databaseUrl, schema: consumerSchema, entities: [], migrations: [], poolSize: 4 });
    await initializeAndMigrate(consumerDb);
    await consumerDb.query(`CREATE TABLE "${consumerSchema}".effect (n bigserial PRIMARY KEY, event_id uuid NOT NULL, subject text NOT NULL)`);
    consumer = new DurableEventConsumer({
      name: consumerName,
      filterSubject: 'evt.registry.>',
      dataSource: consumerDb,
      js: jetstream(nc),
      jsm: await jetstreamManager(nc),
      logger: new JsonLogger('faults-consumer', 'error'),
      handler: async (event, manager) => {
        await manager.query(`INSERT INTO "${consumerSchema}".effect (event_id, subject) VALUES ($1, $2)`, [event.eventId, event.subject]);
      },
    });
    await consumer.start();
  }, 420_000);

  afterAll(async () => {
    stopLoad = true;
    await rig.restoreKilled();
    await consumer?.stop().catch(() => undefined);
    await (await jetstreamManager(nc).catch(() => undefined))?.consumers.delete(EVENT_STREAM, consumerName).catch(() => undefined);
    await gateway?.stop();
    await registry?.stop();
    await nc?.drain().catch(() => undefined);
    if (db?.isInitialized) await db.destroy().catch(() => undefined);
    if (consumerDb?.isInitialized) await consumerDb.destroy().catch(() => undefined);
    await rig.finish();
  });

  it('every acknowledged change is durable, and every committed change gives exactly one event and one effect', async () => {
    rig.startTimeline();
    const load = Array.from({ length: WORKERS }, () => worker());
    try {
      rig.mark('warm-up');
      await sleep(2_000);
      await rig.natsOutage(2_000);
      await rig.serviceOutage(registry, registryUp, 1_500);
      await rig.serviceOutage(gateway, () => rig.gatewayUp(), 1_000);
      await rig.postgresOutage(3_000);
      rig.mark('cool-down');
    } finally {
      stopLoad = true;
      await Promise.all(load);
    }
    const loadSeconds = rig.secondsSinceStart();

    // Quiet: every committed change published, and every event's effect recorded.
    const outbox = await eventually(
      'the outbox to drain',
      async () => {
        const [row] = await db.query(
          `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS pending, count(*)::int AS total FROM "${registrySchema}".outbox`,
        );
        return row.pending === 0 ? row : undefined;
      },
      90_000,
      500,
    );
    const eventIds: string[] = (await db.query(`SELECT id FROM "${registrySchema}".outbox ORDER BY seq`)).map((r: { id: string }) => r.id);
    const effects = await eventually(
      'every event to have its effect',
      async () => {
        const rows: { event_id: string; n: number }[] = await consumerDb.query(
          `SELECT event_id, count(*)::int AS n FROM "${consumerSchema}".effect WHERE event_id = ANY($1) GROUP BY event_id`,
          [eventIds],
        );
        return rows.length === eventIds.length ? new Map(rows.map((r) => [r.event_id, r.n])) : undefined;
      },
      120_000,
      500,
    );

    // Every message in EVENTS with one of our event ids, by Nats-Msg-Id.
    const inStream = await countInStream(nc, 'evt.registry.>', eventIds);

    // Durability of what was acknowledged.
    const institutions = new Set((await db.query(`SELECT id FROM "${registrySchema}".institution`)).map((r: { id: string }) => r.id));
    const filings = new Map<string, string>(
      (await db.query(`SELECT id, status FROM "${registrySchema}".filing`)).map((r: { id: string; status: string }) => [r.id, r.status]),
    );
    const lostInstitutions = acknowledged.institutions.filter((id) => !institutions.has(id));
    const lostFilings = acknowledged.filings.filter((id) => !filings.has(id));
    const lostApprovals = acknowledged.approvals.filter((id) => filings.get(id) !== 'approved');
    const missingEvents = eventIds.filter((id) => !inStream.has(id));
    const duplicateEvents = [...inStream.values()].filter((n) => n > 1).length;
    const missingEffects = eventIds.filter((id) => !effects.has(id));
    const duplicateEffects = [...effects.values()].filter((n) => n > 1).length;
    const [registered] = await db.query(`SELECT count(*)::int AS n FROM "${registrySchema}".outbox WHERE subject = 'evt.registry.institution.registered.v1'`);

    const { byOutcome, internalErrors } = http.summary();
    console.log(
      `[faults] ${WORKERS} workers for ${loadSeconds.toFixed(1)} s; ${rig.timeline.join(' → ')}\n` +
        `  HTTP: ${byOutcome.join('; ')}\n` +
        `  acknowledged: ${acknowledged.institutions.length} registrations, ${acknowledged.filings.length} filings, ${acknowledged.approvals.length} approvals — ` +
        `lost ${lostInstitutions.length + lostFilings.length + lostApprovals.length}\n` +
        `  committed: ${institutions.size} institutions, ${filings.size} filings; ${outbox.total} events in the outbox — in EVENTS ${inStream.size}, missing ${missingEvents.length}, duplicated ${duplicateEvents}\n` +
        `  effects at the test consumer: ${effects.size}, missing ${missingEffects.length}, duplicated ${duplicateEffects}\n` +
        `  unexpected process exits: registry ${registry.unexpectedExits}, gateway ${gateway.unexpectedExits}`,
    );

    const diagnostics = `(logs in ${logDir})\n--- registry log ---\n${registry.logTail()}\n--- gateway log ---\n${gateway.logTail()}`;
    expect(acknowledged.institutions.length, 'the load made progress').toBeGreaterThan(10);
    // A failure while something is down is a retryable 503 / 504 (or no answer), never a 500.
    expect(internalErrors, diagnostics).toEqual([]);
    expect({ lostInstitutions, lostFilings, lostApprovals }, diagnostics).toEqual({ lostInstitutions: [], lostFilings: [], lostApprovals: [] });
    expect(registered.n, 'one registered event per committed institution').toBe(institutions.size);
    expect({ missingEvents: missingEvents.length, duplicateEvents, missingEffects: missingEffects.length, duplicateEffects }).toEqual({
      missingEvents: 0,
      duplicateEvents: 0,
      missingEffects: 0,
      duplicateEffects: 0,
    });
    expect({ registry: registry.unexpectedExits, gateway: gateway.unexpectedExits }, diagnostics).toEqual({ registry: 0, gateway: 0 });
    rig.passed = true;
  }, 400_000);
});
