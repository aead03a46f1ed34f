// The built-in subsidy policies on the run's real PostgreSQL: stored once; a stored copy whose
// citations were since corrected takes the corrected texts; one that would decide differently
// stops the start (a version is never edited, a change is a new version).
import 'reflect-metadata';
import { initializeAndMigrate } from '@shanyu/persistence';
import { testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subsidyDataSource } from '../data-source.js';
import { tables } from '../sql.js';
import { loadBuiltInPolicies } from './builtin-policies.js';
import type { Policy } from './policy.js';
import { allPolicies, ensureBuiltInPolicies } from './policy-store.js';

describe('ensureBuiltInPolicies', () => {
  let ds: DataSource;
  let builtIns: Policy[];
  const version = 'huancui-childcare-support/2023.1';
  const stored = async () => (await allPolicies(ds)).find((p) => p.version === version)!;
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
    expect((await allPolicies(ds)).map((p) => p.version).sort()).toEqual(builtIns.map((p) => p.version).sort());
  });

  it('replaces the citations of a stored copy made before they were corrected', async () => {
    await edit(`jsonb_set(jsonb_set(document, '{source}', '"an old citation"'), '{rules,0,source}', '"an old rule citation"')`);
    expect((await stored()).rules[0]!.source).toBe('an old rule citation');
    await ensureBuiltInPolicies(ds, builtIns);
    expect(await stored()).toEqual(JSON.parse(JSON.stringify(builtIns.find((p) => p.version === version))));
  });

  it('refuses to start when a stored copy of the same version decides differently', async () => {
    await edit(`jsonb_set(document, '{rules,1,params,amountFen}', '2000000')`);
    await expect(ensureBuiltInPolicies(ds, builtIns)).rejects.toThrow(`built-in subsidy policy ${version} differs from the stored version`);
  });
});
