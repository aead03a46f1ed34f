import { createSecretKey, randomUUID } from 'node:crypto';
import { type Actor, DEPARTMENTS, DomainError, ROLES } from '@shanyu/common';
import { JwtService } from '@nestjs/jwt';

interface TokenClaims {
  sub: string;
  username: string;
  dept: Actor['department'];
  role: Actor['role'];
  div: string[];
  /** Token id: what logout revokes. */
  jti: string;
  exp?: number;
  /** API client tokens: the client id and the id of the secret exchanged (the guard checks both on every request). */
  cid?: string;
  sv?: string;
}

export interface VerifiedToken {
  actor: Actor;
  jti: string;
  expiresAt: Date;
  /** For an API client's token: the secret it was issued for. */
  secretId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Issues and checks HS256 bearer tokens carrying department, role, division scope and a token id (jti). */
export class TokenService {
  private readonly jwt: JwtService;
  /** Tokens whose signature and claims were checked, until they expire (as ActorTokenVerifier keeps identity tokens). */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    // A KeyObject made once: given the string, jsonwebtoken tries createPublicKey(secret) on every
    // verify, which throws before it falls back (5.4% of the gateway's CPU, bench/README.md).
    this.jwt = new JwtService({
      secret: createSecretKey(Buffer.from(secret, 'utf8')),
      signOptions: { algorithm: 'HS256', issuer: 'shanyu', audience: 'shanyu-api' },
    });
  }

  /** `client`: an API client's token, at most `ttlSeconds` long (never longer than JWT_TTL_SECONDS). */
  issue(actor: Actor, username: string, client?: { ttlSeconds: number; secretId: string }): { accessToken: string; expiresIn: number; tokenType: 'Bearer' } {
    const claims: TokenClaims = { sub: actor.userId, username, dept: actor.department, role: actor.role, div: actor.divisions, jti: randomUUID() };
    if (actor.clientId && client) Object.assign(claims, { cid: actor.clientId, sv: client.secretId });
    const ttl = client ? Math.min(client.ttlSeconds, this.ttlSeconds) : this.ttlSeconds;
    return { accessToken: this.jwt.sign(claims, { expiresIn: ttl }), expiresIn: ttl, tokenType: 'Bearer' };
  }

  verify(token: string): Actor {
    return this.verifyToken(token).actor;
  }

  /**
   * The actor, the token id and when the token expires; a token without a jti cannot be revoked and
   * is refused. A token seen before is not checked again until it expires: the same string was
   * signed with the secret (the HMAC and JSON parsing were a tenth of the gateway's CPU on a read).
   */
  verifyToken(token: string): VerifiedToken {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt.getTime() > Date.now()) return known;
      this.verified.delete(token);
    }
    const verified = this.checkToken(token);
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, verified);
    return verified;
  }

  private checkToken(token: string): VerifiedToken {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token, { algorithms: ['HS256'], issuer: 'shanyu', audience: 'shanyu-api' });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new DomainError('TOKEN_INVALID', expired ? '登录已过期，请重新登录' : '无效的访问令牌');
    }
    if (
      !(DEPARTMENTS as readonly string[]).includes(claims.dept) ||
      !(ROLES as readonly string[]).includes(claims.role) ||
      typeof claims.jti !== 'string' ||
      !UUID.test(claims.jti) ||
      typeof claims.exp !== 'number' ||
      (claims.cid !== undefined && (typeof claims.cid !== 'string' || typeof claims.sv !== 'string' || !UUID.test(claims.sv)))
    ) {
      throw new DomainError('TOKEN_INVALID', '无效的访问令牌，请重新登录');
    }
    return {
      actor: { userId: claims.sub, department: claims.dept, role: claims.role, divisions: claims.div ?? [], ...(claims.cid ? { clientId: claims.cid } : {}) },
      jti: claims.jti,
      expiresAt: new Date(claims.exp * 1000),
      ...(claims.sv ? { secretId: claims.sv } : {}),
    };
  }
}
