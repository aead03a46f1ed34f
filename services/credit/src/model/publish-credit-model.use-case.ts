import { randomUUID } from 'node:crypto';
import { type Actor, checkNewVersion, DomainError, divisionPrefix, NATIONAL_JURISDICTION, shanghaiToday } from '@shanyu/common';
import { CreditEvt, type PublishRuleDocumentRequest, type RuleDocumentView } from '@shanyu/contracts';
import { publishableDocument, recordRulePublication, type UnitOfWork } from '@shanyu/messaging';
import { StandingRepository } from '../ledger/standing.repository.js';
import { checkCreditRuleBody, CreditModelError, type CreditRuleDocument, loadCreditModels } from './credit-model.js';
import type { CreditModelStore } from './credit-rule-documents.js';
import { CreditRuleDocumentRepository } from './rule-document.repository.js';

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
    const doc = publishableDocument(request, 'credit', actor, checkCreditRuleBody) as CreditRuleDocument;
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
      // Standings computed today were computed without it: the next sweep recomputes them (later days it recomputes anyway).
      if (doc.effectiveFrom <= today)
        await new StandingRepository(tx.manager).markStale(
          doc.jurisdiction === NATIONAL_JURISDICTION ? '' : divisionPrefix(doc.jurisdiction),
          doc.effectiveFrom,
        );
      return recordRulePublication(tx, {
        documents,
        event: CreditEvt.rulesPublished,
        document: doc,
        id: randomUUID(),
        publishedAt: this.now(),
        actor,
        requestId,
      });
    });
  }
}
