import type { InspectionDepartment, InspectorView } from '@shanyu/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** 执法人员 in a department's pool. `userId` links the person's login (results and sign-offs are theirs). */
@Entity({ name: 'inspector' })
export class Inspector {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  department: InspectionDepartment;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', name: 'badge_no' })
  badgeNo: string;

  @Column({ type: 'text', array: true, name: 'division_codes' })
  divisionCodes: string[];

  @Column({ type: 'text', name: 'user_id', nullable: true })
  userId: string | null;

  @Column({ type: 'text', nullable: true })
  username: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  toView(conflicts: { institutionId: string; reason: string }[] = []): InspectorView {
    return {
      id: this.id,
      department: this.department,
      name: this.name,
      badgeNo: this.badgeNo,
      divisionCodes: this.divisionCodes,
      userId: this.userId,
      username: this.username,
      active: this.active,
      conflicts,
      createdAt: this.createdAt.toISOString(),
    };
  }
}

/** 回避: the inspector is never drawn or assigned for the institution. */
@Entity({ name: 'inspector_conflict' })
export class InspectorConflict {
  @PrimaryColumn({ type: 'uuid', name: 'inspector_id' })
  inspectorId: string;

  @PrimaryColumn({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;

  @Column({ type: 'jsonb', name: 'recorded_by' })
  recordedBy: { department: string; userId: string };
}
