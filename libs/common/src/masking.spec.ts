import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskResidentId } from './masking.js';

describe('maskResidentId', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskResidentId('330106199001011234')).toBe('330106********1234');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('upper-cases a trailing x and ignores surrounding spaces', () => {
    expect(maskResidentId(' 11010519491231002x ')).toBe('110105********002X');
  });

  it('hides the birth date of a 15-digit old number too', () => {
    expect(maskResidentId('110105491231002')).toBe('110105*****1002');
  });

  it('masks short or empty values completely', () => {
    expect(maskResidentId('1234567890')).toBe('**********');
    expect(maskResidentId('')).toBe('');
    expect(maskResidentId(undefined as unknown as string)).toBe('');
  });

  it('never leaks the birth date', () => {
    expect(maskResidentId('330106199001011234')).not.toContain('19900101');
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('drops a +86 prefix and separators', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('8613812345678')).toBe('138****5678');
  });

  it('masks landlines with the same rule, keeping the length', () => {
    expect(maskPhone('0571-87654321')).toBe('057*****4321');
  });

  it('masks short numbers down to the last two digits', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('')).toBe('');
  });
});

describe('maskName', () => {
  it('keeps the surname only', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('masks a one-character or empty value completely', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('  ')).toBe('');
  });

  it('counts characters outside the BMP once', () => {
    // 𠮷 (U+20BB7) is two UTF-16 units.
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('李𠮷')).toBe('李*');
  });
});
