import { DomainError } from '@shanyu/common';

/** A refusal that ends at a known time: the HTTP filter adds `retryAt` and a `Retry-After` header. */
export class RateLimitedError extends DomainError {
  constructor(
    code: 'ACCOUNT_LOCKED' | 'TOO_MANY_LOGIN_ATTEMPTS' | 'LOGIN_DELAYED',
    message: string,
    readonly retryAt: Date,
  ) {
    super(code, message);
  }

  /** Whole seconds until the refusal ends (at least 1). */
  retryAfterSeconds(now = Date.now()): number {
    return Math.max(1, Math.ceil((this.retryAt.getTime() - now) / 1000));
  }
}

/** `2026-05-01 10:15:00` in Beijing time (China keeps UTC+8 all year). */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
