import type { DataSource } from 'typeorm';
import type { LoginLockoutView } from './auth.contracts.js';
import { LoginFailureRepository } from './login-failure.repository.js';
import type { LoginLimits } from './login-limiter.js';

/** The usernames locked now (LOGIN_MAX_FAILURES failures inside the window), the latest failure first. */
export class ListLoginLockouts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: LoginLimits,
  ) {}

  async execute(): Promise<LoginLockoutView[]> {
    const rows = await new LoginFailureRepository(this.dataSource.manager).lockouts(this.limits.windowSeconds, this.limits.maxFailuresPerUser);
    return rows.map((r) => ({
      username: r.username,
      failures: r.failures,
      lastFailureAt: new Date(r.lastFailureAt).toISOString(),
      lockedUntil: new Date(r.lockedUntil).toISOString(),
      addresses: r.addresses,
    }));
  }
}
