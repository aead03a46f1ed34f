import { describe, expect, it } from 'vitest';
import { effectiveChecklistItems } from '../checklists/checklist-rules.js';
import { loadBuiltInChecklists } from '../checklists/builtin-checklists.js';

import { MARKET_PENALTY_2026_3 } from '../checklists/data/market.data.js';
import { checkPenalty } from './penalty-rules.js';
import { codeOf, fine, itemOf } from './penalty-decision.fixtures.js';

const item = (code: string) => itemOf(MARKET_PENALTY_2026_3, code);

describe('market/2026.3', () => {
  it('食品安全法 第一百二十三条 and 第一百二十五条 by 货值金额; 第一百二十六条 fines only after 拒不改正', () => {
    const meat = item('PMKT-14');
    expect(checkPenalty(meat, 'MKT-02', fine(10_000_000, { basisAmountFen: 999_999 }))).toMatchObject({ minFen: 10_000_000, maxFen: 15_000_000 });
    // 货值 2万: 30万–60万.
    expect(checkPenalty(meat, 'MKT-02', fine(30_000_000, { basisAmountFen: 2_000_000 }))).toMatchObject({ minFen: 30_000_000, maxFen: 60_000_000 });
    const substandard = item('PMKT-13');
    expect(codeOf(substandard, 'MKT-02', fine(500_000, { basisAmountFen: 100_000 }))).toBe('ok');
    expect(codeOf(substandard, 'MKT-02', fine(499_999, { basisAmountFen: 100_000 }))).toBe('PENALTY_OUT_OF_RANGE');
    const dishes = item('PMKT-09');
    expect(codeOf(dishes, 'MKT-09', { kinds: ['warning'] })).toBe('ok');
    expect(codeOf(dishes, 'MKT-09', fine(500_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(dishes, 'MKT-09', fine(500_000, { circumstances: ['refused_to_correct'] }))).toBe('ok');
    expect(item('PMKT-06').legalBasis).toContain('第一百三十二条第一款');
    expect(codeOf(item('PMKT-15'), 'MKT-01', fine(500_000))).toBe('PENALTY_KIND_NOT_ALLOWED');
  });

  it('价格欺诈: up to 5 times the 违法所得, 5万–50万 without one; 价外收费 up to 5千', () => {
    const fraud = item('PMKT-17');
    expect(checkPenalty(fraud, 'MKT-17', fine(1_000_000, { basisAmountFen: 200_000 }))).toMatchObject({ minFen: 0, maxFen: 1_000_000 });
    expect(codeOf(fraud, 'MKT-17', fine(1_000_001, { basisAmountFen: 200_000 }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(checkPenalty(fraud, 'MKT-17', fine(5_000_000, { basisAmountFen: 0 }))).toMatchObject({ minFen: 5_000_000, maxFen: 50_000_000 });
    expect(codeOf(item('PMKT-16'), 'MKT-11', fine(500_001))).toBe('PENALTY_OUT_OF_RANGE');
  });

  it('广告, 商业宣传 and 退费 as the laws write them', () => {
    const ad = item('PMKT-18');
    expect(codeOf(ad, 'MKT-18', fine(19_999_999))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(ad, 'MKT-18', fine(200_000_000, { circumstances: ['serious'] }))).toBe('ok');
    expect(codeOf(item('PMKT-20'), 'MKT-18', fine(100_000_001))).toBe('PENALTY_OUT_OF_RANGE');
    const refund = item('PMKT-21');
    expect(checkPenalty(refund, 'MKT-19', fine(300_000, { basisAmountFen: 300_000 }))).toMatchObject({ minFen: 300_000, maxFen: 3_000_000 });
    expect(codeOf(refund, 'MKT-19', fine(50_000_000, { basisAmountFen: 0 }))).toBe('ok');
  });

  it('市场主体登记管理条例: fines only after 拒不改正, the higher range where 情节严重 (which governs when both are found)', () => {
    const unregistered = item('PMKT-22');
    expect(codeOf(unregistered, 'MKT-15', fine(1_000_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(checkPenalty(unregistered, 'MKT-15', fine(1_000_000, { circumstances: ['refused_to_correct'] }))).toMatchObject({ maxFen: 10_000_000 });
    expect(checkPenalty(unregistered, 'MKT-15', fine(50_000_000, { circumstances: ['refused_to_correct', 'serious'] }))).toMatchObject({ minFen: 10_000_000 });
    expect(codeOf(item('PMKT-24'), 'MKT-12', fine(3_000_001, { circumstances: ['refused_to_correct'] }))).toBe('PENALTY_OUT_OF_RANGE');
  });

  it('is in force from 2026-12-08, every current item kept; registration items only for 营利性 institutions', () => {
    const lists = loadBuiltInChecklists();
    const market = (on: string, kind: string) =>
      effectiveChecklistItems(lists, '371002', on)
        .items.filter((i) => i.department === 'market' && i.kind === kind)
        .map((i) => i.item.code);
    expect(market('2026-12-07', 'penalty')).toHaveLength(7);
    expect(market('2026-12-08', 'penalty')).toEqual(expect.arrayContaining(market('2026-12-07', 'penalty')));
    expect(market('2026-12-08', 'penalty')).toHaveLength(24);
    expect(market('2026-12-07', 'inspection')).toHaveLength(14);
    expect(market('2026-12-08', 'inspection')).toEqual(expect.arrayContaining([...market('2026-12-07', 'inspection'), 'MKT-15', 'MKT-20']));
    expect(market('2026-12-08', 'inspection')).toHaveLength(20);
    const registration = lists.find((l) => l.version === 'market/2026.3' && l.kind === 'inspection')!.inspectionItems.filter((i) => i.appliesToNatures);
    expect(registration.map((i) => [i.code, i.appliesToNatures])).toEqual([
      ['MKT-12', ['for_profit']],
      ['MKT-15', ['for_profit']],
      ['MKT-16', ['for_profit']],
    ]);
    // 45号令 covers 学校 and 幼儿园, not 托育机构: the new versions do not cite it.
    for (const list of lists.filter((l) => l.version === 'market/2026.3')) expect(JSON.stringify(list), list.kind).not.toContain('第45号');
  });
});
