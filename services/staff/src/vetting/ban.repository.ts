import { isUniqueViolation } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { Ban } from './vetting.entities.js';

/** 从业禁止 / 终身禁入 records. */
export class BanRepository {
  constructor(private readonly manager: EntityManager) {}

  exists(personId: string, documentNo: string): Promise<boolean> {
    return this.manager.existsBy(Ban, { personId, documentNo });
  }

  /**
   * False when the person already has a ban under the same document (a concurrent entry won the
   * race); the transaction is then unusable and must end.
   */
  async insert(ban: Ban): Promise<boolean> {
    try {
      await this.manager.insert(Ban, ban);
      return true;
    } catch (e) {
      if (isUniqueViolation(e, 'ban_document_unique')) return false;
      throw e;
    }
  }

  async setMatched(id: string, matched: Ban['matched']): Promise<void> {
    await this.manager.update(Ban, { id }, { matched });
  }

  byIdOrFail(id: string): Promise<Ban> {
    return this.manager.findOneByOrFail(Ban, { id });
  }

  /** A page of bans, newest first, with the total. */
  page(page: number, pageSize: number): Promise<[Ban[], number]> {
    return this.manager.findAndCount(Ban, { order: { createdAt: 'DESC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }
}
