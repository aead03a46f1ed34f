import { formatRuleSource, jurisdictionLevel, jurisdictionName, type RuleSource } from '@shanyu/common';
import type { ChecklistKind, ChecklistVersionView, DiscretionItem, InspectionDepartment, InspectionItem, PenaltyItem } from '@shanyu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { checklistDocumentKey } from './checklist-rules.js';
import type { ChecklistData, DisabledItem } from './checklist-schema.js';

/** One version of one department's list. Rows are inserted, never updated (a version used in a decision is never edited). */
@Entity({ name: 'checklist_version' })
export class ChecklistVersion {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  kind: ChecklistKind;

  @Column({ type: 'text' })
  department: InspectionDepartment;

  /** 000000 (全国) or the division code the list applies in. */
  @Column({ type: 'text' })
  jurisdiction: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'date', name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'jsonb' })
  sources: RuleSource[];

  @Column({ type: 'jsonb', name: 'inspection_items' })
  inspectionItems: InspectionItem[];

  @Column({ type: 'jsonb', name: 'penalty_items' })
  penaltyItems: PenaltyItem[];

  @Column({ type: 'jsonb', name: 'discretion_items' })
  discretionItems: DiscretionItem[];

  @Column({ type: 'jsonb', name: 'disabled_items' })
  disabledItems: DisabledItem[];

  @Column({ type: 'jsonb', name: 'inherited_items' })
  inheritedItems: string[];

  @Column({ type: 'text' })
  origin: 'built-in' | 'published';

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;

  @Column({ type: 'jsonb', name: 'published_by', nullable: true })
  publishedBy: { department: string; userId: string } | null;

  toData(): ChecklistData {
    const { kind, department, jurisdiction, version, effectiveFrom, title, source, sources, inspectionItems, penaltyItems, discretionItems } = this;
    const { disabledItems, inheritedItems } = this;
    return {
      kind,
      department,
      jurisdiction,
      version,
      effectiveFrom,
      title,
      source,
      sources,
      inspectionItems,
      penaltyItems,
      discretionItems,
      disabledItems,
      inheritedItems,
    };
  }

  toView(): ChecklistVersionView {
    return {
      id: this.id,
      ...this.toData(),
      jurisdictionName: jurisdictionName(this.jurisdiction),
      level: jurisdictionLevel(this.jurisdiction) ?? 'national',
      documentKey: checklistDocumentKey(this),
      citations: this.sources.map(formatRuleSource),
      origin: this.origin,
      publishedAt: this.publishedAt.toISOString(),
    };
  }
}
