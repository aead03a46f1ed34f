import { SYSTEM_ACTOR } from '@shanyu/common';
import { AuditLog } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import { type LoginFailureCounts, LoginFailureRepository } from './login-failure.repository.js';
import { beijingTime, RateLimitedError } from './rate-limited.error.js';

export interface LoginLimits {
  /** Failed logins per username inside the window that lock the account (default 5). */
  maxFailuresPerUser: number;
  /** Failed logins from one address inside the window after which it may not retry a username that failed from it (default 20). */
  maxFailuresPerIp: number;
  /** The sliding window, in seconds (default 900 = 15 minutes). */
  windowSeconds: number;
  /** Failures of a username after which each next attempt waits 1 s, 2 s, 4 s … (default 2; 0 = no waits). */
  delayAfterFailures: number;
  /** The longest wait, in seconds (default 60). */
  maxDelaySeconds: number;
}

/** An attempt in flight: its row, its place among the username's failures (1 = first) and its address. */
export interface LoginAttempt {
  id: string;
  place: number;
  ip: string;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailuresPerUser: 5,
  maxFailuresPerIp: 20,
  windowSeconds: 900,
  delayAfterFailures: 2,
  maxDelaySeconds: 60,
};

/**
 * Login throttling, counted in the gateway's own PostgreSQL schema so every replica sees the same
 * counts, on the database's clock. Per username: after `delayAfterFailures` failures each next
 * attempt must wait 1 s, 2 s, 4 s … (429 LOGIN_DELAYED), and `maxFailuresPerUser` failures lock it
 * for the window (429 ACCOUNT_LOCKED, audited). Per address: once it has `maxFailuresPerIp`
 * failures, it may not retry a username that already failed from it (429 TOO_MANY_LOGIN_ATTEMPTS),
 * which limits guessing over many usernames; a username without failures from there is still
 * checked, so colleagues behind one office address never lock each other out.
 *
 * An attempt is recorded as a failure *before* the password is checked, under a per-username
 * advisory lock, so concurrent attempts on one account from any replica are counted one by one;
 * a correct password then deletes the username's failures. While refused, attempts are neither
 * checked nor counted, so the unlock time does not move. Unknown usernames are counted like real
 * ones (the answers do not reveal which accounts exist).
 */
export class LoginLimiter {
  private readonly auditLog = new AuditLog();

  constructor(
    private readonly dataSource: DataSource,
    readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {}

  /**
   * Refuses an attempt that must wait or is locked (429); otherwise records it as a failure until
   * `succeeded` (or `failed` settles it).
   */
  async begin(username: string, ip: string): Promise<LoginAttempt> {
    const { maxFailuresPerUser, maxFailuresPerIp, windowSeconds } = this.limits;
    return this.dataSource.transaction(async (manager) => {
      const failures = new LoginFailureRepository(manager);
      await failures.lockUsername(username);
      const counts = await failures.counts(username, ip, windowSeconds, maxFailuresPerUser, maxFailuresPerIp);
      this.assertNotLocked(counts);
      if (counts.ip >= maxFailuresPerIp && counts.pair > 0 && counts.ipUnlock) {
        const until = new Date(counts.ipUnlock);
        throw new RateLimitedError('TOO_MANY_LOGIN_ATTEMPTS', `来自本地址的登录失败次数过多，此账号请于 ${beijingTime(until)}（北京时间）后再试`, until);
      }
      this.assertWaited(counts);
      return { id: await failures.record(username, ip), place: counts.user + 1, ip };
    });
  }

  /**
   * After a wrong password: the failure counts toward the waits; the attempt that reached the
   * limit is audited and throws ACCOUNT_LOCKED with the unlock time; an earlier one gets the
   * number of attempts left.
   */
  async failed(username: string, attempt: LoginAttempt): Promise<number> {
    const { maxFailuresPerUser: max, maxFailuresPerIp, windowSeconds } = this.limits;
    const counts = await this.dataSource.transaction(async (manager) => {
      const failures = new LoginFailureRepository(manager);
      await failures.settle(attempt.id);
      if (attempt.place < max) return undefined;
      const found = await failures.counts(username, attempt.ip, windowSeconds, max, maxFailuresPerIp);
      if (attempt.place === max && found.userUnlock) {
        await this.auditLog.record(manager, {
          actor: SYSTEM_ACTOR,
          action: 'login.lock',
          entity: 'login',
          entityId: username,
          after: { failures: found.user, lockedUntil: new Date(found.userUnlock).toISOString(), lastAddress: attempt.ip },
        });
      }
      return found;
    });
    if (!counts) return max - attempt.place;
    this.assertNotLocked(counts);
    return 0;
  }

  /** A correct password: the account's failures are forgiven, and rows older than the window swept. */
  async succeeded(username: string): Promise<void> {
    await new LoginFailureRepository(this.dataSource.manager).clear(username, this.limits.windowSeconds);
  }

  /** The wait after `failures` failures: none before `delayAfterFailures`, then 1 s, doubling, at most `maxDelaySeconds`. */
  delaySeconds(failures: number): number {
    const { delayAfterFailures: after, maxDelaySeconds } = this.limits;
    if (after === 0 || failures < after) return 0;
    return Math.min(maxDelaySeconds, 2 ** Math.min(failures - after, 30));
  }

  private assertNotLocked(counts: LoginFailureCounts): void {
    if (counts.user < this.limits.maxFailuresPerUser || !counts.userUnlock) return;
    const until = new Date(counts.userUnlock);
    throw new RateLimitedError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定至 ${beijingTime(until)}（北京时间），请届时再试`, until);
  }

  private assertWaited(counts: LoginFailureCounts): void {
    const wait = this.delaySeconds(counts.userSettled);
    if (!wait || !counts.userLast) return;
    const until = new Date(new Date(counts.userLast).getTime() + wait * 1000);
    if (until <= new Date(counts.now)) return;
    throw new RateLimitedError('LOGIN_DELAYED', `登录失败次数较多，请 ${wait} 秒后再试`, until);
  }
}
