import { describe, expect, it } from 'vitest';
import { hashClientSecret, newClientSecret, verifyClientSecret } from './client-secret.js';

describe('client secrets', () => {
  it('are 256 random bits, stored as a salted scrypt hash that verifies only the same secret', async () => {
    const secret = newClientSecret();
    expect(secret).toMatch(/^shs_[A-Za-z0-9_-]{43}$/);
    expect(newClientSecret()).not.toBe(secret);
    const stored = await hashClientSecret(secret);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain(secret.slice(4));
    expect(await hashClientSecret(secret)).not.toBe(stored);
    expect(await verifyClientSecret(secret, stored)).toBe(true);
    expect(await verifyClientSecret(`${secret}x`, stored)).toBe(false);
    expect(await verifyClientSecret(secret, 'scrypt$1$2$3$bad$bad')).toBe(false);
    expect(await verifyClientSecret(secret, 'plain')).toBe(false);
  });
});
