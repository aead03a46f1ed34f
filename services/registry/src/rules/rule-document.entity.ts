import { RuleDocumentRecord } from '@shanyu/persistence';
import { Column, Entity } from 'typeorm';

/** One version of one rule document (分级规则文件); a built-in's citations may later be corrected. */
@Entity({ name: 'rule_document' })
export class RuleDocumentRow extends RuleDocumentRecord {
  @Column({ type: 'text' })
  origin: 'built-in' | 'published';
}
