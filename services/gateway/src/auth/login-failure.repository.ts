import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/** What the login limits are judged on: the failures inside the window, on the database's clock. */
export interface LoginFailureCounts {
  now: Date;
  /** Failures of the username, from any address, attempts in flight included. */
  user: number;
  /** Of those, the ones whose password was found wrong. */
  userSettled: number;
  /** The latest of those. */
  userLast: Date | null;
  /** When the username's count drops below `maxUser` again (its `maxUser`-th newest failure leaves the window). */
  userUnlock: Date | null;
  /** Failures of the username from this address. */
  pair: number;
  /** Failures from this address, any username. */
  ip: number;
  /** When the address's count drops below `maxIp` again. */
  ipUnlock: Date | null;
}

export interface LoginLockoutRow {
  username: string;
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date;
  addresses: string[];
}

/**
 * The `login_failure` table of the gateway's schema: one row per failed (or in-flight) login,
 * shared by every replica. Raw SQL, as the table has no entity and its counts rest on the
 * database's clock, FILTER aggregates and an advisory lock.
 */
export class LoginFailureRepository {
  private readonly table: string;

  constructor(private readonly manager: EntityManager) {
    this.table = schemaTable(manager, 'login_failure');
  }

  /** Serializes attempts on one username, from any replica, until the transaction ends. */
  async lockUsername(username: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7331))`, [`login:${username}`]);
  }

  async counts(username: string, ip: string, windowSeconds: number, maxUser: number, maxIp: number): Promise<LoginFailureCounts> {
    const [row] = await this.manager.query(
      `WITH recent AS (SELECT username, ip, at, settled FROM ${this.table} WHERE at > now() - $3::interval AND (username = $1 OR ip = $2))
       SELECT now() AS now,
              count(*) FILTER (WHERE username = $1)::int AS user,
              count(*) FILTER (WHERE username = $1 AND settled)::int AS "userSettled",
              max(at) FILTER (WHERE username = $1 AND settled) AS "userLast",
              (SELECT at FROM recent WHERE username = $1 ORDER BY at DESC OFFSET $4 LIMIT 1) + $3::interval AS "userUnlock",
              count(*) FILTER (WHERE username = $1 AND ip = $2)::int AS pair,
              count(*) FILTER (WHERE ip = $2)::int AS ip,
              (SELECT at FROM recent WHERE ip = $2 ORDER BY at DESC OFFSET $5 LIMIT 1) + $3::interval AS "ipUnlock"
         FROM recent`,
      [username, ip, `${windowSeconds} seconds`, maxUser - 1, maxIp - 1],
    );
    return row as LoginFailureCounts;
  }

  /** An attempt in flight (its password not checked yet); returns its row id. */
  async record(username: string, ip: string): Promise<string> {
    const [row]: { id: string }[] = await this.manager.query(`INSERT INTO ${this.table} (username, ip, settled) VALUES ($1, $2, false) RETURNING id`, [
      username,
      ip,
    ]);
    return row!.id;
  }

  /** The attempt's password was wrong. */
  async settle(id: string): Promise<void> {
    await this.manager.query(`UPDATE ${this.table} SET settled = true WHERE id = $1`, [id]);
  }

  /** Deletes the username's failures (and, in passing, every row older than the window); returns how many of the username's were inside the window. */
  async clear(username: string, windowSeconds: number): Promise<number> {
    const window = `${windowSeconds} seconds`;
    const [{ n }]: { n: number }[] = await this.manager.query(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE username = $1 AND at > now() - $2::interval`,
      [username, window],
    );
    await this.manager.query(`DELETE FROM ${this.table} WHERE username = $1 OR at < now() - $2::interval`, [username, window]);
    return n;
  }

  /** Usernames with at least `maxUser` failures inside the window, the latest first. */
  async lockouts(windowSeconds: number, maxUser: number): Promise<LoginLockoutRow[]> {
    return this.manager.query(
      `SELECT username, count(*)::int AS failures, max(at) AS "lastFailureAt",
              (array_agg(at ORDER BY at DESC))[$2] + $1::interval AS "lockedUntil",
              (array_agg(DISTINCT ip ORDER BY ip))[1:20] AS addresses
         FROM ${this.table}
        WHERE at > now() - $1::interval
        GROUP BY username
       HAVING count(*) >= $2
        ORDER BY max(at) DESC
        LIMIT 500`,
      [`${windowSeconds} seconds`, maxUser],
    );
  }
}
