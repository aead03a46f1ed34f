/**
 * 公民身份号码 — the 18-character resident identity number, GB 11643-1999.
 *
 * Structure (GB 11643-1999 §4–§6):
 *   positions 1–6    地址码 address code (GB/T 2260 county of first registration)
 *   positions 7–14   出生日期码 birth date YYYYMMDD (GB/T 7408)
 *   positions 15–17  顺序码 sequence code (odd for men, even for women)
 *   position 18      校验码 check character, ISO 7064:1983 MOD 11-2 (0–9 or X)
 *
 * Address codes stay in a number for life even after the county is abolished or renumbered
 * (e.g. 330103 下城区, merged in 2021), so only the province part (first two digits) is
 * checked against GB/T 2260, not the whole county code.
 */
import { isIsoDate, shanghaiToday } from './calendar.js';
import { validationFailure as fail, type ValidationResult } from './validation-result.js';

/** W_i = 2^(18-i) mod 11 for positions 1–17 (GB 11643-1999 §7.2, ISO 7064 MOD 11-2). */
export const RESIDENT_ID_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Check character indexed by (Σ a_i·W_i) mod 11; the value 10 is written X (GB 11643-1999 §7.2). */
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level prefixes of GB/T 2260 (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门), plus 83 used
 * by the 台湾居民居住证 number (港澳台居民居住证申领发放办法, 国办发〔2018〕81号: 810000/820000/830000).
 */
export const RESIDENT_ID_PROVINCE_PREFIXES: readonly string[] = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
];

export const RESIDENT_ID_ERROR_CODES = {
  FORMAT: 'RESIDENT_ID_FORMAT',
  ADDRESS_CODE: 'RESIDENT_ID_ADDRESS_CODE',
  BIRTH_DATE: 'RESIDENT_ID_BIRTH_DATE',
  CHECK_DIGIT: 'RESIDENT_ID_CHECK_DIGIT',
} as const;

/** Earliest birth date accepted (a plausibility bound of this platform, not of GB 11643). */
export const RESIDENT_ID_EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * The check character for the first 17 digits (GB 11643-1999 §7.2). Throws unless given
 * exactly 17 digits.
 */
export function residentIdCheckDigit(first17: string): string {
  if (typeof first17 !== 'string' || !/^\d{17}$/.test(first17)) {
    throw new RangeError(`residentIdCheckDigit needs 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Upper-cases a trailing x (GB 11643-1999 writes the check value 10 as upper-case X). */
export function normalizeResidentId(value: string): string {
  return value.toUpperCase();
}

/**
 * The birth date (`YYYY-MM-DD`) encoded in positions 7–14, or undefined when the value is
 * not 18 characters or those positions are not a real calendar date.
 */
export function birthDateOf(id: string): string | undefined {
  if (typeof id !== 'string' || id.length !== 18) return undefined;
  const d = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isIsoDate(d) ? d : undefined;
}

/**
 * Checks a resident identity number. A lower-case x check character is accepted and the
 * returned `value` is normalised to upper case. The birth date must be a real date, not
 * before 1900-01-01 and not after `today` (taken in Asia/Shanghai; defaults to now).
 */
export function validateResidentId(value: string, today?: Date): ValidationResult {
  // GB 11643-1999 §4: 17 digits and a check character 0–9 / X.
  if (typeof value !== 'string' || !/^\d{17}[\dXx]$/.test(value)) {
    const len = typeof value === 'string' ? `当前 ${value.length} 位` : '当前不是文本';
    return fail(RESIDENT_ID_ERROR_CODES.FORMAT, `身份证号应为 18 位：前 17 位为数字，最后一位为数字或 X（${len}）`);
  }
  const id = normalizeResidentId(value);
  // GB 11643-1999 §5.1: address code per GB/T 2260 — its province part must exist.
  if (!RESIDENT_ID_PROVINCE_PREFIXES.includes(id.slice(0, 2))) {
    return fail(RESIDENT_ID_ERROR_CODES.ADDRESS_CODE, `身份证号前 6 位地址码“${id.slice(0, 6)}”不是有效的行政区划代码`);
  }
  // GB 11643-1999 §5.2: birth date YYYYMMDD (GB/T 7408), a real date.
  const birth = birthDateOf(id);
  if (!birth) {
    return fail(RESIDENT_ID_ERROR_CODES.BIRTH_DATE, `身份证号第 7–14 位出生日期“${id.slice(6, 14)}”不是有效日期`);
  }
  if (birth < RESIDENT_ID_EARLIEST_BIRTH_DATE) {
    return fail(RESIDENT_ID_ERROR_CODES.BIRTH_DATE, `身份证号中的出生日期 ${birth} 早于 1900 年，请核对`);
  }
  const todayIso = shanghaiToday(today);
  if (birth > todayIso) {
    return fail(RESIDENT_ID_ERROR_CODES.BIRTH_DATE, `身份证号中的出生日期 ${birth} 晚于今天（${todayIso}），请核对`);
  }
  // GB 11643-1999 §7.2: ISO 7064 MOD 11-2 check character.
  const expected = residentIdCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) {
    return fail(RESIDENT_ID_ERROR_CODES.CHECK_DIGIT, `身份证号校验码有误：最后一位应为“${expected}”，实际为“${id[17]}”，请核对是否录入错误`);
  }
  return { ok: true, value: id };
}

export function isValidResidentId(value: string, today?: Date): boolean {
  return validateResidentId(value, today).ok;
}

/**
 * Builds a valid resident identity number from its first 17 digits (address code, birth
 * date, sequence) by appending the check character — for test factories and demo data.
 * Throws if the result is not valid today (bad prefix, unreal or future birth date).
 */
export function makeResidentId(prefix17: string, today?: Date): string {
  const id = prefix17 + residentIdCheckDigit(prefix17);
  const result = validateResidentId(id, today);
  if (!result.ok) throw new RangeError(`makeResidentId(${JSON.stringify(prefix17)}): ${result.code} ${result.message}`);
  return id;
}
