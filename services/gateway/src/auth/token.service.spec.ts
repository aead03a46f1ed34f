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

  it("carries an API client's id and the secret it was issued for, at most the client lifetime", () => {
    const tokens = new TokenService('x'.repeat(40), 7200);
    const client = {
      userId: 'client:fire-330106-abcdef',
      department: 'fire' as const,
      role: 'system' as const,
      divisions: ['330106'],
      clientId: 'fire-330106-abcdef',
    };
    const secretId = '5f0c6f0e-8a4b-4c53-9d7e-0b1f2a3c4d5e';
    const { accessToken, expiresIn } = tokens.issue(client, client.clientId, { ttlSeconds: 3600, secretId });
    expect(expiresIn).toBe(3600);
    expect(tokens.verifyToken(accessToken)).toMatchObject({ actor: client, secretId });
    expect(new TokenService('x'.repeat(40), 60).issue(client, client.clientId, { ttlSeconds: 3600, secretId }).expiresIn).toBe(60);
    // A person's token has neither.
    const person = tokens.verifyToken(tokens.issue(actor, 'health.330106').accessToken);
    expect(person.actor).not.toHaveProperty('clientId');
    expect(person).not.toHaveProperty('secretId');
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

  it('refuses an expired token with a message saying so, also one it verified before it expired', () => {
    const tokens = new TokenService('x'.repeat(40), 60);
    const { accessToken } = tokens.issue(actor, 'u');
    expect(tokens.verify(accessToken)).toEqual(actor);
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
