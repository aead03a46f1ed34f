import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A year of the working-day calendar loaded by an admin; replaces the built-in table for that year. */
@Entity({ name: 'calendar_year' })
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'jsonb' })
  entries: { date: string; kind: 'holiday' | 'workday'; name: string }[];

  @Column({ type: 'text', name: 'loaded_by' })
  loadedBy: string;

  @Column({ type: 'timestamptz', name: 'loaded_at' })
  loadedAt: Date;
}
