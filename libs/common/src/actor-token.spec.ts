import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { ActorTokenSigner, ActorTokenVerifier, generateIdentityKeyPair, identityPublicKeyOf, parseIdentityKey } from './actor-token.js';

const actor: Actor = { department: 'fire', role: 'system', userId: 'client:fire-330106-abc', divisions: ['330106'], clientId: 'fire-330106-abc' };
const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('identity tokens', () => {
  const keys = generateIdentityKeyPair();

  it('round-trips the actor, client id included', () => {
    const { token } = new ActorTokenSigner(keys.signingKey).tokenFor(actor);
    expect(new ActorTokenVerifier(keys.publicKey).verify(token)).toEqual(actor);
  });

  it('refuses a missing token, a token of another key, an altered payload and an expired token', () => {
    const verifier = new ActorTokenVerifier(keys.publicKey);
    expect(codeOf(() => verifier.verify(undefined))).toBe('IDENTITY_MISSING');
    const other = new ActorTokenSigner(generateIdentityKeyPair().signingKey).tokenFor(actor).token;
    expect(codeOf(() => verifier.verify(other))).toBe('IDENTITY_INVALID');
    const [h, p, s] = new ActorTokenSigner(keys.signingKey).tokenFor(actor).token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, div: ['110101'] })).toString('base64url')}.${s}`;
    expect(codeOf(() => verifier.verify(altered))).toBe('IDENTITY_INVALID');
    expect(codeOf(() => verifier.verify(`${h}.${p}`))).toBe('IDENTITY_INVALID');
    const old = new ActorTokenSigner(keys.signingKey, 60, () => Date.now() - 120_000).tokenFor(actor).token;
    expect(codeOf(() => verifier.verify(old))).toBe('IDENTITY_EXPIRED');
  });

  it('stops accepting a remembered token once it expires', () => {
    let now = Date.now();
    const signer = new ActorTokenSigner(keys.signingKey, 60, () => now);
    const verifier = new ActorTokenVerifier(keys.publicKey, () => now);
    const { token } = signer.tokenFor(actor);
    expect(verifier.verify(token)).toEqual(actor);
    now += 61_000;
    expect(codeOf(() => verifier.verify(token))).toBe('IDENTITY_EXPIRED');
  });

  it('reuses a token while over half its life remains, and signs anew for another actor or when asked', () => {
    let now = Date.now();
    const signer = new ActorTokenSigner(keys.signingKey, 300, () => now);
    const first = signer.tokenFor(actor).token;
    expect(signer.tokenFor({ ...actor }).token).toBe(first);
    expect(signer.tokenFor({ ...actor, divisions: ['330106', '330105'] }).token).not.toBe(first);
    now += 151_000;
    expect(signer.tokenFor(actor).token).not.toBe(first);
  });

  it('takes keys as PEM or base64 DER, Ed25519 only', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(parseIdentityKey(pem, 'private').asymmetricKeyType).toBe('ed25519');
    expect(identityPublicKeyOf(keys.signingKey)).toBe(keys.publicKey);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => parseIdentityKey(rsa, 'public')).toThrow(/Ed25519/);
  });
});
