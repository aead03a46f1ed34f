import { randomUUID } from 'node:crypto';
import { type Actor, assertMayPublishRules, DomainError, jurisdictionLevel, jurisdictionName, NATIONAL_JURISDICTION, type RuleSource } from '@shanyu/common';
import type { PublishSupervisionPolicyBody, RuleDocumentView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { SupervisionPolicies } from './supervision-policies.js';
import { RuleDocumentRepository } from './rule-document.repository.js';
import { checkSupervisionDocument, type SupervisionDocument } from './supervision-policy.js';

const citation = (s: RuleSource): RuleSource => ({
  title: s.title,
  ...(s.documentNo ? { documentNo: s.documentNo } : {}),
  ...(s.article ? { article: s.article } : {}),
});

/**
 * A version of the supervision policy for a jurisdiction: the national defaults by the platform
 * admin, a local refinement by market regulation or health for a division they cover (rule
 * family `supervision`). Checked once (checkSupervisionDocument); never edited afterwards.
 */
export class PublishSupervisionPolicy {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: SupervisionPolicies,
    private readonly now: () => Date,
  ) {}

  async execute(body: PublishSupervisionPolicyBody, actor: Actor, requestId?: string): Promise<RuleDocumentView> {
    assertMayPublishRules(actor, 'supervision', body.jurisdiction);
    const documentKey = body.jurisdiction === NATIONAL_JURISDICTION ? 'supervision-policy' : `supervision-policy-${body.jurisdiction}`;
    const sources = body.sources.map(citation);
    const document: SupervisionDocument = checkSupervisionDocument({
      family: 'supervision',
      documentKey,
      version: body.version,
      jurisdiction: body.jurisdiction,
      title: body.title,
      sources,
      effectiveFrom: body.effectiveFrom,
      effectiveTo: body.effectiveTo ?? null,
      rules: body.rules.map((r) => ({
        key: r.key,
        title: r.title,
        composition: r.composition,
        sources: r.composition === 'inherits' ? [] : (r.sources ?? body.sources).map(citation),
        ...(r.value !== undefined ? { body: { parameter: r.key, value: r.value } } : {}),
      })),
    });
    return this.unitOfWork.run(async (tx) => {
      const documents = new RuleDocumentRepository(tx.manager);
      const known = await this.policies.documents(tx.manager);
      if (known.some((d) => d.version === document.version)) {
        throw new DomainError('POLICY_VERSION_EXISTS', `监管政策版本 ${document.version} 已存在；修改请发布新版本`, [
          { field: 'version', code: 'POLICY_VERSION_EXISTS', message: `版本 ${document.version} 已存在` },
        ]);
      }
      const row = await documents.add(randomUUID(), document, this.now(), { department: actor.department, userId: actor.userId });
      await tx.audit({
        actor,
        action: 'supervision-policy.publish',
        entity: 'rule_document',
        entityId: row.id,
        after: {
          version: document.version,
          jurisdiction: document.jurisdiction,
          effectiveFrom: document.effectiveFrom,
          rules: document.rules.map((r) => r.key),
        },
        requestId,
      });
      return {
        ...document,
        jurisdictionName: jurisdictionName(document.jurisdiction),
        level: jurisdictionLevel(document.jurisdiction) ?? 'national',
        origin: 'published',
      };
    });
  }
}
