import type { InstitutionNature, InstitutionStatus, OperatorType } from '@shanyu/contracts';
import { InstitutionReplicaColumns } from '@shanyu/persistence';
import { Column, Entity } from 'typeorm';

/**
 * What this service knows about an institution, copied from the registry's events
 * (evt.registry.*, any event whose data carries `institution`): enough for draw pools
 * (filed ones), division scope, the operator check and which checklist items apply.
 */
@Entity({ name: 'institution' })
export class InstitutionReplica extends InstitutionReplicaColumns<InstitutionStatus> {
  @Column({ type: 'text', name: 'operator_type' })
  operatorType: OperatorType;

  @Column({ type: 'int', name: 'total_places' })
  totalPlaces: number;

  /** 机构性质 (null for copies made before it was kept: filled by the institution's next event). */
  @Column({ type: 'text', nullable: true })
  nature: InstitutionNature | null;
}
