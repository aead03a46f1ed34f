import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { ValidateBy } from 'class-validator';
import { type Actor, DEPARTMENTS, ROLES } from './actor.js';
import { DomainError } from './errors.js';

/**
 * Identity tokens (身份令牌) for NATS requests: a compact JWS (RFC 7515) signed with Ed25519
 * (`alg: EdDSA`, RFC 8037). The gateway alone holds the private key and issues them — for each
 * person's HTTP request it forwards, and to department systems that exchange their client
 * credentials (`POST /api/v1/auth/nats-token`). Services hold only the public key, so a service
 * or a department system that is compromised cannot mint an identity, and a caller cannot write
 * its own department, role or divisions: they come from the verified claims, never a header.
 */
export const ACTOR_TOKEN_ISSUER = 'shanyu-gateway';
export const ACTOR_TOKEN_AUDIENCE = 'shanyu-nats';
/** Default lifetime: short, because a service cannot ask whether the principal was revoked since. */
export const ACTOR_TOKEN_TTL_SECONDS = 300;

interface ActorTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  dept: string;
  role: string;
  div: string[];
  cid?: string;
  iat: number;
  exp: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));

/** A key given as PEM text or as base64 of its DER (PKCS#8 private, SPKI public): one line fits an env file. */
export function parseIdentityKey(value: string, kind: 'private' | 'public'): KeyObject {
  const text = value.trim();
  const pem = text.includes('-----BEGIN');
  const key =
    kind === 'private'
      ? createPrivateKey(pem ? text : { key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' })
      : createPublicKey(pem ? text : { key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`identity ${kind} key must be Ed25519, got ${key.asymmetricKeyType}`);
  return key;
}

/** A new key pair, each as one line of base64 DER (IDENTITY_SIGNING_KEY / IDENTITY_PUBLIC_KEY). */
export function generateIdentityKeyPair(): { signingKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signingKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** The public half of a signing key, as base64 DER. */
export function identityPublicKeyOf(signingKey: string): string {
  return createPublicKey(parseIdentityKey(signingKey, 'private')).export({ format: 'der', type: 'spki' }).toString('base64');
}

export class ActorTokenSigner {
  private readonly key: KeyObject;
  /** Tokens already signed per actor: a person's requests reuse one until it nears its end. */
  private readonly cache = new Map<string, { token: string; exp: number }>();

  constructor(
    signingKey: string | KeyObject,
    private readonly ttlSeconds = ACTOR_TOKEN_TTL_SECONDS,
    private readonly now = () => Date.now(),
  ) {
    this.key = typeof signingKey === 'string' ? parseIdentityKey(signingKey, 'private') : signingKey;
  }

  /** A token for the actor, valid `ttlSeconds`; unless `fresh`, one issued earlier with over half its life left. */
  tokenFor(actor: Actor, options: { fresh?: boolean } = {}): { token: string; expiresAt: Date } {
    const nowSeconds = Math.floor(this.now() / 1000);
    const cacheKey = `${actor.department}|${actor.role}|${actor.userId}|${actor.clientId ?? ''}|${actor.divisions.join(',')}`;
    const cached = options.fresh ? undefined : this.cache.get(cacheKey);
    if (cached && cached.exp - nowSeconds > this.ttlSeconds / 2) return { token: cached.token, expiresAt: new Date(cached.exp * 1000) };
    const claims: ActorTokenClaims = {
      iss: ACTOR_TOKEN_ISSUER,
      aud: ACTOR_TOKEN_AUDIENCE,
      sub: actor.userId,
      dept: actor.department,
      role: actor.role,
      div: actor.divisions,
      ...(actor.clientId ? { cid: actor.clientId } : {}),
      iat: nowSeconds,
      exp: nowSeconds + this.ttlSeconds,
    };
    const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    const token = `${signingInput}.${sign(null, Buffer.from(signingInput), this.key).toString('base64url')}`;
    if (!options.fresh) {
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(cacheKey, { token, exp: claims.exp });
    }
    return { token, expiresAt: new Date(claims.exp * 1000) };
  }
}

/**
 * Checks identity tokens with the gateway's public key. A verified token is remembered until it
 * expires, so a caller's repeated requests cost one signature check per replica.
 */
export class ActorTokenVerifier {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { actor: Actor; exp: number }>();

  constructor(
    publicKey: string | KeyObject,
    private readonly now = () => Date.now(),
  ) {
    this.key = typeof publicKey === 'string' ? parseIdentityKey(publicKey, 'public') : publicKey;
  }

  /** The actor the token names; `IDENTITY_MISSING`, `IDENTITY_INVALID` or `IDENTITY_EXPIRED` otherwise. */
  verify(token: string | undefined): Actor {
    if (!token) throw new DomainError('IDENTITY_MISSING', '缺少调用者身份令牌（请求头 shanyu-identity），请先用接口客户端凭据换取身份令牌');
    const nowSeconds = this.now() / 1000;
    const known = this.verified.get(token);
    if (known) {
      if (known.exp > nowSeconds) return known.actor;
      this.verified.delete(token);
      throw expired();
    }
    const claims = this.checkSignature(token);
    if (claims.exp <= nowSeconds) throw expired();
    const actor: Actor = {
      department: claims.dept as Actor['department'],
      role: claims.role as Actor['role'],
      userId: claims.sub,
      divisions: claims.div,
      ...(claims.cid ? { clientId: claims.cid } : {}),
    };
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, { actor, exp: claims.exp });
    return actor;
  }

  private checkSignature(token: string): ActorTokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER || token.length > 4096) throw invalid();
    let valid: boolean;
    try {
      valid = verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), this.key, Buffer.from(parts[2]!, 'base64url'));
    } catch {
      valid = false;
    }
    if (!valid) throw invalid();
    let claims: ActorTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as ActorTokenClaims;
    } catch {
      throw invalid();
    }
    if (
      !claims ||
      claims.iss !== ACTOR_TOKEN_ISSUER ||
      claims.aud !== ACTOR_TOKEN_AUDIENCE ||
      typeof claims.sub !== 'string' ||
      claims.sub.length === 0 ||
      typeof claims.exp !== 'number' ||
      !(DEPARTMENTS as readonly string[]).includes(claims.dept) ||
      !(ROLES as readonly string[]).includes(claims.role) ||
      !Array.isArray(claims.div) ||
      !claims.div.every((d) => typeof d === 'string') ||
      (claims.cid !== undefined && typeof claims.cid !== 'string')
    ) {
      throw invalid();
    }
    return claims;
  }
}

function invalid(): DomainError {
  return new DomainError('IDENTITY_INVALID', '调用者身份令牌无效（签名或内容不符），请重新换取身份令牌');
}

function expired(): DomainError {
  return new DomainError('IDENTITY_EXPIRED', '调用者身份令牌已过期，请重新换取身份令牌');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** Config validation: an Ed25519 key as IDENTITY_SIGNING_KEY / IDENTITY_PUBLIC_KEY take it (PEM or base64 DER). */
export function IsIdentityKey(kind: 'private' | 'public'): PropertyDecorator {
  return ValidateBy({
    name: 'isIdentityKey',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return false;
        try {
          parseIdentityKey(value, kind);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: (args) =>
        `${args?.property} must be an Ed25519 ${kind === 'private' ? 'PKCS#8 private' : 'SPKI public'} key, PEM or base64 DER (npm run admin -- identity-keys prints a new pair)`,
    },
  });
}
