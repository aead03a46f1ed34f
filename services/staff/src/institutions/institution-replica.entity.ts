import type { InstitutionStatus, PlacesByClass } from '@shanyu/contracts';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What the staff service knows about an institution, copied from the registry's events
 * (evt.registry.institution.*): enough for division scope, the operator check and ratios.
 */
@Entity({ name: 'institution_replica' })
export class InstitutionReplica {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'text', name: 'owner_user_id', nullable: true })
  ownerUserId: string | null;

  @Column({ type: 'text' })
  status: InstitutionStatus;

  @Column({ type: 'jsonb' })
  places: PlacesByClass;

  /** The registry's version of the record this copy was made from (older events are ignored). */
  @Column({ type: 'int', name: 'source_version' })
  sourceVersion: number;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
