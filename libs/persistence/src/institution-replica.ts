import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every service's copy of a registry institution has, fed by the registry's events
 * (never its tables). `Status` is the registry's institution status type.
 */
export abstract class InstitutionReplicaColumns<Status extends string = string> {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'text' })
  status: Status;

  @Column({ type: 'text', name: 'owner_user_id', nullable: true })
  ownerUserId: string | null;

  /** The registry's version of the record this copy was made from (older events are ignored). */
  @Column({ type: 'int', name: 'source_version' })
  sourceVersion: number;
}
