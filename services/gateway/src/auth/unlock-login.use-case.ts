import type { Actor } from '@shanyu/common';
import { validateContract } from '@shanyu/contracts';
import { AuditLog } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import { type LoginUnlockView, UnlockLoginBody } from './auth.contracts.js';
import { LoginFailureRepository } from './login-failure.repository.js';
import type { LoginLimits } from './login-limiter.js';

/**
 * An admin forgets a username's failed logins: a lockout or a wait ends at once, on every
 * replica. Audited (entity `login`, the username) when there was something to forget.
 */
export class UnlockLogin {
  private readonly auditLog = new AuditLog();

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: LoginLimits,
  ) {}

  async execute(body: UnlockLoginBody, actor: Actor, requestId?: string): Promise<LoginUnlockView> {
    const input = await validateContract(UnlockLoginBody, body ?? {});
    return this.dataSource.transaction(async (manager) => {
      const failures = new LoginFailureRepository(manager);
      await failures.lockUsername(input.username);
      const cleared = await failures.clear(input.username, this.limits.windowSeconds);
      const wasLocked = cleared >= this.limits.maxFailuresPerUser;
      if (cleared > 0) {
        await this.auditLog.record(manager, {
          actor,
          action: 'login.unlock',
          entity: 'login',
          entityId: input.username,
          reason: input.reason?.trim() ?? null,
          requestId,
          before: { failures: cleared, locked: wasLocked },
        });
      }
      return { username: input.username, failuresCleared: cleared, wasLocked };
    });
  }
}
