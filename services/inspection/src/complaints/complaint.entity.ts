import type { ComplaintCategory, ComplaintStatus, ComplaintView, PublicComplaintView } from '@shanyu/contracts';
import { shanghaiToday } from '@shanyu/common';
import { InstitutionRecord } from '@shanyu/persistence';
import { Column, Entity, VersionColumn } from 'typeorm';

/** 投诉举报. The complainant's contact is stored encrypted (PII_KEY) and shown only masked. */
@Entity({ name: 'complaint' })
export class Complaint extends InstitutionRecord {
  @Column({ type: 'text' })
  category: ComplaintCategory;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'date', name: 'occurred_on', nullable: true })
  occurredOn: string | null;

  @Column({ type: 'text' })
  department: string;

  @Column({ type: 'text' })
  status: ComplaintStatus;

  @Column({ type: 'text', name: 'contact_cipher', nullable: true })
  contactCipher: string | null;

  @Column({ type: 'jsonb', name: 'contact_masked', nullable: true })
  contactMasked: { name: string | null; phone: string | null } | null;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  triage: { decision: 'accept' | 'reject'; reason: string; department: string; userId: string; at: string } | null;

  @Column({ type: 'uuid', name: 'inspection_id', nullable: true })
  inspectionId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  outcome: { substantiated: boolean; summary: string; closedOn: string } | null;

  @VersionColumn()
  version: number;

  toView(): ComplaintView {
    return {
      id: this.id,
      institutionId: this.institutionId,
      institutionName: this.institutionName,
      divisionCode: this.divisionCode,
      category: this.category,
      description: this.description,
      occurredOn: this.occurredOn,
      department: this.department,
      status: this.status,
      contact: this.contactMasked,
      receivedAt: this.receivedAt.toISOString(),
      triage: this.triage ? { decision: this.triage.decision, reason: this.triage.reason, department: this.triage.department, at: this.triage.at } : null,
      inspectionId: this.inspectionId,
      outcome: this.outcome,
    };
  }

  /** Published without the complainant's identity, contact or own words. */
  toPublicView(): PublicComplaintView {
    return {
      id: this.id,
      institutionId: this.institutionId,
      institutionName: this.institutionName,
      category: this.category,
      department: this.department,
      receivedOn: shanghaiToday(this.receivedAt),
      status: this.status,
      outcome: this.outcome,
    };
  }
}
