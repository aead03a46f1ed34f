import { randomUUID } from 'node:crypto';
import {
  type Actor,
  assertMayPublishRules,
  checkNewVersion,
  checkRuleDocument,
  DomainError,
  divisionPrefix,
  findDivision,
  jurisdictionLevel,
  jurisdictionName,
  NATIONAL_JURISDICTION,
  shanghaiToday,
} from '@shanyu/common';
import { CreditEvt, type PublishRuleDocumentRequest, ruleDocumentOf, type RuleDocumentView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { StandingRepository } from '../ledger/standing.repository.js';
import { checkCreditRuleBody, CreditModelError, type CreditRuleBody, type CreditRuleDocument, loadCreditModels } from './credit-model.js';
import type { CreditModelStore } from './credit-rule-documents.js';
import { CreditRuleDocumentRepository } from './rule-document.repository.js';

const invalid = (field: string, message: string) => new DomainError('RULE_DOCUMENT_INVALID', message, [{ field, code: 'RULE_DOCUMENT_INVALID', message }]);

/**
 * 发布信用评价模型: a new version of a credit rule document (family `credit`) for a jurisdiction —
 * national by the platform admin, a province's, city's, district's or street's by its health
 * bureau (assertMayPublishRules, RULE_FAMILY_PUBLISHERS.credit). Checked as the built-in documents
 * are (checkRuleDocument with the family's body check), placed among the versions kept
 * (checkNewVersion: a new version, the key's own jurisdiction, after the latest, not in the past),
 * and refused unless the rules in force still make a whole model in every jurisdiction on every day
 * (one grading, one score rule per ledger event type). From its first day it grades the
 * institutions of its jurisdiction; audited, and evt.credit.rules.published.v1 announces it.
 */
export class PublishCreditModel {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly models: CreditModelStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: PublishRuleDocumentRequest, actor: Actor, requestId?: string): Promise<RuleDocumentView> {
    if (request.family !== 'credit') {
      throw new DomainError('VALIDATION', `信用服务只保存信用评价模型（credit），${request.family} 类规则请向其所属服务发布`, [
        { field: 'family', code: 'isIn', message: '规则类别应为 credit（信用评价模型）' },
      ]);
    }
    assertMayPublishRules(actor, 'credit', request.jurisdiction);
    if (request.jurisdiction !== NATIONAL_JURISDICTION && !findDivision(request.jurisdiction)) {
      throw invalid('jurisdiction', `未知的区划代码 ${request.jurisdiction}`);
    }
    const doc = checkRuleDocument(ruleDocumentOf<CreditRuleBody>(request), checkCreditRuleBody) as CreditRuleDocument;
    const today = shanghaiToday(this.now());
    return this.unitOfWork.run(async (tx) => {
      const documents = new CreditRuleDocumentRepository(tx.manager);
      await documents.lockPublications();
      const kept = [...this.models.builtIn.documents, ...(await this.models.published(tx.manager))];
      checkNewVersion(doc, kept, today);
      try {
        loadCreditModels([...kept, doc]);
      } catch (e) {
        if (!(e instanceof CreditModelError)) throw e;
        const problems = e.problems.length ? e.problems : [e.message];
        throw new DomainError(
          'RULE_DOCUMENT_INVALID',
          `发布 ${doc.version} 后，适用的信用规则不能组成完整的评价模型：${problems.join('；')}`,
          problems.map((message) => ({ field: 'rules', code: 'RULE_DOCUMENT_INVALID', message })),
        );
      }
      const publishedAt = this.now();
      const id = randomUUID();
      await documents.add({ id, document: doc, publishedAt, publishedBy: { department: actor.department, userId: actor.userId } });
      const level = jurisdictionLevel(doc.jurisdiction) ?? 'national';
      // Standings computed today were computed without it: the next sweep recomputes them (later days it recomputes anyway).
      if (doc.effectiveFrom <= today)
        await new StandingRepository(tx.manager).markStale(
          doc.jurisdiction === NATIONAL_JURISDICTION ? '' : divisionPrefix(doc.jurisdiction),
          doc.effectiveFrom,
        );
      await tx.publish(CreditEvt.rulesPublished, {
        actor,
        entityId: id,
        data: {
          family: 'credit',
          documentKey: doc.documentKey,
          version: doc.version,
          title: doc.title,
          jurisdiction: doc.jurisdiction,
          level,
          effectiveFrom: doc.effectiveFrom,
          effectiveTo: doc.effectiveTo,
          rules: doc.rules.map((r) => ({ key: r.key, composition: r.composition })),
        },
      });
      await tx.audit({ actor, action: 'rules.publish', entity: 'rule_document', entityId: doc.version, after: doc, requestId });
      return { ...doc, jurisdictionName: jurisdictionName(doc.jurisdiction), level, origin: 'published' };
    });
  }
}
