// The migration to lists by jurisdiction on the run's real PostgreSQL, from a schema as the
// previous release left it: a version published then applied everywhere and stays national; the
// built-in versions are stored again at start, each at the level of its legal basis.
import 'reflect-metadata';
import { createServiceDataSource, initializeAndMigrate } from '@shanyu/persistence';
import { testDatabaseUrl, uniqueSchema } from '@shanyu/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltInChecklists } from '../checklists/builtin-checklists.js';
import { ChecklistCatalog } from '../checklists/checklist-catalog.js';
import { FIRE_INSPECTION_2026 } from '../checklists/data/fire.data.js';
import { POLICE_INSPECTION_2026, XIHU_POLICE_INSPECTION_2026 } from '../checklists/data/others.data.js';
import { INSPECTION_MIGRATIONS, inspectionDataSource } from '../data-source.js';
import { RulesByJurisdiction1764000000600 } from './1764000000600-rules-by-jurisdiction.js';

describe('migration 1764000000600: lists by jurisdiction', () => {
  const schema = uniqueSchema('inspection_rules_migration');
  let before: DataSource;
  let after: DataSource;

  beforeAll(async () => {
    // The schema of the release before: every migration up to the result versions.
    const upTo = INSPECTION_MIGRATIONS.indexOf(RulesByJurisdiction1764000000600);
    before = createServiceDataSource({ url: testDatabaseUrl(), schema, entities: [], migrations: INSPECTION_MIGRATIONS.slice(0, upTo) });
    await initializeAndMigrate(before);
    const row = `INSERT INTO "${schema}".checklist_version (id, kind, department, version, effective_from, title, source, inspection_items, penalty_items, origin, published_at, published_by)
      VALUES (gen_random_uuid(), 'inspection', $1, $2, $3, $4, $5, $6, '[]', $7, now(), $8)`;
    // The old built-in police list: 西湖区's items on the national list.
    const oldPolice = [...POLICE_INSPECTION_2026.inspectionItems, ...XIHU_POLICE_INSPECTION_2026.inspectionItems];
    await before.query(row, ['police', 'police/2026.1', '2026-01-01', POLICE_INSPECTION_2026.title, '旧版清单', JSON.stringify(oldPolice), 'built-in', null]);
    // A version a fire bureau published, in force everywhere (a number and a code no built-in list uses:
    // a built-in version of the same number would not be stored beside it).
    const published = [...FIRE_INSPECTION_2026.inspectionItems, { ...FIRE_INSPECTION_2026.inspectionItems[0]!, code: 'FIRE-90', category: '儿童防护' }];
    await before.query(row, [
      'fire',
      'fire/2026.9',
      '2026-03-01',
      '托育机构消防安全行政检查事项清单（2026 年修订）',
      '消防安全检查事项清单（修订）',
      JSON.stringify(published),
      'published',
      JSON.stringify({ department: 'fire', userId: 'fire.330106' }),
    ]);
    await before.destroy();
    after = inspectionDataSource(testDatabaseUrl(), schema);
    await initializeAndMigrate(after);
  });
  afterAll(async () => {
    if (before?.isInitialized) await before.destroy();
    await after?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await after?.destroy();
  });

  it('keeps a published version national, its source its one citation, and removes the old built-in rows', async () => {
    const rows = await after.query(`SELECT version, origin, jurisdiction, sources, disabled_items FROM "${schema}".checklist_version ORDER BY version`);
    expect(rows).toEqual([
      { version: 'fire/2026.9', origin: 'published', jurisdiction: '000000', sources: [{ title: '消防安全检查事项清单（修订）' }], disabled_items: [] },
    ]);
  });

  it('stores the built-in lists again at their levels: 西湖区’s police items apply in 西湖区 only; the published fire version everywhere', async () => {
    const catalog = new ChecklistCatalog();
    expect(await catalog.seed(after, loadBuiltInChecklists())).toEqual([]);
    const codes = async (divisionCode: string) =>
      (await catalog.inspectionItems(after.manager, divisionCode, '2026-06-01', ['police', 'fire'])).map((i) => i.item.code);
    const xihu = await codes('330106109');
    const huancui = await codes('371002');
    expect(xihu).toEqual(expect.arrayContaining(['POL-01', 'POL-07', 'FIRE-90']));
    expect(huancui).toEqual(expect.arrayContaining(['POL-07', 'FIRE-90']));
    expect(huancui).not.toContain('POL-01');
    const police = (await catalog.inForce(after.manager, '2026-06-01', { department: 'police', kind: 'inspection' })).map((v) => [v.version, v.jurisdiction]);
    expect(police).toEqual([
      ['police/2026.1', '000000'],
      ['police-330106/2026.1', '330106'],
    ]);
  });

  it('keeps a stored version when a built-in list of the same number was edited, and names it', async () => {
    const catalog = new ChecklistCatalog();
    const lists = loadBuiltInChecklists();
    const edited = lists.map((l) => (l.kind === 'inspection' && l.version === 'fire/2026.1' ? { ...l, title: `${l.title}（改）` } : l));
    expect(await catalog.seed(after, edited)).toEqual(['inspection fire/2026.1']);
    const stored = (await catalog.all(after.manager)).find((v) => v.kind === 'inspection' && v.version === 'fire/2026.1')!;
    expect(stored.title).toBe(lists.find((l) => l.kind === 'inspection' && l.version === 'fire/2026.1')!.title);
  });
});
