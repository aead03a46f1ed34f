import { describe, expect, it } from 'vitest';
import { USCC_ALPHABET, USCC_AUTHORITIES, USCC_WEIGHTS, isValidUscc, makeUscc, normalizeUscc, usccCheckCharacter, validateUscc } from './uscc.js';
import { toFieldProblem } from './validation-result.js';

// Codes printed on real business licences (published in public registers), all valid.
const REAL_CODES = ['91350100M000100Y43', '91330100716105852F', '9144030071526726XG', '91110108551385082Q'];

function codeOf(r: ReturnType<typeof validateUscc>): string {
  return r.ok ? 'OK' : r.code;
}

describe('GB 32100-2015 constants', () => {
  it('uses the 31-character alphabet without I, O, Z, S, V', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    for (const c of 'IOZSV') expect(USCC_ALPHABET).not.toContain(c);
    expect(new Set(USCC_ALPHABET).size).toBe(31);
  });

  it('weights are 3^(i-1) mod 31', () => {
    const computed = Array.from({ length: 17 }, (_, i) => {
      let w = 1;
      for (let k = 0; k < i; k++) w = (w * 3) % 31;
      return w;
    });
    expect(USCC_WEIGHTS).toEqual(computed);
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });
});

describe('usccCheckCharacter', () => {
  it('computes the check character of real codes', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    for (const code of REAL_CODES) expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a remainder of 0 to check character 0 (31 − 0 = 31 → 0)', () => {
    // "1" then sixteen "0": Σ = 1×1 = 1 → 31 − 1 = 30 → Y (the last alphabet character).
    expect(usccCheckCharacter('10000000000000000')).toBe('Y');
    // "0…0" has Σ = 0 → check value 0.
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('rejects input that is not 17 characters of the alphabet', () => {
    expect(() => usccCheckCharacter('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91350100M000100I4')).toThrow(/position 16/);
  });
});

describe('validateUscc', () => {
  it('accepts real codes and returns the value', () => {
    for (const code of REAL_CODES) expect(validateUscc(code)).toEqual({ ok: true, value: code });
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it('USCC_FORMAT for a wrong length or a non-string', () => {
    expect(codeOf(validateUscc(''))).toBe('USCC_FORMAT');
    expect(codeOf(validateUscc('91350100M000100Y4'))).toBe('USCC_FORMAT');
    expect(codeOf(validateUscc('91350100M000100Y433'))).toBe('USCC_FORMAT');
    expect(codeOf(validateUscc(undefined as unknown as string))).toBe('USCC_FORMAT');
    const r = validateUscc('123');
    expect(r.ok === false && r.message).toContain('18 位');
  });

  it('USCC_CHARSET names the position of I, O, Z, S, V, lower case or punctuation', () => {
    for (const bad of ['I', 'O', 'Z', 'S', 'V', 'm', '-', ' ']) {
      const code = `91350100${bad}000100Y43`;
      const r = validateUscc(code);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('USCC_CHARSET');
        expect(r.message).toContain('第 9 位');
      }
    }
  });

  it('accepts lower case only after normalizeUscc', () => {
    expect(codeOf(validateUscc('91350100m000100y43'))).toBe('USCC_CHARSET');
    expect(normalizeUscc('  91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(validateUscc(normalizeUscc(' 91350100m000100y43')).ok).toBe(true);
  });

  it('USCC_REGISTRATION_AUTHORITY for a first character that is no registration authority', () => {
    for (const first of ['0', 'B', 'X']) {
      const code = makeCodeUnchecked(`${first}1350100M000100Y4`);
      expect(codeOf(validateUscc(code))).toBe('USCC_REGISTRATION_AUTHORITY');
    }
  });

  it('USCC_INSTITUTION_TYPE for a type the authority does not define', () => {
    // 9 工商 has only 1 企业, 2 个体工商户, 3 农民专业合作社; Y 其他 only 1; 5 民政 has no 4.
    for (const prefix of ['94', '99', 'Y2', '54', '1A']) {
      const r = validateUscc(makeCodeUnchecked(`${prefix}350100M000100Y4`));
      expect(codeOf(r)).toBe('USCC_INSTITUTION_TYPE');
    }
    const r = validateUscc(makeCodeUnchecked('94350100M000100Y4'));
    expect(!r.ok && r.message).toContain('工商');
  });

  it('accepts every authority/type combination of the code table', () => {
    for (const [authority, { types }] of Object.entries(USCC_AUTHORITIES)) {
      for (const type of Object.keys(types)) {
        expect(validateUscc(makeCodeUnchecked(`${authority}${type}330106MA2AB1234`)).ok, `${authority}${type}`).toBe(true);
      }
    }
    // 5 民政 / 2 民办非企业单位 — the usual registration of a non-profit 托育机构.
    expect(validateUscc(makeUscc('52330106MJ0000001')).ok).toBe(true);
  });

  it('USCC_DIVISION when positions 3–8 are not six digits', () => {
    expect(codeOf(validateUscc(makeCodeUnchecked('913301A6M000100Y4')))).toBe('USCC_DIVISION');
  });

  it('USCC_CHECK_CHARACTER says which check character was expected', () => {
    const r = validateUscc('91350100M000100Y44');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('USCC_CHECK_CHARACTER');
      expect(r.message).toContain('“3”');
      expect(r.message).toContain('“4”');
    }
  });

  it('detects every single-character substitution in the subject identifier', () => {
    const good = '91350100M000100Y43';
    for (let pos = 8; pos < 17; pos++) {
      for (const c of USCC_ALPHABET) {
        if (c === good[pos]) continue;
        const changed = good.slice(0, pos) + c + good.slice(pos + 1);
        expect(codeOf(validateUscc(changed)), changed).toBe('USCC_CHECK_CHARACTER');
      }
    }
  });

  it('converts a failure into a FieldProblem', () => {
    const r = validateUscc('91350100M000100Y44');
    if (r.ok) throw new Error('expected a failure');
    expect(toFieldProblem('uscc', r)).toEqual({ field: 'uscc', code: 'USCC_CHECK_CHARACTER', message: r.message });
  });
});

describe('makeUscc', () => {
  it('appends the check character', () => {
    expect(makeUscc('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(makeUscc('91330106MA2KXXXX0')).toMatch(/^91330106MA2KXXXX0[0-9A-HJ-NPQRTUWXY]$/);
    expect(validateUscc(makeUscc('91330106MA2KXXXX0')).ok).toBe(true);
  });

  it('refuses prefixes that cannot give a valid code', () => {
    expect(() => makeUscc('9135010')).toThrow(RangeError);
    expect(() => makeUscc('94350100M000100Y4')).toThrow(/USCC_INSTITUTION_TYPE/);
    expect(() => makeUscc('91350100I000100Y4')).toThrow(RangeError);
  });
});

/** A code whose check character is right, whatever positions 1–8 say (to reach later checks). */
function makeCodeUnchecked(prefix17: string): string {
  return prefix17 + usccCheckCharacter(prefix17);
}
