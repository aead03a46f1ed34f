/**
 * Personal data at rest: encrypted, with a keyed hash for matching (个人信息保护法 第五十一条:
 * 加密、去标识化等安全技术措施).
 *
 * Master keys (32 random bytes, base64), from each of which two independent keys are derived
 * with HKDF-SHA256 (RFC 5869), each for one purpose:
 *   - an AES-256-GCM key that encrypts the value (a fresh 96-bit IV per value, the 128-bit tag
 *     kept with it), so the value can be shown again to a role that needs it;
 *   - an HMAC-SHA256 key for a keyed hash of the value, the same for the same person wherever
 *     they are recorded, so ban-list and concurrent-employment matches work on the hash alone.
 * Without the key neither can be computed: a plain SHA-256 of an 18-digit ID number could be
 * reversed by trying every birth date and sequence (about 10^10 candidates per address code).
 *
 * Rotation (docs/configuration.md "Rotating the personal-data keys"): `PII_KEY`
 * encrypts, `PII_PREVIOUS_KEYS` (comma-separated) only decrypt, and `PII_MATCH_KEY` (default
 * `PII_KEY`) keys the matching hash, so a new encryption key leaves every stored hash valid.
 *
 * Stored ciphertext: `v2.<key id>.<base64url iv>.<base64url tag>.<base64url ciphertext>`, the key
 * id being 8 hex characters derived from the master key (public: it tells which key to use, not
 * the key). Values written before key ids, `v1.<iv>.<tag>.<ciphertext>`, are decrypted by trying
 * each configured key (the GCM tag tells the right one). A `context` (e.g. the owning row's id)
 * is bound as additional authenticated data, so a ciphertext copied into another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError, isDemoSecret, type RunMode } from './config.js';

/** base64("shanyu-demo-pii-key-not-secret!!"): public, for demo and test stacks only. */
export const DEMO_PII_KEY = 'c2hhbnl1LWRlbW8tcGlpLWtleS1ub3Qtc2VjcmV0ISE=';

const SALT = Buffer.from('shanyu/pii/v1');

/** The master keys a service is configured with (base64 each). */
export interface PiiKeys {
  /** `PII_KEY`: encrypts new values. */
  current: string;
  /** `PII_PREVIOUS_KEYS`: decrypt values written before a rotation. */
  previous: readonly string[];
  /** `PII_MATCH_KEY` (default `PII_KEY`): keys the matching hash. */
  match: string;
}

export interface PiiKeySettings {
  PII_KEY?: string;
  PII_PREVIOUS_KEYS?: string;
  PII_MATCH_KEY?: string;
}

/** The master key from `PII_KEY`: required in production, where the public demo key is refused. */
export function resolvePiiKey(mode: RunMode, key: string | undefined): string {
  if (mode === 'production') {
    if (!key) throw new ConfigError('生产模式必须设置 PII_KEY（32 字节随机数的 base64，例如 openssl rand -base64 32）/ production mode needs PII_KEY');
    if (key === DEMO_PII_KEY) throw new ConfigError('生产模式不能使用公开的演示密钥作为 PII_KEY / PII_KEY must not be the public demo key in production');
  }
  const resolved = key ?? DEMO_PII_KEY;
  decodeMasterKey(resolved, 'PII_KEY');
  return resolved;
}

/**
 * `PII_KEY`, `PII_PREVIOUS_KEYS` and `PII_MATCH_KEY` checked together: each 32 bytes of base64,
 * and in production none of them a published demo value (a demo key among the previous keys
 * would let anyone read what it encrypted).
 */
export function resolvePiiKeys(mode: RunMode, settings: PiiKeySettings): PiiKeys {
  const current = resolvePiiKey(mode, settings.PII_KEY);
  const previous = (settings.PII_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const match = settings.PII_MATCH_KEY?.trim() || current;
  previous.forEach((k, i) => decodeMasterKey(k, `PII_PREVIOUS_KEYS[${i}]`));
  decodeMasterKey(match, 'PII_MATCH_KEY');
  if (mode === 'production') {
    previous.forEach((k, i) => {
      if (isDemoSecret(k))
        throw new ConfigError(
          `生产模式不能使用公开的演示密钥（PII_PREVIOUS_KEYS 第 ${i + 1} 个）/ PII_PREVIOUS_KEYS[${i}] must not be the public demo key in production`,
        );
    });
    if (isDemoSecret(match))
      throw new ConfigError('生产模式不能使用公开的演示密钥作为 PII_MATCH_KEY / PII_MATCH_KEY must not be the public demo key in production');
  }
  return { current, previous, match };
}

function decodeMasterKey(base64: string, name = 'PII_KEY'): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || key.toString('base64') !== base64.replace(/\s/g, '')) {
    throw new ConfigError(`${name} 必须是 32 字节的 base64 编码（当前 ${key.length} 字节）/ ${name} must be 32 bytes in base64`);
  }
  return key;
}

const derive = (master: Buffer, info: string, length = 32) => Buffer.from(hkdfSync('sha256', master, SALT, info, length));

/** The short public id of a master key (8 hex characters), written into each `v2` ciphertext. */
export function piiKeyId(base64: string): string {
  return derive(decodeMasterKey(base64), 'key id', 4).toString('hex');
}

interface MasterKey {
  id: string;
  encryptionKey: Buffer;
  hashKey: Buffer;
}

function masterKey(base64: string, name: string): MasterKey {
  const master = decodeMasterKey(base64, name);
  return {
    id: derive(master, 'key id', 4).toString('hex'),
    encryptionKey: derive(master, 'aes-256-gcm encryption'),
    hashKey: derive(master, 'hmac-sha256 matching'),
  };
}

/** A stored value encrypted under a key this service was not given. */
export class UnknownPiiKeyError extends Error {
  override name = 'UnknownPiiKeyError';

  constructor(readonly keyId: string) {
    super(
      `密文由密钥 ${keyId} 加密，该密钥既不是 PII_KEY 也不在 PII_PREVIOUS_KEYS 中 / ciphertext made under key ${keyId}, which is neither PII_KEY nor one of PII_PREVIOUS_KEYS`,
    );
  }
}

export class PiiCipher {
  private readonly current: MasterKey;
  /** Current first, then the previous keys: every key that may decrypt. */
  private readonly keyring: MasterKey[];
  private readonly match: MasterKey;

  private constructor(keys: PiiKeys) {
    this.current = masterKey(keys.current, 'PII_KEY');
    this.keyring = [this.current];
    keys.previous.forEach((k, i) => {
      const key = masterKey(k, `PII_PREVIOUS_KEYS[${i}]`);
      const same = this.keyring.find((r) => r.id === key.id);
      if (!same) this.keyring.push(key);
      else if (!same.encryptionKey.equals(key.encryptionKey))
        throw new ConfigError(`PII_PREVIOUS_KEYS[${i}] 与另一把密钥的编号 ${key.id} 相同，请换一把 / two keys share the id ${key.id}: generate another`);
    });
    this.match = keys.match === keys.current ? this.current : masterKey(keys.match, 'PII_MATCH_KEY');
  }

  /** From one base64 master key that encrypts and keys the hash; throws a ConfigError unless it is 32 bytes. */
  static fromBase64Key(base64: string): PiiCipher {
    return new PiiCipher({ current: base64, previous: [], match: base64 });
  }

  /** From the configured keys (resolvePiiKeys); `previous` default none, `match` default `current`. */
  static fromKeys(keys: { current: string; previous?: readonly string[]; match?: string }): PiiCipher {
    return new PiiCipher({ current: keys.current, previous: keys.previous ?? [], match: keys.match ?? keys.current });
  }

  /** Id of `PII_KEY`, the key new values are encrypted under. */
  get keyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.encryptionKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v2', this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /**
   * Throws when the value was altered, bound to another context or encrypted under a key not
   * configured (UnknownPiiKeyError for a `v2` value naming an unknown key id).
   */
  decrypt(stored: string, context = ''): string {
    const parts = stored.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
      const key = this.keyring.find((k) => k.id === keyId);
      if (!key) throw new UnknownPiiKeyError(keyId);
      return open(key, iv, tag, ciphertext, context);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, ciphertext] = parts as [string, string, string, string];
      for (const key of this.keyring) {
        try {
          return open(key, iv, tag, ciphertext, context);
        } catch {
          // not this key (or altered): try the next
        }
      }
      throw new Error('v1 密文无法用已配置的任何密钥解密 / a v1 ciphertext no configured key opens (another key, altered, or another row)');
    }
    throw new Error('not a PII ciphertext of a known version');
  }

  /** True when the value is already encrypted under `PII_KEY` (re-encryption skips it). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`v2.${this.current.id}.`);
  }

  /** Keyed hash (HMAC-SHA256, hex, under `PII_MATCH_KEY`) for matching the same value across records. */
  keyedHash(value: string): string {
    return hmac(this.match, value);
  }

  /**
   * The value's keyed hash under every configured key, the current match key's first: finds a
   * record hashed before the match key was rotated (the old one kept in PII_PREVIOUS_KEYS).
   */
  keyedHashCandidates(value: string): string[] {
    return [...new Set([this.match, ...this.keyring].map((k) => hmac(k, value)))];
  }

  /** Constant-time comparison of a value with a stored keyed hash. */
  matches(value: string, storedHash: string): boolean {
    const a = Buffer.from(this.keyedHash(value), 'hex');
    const b = Buffer.from(storedHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

function open(key: MasterKey, iv: string, tag: string, ciphertext: string, context: string): string {
  const authTag = Buffer.from(tag, 'base64url');
  // A shortened tag would weaken the authentication (Node accepts 4–16 bytes): only ours, 16.
  if (authTag.length !== 16) throw new Error('PII ciphertext has a malformed tag');
  const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(authTag);
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

function hmac(key: MasterKey, value: string): string {
  return createHmac('sha256', key.hashKey).update(value, 'utf8').digest('hex');
}
