import { type Db, type PublishedRuleDocument, PublishedRuleDocumentRepository } from '@shanyu/persistence';
import type { CreditRuleDocument } from './credit-model.js';

export type PublishedCreditDocument = PublishedRuleDocument<CreditRuleDocument>;

/** The credit rule documents published through the API (`rule_document`). */
export class CreditRuleDocumentRepository extends PublishedRuleDocumentRepository<CreditRuleDocument> {
  constructor(db: Db) {
    super(db, 'credit');
  }
}
