import {
  type Actor,
  assertMayPublishRules,
  checkRuleDocument,
  DomainError,
  type FieldProblem,
  findDivision,
  jurisdictionLevel,
  jurisdictionName,
  NATIONAL_JURISDICTION,
  RULE_FAMILY_NAMES,
  type RuleDocument,
  type RuleFamily,
} from '@shanyu/common';
import { type EventDef, type PublishRuleDocumentRequest, RuleDocumentPublishedData, ruleDocumentOf, type RuleDocumentView } from '@shanyu/contracts';
import type { PublishedRuleDocumentRepository } from '@shanyu/persistence';
import type { Transaction } from './unit-of-work.js';

/**
 * What every service's rule publishing checks before it opens a transaction: the family is the
 * one the service keeps, the publisher may publish it for that jurisdiction (department and
 * divisions, national only for the admin), the jurisdiction is a known division, and the document
 * passes the one rule-document check with the family's body check.
 */
export function publishableDocument<B>(
  request: PublishRuleDocumentRequest,
  family: RuleFamily,
  actor: Actor,
  checkBody: (body: B, at: string, problems: FieldProblem[]) => void,
): RuleDocument<B> {
  if (request.family !== family) {
    throw new DomainError('VALIDATION', `本服务只保存${RULE_FAMILY_NAMES[family]}（${family}），${request.family} 类规则请向其所属服务发布`, [
      { field: 'family', code: 'isIn', message: `规则类别应为 ${family}（${RULE_FAMILY_NAMES[family]}）` },
    ]);
  }
  assertMayPublishRules(actor, family, request.jurisdiction);
  if (request.jurisdiction !== NATIONAL_JURISDICTION && !findDivision(request.jurisdiction)) {
    const message = `未知的区划代码 ${request.jurisdiction}`;
    throw new DomainError('RULE_DOCUMENT_INVALID', message, [{ field: 'jurisdiction', code: 'RULE_DOCUMENT_INVALID', message }]);
  }
  return checkRuleDocument(ruleDocumentOf<B>(request), checkBody);
}

/** Stores a checked new version, announces it (`evt.<service>.rules.published.v1`) and audits it; returns its view. */
export async function recordRulePublication<D extends RuleDocument>(
  tx: Transaction,
  publication: {
    documents: PublishedRuleDocumentRepository<D>;
    event: EventDef<typeof RuleDocumentPublishedData>;
    document: D;
    id: string;
    publishedAt: Date;
    actor: Actor;
    requestId?: string;
  },
): Promise<RuleDocumentView> {
  const { documents, event, document: doc, id, publishedAt, actor, requestId } = publication;
  await documents.add({ id, document: doc, publishedAt, publishedBy: { department: actor.department, userId: actor.userId } });
  const level = jurisdictionLevel(doc.jurisdiction) ?? 'national';
  await tx.publish(event, {
    actor,
    entityId: id,
    data: {
      family: doc.family,
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
  return { ...doc, jurisdictionName: jurisdictionName(doc.jurisdiction), level, origin: 'published' } as RuleDocumentView;
}
