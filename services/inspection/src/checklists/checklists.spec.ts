import { describe, expect, it } from 'vitest';
import { buildForm, groupByArea } from '../forms/merged-form.js';
import { SUPERVISION_POLICY_2026 } from '../policy/supervision-policy.data.js';
import { loadPolicy, PolicyError } from '../policy/supervision-policy.js';
import { BUILT_IN_CHECKLISTS, loadBuiltInChecklists } from './builtin-checklists.js';
import { checkCatalog, ChecklistError, loadChecklist } from './checklist-schema.js';
import { FIRE_INSPECTION_2026 } from './data/fire.data.js';

const lists = loadBuiltInChecklists();
const inspectionLists = lists.filter((l) => l.kind === 'inspection');

describe('the two lists (两张清单) as data', () => {
  it('ship at least 60 inspection items across at least 6 departments, each citing its legal basis', () => {
    const items = inspectionLists.flatMap((l) => l.inspectionItems);
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(new Set(inspectionLists.map((l) => l.department)).size).toBeGreaterThanOrEqual(6);
    for (const item of items) expect(item.legalBasis.length).toBeGreaterThan(4);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
  });

  it('ship penalty items with legal fine ranges in fen, each tied to inspection items', () => {
    const penalties = lists.filter((l) => l.kind === 'penalty').flatMap((l) => l.penaltyItems);
    expect(penalties.length).toBeGreaterThanOrEqual(10);
    const fire = penalties.find((p) => p.code === 'PFIRE-01')!;
    expect(fire).toMatchObject({ fineMinFen: 500_000, fineMaxFen: 5_000_000, legalBasis: expect.stringContaining('消防法》第六十条') });
    for (const p of penalties.filter((x) => x.kinds.includes('fine'))) expect(p.fineMinFen!).toBeLessThanOrEqual(p.fineMaxFen!);
  });

  it('fails loudly on a broken list: unknown field, missing legal basis, bad weight, fine without range, duplicate code', () => {
    const broken = {
      ...FIRE_INSPECTION_2026,
      inspectionItems: [
        { ...FIRE_INSPECTION_2026.inspectionItems[0], legalBasis: '', riskweight: 3 },
        { ...FIRE_INSPECTION_2026.inspectionItems[1], riskWeight: 9 },
        { ...FIRE_INSPECTION_2026.inspectionItems[1] },
      ],
    };
    expect(() => loadChecklist(broken)).toThrow(ChecklistError);
    const message = (() => {
      try {
        loadChecklist(broken);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/inspectionItems\.0\.legalBasis: missing/);
    expect(message).toMatch(/inspectionItems\.0\.riskweight: unknown field/);
    expect(message).toMatch(/inspectionItems\.1\.riskWeight: invalid/);
    expect(message).toMatch(/FIRE-02: duplicate code/);
    const penalty = {
      kind: 'penalty',
      department: 'fire',
      version: 'fire/2027.1',
      effectiveFrom: '2027-01-01',
      title: 't',
      source: 's',
      inspectionItems: [],
      penaltyItems: [{ code: 'PFIRE-09', violation: '某违法行为', legalBasis: '某法律', kinds: ['fine'], relatedItems: ['FIRE-01'] }],
    };
    expect(() => loadChecklist(penalty)).toThrow(/needs fineMinFen and fineMaxFen/);
    expect(() => loadChecklist({ ...FIRE_INSPECTION_2026, version: 'market/2026.1' })).toThrow(/version/);
  });

  it('refuses a code that moves to another department or a penalty naming an unknown item', () => {
    const stolen = { ...FIRE_INSPECTION_2026, department: 'market' as const, version: 'market/2027.1' };
    expect(() => checkCatalog([...lists, stolen])).toThrow(/code used by fire and market/);
    const dangling = loadChecklist({
      kind: 'penalty',
      department: 'fire',
      version: 'fire/2027.1',
      effectiveFrom: '2027-01-01',
      title: 't',
      source: 's',
      inspectionItems: [],
      penaltyItems: [{ code: 'PFIRE-09', violation: '某违法行为', legalBasis: '某法律', kinds: ['warning'], relatedItems: ['FIRE-99'] }],
    });
    expect(() => checkCatalog([...lists, dangling])).toThrow(/FIRE-99 is on no inspection list/);
  });

  it('loads the built-in lists only when every one matches (a broken one stops the start)', () => {
    expect(() => loadBuiltInChecklists([...BUILT_IN_CHECKLISTS, { ...FIRE_INSPECTION_2026, title: '' }])).toThrow(ChecklistError);
  });

  it('checks the supervision policy the same way', () => {
    expect(loadPolicy(SUPERVISION_POLICY_2026).samplingRatios).toEqual({ A: 0.05, B: 0.1, C: 0.3, D: 1 });
    expect(() => loadPolicy({ ...SUPERVISION_POLICY_2026, minInspectorsPerDepartment: 1 })).toThrow(PolicyError);
    expect(() => loadPolicy({ ...SUPERVISION_POLICY_2026, sources: { ...SUPERVISION_POLICY_2026.sources, yearlyCap: undefined } })).toThrow(/yearlyCap/);
    expect(() => loadPolicy({ ...SUPERVISION_POLICY_2026, yearlycap: 3 })).toThrow(/unknown field yearlycap/);
  });
});

describe('the merged form (一表通查)', () => {
  it("has every participating department's items once, grouped by area, even when lists and versions repeat", () => {
    const fireV2 = { ...FIRE_INSPECTION_2026, version: 'fire/2027.1' };
    const form = buildForm({ lists: [...inspectionLists, ...inspectionLists, fireV2], operatorType: 'private', kind: 'full' });
    expect(new Set(form.map((i) => i.code)).size).toBe(form.length);
    const grouped = groupByArea(form);
    expect(grouped.flatMap((g) => g.items)).toHaveLength(form.length);
    expect(new Set(grouped.map((g) => g.area)).size).toBe(grouped.length);
    expect(form.filter((i) => i.department === 'fire').every((i) => i.checklistVersion === 'fire/2026.1')).toBe(true);
  });

  it("leaves out items that do not apply to the institution type (kindergarten classes are education's)", () => {
    const privateForm = buildForm({ lists: inspectionLists, operatorType: 'private', kind: 'full' });
    const kindergarten = buildForm({ lists: inspectionLists, operatorType: 'kindergarten', kind: 'full' });
    expect(privateForm.some((i) => i.department === 'education')).toBe(false);
    expect(kindergarten.filter((i) => i.department === 'education')).toHaveLength(6);
  });

  it('abbreviates for good grades: only basic and high-risk items', () => {
    const full = buildForm({ lists: inspectionLists, operatorType: 'private', kind: 'full' });
    const short = buildForm({ lists: inspectionLists, operatorType: 'private', kind: 'abbreviated', abbreviatedMinRiskWeight: 4 });
    expect(short.length).toBeLessThan(full.length);
    expect(short.every((i) => i.basic || i.riskWeight >= 4)).toBe(true);
    expect(short.map((i) => i.code)).toEqual(expect.arrayContaining(['FIRE-01', 'POL-02', 'HLT-06']));
  });

  it('keeps only the given codes for a re-inspection', () => {
    const form = buildForm({ lists: inspectionLists, operatorType: 'private', kind: 'reinspection', onlyCodes: new Set(['FIRE-01', 'MKT-05']) });
    expect(form.map((i) => i.code).sort()).toEqual(['FIRE-01', 'MKT-05']);
  });
});
