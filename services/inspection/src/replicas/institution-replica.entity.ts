import type { InstitutionStatus, OperatorType } from '@shanyu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What this service knows about an institution, copied from the registry's events
 * (evt.registry.*, any event whose data carries `institution`): enough for draw pools
 * (filed ones), division scope, the operator check and which checklist items apply.
 */
@Entity({ name: 'institution' })
export class InstitutionReplica {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'text' })
  status: InstitutionStatus;

  @Column({ type: 'text', name: 'operator_type' })
  operatorType: OperatorType;

  @Column({ type: 'text', name: 'owner_user_id', nullable: true })
  ownerUserId: string | null;

  @Column({ type: 'int', name: 'total_places' })
  totalPlaces: number;

  /** The registry's version of the record this copy was made from (older events are ignored). */
  @Column({ type: 'int', name: 'source_version' })
  sourceVersion: number;
}
