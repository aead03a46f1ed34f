import { type Actor, DEPARTMENTS, DomainError, ROLES } from '@shanyu/common';
import { JwtService } from '@nestjs/jwt';

interface TokenClaims {
  sub: string;
  username: string;
  dept: Actor['department'];
  role: Actor['role'];
  div: string[];
}

/** Issues and checks HS256 bearer tokens carrying department, role and division scope. */
export class TokenService {
  private readonly jwt: JwtService;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', issuer: 'shanyu', audience: 'shanyu-api' } });
  }

  issue(actor: Actor, username: string): { accessToken: string; expiresIn: number; tokenType: 'Bearer' } {
    const claims: TokenClaims = { sub: actor.userId, username, dept: actor.department, role: actor.role, div: actor.divisions };
    return { accessToken: this.jwt.sign(claims, { expiresIn: this.ttlSeconds }), expiresIn: this.ttlSeconds, tokenType: 'Bearer' };
  }

  verify(token: string): Actor {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token, { algorithms: ['HS256'], issuer: 'shanyu', audience: 'shanyu-api' });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new DomainError('TOKEN_INVALID', expired ? '登录已过期，请重新登录' : '无效的访问令牌');
    }
    if (!(DEPARTMENTS as readonly string[]).includes(claims.dept) || !(ROLES as readonly string[]).includes(claims.role)) {
      throw new DomainError('TOKEN_INVALID', '无效的访问令牌');
    }
    return { userId: claims.sub, department: claims.dept, role: claims.role, divisions: claims.div ?? [] };
  }
}
