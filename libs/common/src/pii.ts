/**
 * Personal data at rest (ARCHITECTURE.md "Data"; 个人信息保护法 第五十一条: 加密、去标识化等安全技术措施).
 *
 * One master key, `PII_KEY` (32 random bytes, base64), from which two independent keys are
 * derived with HKDF-SHA256 (RFC 5869), each for one purpose:
 *   - an AES-256-GCM key that encrypts the value (a fresh 96-bit IV per value, the 128-bit tag
 *     kept with it), so the value can be shown again to a role that needs it;
 *   - an HMAC-SHA256 key for a keyed hash of the value, the same for the same person wherever
 *     they are recorded, so ban-list and concurrent-employment matches work on the hash alone.
 * Without the key neither can be computed: a plain SHA-256 of an 18-digit ID number could be
 * reversed by trying every birth date and sequence (about 10^10 candidates per address code).
 *
 * Stored ciphertext: `v1.<base64url iv>.<base64url tag>.<base64url ciphertext>`. A `context`
 * (e.g. the owning row's id) is bound as additional authenticated data, so a ciphertext copied
 * into another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError, type RunMode } from './config.js';

/** base64("shanyu-demo-pii-key-not-secret!!"): public, for demo and test stacks only. */
export const DEMO_PII_KEY = 'c2hhbnl1LWRlbW8tcGlpLWtleS1ub3Qtc2VjcmV0ISE=';

const VERSION = 'v1';
const SALT = Buffer.from('shanyu/pii/v1');

/** The master key from `PII_KEY`: required in production, where the public demo key is refused. */
export function resolvePiiKey(mode: RunMode, key: string | undefined): string {
  if (mode === 'production') {
    if (!key) throw new ConfigError('生产模式必须设置 PII_KEY（32 字节随机数的 base64，例如 openssl rand -base64 32）/ production mode needs PII_KEY');
    if (key === DEMO_PII_KEY) throw new ConfigError('生产模式不能使用公开的演示密钥作为 PII_KEY / PII_KEY must not be the public demo key in production');
  }
  const resolved = key ?? DEMO_PII_KEY;
  decodeMasterKey(resolved);
  return resolved;
}

function decodeMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || key.toString('base64') !== base64.replace(/\s/g, '')) {
    throw new ConfigError(`PII_KEY 必须是 32 字节的 base64 编码（当前 ${key.length} 字节）/ PII_KEY must be 32 bytes in base64`);
  }
  return key;
}

export class PiiCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  private constructor(master: Buffer) {
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, SALT, 'aes-256-gcm encryption', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', master, SALT, 'hmac-sha256 matching', 32));
  }

  /** From the base64 master key (`PII_KEY`); throws a ConfigError unless it is 32 bytes. */
  static fromBase64Key(base64: string): PiiCipher {
    return new PiiCipher(decodeMasterKey(base64));
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** Throws when the value was altered, encrypted under another key or bound to another context. */
  decrypt(stored: string, context = ''): string {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a PII ciphertext of a known version');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash (HMAC-SHA256, hex) for matching the same value across records. */
  keyedHash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value, 'utf8').digest('hex');
  }

  /** Constant-time comparison of a value with a stored keyed hash. */
  matches(value: string, storedHash: string): boolean {
    const a = Buffer.from(this.keyedHash(value), 'hex');
    const b = Buffer.from(storedHash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
