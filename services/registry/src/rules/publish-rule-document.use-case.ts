import { type Actor, assertMayPublishRules, DomainError, findDivision, NATIONAL_JURISDICTION } from '@shanyu/common';
import { type PublishRuleDocumentRequest, ruleDocumentOf, type RuleDocumentView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { assertRegistryFamily, checkRegistryDocument, ruleDocumentView, toRow } from './registry-rule-documents.js';
import { RuleDocumentRepository } from './rule-document.repository.js';

const invalid = (field: string, message: string) => new DomainError('RULE_DOCUMENT_INVALID', message, [{ field, code: 'RULE_DOCUMENT_INVALID', message }]);

/**
 * 发布备案标准、发展目标: a new version of a filing or target rule document. National documents
 * only by the platform admin; a health bureau for its own divisions and below
 * (assertMayPublishRules). The document is checked as the built-ins are (checkRegistryDocument);
 * a document key stays in its jurisdiction and family, and each new version starts after the
 * latest one (the open version then ends the day before).
 */
export class PublishRuleDocument {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: PublishRuleDocumentRequest, actor: Actor, requestId?: string): Promise<RuleDocumentView> {
    assertRegistryFamily(request.family);
    assertMayPublishRules(actor, request.family, request.jurisdiction);
    if (request.jurisdiction !== NATIONAL_JURISDICTION && !findDivision(request.jurisdiction)) {
      throw invalid('jurisdiction', `未知的区划代码 ${request.jurisdiction}`);
    }
    const doc = ruleDocumentOf(request);
    checkRegistryDocument(doc);
    return this.unitOfWork.run(async (tx) => {
      const documents = new RuleDocumentRepository(tx.manager);
      await documents.lockKey(doc.documentKey);
      if (await documents.byVersion(doc.version)) {
        throw new DomainError('RULE_DOCUMENT_VERSION_EXISTS', `版本 ${doc.version} 已存在；版本一经发布不再修改，请发布新版本`, [
          { field: 'version', code: 'RULE_DOCUMENT_VERSION_EXISTS', message: `版本 ${doc.version} 已存在` },
        ]);
      }
      const versions = await documents.versionsOf(doc.documentKey);
      const elsewhere = versions.find((v) => v.jurisdiction !== doc.jurisdiction);
      if (elsewhere)
        throw invalid('jurisdiction', `文件 ${doc.documentKey} 适用于 ${elsewhere.jurisdiction}，新版本不能改变适用地域；其他地域请使用新的文件标识`);
      if (versions.some((v) => v.family !== doc.family)) throw invalid('documentKey', `文件标识 ${doc.documentKey} 已被其他类别的规则使用`);
      const latest = versions.at(-1);
      if (latest && latest.effectiveFrom >= doc.effectiveFrom) {
        throw invalid('effectiveFrom', `新版本须晚于现行版本 ${latest.version}（${latest.effectiveFrom} 起）生效`);
      }
      const row = toRow(doc, 'published', { department: actor.department, userId: actor.userId }, this.now());
      await documents.add(row);
      await tx.audit({ actor, action: 'rules.publish', entity: 'rule_document', entityId: doc.version, after: doc, requestId });
      return ruleDocumentView(row);
    });
  }
}
