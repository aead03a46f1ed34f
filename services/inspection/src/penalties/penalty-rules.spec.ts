import { DomainError } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { FIRE_PENALTY_2026 } from '../checklists/data/fire.data.js';
import { MARKET_PENALTY_2026 } from '../checklists/data/market.data.js';
import { checkPenalty } from './penalty-rules.js';

const fire = FIRE_PENALTY_2026.penaltyItems.find((p) => p.code === 'PFIRE-01')!;
const price = MARKET_PENALTY_2026.penaltyItems.find((p) => p.code === 'PMKT-05')!;
const codeOf = (f: () => void) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('penalty decisions stay inside the penalty list', () => {
  it('accepts a fine inside the legal range, bounds included', () => {
    expect(codeOf(() => checkPenalty(fire, 'FIRE-01', ['fine'], 500_000))).toBe('ok');
    expect(codeOf(() => checkPenalty(fire, 'FIRE-01', ['fine'], 5_000_000))).toBe('ok');
  });

  it('refuses a fine outside the range with 422 naming the range in yuan', () => {
    try {
      checkPenalty(fire, 'FIRE-01', ['fine'], 6_000_000);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('PENALTY_OUT_OF_RANGE');
      expect((e as DomainError).kind).toBe('RULE_VIOLATION');
      expect((e as DomainError).message).toContain('¥5,000.00 至 ¥50,000.00');
    }
    expect(codeOf(() => checkPenalty(fire, 'FIRE-01', ['fine'], 499_999))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(() => checkPenalty(price, 'MKT-10', ['fine'], 0))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(() => checkPenalty(price, 'MKT-10', ['fine'], 500_000))).toBe('ok');
  });

  it('refuses an item that does not cover the finding, a kind the item lacks, a fine without amount', () => {
    expect(codeOf(() => checkPenalty(fire, 'FIRE-08', ['fine'], 500_000))).toBe('PENALTY_ITEM_NOT_APPLICABLE');
    expect(codeOf(() => checkPenalty(fire, 'FIRE-01', ['revocation'], undefined))).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(codeOf(() => checkPenalty(fire, 'FIRE-01', ['fine'], undefined))).toBe('PENALTY_FINE_REQUIRED');
  });
});
