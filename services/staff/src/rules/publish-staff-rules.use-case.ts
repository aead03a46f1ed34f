import { randomUUID } from 'node:crypto';
import { type Actor, checkNewVersion, DomainError, shanghaiToday } from '@shanyu/common';
import { type PublishRuleDocumentRequest, type RuleDocumentView, StaffEvt } from '@shanyu/contracts';
import { publishableDocument, recordRulePublication, type UnitOfWork } from '@shanyu/messaging';
import { StaffRuleDocumentRepository } from './rule-document.repository.js';
import type { StaffRuleStore } from './staff-rule-documents.js';
import { checkStaffRuleBody, type StaffRuleDocument, wholeSetProblems } from './staff-rules.js';

/**
 * 发布从业人员规则: a new version of a staff rule document (family `staff`) for a jurisdiction —
 * national by the platform admin, a province's, city's, district's or street's by its health,
 * education or hrss bureau (assertMayPublishRules, RULE_FAMILY_PUBLISHERS.staff). Checked as the
 * rules file is (checkRuleDocument with the family's body check), placed among the versions kept
 * (checkNewVersion: a new version, the key's own jurisdiction, after the latest, not in the past),
 * and refused unless the rules in force still make a whole set in every jurisdiction on every day
 * (a rule for every credential type, role and class type; one re-check interval). From its first
 * day it judges the institutions of its jurisdiction: every answer from then on, and the reminder
 * sweep judges their ratios and 持证率 again (ReminderSweep). Audited; evt.staff.rules.published.v1.
 */
export class PublishStaffRules {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly rules: StaffRuleStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: PublishRuleDocumentRequest, actor: Actor, requestId?: string): Promise<RuleDocumentView> {
    const doc = publishableDocument(request, 'staff', actor, checkStaffRuleBody) as StaffRuleDocument;
    const today = shanghaiToday(this.now());
    return this.unitOfWork.run(async (tx) => {
      const documents = new StaffRuleDocumentRepository(tx.manager);
      await documents.lockPublications();
      const kept = [...this.rules.builtIn.documents, ...(await this.rules.published(tx.manager))];
      checkNewVersion(doc, kept, today);
      const problems = wholeSetProblems([...kept, doc], true);
      if (problems.length) {
        throw new DomainError(
          'RULE_DOCUMENT_INVALID',
          `发布 ${doc.version} 后，适用的从业人员规则不完整：${problems.join('；')}`,
          problems.map((message) => ({ field: 'rules', code: 'RULE_DOCUMENT_INVALID', message })),
        );
      }
      return recordRulePublication(tx, {
        documents,
        event: StaffEvt.rulesPublished,
        document: doc,
        id: randomUUID(),
        publishedAt: this.now(),
        actor,
        requestId,
      });
    });
  }
}
