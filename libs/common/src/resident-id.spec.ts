import { describe, expect, it } from 'vitest';
import {
  RESIDENT_ID_WEIGHTS,
  birthDateOf,
  isValidResidentId,
  makeResidentId,
  normalizeResidentId,
  residentIdCheckDigit,
  validateResidentId,
} from './resident-id.js';

const TODAY = new Date('2026-03-15T04:00:00Z'); // 2026-03-15 noon in Shanghai

function codeOf(value: string, today: Date = TODAY): string {
  const r = validateResidentId(value, today);
  return r.ok ? 'OK' : r.code;
}

/** Builds an id with a correct check digit around any 17 digits (to reach the other checks). */
function withCheck(first17: string): string {
  return first17 + residentIdCheckDigit(first17);
}

describe('residentIdCheckDigit (ISO 7064 MOD 11-2)', () => {
  it('has the weights 2^(18-i) mod 11', () => {
    expect(RESIDENT_ID_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
  });

  it('computes the check characters of the GB 11643-1999 examples', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('validateResidentId', () => {
  it('accepts a valid number', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
    expect(isValidResidentId('11010519491231002X', TODAY)).toBe(true);
  });

  it('accepts a lower-case x and normalises it to X', () => {
    expect(validateResidentId('11010519491231002x', TODAY)).toEqual({ ok: true, value: '11010519491231002X' });
    expect(normalizeResidentId('11010519491231002x')).toBe('11010519491231002X');
  });

  it('works without an explicit today', () => {
    expect(validateResidentId('11010519491231002X').ok).toBe(true);
  });

  it('RESIDENT_ID_FORMAT for wrong length, letters, X not last, old 15-digit numbers', () => {
    expect(codeOf('11010519491231002')).toBe('RESIDENT_ID_FORMAT');
    expect(codeOf('11010519491231002X1')).toBe('RESIDENT_ID_FORMAT');
    expect(codeOf('1101051949123100X2')).toBe('RESIDENT_ID_FORMAT');
    expect(codeOf('11010519491231A02X')).toBe('RESIDENT_ID_FORMAT');
    expect(codeOf('110105491231002')).toBe('RESIDENT_ID_FORMAT');
    expect(codeOf(' 11010519491231002X')).toBe('RESIDENT_ID_FORMAT');
    expect(codeOf(null as unknown as string)).toBe('RESIDENT_ID_FORMAT');
  });

  it('RESIDENT_ID_ADDRESS_CODE when the province part is not a GB/T 2260 province', () => {
    expect(codeOf(withCheck('00010519491231002'))).toBe('RESIDENT_ID_ADDRESS_CODE');
    expect(codeOf(withCheck('99010519491231002'))).toBe('RESIDENT_ID_ADDRESS_CODE');
    expect(codeOf(withCheck('16010519491231002'))).toBe('RESIDENT_ID_ADDRESS_CODE');
    // An abolished county (330103 下城区, merged 2021) stays valid in old numbers.
    expect(codeOf(withCheck('33010319800101001'))).toBe('OK');
    // 台湾居民居住证 numbers start with 830000.
    expect(codeOf(withCheck('83000019900101001'))).toBe('OK');
  });

  it('RESIDENT_ID_BIRTH_DATE for dates that do not exist', () => {
    expect(codeOf(withCheck('11010519490231002'))).toBe('RESIDENT_ID_BIRTH_DATE'); // 2月31日
    expect(codeOf(withCheck('11010519491301002'))).toBe('RESIDENT_ID_BIRTH_DATE'); // month 13
    expect(codeOf(withCheck('11010519490100002'))).toBe('RESIDENT_ID_BIRTH_DATE'); // day 00
    expect(codeOf(withCheck('11010519490431002'))).toBe('RESIDENT_ID_BIRTH_DATE'); // 4月31日
  });

  it('handles leap days: 2024-02-29 and 2000-02-29 exist, 2023-02-29 and 1900-02-29 do not', () => {
    expect(codeOf(withCheck('33010620240229002'))).toBe('OK');
    expect(codeOf(withCheck('33010620000229002'))).toBe('OK');
    expect(codeOf(withCheck('33010620230229002'))).toBe('RESIDENT_ID_BIRTH_DATE');
    expect(codeOf(withCheck('33010619000229002'))).toBe('RESIDENT_ID_BIRTH_DATE');
  });

  it('RESIDENT_ID_BIRTH_DATE before 1900 (the GB 11643 example born 1880 has a valid check digit)', () => {
    expect(codeOf('440524188001010014')).toBe('RESIDENT_ID_BIRTH_DATE');
    expect(codeOf(withCheck('11010518991231002'))).toBe('RESIDENT_ID_BIRTH_DATE');
    expect(codeOf(withCheck('11010519000101002'))).toBe('OK');
  });

  it('RESIDENT_ID_BIRTH_DATE for a birth date after today in Asia/Shanghai', () => {
    expect(codeOf(withCheck('33010620260315002'))).toBe('OK'); // born today
    expect(codeOf(withCheck('33010620260316002'))).toBe('RESIDENT_ID_BIRTH_DATE'); // tomorrow
    const r = validateResidentId(withCheck('33010620260316002'), TODAY);
    expect(!r.ok && r.message).toContain('2026-03-16');
  });

  it('takes "today" in Shanghai, not UTC: 16:30 UTC on 1 March is already 2 March', () => {
    const born = withCheck('33010620260302002');
    expect(codeOf(born, new Date('2026-03-01T16:30:00Z'))).toBe('OK');
    expect(codeOf(born, new Date('2026-03-01T15:59:59Z'))).toBe('RESIDENT_ID_BIRTH_DATE');
  });

  it('RESIDENT_ID_CHECK_DIGIT says which check digit was expected', () => {
    const r = validateResidentId('110105194912310021', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('RESIDENT_ID_CHECK_DIGIT');
      expect(r.message).toContain('应为“X”');
    }
  });

  it('detects every single-digit error and adjacent transposition in the sequence code', () => {
    const good = '11010519491231002X';
    for (let pos = 14; pos < 17; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[pos]) continue;
        const changed = good.slice(0, pos) + d + good.slice(pos + 1);
        expect(codeOf(changed), changed).toBe('RESIDENT_ID_CHECK_DIGIT');
      }
    }
    // Neighbours swapped: sequence 002 → 020, birth day 31 → 13 (still a real date).
    expect(codeOf('11010519491231020X')).toBe('RESIDENT_ID_CHECK_DIGIT');
    expect(codeOf('11010519491213002X')).toBe('RESIDENT_ID_CHECK_DIGIT');
  });
});

describe('birthDateOf', () => {
  it('reads the birth date as YYYY-MM-DD', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOf(withCheck('33010620240229002'))).toBe('2024-02-29');
  });

  it('is undefined for a malformed number or an impossible date', () => {
    expect(birthDateOf('110105491231002')).toBeUndefined();
    expect(birthDateOf(withCheck('11010519490231002'))).toBeUndefined();
  });
});

describe('makeResidentId', () => {
  it('appends the check digit', () => {
    expect(makeResidentId('11010519491231002')).toBe('11010519491231002X');
    const id = makeResidentId('33010619900101123', TODAY);
    expect(id).toHaveLength(18);
    expect(validateResidentId(id, TODAY).ok).toBe(true);
  });

  it('refuses prefixes that cannot make a valid number', () => {
    expect(() => makeResidentId('3301061990010112')).toThrow(RangeError);
    expect(() => makeResidentId('33010619900231123')).toThrow(/RESIDENT_ID_BIRTH_DATE/);
    expect(() => makeResidentId('33010620990101123', TODAY)).toThrow(/RESIDENT_ID_BIRTH_DATE/);
  });
});
