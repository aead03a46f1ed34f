import type { ClassType, EmploymentType, StaffRole, VettingReason, VettingStatus } from '@shanyu/contracts';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { PersonRecord } from '../people/person.entity.js';

/** 从业人员记录: one person's work at one institution. Leaving ends it; it is never deleted. */
@Entity({ name: 'employment' })
export class Employment extends PersonRecord {
  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  /** The name as this institution recorded it. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: StaffRole;

  @Column({ type: 'text', name: 'employment_type' })
  employmentType: EmploymentType;

  @Column({ type: 'text', name: 'class_type', nullable: true })
  classType: ClassType | null;

  @Column({ type: 'text', name: 'class_name', nullable: true })
  className: string | null;

  @Column({ type: 'date', name: 'start_date' })
  startDate: string;

  @Column({ type: 'date', name: 'end_date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text', name: 'end_reason', nullable: true })
  endReason: string | null;

  @Column({ type: 'text', name: 'vetting_status' })
  vettingStatus: VettingStatus;

  @Column({ type: 'text', name: 'vetting_reason', nullable: true })
  vettingReason: VettingReason | null;

  @Column({ type: 'uuid', name: 'vetting_ref', nullable: true })
  vettingRef: string | null;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
