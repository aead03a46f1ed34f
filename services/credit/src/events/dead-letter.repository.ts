import { InboxRow, OutboxRow, schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/** Events the credit service cannot use (`rejected_event`), and what rejecting one does to the inbox and the outbox. */
export class DeadLetterRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Rejected again after a re-drive: the latest reason, the time it was first rejected. */
  async recordRejection(rejection: { consumer: string; eventId: string; subject: string; code: string; error: string; envelope: unknown }): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.table} (consumer, event_id, subject, code, error, envelope) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (consumer, event_id) DO UPDATE SET code = EXCLUDED.code, error = EXCLUDED.error`,
      [rejection.consumer, rejection.eventId, rejection.subject, rejection.code, rejection.error, JSON.stringify(rejection.envelope)],
    );
  }

  async clearRejection(consumer: string, eventId: string): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.table} WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
  }

  /** The rejected events of these consumers, with when each was first rejected. */
  async rejections(consumers: string[]): Promise<{ consumer: string; eventId: string; rejectedAt: Date }[]> {
    const rows: { consumer: string; event_id: string; rejected_at: Date }[] = await this.manager.query(
      `SELECT consumer, event_id, rejected_at FROM ${this.table} WHERE consumer = ANY($1)`,
      [consumers],
    );
    return rows.map((r) => ({ consumer: r.consumer, eventId: r.event_id, rejectedAt: r.rejected_at }));
  }

  async setRejectedAt(consumer: string, eventId: string, at: Date): Promise<void> {
    await this.manager.query(`UPDATE ${this.table} SET rejected_at = $3 WHERE consumer = $1 AND event_id = $2`, [consumer, eventId, at]);
  }

  async deleteRejections(consumers: string[]): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.table} WHERE consumer = ANY($1)`, [consumers]);
  }

  /** Removes the inbox row the consumer wrote for the event in this transaction: a re-drive is handled as new. */
  async forgetDelivery(consumer: string, eventId: string): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.manager.getRepository(InboxRow).metadata.tablePath} WHERE consumer = $1 AND event_id = $2`, [
      consumer,
      eventId,
    ]);
  }

  /**
   * Queues the dead letter in the outbox (Nats-Msg-Id = the row id): published once the
   * acknowledgement is certain. Not an event envelope, so not through Outbox.append.
   */
  async enqueue(id: string, subject: string, body: unknown): Promise<void> {
    await this.manager.query(`INSERT INTO ${this.manager.getRepository(OutboxRow).metadata.tablePath} (id, subject, envelope) VALUES ($1, $2, $3::jsonb)`, [
      id,
      subject,
      JSON.stringify(body),
    ]);
  }

  private get table(): string {
    return schemaTable(this.manager, 'rejected_event');
  }
}
