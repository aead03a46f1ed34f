// The built-in subsidy policies on the run's real PostgreSQL: stored once; a stored copy whose
// citations were since corrected takes the corrected texts; one that would decide differently
// takes the release's rules while nothing was paid under it, and stops the start once a posted
// run paid under it (a version that paid is never edited, a change is a new version).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { initializeAndMigrate } from '@shanyu/persistence';
import { testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subsidyDataSource } from '../data-source.js';
import { tables } from '../sql.js';
import { loadBuiltInPolicies } from './builtin-policies.js';
import type { Policy } from './policy.js';
import { ensureBuiltInPolicies } from './policy-store.js';
import { PolicyRepository } from './policy.repository.js';

describe('ensureBuiltInPolicies', () => {
  let ds: DataSource;
  let builtIns: Policy[];
  const version = 'huancui-childcare-support/2023.1';
  const allPolicies = () => new PolicyRepository(ds.manager).documents();
  const stored = async () => (await allPolicies()).find((p) => p.version === version)!;
  const edit = (sql: string) => ds.query(`UPDATE ${tables(ds).policy} SET document = ${sql} WHERE version = $1`, [version]);

  beforeAll(async () => {
    ds = subsidyDataSource(testDatabaseUrl(), uniqueSchema('subsidy_policies'));
    await initializeAndMigrate(ds);
    builtIns = await loadBuiltInPolicies();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('stores each built-in version once', async () => {
    await ensureBuiltInPolicies(ds, builtIns);
    await ensureBuiltInPolicies(ds, builtIns);
    expect((await allPolicies()).map((p) => p.version).sort()).toEqual(builtIns.map((p) => p.version).sort());
  });

  it('replaces the citations of a stored copy made before they were corrected', async () => {
    await edit(`jsonb_set(jsonb_set(document, '{source}', '"an old citation"'), '{rules,0,source}', '"an old rule citation"')`);
    expect((await stored()).rules[0]!.source).toBe('an old rule citation');
    await ensureBuiltInPolicies(ds, builtIns);
    expect(await stored()).toEqual(JSON.parse(JSON.stringify(builtIns.find((p) => p.version === version))));
  });

  it('gives a stored copy nothing was paid under the rules of the release', async () => {
    await edit(`jsonb_set(document, '{rules,1,params,amountFen}', '2000000')`);
    await ensureBuiltInPolicies(ds, builtIns);
    expect(await stored()).toEqual(JSON.parse(JSON.stringify(builtIns.find((p) => p.version === version))));
  });

  it('refuses to start when a stored copy a posted run paid under decides differently', async () => {
    const t = tables(ds);
    const runId = randomUUID();
    await ds.query(
      `INSERT INTO ${t.run} (id, division_code, month, status, phase, created_by) VALUES ($1, '371002', '2025-03', 'posted', 'done', '{}'::jsonb)`,
      [runId],
    );
    await ds.query(
      `INSERT INTO ${t.line} (run_id, line_key, id, kind, period, institution_id, institution_name, division_code, policy_key, policy_version, rule_id, rule_kind,
         rule_title, status, base_fen, amount_fen, explanation, inputs, orig_key)
       VALUES ($1, 'k', $2, 'regular', '2025-03', $2, '机构', '371002', 'huancui-childcare-support', $3, 'OPENING_GRANT', 'opening_grant', '开办补助', 'payable',
         3000000, 3000000, '说明', '{}'::jsonb, 'k')`,
      [runId, randomUUID(), version],
    );
    await edit(`jsonb_set(document, '{rules,1,params,amountFen}', '2000000')`);
    await expect(ensureBuiltInPolicies(ds, builtIns)).rejects.toThrow(`built-in subsidy policy ${version} differs from the stored version`);
  });
});
