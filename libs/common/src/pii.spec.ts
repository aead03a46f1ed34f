import { createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { DEMO_PII_KEY, PiiCipher, resolvePiiKey } from './pii.js';

const ID = '330106199001011234';
const key = randomBytes(32).toString('base64');

describe('PII encryption (AES-256-GCM) and keyed hash (HMAC-SHA256), keys derived with HKDF', () => {
  const pii = PiiCipher.fromBase64Key(key);

  it('round-trips, with a fresh IV each time and no trace of the value in the ciphertext', () => {
    const a = pii.encrypt(ID, 'person-1');
    const b = pii.encrypt(ID, 'person-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain(ID);
    expect(a).not.toContain('19900101');
    expect(pii.decrypt(a, 'person-1')).toBe(ID);
  });

  it('refuses a ciphertext that was altered, moved to another row or made with another key', () => {
    const stored = pii.encrypt(ID, 'person-1');
    expect(() => pii.decrypt(stored, 'person-2')).toThrow();
    const [v, iv, tag, ct] = stored.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => pii.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'), 'person-1')).toThrow();
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
    const [, iv, tag, ct] = pii.encrypt(ID).split('.');
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
