import type { Department, Role } from '@shanyu/common';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A person's login. Passwords are stored as argon2id hashes only. */
@Entity({ name: 'user_account' })
export class UserAccount {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', unique: true })
  username: string;

  @Column({ type: 'text', name: 'password_hash' })
  passwordHash: string;

  @Column({ type: 'text' })
  department: Department;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', array: true })
  divisions: string[];

  @Column({ type: 'text', name: 'display_name' })
  displayName: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Demo accounts exist only in demo mode and are removed from a production start. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
