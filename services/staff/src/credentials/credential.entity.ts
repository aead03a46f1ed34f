import type { CredentialType } from '@shanyu/contracts';
import { Column, CreateDateColumn, Entity } from 'typeorm';
import { PersonRecord } from '../people/person.entity.js';

/** A certificate held by a person (it follows them to every institution that employs them). */
@Entity({ name: 'credential' })
export class Credential extends PersonRecord {
  @Column({ type: 'text' })
  type: CredentialType;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'date', name: 'issued_on' })
  issuedOn: string;

  @Column({ type: 'date', name: 'expires_on', nullable: true })
  expiresOn: string | null;

  /** The employment through which it was entered. */
  @Column({ type: 'uuid', name: 'added_via', nullable: true })
  addedVia: string | null;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
