import { isUniqueViolation } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { UserAccount } from './user-account.entity.js';

export type NewUserAccount = Omit<UserAccount, 'createdAt'>;

/** People's logins (user_account). */
export class UserAccountRepository {
  constructor(private readonly manager: EntityManager) {}

  byUsername(username: string): Promise<UserAccount | null> {
    return this.manager.findOneBy(UserAccount, { username });
  }

  /** The account that may log in, or be linked to an inspector, under this username. */
  activeByUsername(username: string): Promise<UserAccount | null> {
    return this.manager.findOneBy(UserAccount, { username, active: true });
  }

  /** Every account, by username. */
  all(): Promise<UserAccount[]> {
    return this.manager.find(UserAccount, { order: { username: 'ASC' } });
  }

  /** False when the username is taken (also by a creation running at the same time). */
  async insert(account: NewUserAccount): Promise<boolean> {
    try {
      await this.manager.insert(UserAccount, account);
      return true;
    } catch (e) {
      if (isUniqueViolation(e, 'user_account_username_key')) return false;
      throw e;
    }
  }

  async update(id: string, changes: Partial<NewUserAccount>): Promise<void> {
    await this.manager.update(UserAccount, { id }, changes);
  }

  /** Removes every demo account; returns how many there were. */
  async deleteDemo(): Promise<number> {
    return (await this.manager.delete(UserAccount, { demo: true })).affected ?? 0;
  }
}
