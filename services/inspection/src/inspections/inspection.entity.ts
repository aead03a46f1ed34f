import type { CreditGrade, FormItemView, InspectionAlert, InspectionKind, ItemResult, ResultVersionStatus } from '@shanyu/contracts';
import { InstitutionRecord } from '@shanyu/persistence';
import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export interface InspectionDepartmentRow {
  department: string;
  inspectorIds: string[];
  signedOffAt: string | null;
  /** The inspector who signed for the department. */
  signedOffBy: string | null;
  comment: string | null;
}

/** 综合查一次: one joint visit, its frozen merged form, departments, inspectors and sign-offs. */
@Entity({ name: 'inspection' })
export class Inspection extends InstitutionRecord {
  @Column({ type: 'text' })
  kind: InspectionKind;

  @Column({ type: 'uuid', name: 'plan_id', nullable: true })
  planId: string | null;

  @Column({ type: 'uuid', name: 'complaint_id', nullable: true })
  complaintId: string | null;

  @Column({ type: 'uuid', name: 'original_inspection_id', nullable: true })
  originalInspectionId: string | null;

  @Column({ type: 'char', length: 1 })
  grade: CreditGrade;

  @Column({ type: 'text', name: 'form_kind' })
  formKind: 'full' | 'abbreviated' | 'reinspection';

  @Column({ type: 'date', name: 'scheduled_on' })
  scheduledOn: string;

  @Column({ type: 'text' })
  status: 'open' | 'completed';

  @Column({ type: 'text', name: 'lead_department' })
  leadDepartment: string;

  @Column({ type: 'jsonb' })
  departments: InspectionDepartmentRow[];

  /** The merged form as built at creation, with each item's list version: it never changes afterwards. */
  @Column({ type: 'jsonb' })
  form: FormItemView[];

  @Column({ type: 'jsonb' })
  alerts: InspectionAlert[];

  @Column({ type: 'text', name: 'policy_version' })
  policyVersion: string;

  @Column({ type: 'text', name: 'notice_no', nullable: true })
  noticeNo: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'jsonb', name: 'created_by' })
  createdBy: { department: string; userId: string };

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'date', name: 'completed_on', nullable: true })
  completedOn: string | null;

  @VersionColumn()
  version: number;

  departmentOf(department: string): InspectionDepartmentRow | undefined {
    return this.departments.find((d) => d.department === department);
  }
}

/** What an inspector recorded for one item: the result with its note and evidence. */
export abstract class RecordedItemValue {
  @Column({ type: 'text' })
  department: string;

  @Column({ type: 'text' })
  result: ItemResult;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  evidence: { ref: string; takenAt: string; location: string }[];

  @Column({ type: 'uuid', name: 'inspector_id' })
  inspectorId: string;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;
}

/** One item's result, recorded by an assigned inspector of the item's department. */
@Entity({ name: 'inspection_result' })
export class InspectionResultRow extends RecordedItemValue {
  @PrimaryColumn({ type: 'uuid', name: 'inspection_id' })
  inspectionId: string;

  @PrimaryColumn({ type: 'text', name: 'item_code' })
  itemCode: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'boolean', name: 'in_conflict' })
  inConflict: boolean;
}

/** One value an inspector recorded for an item (ResultVersionView): never deleted. */
@Entity({ name: 'result_version' })
export class ResultVersion extends RecordedItemValue {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'inspection_id' })
  inspectionId: string;

  @Column({ type: 'text', name: 'item_code' })
  itemCode: string;

  @Column({ type: 'int', nullable: true })
  version: number | null;

  @Column({ type: 'int', name: 'base_version', nullable: true })
  baseVersion: number | null;

  @Column({ type: 'text', name: 'device_id', nullable: true })
  deviceId: string | null;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;

  @Column({ type: 'text' })
  status: ResultVersionStatus;

  @Column({ type: 'jsonb', nullable: true })
  decision: { by: string; at: string; reason: string; chosen: boolean } | null;
}
