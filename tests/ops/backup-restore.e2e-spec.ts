// Backup and restore (issue 11 part 4): data created through the gateway is backed up with
// deploy/backup (pg_dump per schema from one snapshot, stream EVENTS as JSON lines), restored into
// a fresh database and a fresh nats-server, and the registry and gateway started on the restored
// copy serve the same institutions, find no migration to run, and the events keep their Nats-Msg-Id.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { createGateway, type RunningGateway } from '@shanyu/gateway';
import { startRegistry, type RunningRegistry } from '@shanyu/registry';
import { eventually, institutionRequest, testDatabaseUrl, testNatsUrl, testStackSecrets } from '@shanyu/testing';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup } from '../../deploy/backup/backup.mjs';
import { restore } from '../../deploy/backup/restore.mjs';
import { findFreePort, startNats, type NatsHandle } from '../../deploy/local/processes.mjs';
import { DEMO_PASSWORD, startStack, type Stack } from '../e2e/support.js';

/** Every message of a stream: subject, Nats-Msg-Id and body. */
async function readStream(url: string, stream: string) {
  const nc = await connect({ servers: url });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(stream);
    const out: { seq: number; subject: string; msgId: string | undefined; body: string }[] = [];
    if (info.state.messages === 0) return out;
    const iter = await (await jetstream(nc).consumers.get(stream, { deliver_policy: DeliverPolicy.All })).consume();
    for await (const m of iter) {
      out.push({ seq: m.seq, subject: m.subject, msgId: m.headers?.get('Nats-Msg-Id'), body: m.string() });
      if (m.info.pending === 0) break;
    }
    await iter.close();
    return out;
  } finally {
    await nc.close();
  }
}

describe('backup → restore into a fresh database and broker → the services start on it with the same data', () => {
  let stack: Stack;
  let market: string;
  const created: { id: string; body: unknown }[] = [];
  let workDir: string;
  let freshNats: NatsHandle;
  let freshDbUrl: string;
  const freshDb = `shanyu_restore_${randomInt(1e9)}`;
  let restoredRegistry: RunningRegistry | undefined;
  let restoredGateway: RunningGateway | undefined;
  let backupDir: string;
  let manifest: Awaited<ReturnType<typeof backup>>['manifest'];
  /** The backup restored into the fresh database and broker: done once, by the first test that needs it. */
  let restoring: ReturnType<typeof restore> | undefined;
  const restoreOnce = () => (restoring ??= restore({ dir: backupDir, databaseUrl: freshDbUrl, natsUrl: freshNats.url, createDatabase: true }));

  const admin = async (sql: string, params: unknown[] = []) => {
    const url = new URL(testDatabaseUrl());
    url.pathname = '/postgres';
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanyu-backup-test-'));
    stack = await startStack();
    market = await stack.tokenFor('market.330106');
    for (let i = 0; i < 3; i++) {
      const res = await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201);
      created.push({
        id: res.body.id,
        body: (await stack.http.get(`/api/v1/institutions/${res.body.id}`).set('authorization', `Bearer ${market}`).expect(200)).body,
      });
    }
    // Every outbox row relayed: the stream holds the institutions' events.
    await eventually(
      'outbox relayed',
      async () =>
        (await stack.registry.runtime.dataSource.query(`SELECT count(*)::int AS n FROM "${stack.registrySchema}".outbox WHERE published_at IS NULL`))[0].n ===
          0 || false,
    );
    freshNats = await startNats({ storeDir: path.join(workDir, 'nats'), port: await findFreePort() });
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${freshDb}`;
    freshDbUrl = url.toString();
    // The backup every test reads (made here, so that each test stands on its own).
    const result = await backup({
      databaseUrl: testDatabaseUrl(),
      natsUrl: testNatsUrl(),
      schemas: [stack.gatewaySchema, stack.registrySchema],
      streams: ['EVENTS'],
      outDir: path.join(workDir, 'backups'),
    });
    backupDir = result.dir;
    manifest = result.manifest;
  });

  afterAll(async () => {
    await restoredGateway?.stop();
    await restoredRegistry?.stop();
    await stack?.stop();
    await freshNats?.stop();
    await admin(`DROP DATABASE IF EXISTS "${freshDb}" WITH (FORCE)`).catch(() => undefined);
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('writes one folder: a dump per schema and the stream, with counts and checksums in the manifest', async () => {
    expect(fs.readdirSync(path.join(workDir, 'backups'))).toEqual([path.basename(backupDir)]); // no .partial left
    expect(JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    const registry = manifest.postgres!.schemas.find((s) => s.name === stack.registrySchema)!;
    expect(registry.tables.institution).toBe(3);
    expect(registry.migrations.length).toBeGreaterThan(1);
    expect(registry.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(backupDir, registry.file))).toBe(true);
    const events = manifest.streams.find((s) => s.name === 'EVENTS')!;
    const original = await readStream(testNatsUrl(), 'EVENTS');
    expect(events.messages).toBe(original.filter((m) => m.seq <= events.lastSeq!).length);
    expect(events.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a backup whose file does not match its checksum, before touching anything', async () => {
    const copy = path.join(workDir, 'tampered');
    fs.cpSync(backupDir, copy, { recursive: true });
    const file = path.join(copy, 'nats', 'EVENTS.jsonl.gz');
    fs.appendFileSync(file, Buffer.from([0]));
    await expect(restore({ dir: copy, databaseUrl: freshDbUrl, natsUrl: freshNats.url, createDatabase: true })).rejects.toThrow(/checksum mismatch.*EVENTS/);
    expect(await admin('SELECT 1 FROM pg_database WHERE datname = $1', [freshDb])).toEqual([]); // not even created
  });

  it('restores into a fresh database and a fresh stream: counts match, every event keeps its Nats-Msg-Id', async () => {
    const result = await restoreOnce();
    expect(result.schemas.map((s) => s.name).sort()).toEqual([stack.gatewaySchema, stack.registrySchema].sort());
    expect(result.schemas.find((s) => s.name === stack.registrySchema)!.tables.institution).toBe(3);
    const events = manifest.streams.find((s) => s.name === 'EVENTS')!;
    expect(result.streams).toEqual([
      expect.objectContaining({ name: 'EVENTS', published: events.messages, duplicates: 0, messages: events.messages, firstSeq: 1 }),
    ]);

    // The registry's published outbox rows are all in the restored stream under the same Nats-Msg-Id, in the same order.
    const rows: { id: string; subject: string }[] = await stack.registry.runtime.dataSource.query(
      `SELECT id, subject FROM "${stack.registrySchema}".outbox ORDER BY seq`,
    );
    const restored = await readStream(freshNats.url, 'EVENTS');
    const original = (await readStream(testNatsUrl(), 'EVENTS')).filter((m) => m.seq <= events.lastSeq!);
    expect(restored.map(({ subject, msgId, body }) => ({ subject, msgId, body }))).toEqual(
      original.map(({ subject, msgId, body }) => ({ subject, msgId, body })),
    );
    const byMsgId = new Map(restored.map((m) => [m.msgId, m]));
    for (const row of rows) expect(byMsgId.get(row.id)?.subject).toBe(row.subject);
    expect(rows.filter((r) => r.subject === 'evt.registry.institution.registered.v1')).toHaveLength(3);
  });

  it('the registry and gateway start on the restored copy, have no migration to run and serve the same institutions', async () => {
    await restoreOnce();
    restoredRegistry = await startRegistry({
      DATABASE_URL: freshDbUrl,
      NATS_URL: freshNats.url,
      ...testStackSecrets(),
      REGISTRY_DB_SCHEMA: stack.registrySchema,
      LOG_LEVEL: 'warn',
      RPC_TIMEOUT_MS: 5_000,
    });
    restoredGateway = await createGateway({
      DATABASE_URL: freshDbUrl,
      NATS_URL: freshNats.url,
      ...testStackSecrets(),
      PORT: 0,
      HOST: '127.0.0.1',
      SHANYU_MODE: 'test',
      JWT_TTL_SECONDS: 600,
      SHANYU_DEMO_PASSWORD: DEMO_PASSWORD,
      GATEWAY_DB_SCHEMA: stack.gatewaySchema,
      LOG_LEVEL: 'warn',
      RPC_TIMEOUT_MS: 5_000,
      HEALTH_SERVICES: 'registry',
    } as Parameters<typeof createGateway>[0]);
    expect(await restoredRegistry.runtime.dataSource.showMigrations()).toBe(false);
    expect(await restoredGateway.runtime.dataSource.showMigrations()).toBe(false);
    const migrations: { name: string }[] = await restoredRegistry.runtime.dataSource.query(`SELECT name FROM "${stack.registrySchema}".migrations ORDER BY id`);
    expect(migrations.map((m) => m.name)).toEqual(manifest.postgres!.schemas.find((s) => s.name === stack.registrySchema)!.migrations);

    const http = request(restoredGateway.app.getHttpServer());
    const token = (await http.post('/api/v1/auth/token').send({ username: 'market.330106', password: DEMO_PASSWORD }).expect(200)).body.accessToken;
    const page = async (h: ReturnType<typeof request>, t: string) =>
      (await h.get('/api/v1/institutions?pageSize=100').set('authorization', `Bearer ${t}`).expect(200)).body;
    const restoredPage = await page(http, token);
    expect(restoredPage.total).toBe(3);
    expect(restoredPage).toEqual(await page(stack.http, market));
    for (const { id, body } of created) {
      expect((await http.get(`/api/v1/institutions/${id}`).set('authorization', `Bearer ${token}`).expect(200)).body).toEqual(body);
    }
    // The restored copy is live: a new institution is stored and its event reaches the restored stream.
    const res = await http.post('/api/v1/institutions').set('authorization', `Bearer ${token}`).send(institutionRequest()).expect(201);
    await eventually('the new event in the restored stream', async () => {
      const all = await readStream(freshNats.url, 'EVENTS');
      return all.some((m) => m.subject === 'evt.registry.institution.registered.v1' && m.body.includes(res.body.id)) || false;
    });
  });

  it('refuses to restore over a schema that already has tables, and over a stream that is not empty', async () => {
    await restoreOnce();
    await expect(restore({ dir: backupDir, databaseUrl: freshDbUrl, natsUrl: freshNats.url, schemas: [stack.registrySchema], nats: false })).rejects.toThrow(
      /already has tables/,
    );
    await expect(restore({ dir: backupDir, databaseUrl: freshDbUrl, natsUrl: freshNats.url, postgres: false })).rejects.toThrow(/is not empty/);
  });
});
