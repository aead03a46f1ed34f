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

  /** 举办类型: a family childcare point (`family`) is judged by its own ratio. Null on copies made before it was kept. */
  @Column({ type: 'text', name: 'operator_type', nullable: true })
  operatorType: string | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
