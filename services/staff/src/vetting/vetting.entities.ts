import type { BanKind, RecordCheckResult, StaffFlagKind, StaffRole, VettingReason, VettingStatus } from '@shanyu/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { PersonRecord } from '../people/person.entity.js';

/** 违法犯罪记录查询结果 (未成年人保护法 第六十二条), for a person. */
@Entity({ name: 'record_check' })
export class RecordCheck extends PersonRecord {
  @Column({ type: 'text' })
  result: RecordCheckResult;

  @Column({ type: 'date', name: 'checked_on' })
  checkedOn: string;

  @Column({ type: 'text' })
  authority: string;

  @Column({ type: 'text', name: 'document_no', nullable: true })
  documentNo: string | null;

  /** Set when it was recorded as the re-check of one employment. */
  @Column({ type: 'uuid', name: 'employment_id', nullable: true })
  employmentId: string | null;

  @Column({ type: 'text', name: 'entered_by_department' })
  enteredByDepartment: string;

  @Column({ type: 'text', name: 'entered_by_user' })
  enteredByUser: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** 从业禁止 / 终身禁入 of a person, with the deciding authority and document. */
@Entity({ name: 'ban' })
export class Ban extends PersonRecord {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: BanKind;

  @Column({ type: 'date', name: 'starts_on' })
  startsOn: string;

  @Column({ type: 'date', name: 'ends_on', nullable: true })
  endsOn: string | null;

  @Column({ type: 'text' })
  authority: string;

  @Column({ type: 'text', name: 'document_no' })
  documentNo: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', name: 'added_by_department' })
  addedByDepartment: string;

  @Column({ type: 'text', name: 'added_by_user' })
  addedByUser: string;

  /** The employments it flagged when added. */
  @Column({ type: 'jsonb' })
  matched: { staffId: string; institutionId: string }[];

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** One vetting at hiring; a refused hiring is recorded here with no employment. */
@Entity({ name: 'vetting_attempt' })
export class VettingAttempt extends PersonRecord {
  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'uuid', name: 'employment_id', nullable: true })
  employmentId: string | null;

  @Column({ type: 'text' })
  role: StaffRole;

  @Column({ type: 'text' })
  outcome: VettingStatus;

  @Column({ type: 'text', nullable: true })
  reason: VettingReason | null;

  @Column({ type: 'uuid', name: 'ref_id', nullable: true })
  refId: string | null;

  @Column({ type: 'text', name: 'actor_department' })
  actorDepartment: string;

  @Column({ type: 'text', name: 'actor_user' })
  actorUser: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'attempted_at' })
  attemptedAt: Date;
}

/** Why an employment needs attention (ban matched, criminal record, concurrent employment). */
@Entity({ name: 'staff_flag' })
export class StaffFlag {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'employment_id' })
  employmentId: string;

  @Column({ type: 'text' })
  kind: StaffFlagKind;

  @Column({ type: 'uuid', name: 'ref_id' })
  refId: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'raised_at' })
  raisedAt: Date;

  @Column({ type: 'timestamptz', name: 'cleared_at', nullable: true })
  clearedAt: Date | null;
}
