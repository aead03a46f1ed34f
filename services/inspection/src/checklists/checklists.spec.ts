import { INSPECTION_DEPARTMENTS, type InspectionItem, type PenaltyItem } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { buildForm, groupByArea } from '../forms/merged-form.js';
import { BUILT_IN_CHECKLISTS, loadBuiltInChecklists } from './builtin-checklists.js';
import { type EffectiveChecklistItem, effectiveChecklistItems } from './checklist-rules.js';
import { checkCatalog, type ChecklistData, ChecklistError, loadChecklist } from './checklist-schema.js';
import { FIRE_INSPECTION_2026 } from './data/fire.data.js';
import { MARKET_PENALTY_2026_2 } from './data/market.data.js';

const lists = loadBuiltInChecklists();
const inspectionLists = lists.filter((l) => l.kind === 'inspection');
/** The inspection items in force in 三墩镇 (西湖区, Hangzhou), where every built-in list applies. */
const inspectionItems = (catalog: ChecklistData[] = lists, divisionCode = '330106109', on = '2026-06-01') =>
  effectiveChecklistItems(catalog, divisionCode, on).items.filter((i): i is EffectiveChecklistItem<InspectionItem> => i.kind === 'inspection');

describe('the two lists (两张清单) as data', () => {
  it('ship at least 60 inspection items across at least 6 departments, each citing its legal basis', () => {
    const items = inspectionLists.flatMap((l) => l.inspectionItems);
    expect(new Set(items.map((i) => i.code)).size).toBeGreaterThanOrEqual(60);
    expect(new Set(inspectionLists.map((l) => l.department)).size).toBeGreaterThanOrEqual(6);
    for (const item of items) expect(item.legalBasis.length).toBeGreaterThan(4);
    // A code is added by one list only (a later version of that list repeats it); a local list may
    // replace it (Hangzhou's fee item replaces the national one).
    const addedBy = new Map<string, Set<string>>();
    for (const list of inspectionLists)
      for (const item of list.inspectionItems.filter((i) => (i.composition ?? 'adds') === 'adds'))
        addedBy.set(item.code, (addedBy.get(item.code) ?? new Set()).add(`${list.department}/${list.jurisdiction}`));
    for (const [code, adders] of addedBy) expect([...adders], code).toHaveLength(1);
    for (const list of inspectionLists) expect(new Set(list.inspectionItems.map((i) => i.code)).size, list.version).toBe(list.inspectionItems.length);
  });

  it('ship penalty items with legal fine ranges in fen, each tied to inspection items', () => {
    const penalties = lists.filter((l) => l.kind === 'penalty').flatMap((l) => l.penaltyItems);
    expect(penalties.length).toBeGreaterThanOrEqual(10);
    const fire = penalties.find((p) => p.code === 'PFIRE-01')!;
    expect(fire).toMatchObject({ fineMinFen: 500_000, fineMaxFen: 5_000_000, legalBasis: expect.stringContaining('消防法》第六十条') });
    for (const p of penalties.filter((x) => x.kinds.includes('fine'))) {
      expect(p.fineMinFen, p.code).toBeTypeOf('number');
      // Unbounded only where the fine is a multiple of 货值金额 or 违法所得.
      if (p.fineMaxFen === undefined)
        expect(
          p.fine?.tiers.some((t) => t.maxTimes !== undefined && t.basisBelowFen === undefined),
          p.code,
        ).toBe(true);
      else expect(p.fineMinFen!).toBeLessThanOrEqual(p.fineMaxFen);
    }
  });

  it('gives every inspecting department its inspection list, and each department holding penalty powers its penalty list, in force today', () => {
    const inForce = (kind: string, department: string) =>
      lists.some((l) => l.kind === kind && l.department === department && l.jurisdiction === '000000' && l.effectiveFrom <= '2026-12-07');
    for (const department of INSPECTION_DEPARTMENTS) expect(inForce('inspection', department), department).toBe(true);
    // The street office's own enforcement powers are delegated case by case (综合行政执法): no national penalty list.
    for (const department of INSPECTION_DEPARTMENTS.filter((d) => d !== 'street')) expect(inForce('penalty', department), department).toBe(true);
  });

  it('shows the bounds of a fine written as a formula, and refuses a formula that does not hold together', () => {
    const market = lists.find((l) => l.kind === 'penalty' && l.version === 'market/2026.2')!;
    expect(market.penaltyItems.find((p) => p.code === 'PMKT-01')).toMatchObject({ fineMinFen: 5_000_000 });
    expect(market.penaltyItems.find((p) => p.code === 'PMKT-01')!.fineMaxFen).toBeUndefined();
    expect(market.penaltyItems.find((p) => p.code === 'PMKT-06')).toMatchObject({ fineMinFen: 1_000_000, fineMaxFen: 5_000_000 });
    const withFine = (fine: unknown, extra: object = {}) => ({
      ...MARKET_PENALTY_2026_2,
      penaltyItems: [{ ...MARKET_PENALTY_2026_2.penaltyItems[0]!, fine, ...extra }],
    });
    expect(() => loadChecklist(withFine({ basis: 'none', tiers: [{ minTimes: 1, maxTimes: 2 }] }))).toThrow(/need a basis/);
    expect(() => loadChecklist(withFine({ basis: 'goods_value', tiers: [{ minFen: 5, maxFen: 1 }] }))).toThrow(/not below minFen/);
    expect(() => loadChecklist(withFine({ basis: 'goods_value', tiers: [{ minFen: 1, maxFen: 5, minTimes: 1, maxTimes: 2 }] }))).toThrow(/either fixed/);
    expect(() => loadChecklist(withFine({ basis: 'goods_value', tiers: [{ maxFen: 5, per: 1 }] }))).toThrow(/tiers\.0\.per: unknown field/);
    expect(() => loadChecklist(withFine({ basis: 'goods_value', tiers: [{ maxFen: 5 }] }, { fineMaxFen: 7 }))).toThrow(/may only repeat its bounds/);
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
      jurisdiction: '000000',
      version: 'fire/2027.1',
      effectiveFrom: '2027-01-01',
      title: 't',
      source: '某规范性文件',
      inspectionItems: [],
      penaltyItems: [{ code: 'PFIRE-09', violation: '某违法行为', legalBasis: '某法律', kinds: ['fine'], relatedItems: ['FIRE-01'] }],
    };
    expect(() => loadChecklist(penalty)).toThrow(/needs fineMinFen and fineMaxFen/);
    expect(() => loadChecklist({ ...FIRE_INSPECTION_2026, version: 'market/2026.1' })).toThrow(/version/);
  });

  it('refuses a code that moves to another department or a penalty naming an unknown item', () => {
    const stolen = loadChecklist({ ...FIRE_INSPECTION_2026, department: 'market' as const, version: 'market/2027.1' });
    expect(() => checkCatalog([...lists, stolen])).toThrow(/code used by fire and market/);
    const dangling = loadChecklist({
      kind: 'penalty',
      department: 'fire',
      jurisdiction: '000000',
      version: 'fire/2027.1',
      effectiveFrom: '2027-01-01',
      title: 't',
      source: '某规范性文件',
      inspectionItems: [],
      penaltyItems: [{ code: 'PFIRE-09', violation: '某违法行为', legalBasis: '某法律', kinds: ['warning'], relatedItems: ['FIRE-99'] }],
    });
    expect(() => checkCatalog([...lists, dangling])).toThrow(/FIRE-99 is on no inspection list/);
  });

  it('loads the built-in lists only when every one matches (a broken one stops the start)', () => {
    expect(() => loadBuiltInChecklists([...BUILT_IN_CHECKLISTS, { ...FIRE_INSPECTION_2026, title: '' }])).toThrow(ChecklistError);
  });
});

describe('the merged form (一表通查)', () => {
  it("has every participating department's items once, grouped by area, even when lists and versions repeat", () => {
    const fireV2 = loadChecklist({ ...FIRE_INSPECTION_2026, version: 'fire/2027.1', effectiveFrom: '2027-01-01' });
    const catalog = [...lists, fireV2];
    const form = buildForm({ items: [...inspectionItems(catalog), ...inspectionItems(catalog)], operatorType: 'private', nature: 'for_profit', kind: 'full' });
    expect(new Set(form.map((i) => i.code)).size).toBe(form.length);
    const grouped = groupByArea(form);
    expect(grouped.flatMap((g) => g.items)).toHaveLength(form.length);
    expect(new Set(grouped.map((g) => g.area)).size).toBe(grouped.length);
    expect(form.filter((i) => i.department === 'fire').every((i) => i.checklistVersion === 'fire/2026.1')).toBe(true);
  });

  it("leaves out items that do not apply to the institution type (kindergarten classes are education's)", () => {
    const privateForm = buildForm({ items: inspectionItems(), operatorType: 'private', nature: 'for_profit', kind: 'full' });
    const kindergarten = buildForm({ items: inspectionItems(), operatorType: 'kindergarten', nature: 'non_profit', kind: 'full' });
    expect(privateForm.some((i) => i.department === 'education')).toBe(false);
    expect(kindergarten.filter((i) => i.department === 'education')).toHaveLength(6);
  });

  it("leaves civil affairs' items for 民办非企业单位 off a for-profit institution's form; keeps them where the nature is unknown", () => {
    const civil = inspectionItems(lists, '330106109', '2026-12-07').filter((i) => i.department === 'civil');
    expect(civil.length).toBeGreaterThan(0);
    expect(buildForm({ items: civil, operatorType: 'private', nature: 'for_profit', kind: 'full' })).toEqual([]);
    expect(buildForm({ items: civil, operatorType: 'private', nature: 'non_profit', kind: 'full' }).map((i) => i.code)).toEqual([
      'CIV-01',
      'CIV-02',
      'CIV-03',
      'CIV-04',
    ]);
    expect(buildForm({ items: civil, operatorType: 'private', nature: null, kind: 'full' })).toHaveLength(4);
  });

  it('abbreviates for good grades: only basic and high-risk items', () => {
    const full = buildForm({ items: inspectionItems(), operatorType: 'private', nature: 'for_profit', kind: 'full' });
    const short = buildForm({ items: inspectionItems(), operatorType: 'private', nature: 'for_profit', kind: 'abbreviated', abbreviatedMinRiskWeight: 4 });
    expect(short.length).toBeLessThan(full.length);
    expect(short.every((i) => i.basic || i.riskWeight >= 4)).toBe(true);
    expect(short.map((i) => i.code)).toEqual(expect.arrayContaining(['FIRE-01', 'POL-02', 'HLT-06']));
  });

  it('checks 消防验收 / 投入使用、营业前消防安全检查 (FIRE-14, fire/2026.2) from 2026-12-01, on the abbreviated form too', () => {
    const fireOn = (on: string, kind: 'full' | 'abbreviated') =>
      buildForm({ items: inspectionItems(lists, '371002', on), operatorType: 'private', nature: 'for_profit', kind, abbreviatedMinRiskWeight: 4 }).filter(
        (i) => i.department === 'fire',
      );
    expect(fireOn('2026-11-30', 'full').map((i) => i.code)).not.toContain('FIRE-14');
    expect(fireOn('2026-11-30', 'full').every((i) => i.checklistVersion === 'fire/2026.1')).toBe(true);
    const december = fireOn('2026-12-01', 'full');
    expect(december).toHaveLength(14);
    expect(december.every((i) => i.checklistVersion === 'fire/2026.2')).toBe(true);
    expect(december.find((i) => i.code === 'FIRE-14')).toMatchObject({
      severity: 'critical',
      riskWeight: 5,
      basic: true,
      legalBasis: expect.stringMatching(/消防法》第十三条、第十五条、第五十八条/),
    });
    expect(fireOn('2026-12-01', 'abbreviated').map((i) => i.code)).toContain('FIRE-14');
    const penalty = effectiveChecklistItems(lists, '371002', '2026-12-01').items.find((i) => i.item.code === 'PFIRE-06');
    expect(penalty).toMatchObject({ kind: 'penalty', checklistVersion: 'fire/2026.2', item: { fineMinFen: 3_000_000, fineMaxFen: 30_000_000 } });
    expect(effectiveChecklistItems(lists, '371002', '2026-11-30').items.some((i) => i.item.code === 'PFIRE-06')).toBe(false);
  });

  it('fire/2026.3 from 2026-12-08: every item of 2026.2 kept, FIRE-15–25 and PFIRE-07–21 added, each penalty tied to fire items in force', () => {
    const fireOn = (on: string) => effectiveChecklistItems(lists, '371002', on).items.filter((i) => i.department === 'fire');
    const before = fireOn('2026-12-07');
    const after = fireOn('2026-12-08');
    expect(before.every((i) => i.checklistVersion === 'fire/2026.2')).toBe(true);
    expect(after.every((i) => i.checklistVersion === 'fire/2026.3')).toBe(true);
    const codes = (items: typeof after, kind: 'inspection' | 'penalty') => items.filter((i) => i.kind === kind).map((i) => i.item.code);
    expect(codes(after, 'inspection')).toHaveLength(25);
    expect(codes(after, 'penalty')).toHaveLength(21);
    expect(codes(after, 'inspection')).toEqual(expect.arrayContaining(codes(before, 'inspection')));
    expect(codes(after, 'penalty')).toEqual(expect.arrayContaining(codes(before, 'penalty')));
    const inspection = new Set(codes(after, 'inspection'));
    const penalties = after.filter((i): i is EffectiveChecklistItem<PenaltyItem> => i.kind === 'penalty');
    for (const p of penalties) for (const code of p.item.relatedItems) expect(inspection.has(code), `${p.item.code} → ${code}`).toBe(true);
  });

  it('keeps only the given codes for a re-inspection', () => {
    const form = buildForm({
      items: inspectionItems(),
      operatorType: 'private',
      nature: 'for_profit',
      kind: 'reinspection',
      onlyCodes: new Set(['FIRE-01', 'MKT-05']),
    });
    expect(form.map((i) => i.code).sort()).toEqual(['FIRE-01', 'MKT-05']);
  });
});
