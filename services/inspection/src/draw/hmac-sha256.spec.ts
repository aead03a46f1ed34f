import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ShortMessageHmac } from './hmac-sha256.js';

describe('HMAC-SHA256 of short messages (the draw generator’s blocks)', () => {
  it('gives node:crypto’s bytes for keys of 0–64 bytes and ASCII messages of 0–55 characters', () => {
    for (const keyLength of [0, 1, 31, 32, 33, 63, 64]) {
      const key = randomBytes(keyLength);
      const hmac = new ShortMessageHmac(key);
      for (let n = 0; n <= 55; n++) {
        const message = Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7 + n) % 95))).join('');
        const out = Buffer.alloc(40);
        hmac.digestInto(message, out, 8);
        expect(out.subarray(8).toString('hex')).toBe(createHmac('sha256', key).update(message, 'utf8').digest('hex'));
      }
    }
  });

  it('gives the generator’s labels the same blocks as node:crypto', () => {
    const key = randomBytes(32);
    const hmac = new ShortMessageHmac(key);
    const out = Buffer.alloc(32);
    for (const label of ['shanyu-draw/v1:0', 'shanyu-draw/v2:49999', `shanyu-draw/v1:${Number.MAX_SAFE_INTEGER}`]) {
      hmac.digestInto(label, out, 0);
      expect(out.toString('hex')).toBe(createHmac('sha256', key).update(label).digest('hex'));
    }
  });

  it('refuses what it does not compute: long keys, long or non-ASCII messages', () => {
    expect(() => new ShortMessageHmac(randomBytes(65))).toThrow(RangeError);
    const hmac = new ShortMessageHmac(randomBytes(32));
    expect(() => hmac.digestInto('x'.repeat(56), Buffer.alloc(32), 0)).toThrow(RangeError);
    expect(() => hmac.digestInto('福彩', Buffer.alloc(32), 0)).toThrow(RangeError);
  });
});
