import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { DEMO_PII_KEY, PiiCipher, piiKeyId, resolvePiiKey, resolvePiiKeys, UnknownPiiKeyError } from './pii.js';

const ID = '330106199001011234';
const key = randomBytes(32).toString('base64');

describe('PII encryption (AES-256-GCM) and keyed hash (HMAC-SHA256), keys derived with HKDF', () => {
  const pii = PiiCipher.fromBase64Key(key);

  it('round-trips, with a fresh IV each time and no trace of the value in the ciphertext', () => {
    const a = pii.encrypt(ID, 'person-1');
    const b = pii.encrypt(ID, 'person-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^v2\\.${pii.keyId}\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(pii.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(a).not.toContain(ID);
    expect(a).not.toContain('19900101');
    expect(pii.decrypt(a, 'person-1')).toBe(ID);
  });

  it('refuses a ciphertext that was altered, moved to another row or made with another key', () => {
    const stored = pii.encrypt(ID, 'person-1');
    expect(() => pii.decrypt(stored, 'person-2')).toThrow();
    const [v, id, iv, tag, ct] = stored.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => pii.decrypt([v, id, iv, tag, flipped.toString('base64url')].join('.'), 'person-1')).toThrow();
    expect(() => pii.decrypt([v, id, iv, tag!.slice(0, 6), ct].join('.'), 'person-1')).toThrow(/tag/);
    expect(() => PiiCipher.fromBase64Key(randomBytes(32).toString('base64')).decrypt(stored, 'person-1')).toThrow();
    expect(() => pii.decrypt('plain text', 'person-1')).toThrow(/version/);
  });

  it('hashes the same value the same way under one key, differently under another', () => {
    expect(pii.keyedHash(ID)).toBe(pii.keyedHash(ID));
    expect(pii.keyedHash(ID)).toMatch(/^[0-9a-f]{64}$/);
    expect(pii.keyedHash(ID)).not.toBe(pii.keyedHash('330106199001011242'));
    expect(PiiCipher.fromBase64Key(randomBytes(32).toString('base64')).keyedHash(ID)).not.toBe(pii.keyedHash(ID));
    expect(pii.matches(ID, pii.keyedHash(ID))).toBe(true);
    expect(pii.matches(ID, 'ab')).toBe(false);
  });

  it('derives two different keys from PII_KEY with HKDF-SHA256, neither of them the master key', () => {
    const master = Buffer.from(key, 'base64');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.from('shanyu/pii/v1'), info, 32));
    const hashKey = derive('hmac-sha256 matching');
    const encryptionKey = derive('aes-256-gcm encryption');
    expect(hashKey.equals(encryptionKey)).toBe(false);
    expect(pii.keyedHash(ID)).toBe(createHmac('sha256', hashKey).update(ID).digest('hex'));
    expect(pii.keyedHash(ID)).not.toBe(createHmac('sha256', master).update(ID).digest('hex'));
    const [, , iv, tag, ct] = pii.encrypt(ID).split('.');
    const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv!, 'base64url'));
    decipher.setAAD(Buffer.alloc(0));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    expect(Buffer.concat([decipher.update(Buffer.from(ct!, 'base64url')), decipher.final()]).toString()).toBe(ID);
  });
});

describe('PII_KEY', () => {
  it('is required in production and may not be the public demo key there', () => {
    expect(() => resolvePiiKey('production', undefined)).toThrow(ConfigError);
    expect(() => resolvePiiKey('production', DEMO_PII_KEY)).toThrow(/演示密钥|demo key/);
    expect(resolvePiiKey('production', key)).toBe(key);
  });

  it('falls back to the demo key outside production', () => {
    expect(resolvePiiKey('demo', undefined)).toBe(DEMO_PII_KEY);
    expect(resolvePiiKey('test', undefined)).toBe(DEMO_PII_KEY);
    expect(Buffer.from(DEMO_PII_KEY, 'base64')).toHaveLength(32);
  });

  it('must be 32 bytes of base64', () => {
    expect(() => resolvePiiKey('demo', 'cA==')).toThrow(/32/);
    expect(() => resolvePiiKey('production', randomBytes(16).toString('base64'))).toThrow(ConfigError);
    expect(() => PiiCipher.fromBase64Key('not base64 at all!')).toThrow(ConfigError);
  });
});

/** A `v1` value as the code before key ids wrote it (`v1.<iv>.<tag>.<ciphertext>`, no key id). */
function v1Encrypt(master: string, plaintext: string, context: string): string {
  const encryptionKey = Buffer.from(hkdfSync('sha256', Buffer.from(master, 'base64'), Buffer.from('shanyu/pii/v1'), 'aes-256-gcm encryption', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

describe('key rotation: PII_KEY encrypts, PII_PREVIOUS_KEYS decrypt, PII_MATCH_KEY keys the hash (issue 9 §5)', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');
  const k3 = randomBytes(32).toString('base64');

  it('decrypts v1 values (no key id) with whichever configured key made them', () => {
    const old = v1Encrypt(k1, ID, 'person-1');
    expect(PiiCipher.fromBase64Key(k1).decrypt(old, 'person-1')).toBe(ID);
    const rotated = PiiCipher.fromKeys({ current: k2, previous: [k3, k1] });
    expect(rotated.decrypt(old, 'person-1')).toBe(ID);
    expect(rotated.isCurrent(old)).toBe(false);
    expect(() => PiiCipher.fromKeys({ current: k2, previous: [k3] }).decrypt(old, 'person-1')).toThrow(/v1/);
    expect(() => rotated.decrypt(old, 'person-2')).toThrow();
  });

  it('writes v2 under the current key and reads v2 of a previous key by its id', () => {
    const before = PiiCipher.fromBase64Key(k1).encrypt(ID, 'person-1');
    expect(before.split('.')[1]).toBe(piiKeyId(k1));
    const rotated = PiiCipher.fromKeys({ current: k2, previous: [k1] });
    expect(rotated.keyId).toBe(piiKeyId(k2));
    expect(rotated.keyId).not.toBe(piiKeyId(k1));
    expect(rotated.decrypt(before, 'person-1')).toBe(ID);
    expect(rotated.isCurrent(before)).toBe(false);
    const after = rotated.encrypt(ID, 'person-1');
    expect(after.split('.')[1]).toBe(rotated.keyId);
    expect(rotated.isCurrent(after)).toBe(true);
    // Once every value is re-encrypted, the old key can go.
    expect(PiiCipher.fromBase64Key(k2).decrypt(after, 'person-1')).toBe(ID);
  });

  it('names the unknown key id when a v2 value was made under a key not configured', () => {
    const stored = PiiCipher.fromBase64Key(k1).encrypt(ID, 'person-1');
    const without = PiiCipher.fromKeys({ current: k2, previous: [k3] });
    expect(() => without.decrypt(stored, 'person-1')).toThrow(UnknownPiiKeyError);
    expect(() => without.decrypt(stored, 'person-1')).toThrow(new RegExp(`${piiKeyId(k1)}.*PII_PREVIOUS_KEYS`));
    // A key id rewritten to the current key's: the GCM tag still refuses it.
    const forged = ['v2', without.keyId, ...stored.split('.').slice(2)].join('.');
    expect(() => without.decrypt(forged, 'person-1')).toThrow();
  });

  it('keeps the matching hash independent of the encryption key: same hash across an encryption-key rotation', () => {
    const before = PiiCipher.fromKeys({ current: k1, match: k3 });
    const after = PiiCipher.fromKeys({ current: k2, previous: [k1], match: k3 });
    expect(after.keyedHash(ID)).toBe(before.keyedHash(ID));
    expect(after.keyedHash(ID)).not.toBe(PiiCipher.fromBase64Key(k2).keyedHash(ID));
    // PII_MATCH_KEY unset: the hash is keyed by PII_KEY, as before rotation existed.
    expect(PiiCipher.fromKeys({ current: k1 }).keyedHash(ID)).toBe(PiiCipher.fromBase64Key(k1).keyedHash(ID));
    // With PII_MATCH_KEY = the old PII_KEY, hashes made before the rotation still match.
    expect(PiiCipher.fromKeys({ current: k2, previous: [k1], match: k1 }).keyedHash(ID)).toBe(PiiCipher.fromBase64Key(k1).keyedHash(ID));
    // The encryption does not depend on the match key.
    const stored = before.encrypt(ID, 'x');
    expect(PiiCipher.fromBase64Key(k1).decrypt(stored, 'x')).toBe(ID);
  });

  it('offers the hashes under older keys as candidates, the current match key first (match-key rotation)', () => {
    const rotated = PiiCipher.fromKeys({ current: k2, previous: [k1], match: k2 });
    const candidates = rotated.keyedHashCandidates(ID);
    expect(candidates[0]).toBe(rotated.keyedHash(ID));
    expect(candidates).toContain(PiiCipher.fromBase64Key(k1).keyedHash(ID));
    expect(candidates).toHaveLength(2);
  });

  it('checks every key: 32 bytes each, no demo key in production, duplicates in the list ignored', () => {
    expect(resolvePiiKeys('production', { PII_KEY: k2, PII_PREVIOUS_KEYS: ` ${k1} , ${k3}`, PII_MATCH_KEY: k1 })).toEqual({
      current: k2,
      previous: [k1, k3],
      match: k1,
    });
    expect(resolvePiiKeys('production', { PII_KEY: k2 })).toEqual({ current: k2, previous: [], match: k2 });
    expect(() => resolvePiiKeys('production', { PII_KEY: k2, PII_PREVIOUS_KEYS: `${k1},${DEMO_PII_KEY}` })).toThrow(/PII_PREVIOUS_KEYS\[1\]/);
    expect(() => resolvePiiKeys('production', { PII_KEY: k2, PII_MATCH_KEY: DEMO_PII_KEY })).toThrow(/PII_MATCH_KEY/);
    expect(() => resolvePiiKeys('production', { PII_KEY: DEMO_PII_KEY })).toThrow(/PII_KEY/);
    expect(resolvePiiKeys('demo', { PII_PREVIOUS_KEYS: DEMO_PII_KEY }).previous).toEqual([DEMO_PII_KEY]);
    expect(() => resolvePiiKeys('demo', { PII_KEY: k2, PII_PREVIOUS_KEYS: 'cA==' })).toThrow(/PII_PREVIOUS_KEYS\[0\].*32/);
    expect(() => resolvePiiKeys('demo', { PII_KEY: k2, PII_MATCH_KEY: 'cA==' })).toThrow(/PII_MATCH_KEY.*32/);
    expect(PiiCipher.fromKeys({ current: k1, previous: [k1, k2, k2] }).decrypt(PiiCipher.fromBase64Key(k2).encrypt(ID), '')).toBe(ID);
  });
});
