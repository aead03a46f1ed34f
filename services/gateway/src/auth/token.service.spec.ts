import { describe, expect, it } from 'vitest';
import { TokenService } from './token.service.js';

const actor = { userId: 'u1', department: 'health' as const, role: 'official' as const, divisions: ['330106'] };

describe('bearer tokens', () => {
  it('round-trips department, role and divisions', () => {
    const tokens = new TokenService('x'.repeat(40), 60);
    const { accessToken, expiresIn } = tokens.issue(actor, 'health.330106');
    expect(expiresIn).toBe(60);
    expect(tokens.verify(accessToken)).toEqual(actor);
  });

  it('refuses a token signed with another secret, or tampered with', () => {
    const mine = new TokenService('x'.repeat(40), 60);
    const theirs = new TokenService('y'.repeat(40), 60);
    const { accessToken } = theirs.issue({ ...actor, department: 'admin' }, 'admin');
    expect(() => mine.verify(accessToken)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
    const [h, , s] = mine.issue(actor, 'x').accessToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'u1', dept: 'admin', role: 'admin', div: [] })).toString('base64url');
    expect(() => mine.verify(`${h}.${forgedPayload}.${s}`)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
  });

  it('refuses an expired token with a message saying so', () => {
    const tokens = new TokenService('x'.repeat(40), 60);
    const { accessToken } = tokens.issue(actor, 'u');
    const realNow = Date.now;
    Date.now = () => realNow() + 120_000;
    try {
      expect(() => tokens.verify(accessToken)).toThrow(/过期/);
    } finally {
      Date.now = realNow;
    }
  });

  it('gives every token its own id (jti) and its expiry, which logout uses to revoke it', () => {
    const tokens = new TokenService('x'.repeat(40), 60);
    const a = tokens.verifyToken(tokens.issue(actor, 'u').accessToken);
    const b = tokens.verifyToken(tokens.issue(actor, 'u').accessToken);
    expect(a.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.jti).not.toBe(b.jti);
    expect(a.expiresAt.getTime() - Date.now()).toBeGreaterThan(55_000);
    expect(a.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });
});
