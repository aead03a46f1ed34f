import { randomUUID } from 'node:crypto';
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
}

export interface VerifiedToken {
  actor: Actor;
  jti: string;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Issues and checks HS256 bearer tokens carrying department, role, division scope and a token id (jti). */
export class TokenService {
  private readonly jwt: JwtService;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', issuer: 'shanyu', audience: 'shanyu-api' } });
  }

  issue(actor: Actor, username: string): { accessToken: string; expiresIn: number; tokenType: 'Bearer' } {
    const claims: TokenClaims = { sub: actor.userId, username, dept: actor.department, role: actor.role, div: actor.divisions, jti: randomUUID() };
    return { accessToken: this.jwt.sign(claims, { expiresIn: this.ttlSeconds }), expiresIn: this.ttlSeconds, tokenType: 'Bearer' };
  }

  verify(token: string): Actor {
    return this.verifyToken(token).actor;
  }

  /** The actor, the token id and when the token expires; a token without a jti cannot be revoked and is refused. */
  verifyToken(token: string): VerifiedToken {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token, { algorithms: ['HS256'], issuer: 'shanyu', audience: 'shanyu-api' });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new DomainError('TOKEN_INVALID', expired ? '登录已过期，请重新登录' : '无效的访问令牌');
    }
    if (
      !(DEPARTMENTS as readonly string[]).includes(claims.dept) || !(ROLES as readonly string[]).includes(claims.role) ||
      typeof claims.jti !== 'string' || !UUID.test(claims.jti) || typeof claims.exp !== 'number'
    ) {
      throw new DomainError('TOKEN_INVALID', '无效的访问令牌，请重新登录');
    }
    return {
      actor: { userId: claims.sub, department: claims.dept, role: claims.role, divisions: claims.div ?? [] },
      jti: claims.jti,
      expiresAt: new Date(claims.exp * 1000),
    };
  }
}
