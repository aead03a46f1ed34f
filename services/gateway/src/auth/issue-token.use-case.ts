import { DomainError } from '@shanyu/common';
import { hash, verify } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { UserAccountRepository } from '../accounts/user-account.repository.js';
import type { TokenRequest } from './auth.contracts.js';
import type { LoginLimiter } from './login-limiter.js';
import type { TokenService } from './token.service.js';

/**
 * Login: the same answer and about the same time for an unknown user and a wrong password;
 * refused (429 LOGIN_DELAYED / ACCOUNT_LOCKED / TOO_MANY_LOGIN_ATTEMPTS) as the limiter decides.
 */
export class IssueToken {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  async execute(request: TokenRequest, ip = 'unknown') {
    const attempt = await this.limiter.begin(request.username, ip);
    const account = await new UserAccountRepository(this.dataSource.manager).activeByUsername(request.username);
    this.dummyHash ??= hash('shanyu-timing-equaliser');
    const valid = await verify(account?.passwordHash ?? (await this.dummyHash), request.password).catch(() => false);
    if (!account || !valid) {
      const left = await this.limiter.failed(request.username, attempt);
      throw new DomainError('INVALID_CREDENTIALS', left > 0 && left <= 2 ? `用户名或密码错误（再错 ${left} 次将锁定账号）` : '用户名或密码错误');
    }
    await this.limiter.succeeded(request.username);
    return this.tokens.issue({ userId: account.id, department: account.department, role: account.role, divisions: account.divisions }, account.username);
  }
}
