// Outbox.appendMany on the run's real PostgreSQL: one insert, each row's id, subject and envelope
// belonging together, relayed (seq) in the order given.
import 'reflect-metadata';
import { createServiceDataSource, initializeAndMigrate } from '@shanyu/persistence';
import { testActor, testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';

describe('Outbox.appendMany on PostgreSQL', () => {
  let ds: DataSource | undefined;
  afterAll(async () => ds?.destroy());

  it('stores many events with their own ids and subjects, in the order given', async () => {
    const schema = uniqueSchema('outbox');
    ds = createServiceDataSource({ url: testDatabaseUrl(), schema, entities: [], migrations: [], poolSize: 2 });
    await initializeAndMigrate(ds);
    const events = Array.from({ length: 300 }, (_, i) => ({
      subject: `evt.test.${i % 3 === 0 ? 'a' : 'b'}.v1`,
      actor: testActor(),
      entityId: `e${i}`,
      data: { i, text: `引号 "${i}" \\ 反斜杠`, nested: { list: [i, null, { z: 1 }] } },
    }));
    const envelopes = await ds.transaction((manager) => new Outbox().appendMany(manager, events));
    const rows: { id: string; subject: string; envelope: { eventId: string; entityId: string; data: unknown } }[] = await ds.query(
      `SELECT id, subject, envelope FROM "${schema}".outbox ORDER BY seq`,
    );
    expect(rows.map((r) => r.id)).toEqual(envelopes.map((e) => e.eventId));
    expect(rows.map((r) => r.subject)).toEqual(events.map((e) => e.subject));
    expect(rows.every((r) => r.envelope.eventId === r.id)).toBe(true);
    expect(rows.map((r) => r.envelope.data)).toEqual(events.map((e) => e.data));
  });
});
