/**
 * Money as integer fen (分, 1 yuan = 100 fen), never floats, which cannot hold 0.1 yuan exactly
 * and drift when summed over many subsidy lines; JSON fields carrying amounts end in `Fen`.
 *
 * `Fen` is a plain `number` alias rather than a branded type, so JSON bodies and entity
 * columns need no casts; the runtime guard is `assertFen` (a safe integer: JSON numbers and
 * PostgreSQL `bigint` read as number stay exact up to 2^53 − 1 fen, about 90 trillion yuan).
 *
 * Arithmetic that divides (pro-rata, ratios) rounds explicitly, half up on the magnitude
 * (四舍五入, 0.5 fen → 1 fen, −0.5 → −1), never banker's rounding and never through floats.
 */
import { DomainError } from './errors.js';

/** An amount in fen: a safe integer. */
export type Fen = number;

export const MONEY_ERROR_CODES = {
  FORMAT: 'MONEY_FORMAT',
  PRECISION: 'MONEY_PRECISION',
  NOT_FINITE: 'MONEY_NOT_FINITE',
  OUT_OF_RANGE: 'MONEY_OUT_OF_RANGE',
  NOT_FEN: 'MONEY_NOT_FEN',
} as const;

function moneyError(field: string, code: string, message: string): DomainError {
  return new DomainError('VALIDATION', message, [{ field, code, message }]);
}

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws `DomainError('VALIDATION')` (detail `MONEY_NOT_FEN`) unless `value` is a safe integer. */
export function assertFen(value: unknown, field = 'amountFen'): asserts value is Fen {
  if (!isFen(value)) {
    throw moneyError(field, MONEY_ERROR_CODES.NOT_FEN, `金额（分）必须是整数：${String(value)}`);
  }
}

function toSafeFen(big: bigint, field: string, shown: string): Fen {
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw moneyError(field, MONEY_ERROR_CODES.OUT_OF_RANGE, `金额超出可处理范围：${shown}`);
  }
  const n = Number(big);
  return n === 0 ? 0 : n; // never −0
}

/**
 * Yuan → fen: `'300.50'` → 30050, `300.5` → 30050, `'-12'` → −1200. Accepts a decimal string
 * (surrounding spaces ignored) or a finite number with at most 2 decimal places; more decimal
 * places (`'1.005'`, `0.1 + 0.2`), thousands separators, exponents, NaN and Infinity are
 * refused with `DomainError('VALIDATION')` whose detail code is one of `MONEY_ERROR_CODES`.
 * Extra trailing zeros (`'300.500'`) are exact and accepted.
 */
export function yuanToFen(input: string | number, field = 'amount'): Fen {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw moneyError(field, MONEY_ERROR_CODES.NOT_FINITE, `金额不是有效数字：${String(input)}`);
    text = String(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    throw moneyError(field, MONEY_ERROR_CODES.FORMAT, '金额应为数字或数字文本');
  }
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) {
    throw moneyError(field, MONEY_ERROR_CODES.FORMAT, `金额格式有误：“${text}”（应为元，最多两位小数，如 300.50）`);
  }
  const [, sign, whole, decimals = ''] = m;
  if (decimals.length > 2 && !/^0+$/.test(decimals.slice(2))) {
    throw moneyError(field, MONEY_ERROR_CODES.PRECISION, `金额最多保留两位小数（到分）：“${text}”`);
  }
  const big = BigInt(whole!) * 100n + BigInt(decimals.slice(0, 2).padEnd(2, '0'));
  return toSafeFen(sign === '-' ? -big : big, field, text);
}

/** Fen → yuan as a plain decimal string with two places: 30050 → `'300.50'`, −5 → `'-0.05'`. */
export function fenToYuanString(fen: Fen): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}${yuan}.${cents}`;
}

/** For people: 30050 → `'¥300.50'`, 123456789 → `'¥1,234,567.89'`, −30050 → `'-¥300.50'`. */
export function formatFenCny(fen: Fen): string {
  const plain = fenToYuanString(fen);
  const negative = plain.startsWith('-');
  const [whole, cents] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}

/**
 * `fen × numerator / denominator`, rounded half up on the magnitude (四舍五入 to the fen) —
 * for pro-rata amounts such as the 育儿补贴 of 300 yuan a month for part of a month
 * (《育儿补贴制度实施方案》, 2025): `multiplyFen(30000, 10, 31)` → 9677. Computed exactly with BigInt, so large
 * intermediate products do not lose precision.
 */
export function multiplyFen(fen: Fen, numerator: number, denominator = 1): Fen {
  assertFen(fen);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`multiplyFen: numerator and denominator must be integers and denominator non-zero, got ${numerator}/${denominator}`);
  }
  const product = BigInt(fen) * BigInt(numerator);
  const d = BigInt(denominator);
  const negative = product < 0n !== d < 0n && product !== 0n;
  const absP = product < 0n ? -product : product;
  const absD = d < 0n ? -d : d;
  const q = (2n * absP + absD) / (2n * absD);
  return toSafeFen(negative ? -q : q, 'amountFen', `${fen}×${numerator}/${denominator}`);
}

/** Sum of fen amounts, checked to stay a safe integer. */
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const v of values) {
    assertFen(v);
    total += BigInt(v);
  }
  return toSafeFen(total, 'amountFen', total.toString());
}
