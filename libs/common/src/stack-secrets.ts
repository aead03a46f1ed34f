import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateIdentityKeyPair } from './actor-token.js';

/**
 * The secrets of a demo stack (npm start, the compose demo): made on its first start, kept in one
 * file beside its data (mode 0600, never committed) and reused, so no stack runs on a value
 * published in this repository. A production deployment sets its own and never reads this file.
 */
export type StackSecrets = Record<'JWT_SECRET' | 'IDENTITY_SIGNING_KEY' | 'IDENTITY_PUBLIC_KEY', string> & { PII_KEY?: string };

/**
 * Reads the file, or creates it if absent. Several processes starting at once (the compose demo's
 * services) agree on one set: the file appears whole through link(), which fails if another
 * process created it first, and then that one is read.
 * `keepPiiKey`: a data directory made before this file existed holds personal data encrypted with
 * the services' built-in demo key, which a new PII_KEY could not read, so none is made for it.
 */
export function ensureStackSecrets(file: string, options: { keepPiiKey?: boolean } = {}): StackSecrets {
  const existing = readSecrets(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const identity = generateIdentityKeyPair();
  const secrets: StackSecrets = {
    JWT_SECRET: randomBytes(48).toString('base64'),
    IDENTITY_SIGNING_KEY: identity.signingKey,
    IDENTITY_PUBLIC_KEY: identity.publicKey,
    ...(options.keepPiiKey ? {} : { PII_KEY: randomBytes(32).toString('base64') }),
  };
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
    return secrets;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readSecrets(file)!;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function readSecrets(file: string): StackSecrets | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as StackSecrets;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
