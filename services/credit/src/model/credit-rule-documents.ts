import type { RuleDocumentSource, StoredRuleDocument } from '@shanyu/messaging';
import type { CreditModels } from './credit-model.js';

/**
 * The credit rule documents for `credit.rules.*` (GET /api/v1/rules/effective|diff|documents?family=credit):
 * the documents the platform ships, every version. Publishing credit documents through the API
 * does not exist yet; when it does, it goes through assertMayPublishRules (health, in its own
 * divisions) and adds `published` ones here.
 */
export class CreditRuleDocuments implements RuleDocumentSource {
  constructor(private readonly models: CreditModels) {}

  async documents(): Promise<StoredRuleDocument[]> {
    return this.models.documents.map((doc) => ({ ...doc, origin: 'built-in' as const }));
  }
}
