import { DomainError } from '@shanyu/common';
import { hash, verify } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { UserAccount } from '../accounts/user-account.entity.js';
import type { TokenRequest } from './auth.contracts.js';
import type { TokenService } from './token.service.js';

/** Login: the same answer and about the same time for an unknown user and a wrong password. */
export class IssueToken {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  async execute(request: TokenRequest) {
    const account = await this.dataSource.getRepository(UserAccount).findOneBy({ username: request.username, active: true });
    this.dummyHash ??= hash('shanyu-timing-equaliser');
    const valid = await verify(account?.passwordHash ?? (await this.dummyHash), request.password).catch(() => false);
    if (!account || !valid) throw new DomainError('INVALID_CREDENTIALS', '用户名或密码错误');
    return this.tokens.issue(
      { userId: account.id, department: account.department, role: account.role, divisions: account.divisions },
      account.username,
    );
  }
}
