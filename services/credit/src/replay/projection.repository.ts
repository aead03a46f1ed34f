import { InboxRow, schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/** The credit projection as a whole, for its rebuild in one transaction: locks, savepoints and the credit consumers' inbox rows. */
export class ProjectionRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Locks the projection tables against writes until the commit (readers keep seeing the old
   * state), waiting at most `timeoutMs` for a running consumer to finish.
   */
  async lock(timeoutMs: number): Promise<void> {
    const t = (name: string) => schemaTable(this.manager, name);
    await this.manager.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
    await this.manager.query(
      `LOCK TABLE ${t('institution')}, ${t('ledger_entry')}, ${t('standing')}, ${t('rejected_event')}, ${t('parked_event')}, ${this.inbox} IN EXCLUSIVE MODE`,
    );
  }

  async savepoint(): Promise<void> {
    await this.manager.query('SAVEPOINT replay_event');
  }

  async releaseSavepoint(): Promise<void> {
    await this.manager.query('RELEASE SAVEPOINT replay_event');
  }

  async rollbackToSavepoint(): Promise<void> {
    await this.manager.query('ROLLBACK TO SAVEPOINT replay_event');
  }

  /** Records the delivery as the consumer would; false when it was recorded already. */
  async claimDelivery(consumer: string, eventId: string, subject: string): Promise<boolean> {
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO ${this.inbox} (consumer, event_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, eventId, subject],
    );
    return inserted.length > 0;
  }

  async deleteDeliveries(consumers: string[]): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.inbox} WHERE consumer = ANY($1)`, [consumers]);
  }

  private get inbox(): string {
    return this.manager.getRepository(InboxRow).metadata.tablePath;
  }
}
