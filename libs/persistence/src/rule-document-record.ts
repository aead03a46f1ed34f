import type { RuleDocument, RuleFamily } from '@shanyu/common';
import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns of one stored version of a rule document (分级规则文件), in every service that keeps
 * rule documents: the envelope's keys for lookups, and the document itself as checked when it
 * was stored. Rows are inserted, never updated (a change is a new version).
 */
export abstract class RuleDocumentRecord {
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

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;

  @Column({ type: 'jsonb', name: 'published_by' })
  publishedBy: { department: string; userId: string };
}
