import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One person, whatever institutions employ them. The resident ID number is kept only here:
 * encrypted (bound to this row's id), as a keyed hash for matching, and masked for display.
 */
@Entity({ name: 'person' })
export class Person {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'char', length: 64, name: 'id_hash' })
  idHash: string;

  @Column({ type: 'text', name: 'id_cipher' })
  idCipher: string;

  @Column({ type: 'text', name: 'id_masked' })
  idMasked: string;

  /** The name last recorded for the person. */
  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** A record about one person: it refers to them by id, never by the ID number. */
export abstract class PersonRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'person_id' })
  personId: string;
}
