import { RuleDocumentRecord } from '@shanyu/persistence';
import { Entity } from 'typeorm';

/** A rule document published through the API (family `supervision`). */
@Entity({ name: 'rule_document' })
export class RuleDocumentRow extends RuleDocumentRecord {}
