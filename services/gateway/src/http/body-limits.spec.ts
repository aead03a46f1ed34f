import { DomainError } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { assertJsonWithinLimits, DEFAULT_JSON_BODY_LIMITS, type JsonBodyLimits, parseFormWithinLimits } from './body-limits.js';

const limits: JsonBodyLimits = { maxBytes: 1_000_000, maxDepth: 4, maxObjectKeys: 3, maxTotalKeys: 6, maxStringLength: 5, maxArrayLength: 3 };

function refusal(text: string, l = limits): { code: string; limit: string } | undefined {
  try {
    assertJsonWithinLimits(text, l);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return { code: (e as DomainError).code, limit: (e as DomainError).details![0]!.code };
  }
}

describe('JSON body limits, checked on the raw text', () => {
  it('lets bodies at every limit through', () => {
    expect(refusal('{"a":{"b":[[1,2,3]]},"c":"12345","d":[]}')).toBeUndefined();
    expect(refusal('[{"a":1,"b":2,"c":3},{"a":1,"b":2,"c":3}]')).toBeUndefined();
    expect(refusal('{"k":"\\u4e2d\\n\\"xy"}')).toBeUndefined(); // 5 characters once the escapes are read
    expect(refusal('{"a":"x,:{[","b":[]}')).toBeUndefined(); // punctuation inside strings is text
  });

  it.each([
    ['{"a":{"b":{"c":{"d":{}}}}}', 'maxDepth'],
    ['[[[[[1]]]]]', 'maxDepth'],
    ['{"a":1,"b":2,"c":3,"d":4}', 'maxObjectKeys'],
    ['[{"a":1,"b":2,"c":3},{"a":1,"b":2,"c":3},{"a":1}]', 'maxTotalKeys'],
    ['{"a":"123456"}', 'maxStringLength'],
    ['{"abcdef":1}', 'maxStringLength'],
    ['[1,2,3,4]', 'maxArrayLength'],
    ['{"a":[{},{},{},{}]}', 'maxArrayLength'],
  ])('refuses %s: %s', (text, limit) => {
    expect(refusal(text)).toEqual({ code: 'BODY_TOO_COMPLEX', limit });
  });

  it('refuses 60,000 keys at the first key over the limit, in well under a millisecond per 1,000 keys', () => {
    const text = JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i])));
    const started = performance.now();
    expect(refusal(text, DEFAULT_JSON_BODY_LIMITS)).toEqual({ code: 'BODY_TOO_COMPLEX', limit: 'maxObjectKeys' });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('scans malformed text without throwing anything but a refusal (JSON.parse refuses the rest afterwards)', () => {
    for (const text of ['', '{', ']]]', '"abc', '{"a":\\', '}{', ':::', '[,,,,,]']) refusal(text);
    expect(refusal('[,,,,,]')).toEqual({ code: 'BODY_TOO_COMPLEX', limit: 'maxArrayLength' });
  });

  it('counts the fields and value lengths of a form body before parsing it', () => {
    expect(parseFormWithinLimits('a=1&b=x+y&b=%E4%B8%AD', limits)).toEqual({ a: '1', b: ['x y', '中'] });
    expect(() => parseFormWithinLimits('a=1&b=2&c=3&d=4', limits)).toThrow(DomainError);
    expect(() => parseFormWithinLimits('a=123456', limits)).toThrow(/一个字符串不能超过 5 个字符/);
    expect(() => parseFormWithinLimits('__proto__=1', limits)).toThrow(/__proto__/);
  });
});
