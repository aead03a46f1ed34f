import type { IsoDate } from '@shanyu/common';
import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/** The reminders already sent (each is sent once). The table has no entity: raw SQL. */
export class ReminderRepository {
  constructor(private readonly manager: EntityManager) {}

  /** One sweep at a time across replicas, until the transaction ends. */
  async lockSweep(): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`staff-reminder-sweep:${this.table}`]);
  }

  /** True the first time this reminder is seen. */
  async remember(kind: string, refId: string, institutionId: string, dueOn: IsoDate): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO ${this.table} (kind, ref_id, institution_id, due_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING kind`,
      [kind, refId, institutionId, dueOn],
    );
    return rows.length > 0;
  }

  private get table(): string {
    return schemaTable(this.manager, 'reminder');
  }
}
