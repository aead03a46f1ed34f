import type { InstitutionStatus, PlacesByClass } from '@shanyu/contracts';
import { InstitutionReplicaColumns } from '@shanyu/persistence';
import { Column, Entity, UpdateDateColumn } from 'typeorm';

/**
 * What the staff service knows about an institution, copied from the registry's events
 * (evt.registry.institution.*): enough for division scope, the operator check and ratios.
 */
@Entity({ name: 'institution_replica' })
export class InstitutionReplica extends InstitutionReplicaColumns<InstitutionStatus> {
  @Column({ type: 'jsonb' })
  places: PlacesByClass;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
