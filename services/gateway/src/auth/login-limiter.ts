import type { DataSource, EntityManager } from 'typeorm';
import { beijingTime, RateLimitedError } from './rate-limited.error.js';

export interface LoginLimits {
  /** Failed logins per username inside the window that lock the account (default 5). */
  maxFailuresPerUser: number;
  /** Failed logins from one client IP inside the window before that IP is refused (default 20). */
  maxFailuresPerIp: number;
  /** The sliding window, in seconds (default 900 = 15 minutes). */
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailuresPerUser: 5, maxFailuresPerIp: 20, windowSeconds: 900 };

interface Count {
  n: number;
  /** When the count inside the window drops below the limit again. */
  unlock: Date | null;
}

/**
 * Login rate limiting and lockout, counted in the gateway's own PostgreSQL schema so every
 * replica sees the same counts, on the database's clock.
 *
 * An attempt is recorded as a failure *before* the password is checked, under a per-username
 * advisory lock, so concurrent attempts on one account from any replica are counted one by one
 * and never get past the limit; a correct password then deletes the username's failures. The
 * attempt that reaches the limit is answered ACCOUNT_LOCKED with the unlock time. While an
 * account or IP is refused, attempts are neither checked nor counted, so the unlock time does
 * not move. Unknown usernames are counted like real ones (the answers do not reveal which
 * accounts exist). The per-IP count is not serialized: a burst may pass it by a few attempts.
 */
export class LoginLimiter {
  private readonly table: string;
  private readonly window: string;

  constructor(
    private readonly dataSource: DataSource,
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {
    this.table = `"${(dataSource.options as { schema: string }).schema}".login_failure`;
    this.window = `${limits.windowSeconds} seconds`;
  }

  /**
   * Refuses a locked account or IP (429); otherwise records the attempt as a failure until
   * `succeeded` and returns its place among the username's failures in the window (1 = first).
   */
  async begin(username: string, ip: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7331))`, [`login:${username}`]);
      const user = await this.count(manager, 'username', username, this.limits.maxFailuresPerUser);
      this.assertUnder(user, this.limits.maxFailuresPerUser, 'user');
      this.assertUnder(await this.count(manager, 'ip', ip, this.limits.maxFailuresPerIp), this.limits.maxFailuresPerIp, 'ip');
      await manager.query(`INSERT INTO ${this.table} (username, ip) VALUES ($1, $2)`, [username, ip]);
      return user.n + 1;
    });
  }

  /**
   * After a wrong password: the attempt that reached the limit throws ACCOUNT_LOCKED with the
   * unlock time; an earlier one gets the number of attempts left.
   */
  async failed(username: string, attempt: number): Promise<number> {
    const max = this.limits.maxFailuresPerUser;
    if (attempt < max) return max - attempt;
    this.assertUnder(await this.count(this.dataSource.manager, 'username', username, max), max, 'user');
    return 0;
  }

  /** A correct password: the account's failures are forgiven, and rows older than the window swept. */
  async succeeded(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.table} WHERE username = $1 OR at < now() - $2::interval`, [username, this.window]);
  }

  private async count(manager: EntityManager, column: 'username' | 'ip', value: string, max: number): Promise<Count> {
    const [row]: Count[] = await manager.query(
      `SELECT count(*)::int AS n,
              (SELECT at FROM ${this.table} WHERE ${column} = $1 AND at > now() - $2::interval ORDER BY at DESC OFFSET $3 LIMIT 1) + $2::interval AS unlock
         FROM ${this.table} WHERE ${column} = $1 AND at > now() - $2::interval`,
      [value, this.window, max - 1],
    );
    return row;
  }

  private assertUnder(count: Count, max: number, what: 'user' | 'ip'): void {
    if (count.n < max || !count.unlock) return;
    const until = new Date(count.unlock);
    if (what === 'user') {
      throw new RateLimitedError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定至 ${beijingTime(until)}（北京时间），请届时再试`, until);
    }
    throw new RateLimitedError('TOO_MANY_LOGIN_ATTEMPTS', `来自本地址的登录失败次数过多，请于 ${beijingTime(until)}（北京时间）后再试`, until);
  }
}
