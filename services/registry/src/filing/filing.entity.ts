import type { FilingStatus, FilingView, StandardsCheck, SubmitFilingBody } from '@shanyu/contracts';
import { InstitutionRecord } from '@shanyu/persistence';
import { Column, Entity, VersionColumn } from 'typeorm';

export interface FilingDecisionRecord {
  decision: 'approve' | 'reject';
  decidedAt: string;
  decidedBy: { department: string; userId: string };
  reasons: { ruleId?: string; text: string }[];
  comment: string | null;
}

/** 备案: one submission of an institution, its automatic check, deadlines and decision. */
@Entity({ name: 'filing' })
export class Filing extends InstitutionRecord {
  @Column({ type: 'text' })
  status: FilingStatus;

  @Column({ type: 'jsonb' })
  submission: SubmitFilingBody;

  @Column({ type: 'jsonb' })
  check: StandardsCheck;

  /** Earlier checks, newest last, kept when a change to the institution re-runs the check. */
  @Column({ type: 'jsonb', name: 'check_history', default: () => "'[]'::jsonb" })
  checkHistory: StandardsCheck[];

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;

  @Column({ type: 'jsonb', name: 'submitted_by' })
  submittedBy: { department: string; userId: string };

  @Column({ type: 'date', name: 'receipt_due_by' })
  receiptDueBy: string;

  @Column({ type: 'date', name: 'notice_due_by' })
  noticeDueBy: string;

  @Column({ type: 'jsonb', nullable: true })
  decision: FilingDecisionRecord | null;

  @Column({ type: 'text', name: 'receipt_no', nullable: true, unique: true })
  receiptNo: string | null;

  @Column({ type: 'date', name: 'receipt_issued_on', nullable: true })
  receiptIssuedOn: string | null;

  @VersionColumn()
  version: number;

  /** 5 working days for a compliant filing; 15 when the check found failures (notice of non-compliance). */
  get dueBy(): string {
    return this.check.summary.fail > 0 ? this.noticeDueBy : this.receiptDueBy;
  }

  isOverdue(today: string): boolean {
    return this.status === 'submitted' && today > this.dueBy;
  }

  toView(today: string): FilingView {
    return {
      id: this.id,
      institutionId: this.institutionId,
      institutionName: this.institutionName,
      divisionCode: this.divisionCode,
      status: this.status,
      submittedAt: this.submittedAt.toISOString(),
      submittedBy: this.submittedBy,
      receiptDueBy: this.receiptDueBy,
      noticeDueBy: this.noticeDueBy,
      dueBy: this.dueBy,
      overdue: this.isOverdue(today),
      submission: this.submission,
      check: this.check,
      recheckCount: this.checkHistory.length,
      decision: this.decision,
      receiptNo: this.receiptNo,
    };
  }
}
