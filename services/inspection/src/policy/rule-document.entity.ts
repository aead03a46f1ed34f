import type { RuleDocument, RuleFamily } from '@shanyu/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A rule document published through the API (family `supervision`); rows are inserted, never updated. */
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

  @Column({ type: 'jsonb' })
  document: RuleDocument;

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;

  @Column({ type: 'jsonb', name: 'published_by' })
  publishedBy: { department: string; userId: string };
}
