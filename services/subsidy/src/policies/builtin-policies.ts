import { type PolicyDocument, PublishPolicyBody, validateContract } from '@shanyu/contracts';
import { BUILT_IN_POLICIES } from './builtin-policies.data.js';
import { assertNoOverlap, loadPolicy, type Policy } from './policy.js';

/**
 * Checks a set of policy documents as the service does at start: the request contract (field
 * shapes, unknown fields refused), the rule parameters of each kind, and no overlapping
 * versions of one policy. Any problem throws, so a broken data file stops the service.
 */
export async function checkPolicyDocuments(documents: readonly PolicyDocument[]): Promise<Policy[]> {
  const checked: Policy[] = [];
  for (const doc of documents) {
    const { effectiveTo, budget, ...rest } = doc;
    await validateContract(PublishPolicyBody, { ...rest, ...(effectiveTo ? { effectiveTo } : {}), ...(budget ? { budget } : {}) });
    const policy = loadPolicy(doc);
    assertNoOverlap(
      checked.filter((p) => p.policyKey === policy.policyKey).map((p) => ({ version: p.version, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo })),
      { version: policy.version, effectiveFrom: policy.effectiveFrom, effectiveTo: policy.effectiveTo },
    );
    checked.push(policy);
  }
  return checked;
}

export function loadBuiltInPolicies(): Promise<Policy[]> {
  return checkPolicyDocuments(BUILT_IN_POLICIES);
}
