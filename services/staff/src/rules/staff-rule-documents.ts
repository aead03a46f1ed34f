import type { RuleDocumentSource, StoredRuleDocument } from '@shanyu/messaging';
import type { StaffRuleBook } from './staff-rules.js';

/**
 * The staff rule documents for `staff.rules.*` (GET /api/v1/rules/effective|diff|documents?family=staff):
 * those of the rules file the service was started with, every version. Publishing staff rule
 * documents through the API does not exist yet; when it does, it goes through
 * assertMayPublishRules (health, education or hrss, in their own divisions) and adds `published` ones here.
 */
export class StaffRuleDocuments implements RuleDocumentSource {
  constructor(private readonly book: StaffRuleBook) {}

  async documents(): Promise<StoredRuleDocument[]> {
    return this.book.documents.map((doc) => ({ ...doc, origin: 'built-in' as const }));
  }
}
