import type { ChecklistKind, ChecklistVersionView, InspectionDepartment, InspectionItem, PenaltyItem } from '@shanyu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChecklistData } from './checklist-schema.js';

/** One version of one department's list. Rows are inserted, never updated (a version used in a decision is never edited). */
@Entity({ name: 'checklist_version' })
export class ChecklistVersion {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: ChecklistKind;

  @Column({ type: 'text' })
  department: InspectionDepartment;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'date', name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'jsonb', name: 'inspection_items' })
  inspectionItems: InspectionItem[];

  @Column({ type: 'jsonb', name: 'penalty_items' })
  penaltyItems: PenaltyItem[];

  @Column({ type: 'text' })
  origin: 'built-in' | 'published';

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;

  @Column({ type: 'jsonb', name: 'published_by', nullable: true })
  publishedBy: { department: string; userId: string } | null;

  toData(): ChecklistData {
    const { kind, department, version, effectiveFrom, title, source, inspectionItems, penaltyItems } = this;
    return { kind, department, version, effectiveFrom, title, source, inspectionItems, penaltyItems };
  }

  toView(): ChecklistVersionView {
    return { id: this.id, ...this.toData(), origin: this.origin, publishedAt: this.publishedAt.toISOString() };
  }
}
