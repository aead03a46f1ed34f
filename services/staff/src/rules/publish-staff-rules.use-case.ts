import { randomUUID } from 'node:crypto';
import {
  type Actor,
  assertMayPublishRules,
  checkNewVersion,
  checkRuleDocument,
  DomainError,
  findDivision,
  jurisdictionLevel,
  jurisdictionName,
  NATIONAL_JURISDICTION,
  shanghaiToday,
} from '@shanyu/common';
import { type PublishRuleDocumentRequest, ruleDocumentOf, type RuleDocumentView, StaffEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { StaffRuleDocumentRepository } from './rule-document.repository.js';
import type { StaffRuleStore } from './staff-rule-documents.js';
import { checkStaffRuleBody, type StaffRuleBody, type StaffRuleDocument, wholeSetProblems } from './staff-rules.js';

const invalid = (field: string, message: string) => new DomainError('RULE_DOCUMENT_INVALID', message, [{ field, code: 'RULE_DOCUMENT_INVALID', message }]);

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
    if (request.family !== 'staff') {
      throw new DomainError('VALIDATION', `从业人员服务只保存从业人员规则（staff），${request.family} 类规则请向其所属服务发布`, [
        { field: 'family', code: 'isIn', message: '规则类别应为 staff（从业人员规则）' },
      ]);
    }
    assertMayPublishRules(actor, 'staff', request.jurisdiction);
    if (request.jurisdiction !== NATIONAL_JURISDICTION && !findDivision(request.jurisdiction)) {
      throw invalid('jurisdiction', `未知的区划代码 ${request.jurisdiction}`);
    }
    const doc = checkRuleDocument(ruleDocumentOf<StaffRuleBody>(request), checkStaffRuleBody) as StaffRuleDocument;
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
      const id = randomUUID();
      await documents.add({ id, document: doc, publishedAt: this.now(), publishedBy: { department: actor.department, userId: actor.userId } });
      const level = jurisdictionLevel(doc.jurisdiction) ?? 'national';
      await tx.publish(StaffEvt.rulesPublished, {
        actor,
        entityId: id,
        data: {
          family: 'staff',
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
