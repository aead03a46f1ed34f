import type { FindingStatus, FindingView, FormArea, Severity } from '@shanyu/contracts';
import { InstitutionRecord } from '@shanyu/persistence';
import { Column, Entity, VersionColumn } from 'typeorm';

export interface FindingItem {
  text: string;
  legalBasis: string;
  severity: Severity;
  basic: boolean;
  area: FormArea;
  checklistVersion: string;
}

export interface FindingClosure {
  by: 'reinspection' | 'verification';
  inspectionId: string | null;
  department: string;
  note: string | null;
}

/** A failed item: a finding with a rectification deadline, closed as corrected or not corrected. */
@Entity({ name: 'finding' })
export class Finding extends InstitutionRecord {
  @Column({ type: 'uuid', name: 'inspection_id' })
  inspectionId: string;

  @Column({ type: 'text' })
  department: string;

  @Column({ type: 'text', name: 'item_code' })
  itemCode: string;

  @Column({ type: 'jsonb' })
  item: FindingItem;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'date', name: 'recorded_on' })
  recordedOn: string;

  @Column({ type: 'date' })
  deadline: string;

  @Column({ type: 'text' })
  status: FindingStatus;

  @Column({ type: 'jsonb', nullable: true })
  report: { text: string; reportedAt: string; evidence: { ref: string; takenAt: string; location: string }[] } | null;

  @Column({ type: 'date', name: 'closed_on', nullable: true })
  closedOn: string | null;

  @Column({ type: 'jsonb', nullable: true })
  closure: FindingClosure | null;

  @Column({ type: 'uuid', name: 'reinspection_id', nullable: true })
  reinspectionId: string | null;

  @Column({ type: 'date', name: 'overdue_notified_on', nullable: true })
  overdueNotifiedOn: string | null;

  @VersionColumn()
  version: number;

  get isOpen(): boolean {
    return this.status === 'open' || this.status === 'reported';
  }

  isOverdue(today: string): boolean {
    return this.isOpen && today > this.deadline;
  }

  toView(today: string): FindingView {
    return {
      id: this.id,
      inspectionId: this.inspectionId,
      institutionId: this.institutionId,
      institutionName: this.institutionName,
      divisionCode: this.divisionCode,
      department: this.department,
      itemCode: this.itemCode,
      itemText: this.item.text,
      legalBasis: this.item.legalBasis,
      severity: this.item.severity,
      basic: this.item.basic,
      note: this.note,
      recordedOn: this.recordedOn,
      deadline: this.deadline,
      status: this.status,
      overdue: this.isOverdue(today),
      report: this.report ? { text: this.report.text, reportedAt: this.report.reportedAt } : null,
      closedOn: this.closedOn,
      closure: this.closure,
      reinspectionId: this.reinspectionId,
    };
  }
}
