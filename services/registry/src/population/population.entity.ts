import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Resident population and children under 3 per division and year, the denominators of the indicators (每千人口托位数, 入托率). */
@Entity({ name: 'population' })
export class Population {
  @PrimaryColumn({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int', name: 'resident_population' })
  residentPopulation: number;

  @Column({ type: 'int', name: 'children_under3' })
  childrenUnder3: number;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text', name: 'loaded_by' })
  loadedBy: string;

  @Column({ type: 'timestamptz', name: 'loaded_at' })
  loadedAt: Date;
}
