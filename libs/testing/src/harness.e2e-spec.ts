// The test harness itself: the run's PostgreSQL answers, and the file's own nats-server keeps a
// JetStream message (file storage) across a kill -9 and restart.
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { natsControl, testDatabaseUrl, testNatsUrl } from './infra-context.js';

/** Resolves at the connection's next status event of that type. */
async function nextStatus(nc: NatsConnection, type: string): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === type) return;
  }
  throw new Error(`connection closed before a '${type}' status`);
}

describe('test harness', () => {
  const connections: NatsConnection[] = [];
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((nc) => nc.close().catch(() => undefined)));
  });

  it('provides a PostgreSQL database on 127.0.0.1', async () => {
    const url = testDatabaseUrl();
    expect(url).toMatch(/^postgres:\/\/[^@]+@127\.0\.0\.1:\d+\/\w+$/);
    expect(process.env.DATABASE_URL).toBe(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ one: number; owner: boolean }>(
        `select 1 as one, (select pg_get_userbyid(datdba) = current_user from pg_database where datname = current_database()) as owner`,
      );
      expect(rows[0]).toEqual({ one: 1, owner: true });
      // a test can make its own schema
      const schema = `harness_${process.pid}_${Date.now()}`;
      await client.query(`create schema ${schema}`);
      await client.query(`drop schema ${schema}`);
    } finally {
      await client.end();
    }
  });

  it('keeps a JetStream message across kill -9 and restart of nats-server', async () => {
    const suffix = `${process.pid}_${Date.now()}`;
    const stream = `HARNESS_${suffix}`;
    const subject = `harness.${suffix}.happened`;
    const options = { servers: testNatsUrl(), maxReconnectAttempts: -1, reconnectTimeWait: 100 };

    // A connection that stays open through the crash, as a long-running service's would.
    const survivor = await connect({ ...options, name: 'survivor' });
    connections.push(survivor);
    const jsm = await jetstreamManager(survivor);
    const created = await jsm.streams.add({ name: stream, subjects: [`harness.${suffix}.>`], storage: StorageType.File });
    expect(created.config.storage).toBe(StorageType.File);
    const ack = await jetstream(survivor).publish(subject, 'survives a crash', { msgID: 'event-1' });
    expect(ack.duplicate).toBe(false);

    const reconnected = nextStatus(survivor, 'reconnect');
    const control = natsControl();
    const before = control.pid();
    expect(before).toBeGreaterThan(0);
    await control.kill9();
    expect(control.pid()).toBeUndefined();
    await expect(connect({ servers: testNatsUrl(), reconnect: false, timeout: 1_000 })).rejects.toThrow();

    await control.restart();
    expect(control.pid()).toBeGreaterThan(0);
    expect(control.pid()).not.toBe(before);

    const fresh = await connect(options);
    connections.push(fresh);
    const jsmAfter = await jetstreamManager(fresh);
    const info = await jsmAfter.streams.info(stream);
    expect(info.state.messages).toBe(1);
    const stored = await jsmAfter.streams.getMessage(stream, { seq: ack.seq });
    expect(stored?.subject).toBe(subject);
    expect(stored?.string()).toBe('survives a crash');

    // The open connection reconnects by itself (a publish sent before that times out: the outbox
    // relay must retry), and the dedupe window survived the crash too.
    await reconnected;
    const again = await jetstream(survivor).publish(subject, 'survives a crash', { msgID: 'event-1' });
    expect(again.duplicate).toBe(true);
    expect((await jsmAfter.streams.info(stream)).state.messages).toBe(1);

    await jsmAfter.streams.delete(stream);
  });
});
