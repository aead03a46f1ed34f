import type { StoredRuleDocument } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import { RuleDocumentRepository } from './rule-document.repository.js';
import { checkSupervisionDocument, resolveSupervisionPolicy, type SupervisionDocument, type SupervisionPolicy } from './supervision-policy.js';

/**
 * The supervision policy documents: the built-in national defaults and the versions published
 * since (national by the admin, local by market regulation or health), resolved for a division
 * and a date where a plan, draw or inspection needs its numbers.
 */
export class SupervisionPolicies {
  private readonly builtIn: SupervisionDocument[];

  /** Checks the built-in documents: one that does not pass stops the start. */
  constructor(builtIn: readonly SupervisionDocument[]) {
    this.builtIn = builtIn.map(checkSupervisionDocument);
  }

  /** Every version, built-in first, then published ones by start and publication. */
  async documents(manager: EntityManager): Promise<StoredRuleDocument[]> {
    const published = await new RuleDocumentRepository(manager).ofFamily('supervision');
    return [...this.builtIn.map((d) => ({ ...d, origin: 'built-in' as const })), ...published.map((r) => ({ ...r.document, origin: 'published' as const }))];
  }

  /** The policy in force in the division on `on` (of two versions starting the same day, the later published). */
  async policyFor(manager: EntityManager, divisionCode: string, on: string): Promise<SupervisionPolicy> {
    const documents = (await this.documents(manager)) as unknown as SupervisionDocument[];
    return resolveSupervisionPolicy([...documents].reverse(), divisionCode, on);
  }
}
