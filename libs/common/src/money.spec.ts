import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { assertFen, fenToYuanString, formatFenCny, isFen, multiplyFen, sumFen, yuanToFen } from './money.js';

function detailCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) {
      expect(e.code).toBe('VALIDATION');
      expect(e.kind).toBe('VALIDATION');
      return e.details?.[0]?.code;
    }
    throw e;
  }
  return undefined;
}

describe('yuanToFen', () => {
  it('converts decimal strings', () => {
    expect(yuanToFen('300.50')).toBe(30050);
    expect(yuanToFen('300.5')).toBe(30050);
    expect(yuanToFen('300')).toBe(30000);
    expect(yuanToFen(' 0.01 ')).toBe(1);
    expect(yuanToFen('3600')).toBe(360000);
    expect(yuanToFen('-12.34')).toBe(-1234);
    expect(yuanToFen('+5')).toBe(500);
    expect(yuanToFen('300.500')).toBe(30050); // trailing zeros are exact
  });

  it('converts numbers without float drift', () => {
    expect(yuanToFen(300.5)).toBe(30050);
    expect(yuanToFen(19.99)).toBe(1999); // 19.99 * 100 = 1998.9999999999998 in floats
    expect(yuanToFen(1.15)).toBe(115); // 1.15 * 100 = 114.99999999999999
    expect(yuanToFen(0)).toBe(0);
    expect(Object.is(yuanToFen('-0'), 0)).toBe(true);
  });

  it('refuses more than two decimals', () => {
    expect(detailCode(() => yuanToFen('1.005'))).toBe('MONEY_PRECISION');
    expect(detailCode(() => yuanToFen(1.005))).toBe('MONEY_PRECISION');
    expect(detailCode(() => yuanToFen(0.1 + 0.2))).toBe('MONEY_PRECISION');
  });

  it('refuses non-finite numbers', () => {
    expect(detailCode(() => yuanToFen(Number.NaN))).toBe('MONEY_NOT_FINITE');
    expect(detailCode(() => yuanToFen(Number.POSITIVE_INFINITY))).toBe('MONEY_NOT_FINITE');
  });

  it('refuses malformed text', () => {
    for (const bad of ['', 'abc', '1,000.00', '1e3', '.5', '5.', '¥5', '5元', '--5', '0x10']) {
      expect(
        detailCode(() => yuanToFen(bad)),
        bad,
      ).toBe('MONEY_FORMAT');
    }
    expect(detailCode(() => yuanToFen(1e21))).toBe('MONEY_FORMAT'); // String(1e21) = '1e+21'
    expect(detailCode(() => yuanToFen(null as unknown as string))).toBe('MONEY_FORMAT');
  });

  it('refuses amounts beyond a safe integer of fen', () => {
    expect(yuanToFen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(detailCode(() => yuanToFen('90071992547409.92'))).toBe('MONEY_OUT_OF_RANGE');
  });

  it('names the field in the error detail and speaks Chinese', () => {
    try {
      yuanToFen('abc', 'monthlyAmount');
      expect.unreachable();
    } catch (e) {
      const err = e as DomainError;
      expect(err.details?.[0]?.field).toBe('monthlyAmount');
      expect(err.message).toContain('金额格式有误');
    }
  });
});

describe('fenToYuanString / formatFenCny', () => {
  it('writes two decimal places', () => {
    expect(fenToYuanString(30050)).toBe('300.50');
    expect(fenToYuanString(30000)).toBe('300.00');
    expect(fenToYuanString(5)).toBe('0.05');
    expect(fenToYuanString(0)).toBe('0.00');
    expect(fenToYuanString(-5)).toBe('-0.05');
    expect(fenToYuanString(-123456)).toBe('-1234.56');
    expect(fenToYuanString(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('round-trips with yuanToFen', () => {
    for (const fen of [0, 1, 99, 100, 30050, -1, -30050, 123456789, Number.MAX_SAFE_INTEGER]) {
      expect(yuanToFen(fenToYuanString(fen))).toBe(fen);
    }
  });

  it('formats CNY for people', () => {
    expect(formatFenCny(30050)).toBe('¥300.50');
    expect(formatFenCny(123456789)).toBe('¥1,234,567.89');
    expect(formatFenCny(100000)).toBe('¥1,000.00');
    expect(formatFenCny(99999)).toBe('¥999.99');
    expect(formatFenCny(-30050)).toBe('-¥300.50');
    expect(formatFenCny(0)).toBe('¥0.00');
  });

  it('refuses non-integer fen', () => {
    expect(detailCode(() => fenToYuanString(1.5))).toBe('MONEY_NOT_FEN');
    expect(detailCode(() => formatFenCny(Number.NaN))).toBe('MONEY_NOT_FEN');
  });
});

describe('assertFen / isFen', () => {
  it('accepts safe integers only', () => {
    expect(isFen(0)).toBe(true);
    expect(isFen(-100)).toBe(true);
    expect(isFen(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isFen(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isFen(0.5)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(() => assertFen(100)).not.toThrow();
    expect(detailCode(() => assertFen(100.1))).toBe('MONEY_NOT_FEN');
    expect(detailCode(() => assertFen('100', 'amountFen'))).toBe('MONEY_NOT_FEN');
  });
});

describe('multiplyFen', () => {
  it('pro-rates 300 yuan a month with round half up', () => {
    expect(multiplyFen(30000, 10, 31)).toBe(9677); // 9677.419…
    expect(multiplyFen(30000, 15, 30)).toBe(15000);
    expect(multiplyFen(30000, 1, 31)).toBe(968); // 967.74…
    expect(multiplyFen(360000, 7, 12)).toBe(210000);
  });

  it('rounds exact halves up, not to even', () => {
    expect(multiplyFen(1, 1, 2)).toBe(1); // 0.5 → 1
    expect(multiplyFen(3, 1, 2)).toBe(2); // 1.5 → 2
    expect(multiplyFen(5, 1, 2)).toBe(3); // 2.5 → 3 (banker's would give 2)
    expect(multiplyFen(5, 1, 4)).toBe(1); // 1.25 → 1
    expect(multiplyFen(7, 1, 4)).toBe(2); // 1.75 → 2
  });

  it('rounds negatives symmetrically (half away from zero)', () => {
    expect(multiplyFen(-5, 1, 2)).toBe(-3);
    expect(multiplyFen(5, -1, 2)).toBe(-3);
    expect(multiplyFen(5, 1, -2)).toBe(-3);
    expect(multiplyFen(-5, -1, 2)).toBe(3);
    expect(Object.is(multiplyFen(0, -1, 3), 0)).toBe(true);
  });

  it('defaults the denominator to 1 and stays exact for large products', () => {
    expect(multiplyFen(30050, 3)).toBe(90150);
    // 9e15 × 3 / 4 overflows 2^53 in the product but not in the result.
    expect(multiplyFen(9_000_000_000_000_000 / 1000, 3000, 4000)).toBe(6_750_000_000_000);
    expect(multiplyFen(Number.MAX_SAFE_INTEGER, 7, 7)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses bad ratios and results beyond a safe integer', () => {
    expect(() => multiplyFen(100, 1, 0)).toThrow(RangeError);
    expect(() => multiplyFen(100, 0.5, 1)).toThrow(RangeError);
    expect(detailCode(() => multiplyFen(100.5, 1, 2))).toBe('MONEY_NOT_FEN');
    expect(detailCode(() => multiplyFen(Number.MAX_SAFE_INTEGER, 2, 1))).toBe('MONEY_OUT_OF_RANGE');
  });
});

describe('sumFen', () => {
  it('adds and checks the total', () => {
    expect(sumFen([30000, 30050, -50])).toBe(60000);
    expect(sumFen([])).toBe(0);
    expect(detailCode(() => sumFen([Number.MAX_SAFE_INTEGER, 1]))).toBe('MONEY_OUT_OF_RANGE');
    expect(detailCode(() => sumFen([1, 0.5]))).toBe('MONEY_NOT_FEN');
  });
});
