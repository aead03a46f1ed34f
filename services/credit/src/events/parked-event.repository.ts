import type { EventEnvelope } from '@shanyu/contracts';
import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

export interface ParkedEvent {
  consumer: string;
  source: string;
  institutionId: string;
  envelope: EventEnvelope;
}

interface ParkedRow {
  consumer: string;
  source: string;
  institution_id: string;
  envelope: EventEnvelope;
}

const toParked = (r: ParkedRow): ParkedEvent => ({ consumer: r.consumer, source: r.source, institutionId: r.institution_id, envelope: r.envelope });

/** Events waiting for their institution (`parked_event`). */
export class ParkedEventRepository {
  constructor(private readonly manager: EntityManager) {}

  async park(parked: ParkedEvent): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.table} (consumer, event_id, source, institution_id, subject, occurred_at, envelope) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
       ON CONFLICT (consumer, event_id) DO UPDATE SET institution_id = EXCLUDED.institution_id`,
      [
        parked.consumer,
        parked.envelope.eventId,
        parked.source,
        parked.institutionId,
        parked.envelope.subject,
        parked.envelope.occurredAt,
        JSON.stringify(parked.envelope),
      ],
    );
  }

  /** Removes and returns the events waiting for the institution, in the order they occurred. */
  async takeFor(institutionId: string): Promise<ParkedEvent[]> {
    const [rows]: [ParkedRow[], number] = await this.manager.query(
      `DELETE FROM ${this.table} WHERE institution_id = $1 RETURNING consumer, source, institution_id, envelope, occurred_at`,
      [institutionId],
    );
    return rows
      .sort((a, b) => a.envelope.occurredAt.localeCompare(b.envelope.occurredAt) || a.envelope.eventId.localeCompare(b.envelope.eventId))
      .map(toParked);
  }

  /** Removes and returns the events parked before `before` (their wait is over). */
  async takeParkedBefore(before: Date): Promise<ParkedEvent[]> {
    const [rows]: [ParkedRow[], number] = await this.manager.query(
      `DELETE FROM ${this.table} WHERE parked_at < $1 RETURNING consumer, source, institution_id, envelope`,
      [before],
    );
    return rows.map(toParked);
  }

  async count(): Promise<number> {
    const [row]: { n: number }[] = await this.manager.query(`SELECT count(*)::int AS n FROM ${this.table}`);
    return row!.n;
  }

  async deleteFor(consumers: string[]): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.table} WHERE consumer = ANY($1)`, [consumers]);
  }

  private get table(): string {
    return schemaTable(this.manager, 'parked_event');
  }
}
