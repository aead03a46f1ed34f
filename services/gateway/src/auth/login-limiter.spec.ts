import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter } from './login-limiter.js';

const limiter = (limits = {}) => new LoginLimiter({ options: { schema: 'gateway' } } as unknown as DataSource, { ...DEFAULT_LOGIN_LIMITS, ...limits });

describe('login waits', () => {
  it('wait nothing before 2 failures, then 1 s, 2 s, 4 s … doubling up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => limiter().delaySeconds(n))).toEqual([0, 0, 1, 2, 4, 8, 16, 32, 60]);
    expect(limiter().delaySeconds(1_000)).toBe(60);
    expect(limiter({ maxDelaySeconds: 5 }).delaySeconds(10)).toBe(5);
  });

  it('can start later or be switched off', () => {
    expect([3, 4, 5].map((n) => limiter({ delayAfterFailures: 4 }).delaySeconds(n))).toEqual([0, 1, 2]);
    expect(limiter({ delayAfterFailures: 0 }).delaySeconds(50)).toBe(0);
  });
});
