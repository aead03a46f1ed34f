import type { RuleDocument, RuleFamily } from '@shanyu/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of one rule document (分级规则文件). Rows are inserted, never updated, except a built-in's corrected citations. */
@Entity({ name: 'rule_document' })
export class RuleDocumentRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  family: RuleFamily;

  @Column({ type: 'text', name: 'document_key' })
  documentKey: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'text' })
  jurisdiction: string;

  @Column({ type: 'date', name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'date', name: 'effective_to', nullable: true })
  effectiveTo: string | null;

  /** The document as checked (checkRuleDocument) when it was stored. */
  @Column({ type: 'jsonb' })
  document: RuleDocument;

  @Column({ type: 'text' })
  origin: 'built-in' | 'published';

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;

  @Column({ type: 'jsonb', name: 'published_by' })
  publishedBy: { department: string; userId: string };
}
