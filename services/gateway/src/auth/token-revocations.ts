import { DomainError } from '@shanyu/common';
import type { DataSource } from 'typeorm';
import { RevokedTokenRepository } from './revoked-token.repository.js';
import type { VerifiedToken } from './token.service.js';

/**
 * Revoked token ids (jti) in the gateway's own schema, so a logout on one replica holds on
 * every replica. A row is kept until the token would have expired anyway, then swept.
 */
export class TokenRevocations {
  constructor(private readonly dataSource: DataSource) {}

  async revoke(token: VerifiedToken): Promise<void> {
    const revoked = new RevokedTokenRepository(this.dataSource.manager);
    await revoked.insert(token.jti, token.actor.userId, token.expiresAt);
    await revoked.sweepExpired();
  }

  /** Throws TOKEN_REVOKED (401) for a token that was logged out. */
  async assertNotRevoked(jti: string): Promise<void> {
    if (await new RevokedTokenRepository(this.dataSource.manager).isRevoked(jti)) {
      throw new DomainError('TOKEN_REVOKED', '该令牌已注销（已退出登录），请重新登录');
    }
  }
}
