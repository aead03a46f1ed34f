import { randomUUID } from 'node:crypto';
import { type Actor, assertMayPublishRules, DomainError, jurisdictionLevel, jurisdictionName } from '@shanyu/common';
import { type PublishRuleDocumentRequest, ruleDocumentOf, type RuleDocumentView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { SupervisionPolicies } from './supervision-policies.js';
import { RuleDocumentRepository } from './rule-document.repository.js';
import { checkSupervisionDocument, type SupervisionRuleBody } from './supervision-policy.js';

const invalid = (field: string, message: string) => new DomainError('RULE_DOCUMENT_INVALID', message, [{ field, code: 'RULE_DOCUMENT_INVALID', message }]);

/**
 * 发布监管与抽查政策: a version of the supervision policy for a jurisdiction (rule family
 * `supervision`) — the national defaults by the platform admin, a local refinement by market
 * regulation or health for a division they cover (assertMayPublishRules). Checked once
 * (checkSupervisionDocument: one document key per jurisdiction, each parameter replaced or
 * confirmed with a value of its kind); each new version starts after the latest one of its key and
 * is never edited afterwards.
 */
export class PublishSupervisionPolicy {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: SupervisionPolicies,
    private readonly now: () => Date,
  ) {}

  async execute(request: PublishRuleDocumentRequest, actor: Actor, requestId?: string): Promise<RuleDocumentView> {
    if (request.family !== 'supervision') {
      throw new DomainError('VALIDATION', `此处只发布监管与抽查政策（supervision）；检查事项和处罚事项清单请通过清单发布（inspection.checklist.publish）`, [
        { field: 'family', code: 'isIn', message: '规则类别应为 supervision（监管与抽查政策）' },
      ]);
    }
    assertMayPublishRules(actor, 'supervision', request.jurisdiction);
    const document = checkSupervisionDocument(ruleDocumentOf<SupervisionRuleBody>(request));
    return this.unitOfWork.run(async (tx) => {
      const documents = new RuleDocumentRepository(tx.manager);
      await documents.lockKey(document.documentKey);
      const known = await this.policies.documents(tx.manager);
      if (known.some((d) => d.version === document.version)) {
        throw new DomainError('RULE_DOCUMENT_VERSION_EXISTS', `监管政策版本 ${document.version} 已存在；版本一经发布不再修改，请发布新版本`, [
          { field: 'version', code: 'RULE_DOCUMENT_VERSION_EXISTS', message: `版本 ${document.version} 已存在` },
        ]);
      }
      const latest = known
        .filter((d) => d.documentKey === document.documentKey)
        .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
        .at(-1);
      if (latest && latest.effectiveFrom >= document.effectiveFrom) {
        throw invalid('effectiveFrom', `新版本须晚于现行版本 ${latest.version}（${latest.effectiveFrom} 起）生效`);
      }
      const row = await documents.add(randomUUID(), document, this.now(), { department: actor.department, userId: actor.userId });
      await tx.audit({
        actor,
        action: 'rules.publish',
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
