import { DomainError } from '@shanyu/common';
import type { DataSource } from 'typeorm';
import type { VerifiedToken } from './token.service.js';

/**
 * Revoked token ids (jti) in the gateway's own schema, so a logout on one replica holds on
 * every replica. A row is kept until the token would have expired anyway, then swept.
 */
export class TokenRevocations {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = `"${(dataSource.options as { schema: string }).schema}".revoked_token`;
  }

  async revoke(token: VerifiedToken): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.table} (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING`,
      [token.jti, token.actor.userId, token.expiresAt],
    );
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE expires_at < now() - interval '1 minute'`);
  }

  /** Throws TOKEN_REVOKED (401) for a token that was logged out. */
  async assertNotRevoked(jti: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM ${this.table} WHERE jti = $1`, [jti]);
    if (rows.length > 0) throw new DomainError('TOKEN_REVOKED', '该令牌已注销（已退出登录），请重新登录');
  }
}
