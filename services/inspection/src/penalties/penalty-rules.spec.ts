import { DomainError } from '@shanyu/common';

import { describe, expect, it } from 'vitest';

import { CIVIL_PENALTY_2026 } from '../checklists/data/civil.data.js';
import { FIRE_PENALTY_2026, FIRE_PENALTY_2026_2, FIRE_PENALTY_2026_3 } from '../checklists/data/fire.data.js';
import { HEALTH_PENALTY_2026_2 } from '../checklists/data/health.data.js';
import { MARKET_PENALTY_2026_2 } from '../checklists/data/market.data.js';
import { HRSS_PENALTY_2026_2, HRSS_PENALTY_2026_3 } from '../checklists/data/others.data.js';
import { describeFine } from './fine-rules.js';
import { checkPenalty } from './penalty-rules.js';
import { codeOf, fine, itemOf } from './penalty-decision.fixtures.js';

const fire = itemOf(FIRE_PENALTY_2026, 'PFIRE-01');
const unpermittedUse = itemOf(FIRE_PENALTY_2026_2, 'PFIRE-06');
const unlicensedFood = itemOf(MARKET_PENALTY_2026_2, 'PMKT-01');
const storage = itemOf(MARKET_PENALTY_2026_2, 'PMKT-06');
const price = itemOf(MARKET_PENALTY_2026_2, 'PMKT-05');
const unlicensedPractice = itemOf(HEALTH_PENALTY_2026_2, 'PHLT-02');
const vetting = itemOf(HRSS_PENALTY_2026_2, 'PHRS-01');
const noInsuranceRegistration = itemOf(HRSS_PENALTY_2026_3, 'PHRS-02');
const contributionsOwed = itemOf(HRSS_PENALTY_2026_3, 'PHRS-03');

describe('penalty decisions stay inside the penalty list', () => {
  it('accepts a fine inside a fixed legal range, bounds included, and returns the range it checked', () => {
    expect(checkPenalty(fire, 'FIRE-01', fine(500_000))).toEqual({ minFen: 500_000, maxFen: 5_000_000, article: null });
    expect(codeOf(fire, 'FIRE-01', fine(5_000_000))).toBe('ok');
  });

  it('refuses a fine outside the range with 422 naming the range in yuan', () => {
    try {
      checkPenalty(fire, 'FIRE-01', fine(6_000_000));
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('PENALTY_OUT_OF_RANGE');
      expect((e as DomainError).kind).toBe('RULE_VIOLATION');
      expect((e as DomainError).message).toContain('¥5,000.00 至 ¥50,000.00');
      expect((e as DomainError).details?.[0]?.field).toBe('fineFen');
    }
    expect(codeOf(fire, 'FIRE-01', fine(499_999))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(price, 'MKT-10', fine(0))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(price, 'MKT-10', fine(500_000))).toBe('ok');
  });

  it('refuses an item that does not cover the finding, a kind the item lacks, a fine without amount', () => {
    expect(codeOf(fire, 'FIRE-08', fine(500_000))).toBe('PENALTY_ITEM_NOT_APPLICABLE');
    expect(codeOf(fire, 'FIRE-01', { kinds: ['revocation'] })).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(codeOf(fire, 'FIRE-01', { kinds: ['fine'] })).toBe('PENALTY_FINE_REQUIRED');
  });
});

describe('fines as the law writes them', () => {
  it('食品安全法 第一百二十二条: 货值 under 1万 → 5万–10万; from 1万 → 10–20 times the 货值, so lawful fines above 10万 pass', () => {
    expect(codeOf(unlicensedFood, 'MKT-01', fine(5_000_000, { basisAmountFen: 999_999 }))).toBe('ok');
    expect(codeOf(unlicensedFood, 'MKT-01', fine(10_000_000, { basisAmountFen: 999_999 }))).toBe('ok');
    expect(codeOf(unlicensedFood, 'MKT-01', fine(10_000_001, { basisAmountFen: 999_999 }))).toBe('PENALTY_OUT_OF_RANGE');
    // 货值 5万: 50万–100万.
    expect(checkPenalty(unlicensedFood, 'MKT-01', fine(100_000_000, { basisAmountFen: 5_000_000 }))).toMatchObject({
      minFen: 50_000_000,
      maxFen: 100_000_000,
      article: '第一百二十二条第一款',
    });
    expect(codeOf(unlicensedFood, 'MKT-01', fine(49_999_999, { basisAmountFen: 5_000_000 }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(unlicensedFood, 'MKT-01', fine(100_000_001, { basisAmountFen: 5_000_000 }))).toBe('PENALTY_OUT_OF_RANGE');
    // Exactly 1万 is "一万元以上": 10–20 万.
    expect(checkPenalty(unlicensedFood, 'MKT-01', fine(10_000_000, { basisAmountFen: 1_000_000 }))).toMatchObject({ minFen: 10_000_000, maxFen: 20_000_000 });
  });

  it('asks for the 货值金额 or 违法所得 a fine is counted from, naming the field', () => {
    try {
      checkPenalty(unlicensedFood, 'MKT-01', fine(5_000_000));
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('PENALTY_BASIS_REQUIRED');
      expect((e as DomainError).details?.[0]?.field).toBe('basisAmountFen');
      expect((e as DomainError).message).toContain('货值金额');
    }
  });

  it('基本医疗卫生与健康促进法 第九十九条: 5–20 times the 违法所得, counted as 1万 when below it', () => {
    expect(checkPenalty(unlicensedPractice, 'HLT-12', fine(5_000_000, { basisAmountFen: 300_000 }))).toMatchObject({ minFen: 5_000_000, maxFen: 20_000_000 });
    expect(codeOf(unlicensedPractice, 'HLT-12', fine(4_999_999, { basisAmountFen: 0 }))).toBe('PENALTY_OUT_OF_RANGE');
    // 违法所得 3万: 15万–60万, above the old list's 20万 cap.
    expect(codeOf(unlicensedPractice, 'HLT-12', fine(60_000_000, { basisAmountFen: 3_000_000 }))).toBe('ok');
    expect(codeOf(unlicensedPractice, 'HLT-12', fine(60_000_001, { basisAmountFen: 3_000_000 }))).toBe('PENALTY_OUT_OF_RANGE');
  });

  it('第一百三十二条 storage: no fine at all unless the institution refused to correct, then 1万–5万 (a 6,000-yuan fine is refused)', () => {
    expect(codeOf(storage, 'MKT-04', fine(600_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(storage, 'MKT-04', fine(600_000, { circumstances: ['refused_to_correct'] }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(storage, 'MKT-04', fine(1_000_000, { circumstances: ['refused_to_correct'] }))).toBe('ok');
    expect(codeOf(storage, 'MKT-04', fine(5_000_000, { circumstances: ['refused_to_correct'] }))).toBe('ok');
    expect(codeOf(storage, 'MKT-04', { kinds: ['warning'] })).toBe('ok');
  });

  it('未成年人保护法 第一百二十六条: up to 5万; 5万–50万 only when the unit refused to correct or the consequences were serious', () => {
    expect(codeOf(vetting, 'POL-07', fine(5_000_000))).toBe('ok');
    expect(codeOf(vetting, 'POL-07', fine(5_000_001))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(vetting, 'POL-07', fine(50_000_000, { circumstances: ['serious'] }))).toBe('ok');
    expect(codeOf(vetting, 'POL-07', fine(4_999_999, { circumstances: ['refused_to_correct'] }))).toBe('PENALTY_OUT_OF_RANGE');
  });

  it('民办非企业单位登记管理暂行条例 第二十五条: 3–5 times the 违法所得, or 1–3 times the 违法经营额, each item checked against its own basis', () => {
    const income = itemOf(CIVIL_PENALTY_2026, 'PCIV-01');
    const turnover = itemOf(CIVIL_PENALTY_2026, 'PCIV-02');
    expect(checkPenalty(income, 'CIV-04', fine(1_500_000, { basisAmountFen: 500_000 }))).toMatchObject({ minFen: 1_500_000, maxFen: 2_500_000 });
    expect(codeOf(income, 'CIV-04', fine(1_499_999, { basisAmountFen: 500_000 }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(turnover, 'CIV-04', fine(1_500_000, { basisAmountFen: 500_000 }))).toBe('ok');
    expect(codeOf(turnover, 'CIV-04', fine(1_500_001, { basisAmountFen: 500_000 }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(describeFine(turnover.fine!)).toContain('违法经营额 1 至 3 倍');
  });

  it('消防法 第五十八条第一款第四项: 3万–30万 beside 责令停止使用或者停产停业, for a place used without the fire check only', () => {
    expect(checkPenalty(unpermittedUse, 'FIRE-14', fine(3_000_000))).toEqual({ minFen: 3_000_000, maxFen: 30_000_000, article: '第五十八条第一款第四项' });
    expect(codeOf(unpermittedUse, 'FIRE-14', fine(30_000_000))).toBe('ok');
    expect(codeOf(unpermittedUse, 'FIRE-14', fine(2_999_900))).toBe('PENALTY_OUT_OF_RANGE'); // 29,999 元
    expect(codeOf(unpermittedUse, 'FIRE-14', fine(30_000_100))).toBe('PENALTY_OUT_OF_RANGE'); // 300,001 元
    expect(codeOf(unpermittedUse, 'FIRE-14', { kinds: ['suspension', 'fine'], fineFen: 10_000_000 })).toBe('ok');
    expect(codeOf(unpermittedUse, 'FIRE-14', { kinds: ['revocation'] })).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(codeOf(unpermittedUse, 'FIRE-01', fine(3_000_000))).toBe('PENALTY_ITEM_NOT_APPLICABLE');
    expect(describeFine(unpermittedUse.fine!)).toBe('¥30,000.00 至 ¥300,000.00（第五十八条第一款第四项）');
    // 第六十条 stays 5千–5万 in the new version, its 项 cited.
    const exits = itemOf(FIRE_PENALTY_2026_2, 'PFIRE-01');
    expect(exits).toMatchObject({ fineMinFen: 500_000, fineMaxFen: 5_000_000, legalBasis: expect.stringContaining('第六十条第一款第三项') });
    expect(codeOf(exits, 'FIRE-01', fine(499_999))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(exits, 'FIRE-01', fine(5_000_000))).toBe('ok');
  });

  it("消防法 第六十五条、第六十六条: the fine only after 逾期不改正, inside the article's range; 第六十七条 a warning without a fine", () => {
    const products = itemOf(FIRE_PENALTY_2026_3, 'PFIRE-08');
    expect(codeOf(products, 'FIRE-16', fine(500_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(products, 'FIRE-16', fine(500_000, { circumstances: ['refused_to_correct'] }))).toBe('ok');
    expect(codeOf(products, 'FIRE-16', fine(5_000_100, { circumstances: ['refused_to_correct'] }))).toBe('PENALTY_OUT_OF_RANGE');
    const gas = itemOf(FIRE_PENALTY_2026_3, 'PFIRE-10');
    expect(checkPenalty(gas, 'FIRE-18', fine(100_000, { circumstances: ['refused_to_correct'] }))).toEqual({
      minFen: 100_000,
      maxFen: 500_000,
      article: '第六十六条',
    });
    expect(codeOf(gas, 'FIRE-18', { kinds: ['suspension'] })).toBe('ok');
    expect(codeOf(gas, 'FIRE-06', { kinds: ['suspension'] })).toBe('PENALTY_ITEM_NOT_APPLICABLE');
    const duties = itemOf(FIRE_PENALTY_2026_3, 'PFIRE-14');
    expect(codeOf(duties, 'FIRE-08', { kinds: ['warning'] })).toBe('ok');
    expect(codeOf(duties, 'FIRE-08', fine(500_000))).toBe('PENALTY_KIND_NOT_ALLOWED');
  });

  it('高层 第四十七条: 经营性单位 2千–1万, 非经营性单位 5百–1千; 电动自行车 only after a refusal', () => {
    expect(itemOf(FIRE_PENALTY_2026_3, 'PFIRE-18')).toMatchObject({ fineMinFen: 200_000, fineMaxFen: 1_000_000 });
    expect(itemOf(FIRE_PENALTY_2026_3, 'PFIRE-19')).toMatchObject({ fineMinFen: 50_000, fineMaxFen: 100_000 });
    const bikes = itemOf(FIRE_PENALTY_2026_3, 'PFIRE-21');
    expect(codeOf(bikes, 'FIRE-12', fine(50_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(bikes, 'FIRE-12', fine(100_000, { circumstances: ['refused_to_correct'] }))).toBe('ok');
    expect(codeOf(bikes, 'FIRE-12', fine(100_100, { circumstances: ['refused_to_correct'] }))).toBe('PENALTY_OUT_OF_RANGE');
  });

  it('reads each formula as the article does', () => {
    expect(describeFine(unlicensedFood.fine!)).toBe(
      '货值金额不足 ¥10,000.00：¥50,000.00 至 ¥100,000.00（第一百二十二条第一款）；货值金额 ¥10,000.00 以上：货值金额 10 至 20 倍（第一百二十二条第一款）',
    );
    expect(describeFine(storage.fine!)).toBe('拒不改正的：¥10,000.00 至 ¥50,000.00（第一百三十二条）');
    expect(describeFine(unlicensedPractice.fine!)).toContain('违法所得 5 至 20 倍（违法所得不足 ¥10,000.00 的按 ¥10,000.00 计算）');
  });
});

describe('社会保险法 第八十四条、第八十六条: one to three times the contributions owed, only after the order to correct was not obeyed', () => {
  const owed = 1_234_500; // 12,345.00 yuan owed
  const refused = { basisAmountFen: owed, circumstances: ['refused_to_correct' as const] };

  it('allows one to three times what is owed, bounds included, once the order was not obeyed', () => {
    for (const item of [noInsuranceRegistration, contributionsOwed]) {
      expect(codeOf(item, item.relatedItems[0]!, fine(owed, refused))).toBe('ok');
      expect(codeOf(item, item.relatedItems[0]!, fine(3 * owed, refused))).toBe('ok');
      expect(codeOf(item, item.relatedItems[0]!, fine(owed - 1, refused))).toBe('PENALTY_OUT_OF_RANGE');
      expect(codeOf(item, item.relatedItems[0]!, fine(3 * owed + 1, refused))).toBe('PENALTY_OUT_OF_RANGE');
    }
    expect(checkPenalty(contributionsOwed, 'HRS-03', fine(2 * owed, refused))).toEqual({ minFen: owed, maxFen: 3 * owed, article: '第八十六条' });
  });

  it('allows no fine before the order to correct was disobeyed, and none without the amount owed', () => {
    expect(codeOf(noInsuranceRegistration, 'HRS-02', fine(owed, { basisAmountFen: owed }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(contributionsOwed, 'HRS-03', fine(owed, { circumstances: ['refused_to_correct'] }))).toBe('PENALTY_BASIS_REQUIRED');
    expect(codeOf(contributionsOwed, 'HRS-02', fine(owed, refused))).toBe('PENALTY_ITEM_NOT_APPLICABLE');
  });

  it('reads as the article: the basis, the multiples and the circumstance', () => {
    expect(describeFine(noInsuranceRegistration.fine!)).toBe('拒不改正的：应缴（欠缴）社会保险费数额 1 至 3 倍（第八十四条）');
    expect(noInsuranceRegistration.legalBasis).toContain('第八十四条');
    expect(contributionsOwed.legalBasis).toContain('第八十六条');
  });
});
