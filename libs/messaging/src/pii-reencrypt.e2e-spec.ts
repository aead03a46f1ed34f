// ReencryptPii on the run's real PostgreSQL, for a column shaped like inspection's
// `complaint.contact_cipher` (nullable, no hash): batches, NULLs skipped, a row no key opens named
// by id and left alone, dry run, idempotence (issue 9 §5).
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { PiiCipher } from '@shanyu/common';
import { createServiceDataSource, initializeAndMigrate } from '@shanyu/persistence';
import { testActor, testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReencryptPii } from './pii-reencrypt.js';

describe('ReencryptPii on PostgreSQL (a nullable column without hash, as inspection complaint.contact_cipher)', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const stranger = randomBytes(32).toString('base64');
  const schema = uniqueSchema('piire');
  let ds: DataSource;
  const ids: string[] = [];
  let lost: string;

  const rows = async (): Promise<{ id: string; contact_cipher: string | null }[]> =>
    ds.query(`SELECT id::text AS id, contact_cipher FROM "${schema}".complaint ORDER BY id`);

  beforeAll(async () => {
    ds = createServiceDataSource({ url: testDatabaseUrl(), schema, entities: [], migrations: [], poolSize: 3 });
    await initializeAndMigrate(ds);
    await ds.query(`CREATE TABLE "${schema}".complaint (id uuid PRIMARY KEY, contact_cipher text)`);
    const old = PiiCipher.fromBase64Key(k1);
    for (let i = 0; i < 7; i++) {
      const id = randomUUID();
      ids.push(id);
      await ds.query(`INSERT INTO "${schema}".complaint VALUES ($1, $2)`, [id, old.encrypt(JSON.stringify({ phone: `1380000000${i}` }), id)]);
    }
    await ds.query(`INSERT INTO "${schema}".complaint VALUES ($1, NULL)`, [randomUUID()]); // an anonymous complaint
    lost = randomUUID();
    await ds.query(`INSERT INTO "${schema}".complaint VALUES ($1, $2)`, [lost, PiiCipher.fromBase64Key(stranger).encrypt('{}', lost)]);
  });
  afterAll(async () => {
    await ds?.query(`DROP SCHEMA "${schema}" CASCADE`);
    await ds?.destroy();
  });

  const reencrypt = (cipher: PiiCipher) => new ReencryptPii(ds, cipher, [{ table: 'complaint', idColumn: 'id', cipherColumn: 'contact_cipher' }]);

  it('re-encrypts in batches under PII_KEY, skips NULLs, names the row no key opens; a second run has nothing to do', async () => {
    const rotated = PiiCipher.fromKeys({ current: k2, previous: [k1] });
    const before = await rows();
    const dry = await reencrypt(rotated).execute({ dryRun: true, batchSize: 3 }, testActor());
    expect(dry.tables).toEqual([{ column: 'complaint.contact_cipher', rows: 8, current: 0, reencrypted: 7, rehashed: 0, failed: 1, failedIds: [lost] }]);
    expect(await rows()).toEqual(before);

    const run = await reencrypt(rotated).execute({ batchSize: 3 }, testActor());
    expect(run).toMatchObject({
      keyId: rotated.keyId,
      dryRun: false,
      tables: [expect.objectContaining({ rows: 8, reencrypted: 7, failed: 1, failedIds: [lost] })],
    });
    const only2 = PiiCipher.fromBase64Key(k2);
    for (const r of await rows()) {
      if (r.id === lost || r.contact_cipher === null) continue;
      expect(only2.decrypt(r.contact_cipher, r.id)).toMatch(/^\{"phone":"1380000000\d"\}$/);
    }
    expect((await rows()).find((r) => r.id === lost)!.contact_cipher).toBe(before.find((r) => r.id === lost)!.contact_cipher);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".audit_log WHERE action = 'pii.reencrypt' AND entity_id = $1`, [rotated.keyId]);
    expect(n).toBe(1);

    const again = await reencrypt(only2).execute({}, testActor());
    expect(again.tables[0]).toMatchObject({ rows: 8, current: 7, reencrypted: 0, failed: 1 });
    const [{ m }] = await ds.query(`SELECT count(*)::int AS m FROM "${schema}".audit_log WHERE action = 'pii.reencrypt'`);
    expect(m).toBe(1); // nothing changed: no second entry
  });
});
