// The audit log on the run's real PostgreSQL: hash chain, append-only trigger, tamper detection,
// and entries that exist only if their transaction committed.
import 'reflect-metadata';
import { testActor, testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, GENESIS_HASH, type AuditEntryInput } from './audit-log.js';
import { createServiceDataSource, initializeAndMigrate } from './data-source.js';

describe('AuditLog on PostgreSQL', () => {
  const log = new AuditLog();
  const open: DataSource[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((ds) => ds.destroy()));
  });

  /** A fresh schema with the foundation tables (audit_log with its append-only trigger). */
  async function freshSchema(): Promise<{ ds: DataSource; table: string }> {
    const schema = uniqueSchema('audit');
    const ds = createServiceDataSource({ url: testDatabaseUrl(), schema, entities: [], migrations: [], poolSize: 12 });
    open.push(ds);
    await initializeAndMigrate(ds);
    return { ds, table: `"${schema}".audit_log` };
  }

  const entry = (i: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
    actor: testActor(),
    action: i === 0 ? 'institution.register' : 'institution.update',
    entity: 'institution',
    entityId: `inst-${i % 2}`,
    reason: i === 0 ? null : `变更 ${i}`,
    before: i === 0 ? undefined : { places: { infant: i } },
    after: { places: { infant: i + 1 }, name: `托育园 ${i}` },
    requestId: `req-${i}`,
    ...overrides,
  });

  /** Records entries 0..n-1, two per transaction where possible. */
  async function recordMany(ds: DataSource, n: number): Promise<void> {
    for (let i = 0; i < n; i += 2) {
      await ds.transaction(async (manager) => {
        await log.record(manager, entry(i));
        if (i + 1 < n) await log.record(manager, entry(i + 1));
      });
    }
  }

  const seqs = async (ds: DataSource, table: string): Promise<string[]> =>
    (await ds.query(`SELECT seq FROM ${table} ORDER BY seq`)).map((r: { seq: string }) => r.seq);

  /** What only the table owner can do, bypassing the append-only trigger (an attacker with DBA rights). */
  async function asOwnerWithoutTrigger(ds: DataSource, table: string, sql: string, params: unknown[] = []): Promise<void> {
    await ds.transaction(async (manager) => {
      await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER audit_log_no_change`);
      await manager.query(sql, params);
      await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER audit_log_no_change`);
    });
  }

  it('records many entries in one insert, in order, chained as if recorded one by one, alongside concurrent single entries', async () => {
    const { ds, table } = await freshSchema();
    await recordMany(ds, 3);
    const batch = Array.from({ length: 50 }, (_, i) => entry(10 + i));
    await Promise.all([
      ds.transaction((manager) => log.recordMany(manager, batch)),
      ...[100, 101, 102].map((i) => ds.transaction((manager) => log.record(manager, entry(i)))),
    ]);
    await ds.transaction((manager) => log.recordMany(manager, []));
    await ds.transaction((manager) => log.recordMany(manager, [entry(200)]));
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 3 + 50 + 3 + 1 });
    const rows: { request_id: string; seq: string }[] = await ds.query(`SELECT request_id, seq FROM ${table} ORDER BY seq`);
    const batchRows = rows.filter((r) => batch.some((b) => b.requestId === r.request_id));
    expect(batchRows.map((r) => r.request_id)).toEqual(batch.map((b) => b.requestId)); // the caller's order
    const first = rows.indexOf(batchRows[0]!);
    expect(rows.slice(first, first + batch.length)).toEqual(batchRows); // nothing of another transaction in between
    // A batch rolled back leaves nothing.
    await expect(
      ds.transaction(async (manager) => {
        await log.recordMany(manager, [entry(300), entry(301)]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 57 });
  });

  it('hashes what is stored: values whose JSON form differs from the object (dates, undefined members, index-like keys) verify, singly and in bulk', async () => {
    const { ds } = await freshSchema();
    const odd = (i: number) =>
      entry(i, { before: { at: new Date('2026-03-01T00:00:00Z'), gone: undefined, 10: 'a', 2: 'b' }, after: { list: [1, undefined, { z: 1, a: 2 }] } });
    await ds.transaction((manager) => log.record(manager, odd(0)));
    await ds.transaction((manager) => log.recordMany(manager, [odd(1), entry(2), odd(3)]));
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 4 });
  });

  it('chains recorded entries and verifies them, in one page or several', async () => {
    const { ds, table } = await freshSchema();
    await recordMany(ds, 7);
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 7 });
    expect(await log.verify(ds, 2)).toEqual({ ok: true, entries: 7 }); // pages of 2, 2, 2, 1
    expect(await log.verify(ds, 7)).toEqual({ ok: true, entries: 7 }); // a full page then an empty one

    const rows: { seq: string; prev_hash: string; hash: string }[] = await ds.query(`SELECT seq, prev_hash, hash FROM ${table} ORDER BY seq`);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(7);

    const history = await log.history(ds, 'institution', 'inst-0');
    expect(history.map((h) => h.requestId)).toEqual(['req-0', 'req-2', 'req-4', 'req-6']);
    expect(history[1]).toMatchObject({
      action: 'institution.update',
      reason: '变更 2',
      before: { places: { infant: 2 } },
      after: { places: { infant: 3 }, name: '托育园 2' },
    });
    console.log(`[audit] recorded 7 entries in 4 transactions; verify ok, entries ${(await log.verify(ds)).entries}`);
  });

  it('keeps the chain intact when transactions append concurrently', async () => {
    const { ds } = await freshSchema();
    await Promise.all(Array.from({ length: 10 }, (_, i) => ds.transaction((manager) => log.record(manager, entry(i)))));
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 10 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit_log (append-only trigger)', async () => {
    const { ds, table } = await freshSchema();
    await recordMany(ds, 3);
    const [second] = await ds.query(`SELECT seq FROM ${table} ORDER BY seq OFFSET 1 LIMIT 1`);
    await expect(ds.query(`UPDATE ${table} SET reason = 'rewritten' WHERE seq = $1`, [second.seq])).rejects.toThrow(/audit_log is append-only/);
    await expect(ds.query(`UPDATE ${table} SET after = '{"forged":true}'::jsonb`)).rejects.toThrow(/audit_log is append-only/);
    await expect(ds.query(`DELETE FROM ${table} WHERE seq = $1`, [second.seq])).rejects.toThrow(/audit_log is append-only/);
    await expect(ds.query(`TRUNCATE ${table}`)).rejects.toThrow(/audit_log is append-only/);
    expect(await ds.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE reason = 'rewritten')::int AS rewritten FROM ${table}`)).toEqual([
      { n: 3, rewritten: 0 },
    ]);
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 3 });
  });

  it.each([
    ['after', `UPDATE %T SET after = jsonb_set(after, '{places,infant}', '99') WHERE seq = $1`],
    ['reason', `UPDATE %T SET reason = '无' WHERE seq = $1`],
    ['actor', `UPDATE %T SET actor_department = 'admin' WHERE seq = $1`],
  ])('detects an edited %s: verify fails at that entry with hash_mismatch', async (_field, sql) => {
    const { ds, table } = await freshSchema();
    await recordMany(ds, 5);
    const all = await seqs(ds, table);
    const target = all[2];
    await asOwnerWithoutTrigger(ds, table, sql.replace('%T', table), [target]);
    // The trigger is back on.
    await expect(ds.query(`UPDATE ${table} SET reason = NULL WHERE seq = $1`, [target])).rejects.toThrow(/append-only/);

    const result = await log.verify(ds);
    expect(result).toEqual({ ok: false, entries: 2, brokenAt: target, problem: 'hash_mismatch' });
    expect(await log.verify(ds, 2)).toEqual(result); // the same across a page boundary
    console.log(
      `[audit] edited ${_field} of entry ${target} (3rd of 5): verify → ok ${result.ok}, brokenAt ${result.brokenAt}, ${result.problem}, ${result.entries} good entries before it`,
    );
  });

  it('detects a removed middle entry: verify fails at the next entry with broken_link', async () => {
    const { ds, table } = await freshSchema();
    await recordMany(ds, 5);
    const all = await seqs(ds, table);
    await asOwnerWithoutTrigger(ds, table, `DELETE FROM ${table} WHERE seq = $1`, [all[2]]);
    expect(await seqs(ds, table)).toEqual([all[0], all[1], all[3], all[4]]);

    const result = await log.verify(ds);
    expect(result).toEqual({ ok: false, entries: 2, brokenAt: all[3], problem: 'broken_link' });
    console.log(`[audit] deleted entry ${all[2]} (3rd of 5): verify → ok ${result.ok}, brokenAt ${result.brokenAt}, ${result.problem}`);
  });

  it('verifies an empty log as ok with 0 entries', async () => {
    const { ds } = await freshSchema();
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 0 });
  });

  it('leaves no entry when the transaction that recorded it rolls back', async () => {
    const { ds, table } = await freshSchema();
    await recordMany(ds, 2);
    const before = await ds.query(`SELECT seq, hash FROM ${table} ORDER BY seq`);

    await expect(
      ds.transaction(async (manager) => {
        await log.record(manager, entry(10, { entityId: 'rolled-back', reason: '将回滚' }));
        await log.record(manager, entry(11, { entityId: 'rolled-back' }));
        throw new Error('the change failed after it was audited');
      }),
    ).rejects.toThrow('the change failed after it was audited');

    expect(await ds.query(`SELECT seq, hash FROM ${table} ORDER BY seq`)).toEqual(before);
    expect(await log.history(ds, 'institution', 'rolled-back')).toEqual([]);
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 2 });

    // The next committed entry links to the last committed one, not to the rolled-back ones.
    await ds.transaction((manager) => log.record(manager, entry(12)));
    const rows: { prev_hash: string }[] = await ds.query(`SELECT prev_hash FROM ${table} ORDER BY seq`);
    expect(rows).toHaveLength(3);
    expect(rows[2].prev_hash).toBe(before[1].hash);
    expect(await log.verify(ds)).toEqual({ ok: true, entries: 3 });
    console.log(`[audit] 2 entries recorded in a rolled-back transaction: entries after rollback 2, after next commit 3, verify ok`);
  });
});
