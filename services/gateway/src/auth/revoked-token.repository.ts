import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/**
 * Revoked token ids (`revoked_token`), kept until the token would have expired anyway. Raw SQL,
 * as the table has no entity and its sweep runs on the database's clock.
 */
export class RevokedTokenRepository {
  private readonly table: string;

  constructor(private readonly manager: EntityManager) {
    this.table = schemaTable(manager, 'revoked_token');
  }

  /** Records the revocation once (a second logout with the same token changes nothing); false when it was already recorded. */
  async insert(jti: string, userId: string, expiresAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO ${this.table} (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING RETURNING jti`,
      [jti, userId, expiresAt],
    );
    return rows.length > 0;
  }

  /** Deletes the rows of tokens that have expired. */
  async sweepExpired(): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.table} WHERE expires_at < now() - interval '1 minute'`);
  }

  /** Every revocation of a token that has not expired yet. */
  async unexpired(): Promise<{ jti: string; expiresAt: Date }[]> {
    return this.manager.query(`SELECT jti, expires_at AS "expiresAt" FROM ${this.table} WHERE expires_at > now()`);
  }
}
