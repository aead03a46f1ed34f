import { DomainError, NATIONAL_JURISDICTION } from '@shanyu/common';
import type { InspectionItem } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { buildForm } from '../forms/merged-form.js';
import { loadBuiltInChecklists } from './builtin-checklists.js';
import { checkChecklistDocument, checklistRuleDocument, type EffectiveChecklistItem, effectiveChecklistItems } from './checklist-rules.js';
import { type ChecklistData, ChecklistError, checkPlacement, loadChecklist } from './checklist-schema.js';

const builtIn = loadBuiltInChecklists();
const XIHU_STREET = '330106109'; // 三墩镇, 西湖区, 杭州市
const XIHU_OTHER_STREET = '330106001';
const HUANCUI = '371002'; // 环翠区, 威海市
const ON = '2026-06-01';

const inspection = (lists: ChecklistData[], divisionCode: string, on = ON) =>
  effectiveChecklistItems(lists, divisionCode, on).items.filter((i): i is EffectiveChecklistItem<InspectionItem> => i.kind === 'inspection');
const form = (lists: ChecklistData[], divisionCode: string, on = ON) =>
  buildForm({ items: inspection(lists, divisionCode, on), operatorType: 'private', kind: 'full' });
const codes = (lists: ChecklistData[], divisionCode: string, on = ON) =>
  form(lists, divisionCode, on)
    .map((i) => i.code)
    .sort();

const item = (code: string, text: string, extra: Partial<InspectionItem> = {}): InspectionItem => ({
  code,
  area: 'food_safety',
  category: '地方检查事项',
  text,
  legalBasis: '《中华人民共和国食品安全法》',
  riskWeight: 2,
  severity: 'minor',
  appliesTo: [],
  basic: false,
  ...extra,
});

/** A list of market regulation's for a jurisdiction, as a district would publish it. */
const marketList = (jurisdiction: string, fields: Partial<ChecklistData> & Pick<ChecklistData, 'inspectionItems'>): ChecklistData =>
  loadChecklist({
    kind: 'inspection',
    department: 'market',
    jurisdiction,
    version: jurisdiction === NATIONAL_JURISDICTION ? 'market/2026.9' : `market-${jurisdiction}/2026.1`,
    effectiveFrom: '2026-05-01',
    title: '托育机构食品安全行政检查事项清单（地方）',
    source: '地方行政检查事项清单',
    sources: [{ title: '托育机构食品安全行政检查事项清单（地方）', documentNo: '测试〔2026〕1号' }],
    penaltyItems: [],
    ...fields,
  });

describe('the built-in lists, each at the level of its legal basis', () => {
  it('gives a 西湖区 institution and a 环翠区 one different forms: the national items, then only their own places’ items', () => {
    const xihu = codes(builtIn, XIHU_STREET);
    const huancui = codes(builtIn, HUANCUI);
    // Both: national law (消防法, 食品安全法, 76号令 …).
    for (const code of ['FIRE-01', 'MKT-01', 'HLT-06', 'POL-07', 'STR-02']) {
      expect(xihu).toContain(code);
      expect(huancui).toContain(code);
    }
    // Hangzhou's waste regulation and 西湖区's notice apply in 西湖区 only …
    for (const code of ['STR-03', 'STR-04', 'STR-01', 'STR-06', 'POL-01', 'POL-04', 'HRS-01']) {
      expect(xihu).toContain(code);
      expect(huancui).not.toContain(code);
    }
    // … and 环翠区's 示范区 plan in 环翠区 only.
    expect(huancui).toContain('STR-07');
    expect(xihu).not.toContain('STR-07');
  });

  it('replaces the national fee item in Hangzhou with its own (普惠 prices), naming the list each came from', () => {
    const xihu = form(builtIn, XIHU_STREET).find((i) => i.code === 'MKT-11')!;
    const huancui = form(builtIn, HUANCUI).find((i) => i.code === 'MKT-11')!;
    expect(xihu).toMatchObject({ checklistVersion: 'market-330100/2026.1', jurisdiction: '330100', text: expect.stringContaining('普惠') });
    expect(huancui).toMatchObject({ checklistVersion: 'market/2026.1', jurisdiction: NATIONAL_JURISDICTION });
    expect(huancui.text).not.toContain('普惠');
    const resolved = effectiveChecklistItems(builtIn, XIHU_STREET, ON).resolved;
    const rule = resolved.rules.find((r) => r.key === 'MKT-11')!;
    expect(rule.from).toMatchObject({ level: 'city', jurisdictionName: '浙江省杭州市' });
    expect(rule.replaced).toEqual([expect.objectContaining({ key: 'MKT-11', from: expect.objectContaining({ level: 'national' }) })]);
  });

  it('are in force from their start: before 2026 nothing is', () => {
    expect(codes(builtIn, XIHU_STREET, '2025-12-31')).toEqual([]);
  });
});

describe('a local list resolved for the institution’s division and date', () => {
  const huancui = marketList(HUANCUI, { inspectionItems: [item('MKT-371002-01', '婴幼儿辅食现场制作符合本地规定')] });

  it('applies in its own division (and the streets inside) and nowhere else', () => {
    const catalog = [...builtIn, huancui];
    expect(codes(catalog, HUANCUI)).toContain('MKT-371002-01');
    expect(codes(catalog, '371002001')).toContain('MKT-371002-01');
    expect(codes(catalog, XIHU_STREET)).not.toContain('MKT-371002-01');
    expect(codes(catalog, '371003')).not.toContain('MKT-371002-01');
    expect(form(catalog, HUANCUI).find((i) => i.code === 'MKT-371002-01')).toMatchObject({
      department: 'market',
      jurisdiction: HUANCUI,
      checklistVersion: 'market-371002/2026.1',
    });
  });

  it('applies from its effective date, and a later version takes its place', () => {
    const next = marketList(HUANCUI, {
      version: 'market-371002/2026.2',
      effectiveFrom: '2026-09-01',
      inspectionItems: [item('MKT-371002-02', '另一本地事项')],
    });
    const catalog = [...builtIn, huancui, next];
    expect(codes(catalog, HUANCUI, '2026-04-30')).not.toContain('MKT-371002-01');
    expect(codes(catalog, HUANCUI, '2026-05-01')).toContain('MKT-371002-01');
    const september = codes(catalog, HUANCUI, '2026-09-01');
    expect(september).toContain('MKT-371002-02');
    expect(september).not.toContain('MKT-371002-01');
  });

  it('disables an item from above in its division only, with the reason', () => {
    const off = marketList('330106', {
      inspectionItems: [],
      disabledItems: [{ code: 'MKT-14', reason: '本区有害生物防治由街道统一组织检查' }],
    });
    const catalog = [...builtIn, off];
    expect(codes(catalog, XIHU_STREET)).not.toContain('MKT-14');
    expect(codes(catalog, XIHU_OTHER_STREET)).not.toContain('MKT-14');
    expect(codes(catalog, HUANCUI)).toContain('MKT-14');
    expect(effectiveChecklistItems(catalog, XIHU_STREET, ON).resolved.disabled).toEqual([
      expect.objectContaining({ key: 'MKT-14', reason: '本区有害生物防治由街道统一组织检查', by: expect.objectContaining({ jurisdiction: '330106' }) }),
    ]);
  });

  it('must fit the lists above: add only new codes, replace, disable or confirm only codes from above', () => {
    const problems = (list: ChecklistData) => {
      try {
        checkPlacement(list, builtIn);
        return [];
      } catch (e) {
        return (e as ChecklistError).problems.map((p) => p.field);
      }
    };
    expect(problems(huancui)).toEqual([]);
    expect(problems(marketList(HUANCUI, { inspectionItems: [item('MKT-05', '重复国家事项')] }))).toEqual(['inspectionItems.0.code']);
    expect(problems(marketList(HUANCUI, { inspectionItems: [item('MKT-99', '无可替代', { composition: 'replaces' })] }))).toEqual(['inspectionItems.0.code']);
    expect(problems(marketList(HUANCUI, { inspectionItems: [], disabledItems: [{ code: 'MKT-98', reason: '无此事项可停用' }] }))).toEqual([
      'disabledItems.0.code',
    ]);
    // The national fee item is above 环翠区 (and may be replaced there); Hangzhou's own lists are not.
    expect(problems(marketList(HUANCUI, { inspectionItems: [item('MKT-11', '替代全国收费事项', { composition: 'replaces' })] }))).toEqual([]);
    const street = {
      ...marketList(HUANCUI, { inspectionItems: [], disabledItems: [{ code: 'STR-03', reason: '停用杭州的垃圾分类事项' }] }),
      department: 'street' as const,
    };
    expect(problems(street)).toEqual(['disabledItems.0.code']);
  });

  it('names its jurisdiction in its version, and a national list only adds', () => {
    expect(() => marketList(HUANCUI, { version: 'market/2026.3', inspectionItems: [item('MKT-371002-01', '本地事项')] })).toThrow(/market-371002/);
    expect(() => marketList(NATIONAL_JURISDICTION, { inspectionItems: [item('MKT-371002-01', '本地事项', { composition: 'replaces' })] })).toThrow(
      ChecklistError,
    );
    expect(() => marketList('999999', { inspectionItems: [item('MKT-371002-01', '本地事项')] })).toThrow(/jurisdiction/);
  });
});

describe('a list as a rule document (family inspection)', () => {
  it('keys each item by its code with its composition, one document per department, kind and jurisdiction', () => {
    const doc = checklistRuleDocument(builtIn.find((l) => l.version === 'market-330100/2026.1')!);
    expect(doc).toMatchObject({
      family: 'inspection',
      documentKey: 'market-inspection-330100',
      version: 'market-inspection-330100/2026.1',
      jurisdiction: '330100',
    });
    expect(doc.rules).toEqual([
      expect.objectContaining({ key: 'MKT-11', composition: 'replaces', body: expect.objectContaining({ kind: 'inspection', department: 'market' }) }),
    ]);
    expect(checklistRuleDocument(builtIn.find((l) => l.kind === 'penalty' && l.department === 'fire')!).documentKey).toBe('fire-penalty');
  });

  it("passes the one rule-document check, with the list's own item check as the body check", () => {
    for (const list of builtIn) expect(() => checkChecklistDocument(list)).not.toThrow();
    const broken = { ...builtIn[0]!, inspectionItems: [{ ...builtIn[0]!.inspectionItems[0]!, riskWeight: 9 }] };
    try {
      checkChecklistDocument(broken);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('RULE_DOCUMENT_INVALID');
      expect((e as DomainError).details?.map((d) => d.field)).toEqual(['rules.0.body.item.riskWeight']);
    }
  });
});
