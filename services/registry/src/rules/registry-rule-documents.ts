import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DomainError, jurisdictionLevel, jurisdictionName, type RuleDocument, type RuleFamily, SYSTEM_ACTOR } from '@shanyu/common';
import type { RuleDocumentView } from '@shanyu/contracts';
import type { RuleDocumentSource, StoredRuleDocument } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { BUILT_IN_FILING_DOCUMENTS } from '../filing/standards/builtin-filing-documents.data.js';
import { checkFilingDocument, type FilingRuleDocument } from '../filing/standards/filing-rule-body.js';
import { BUILT_IN_TARGET_DOCUMENTS } from '../indicators/targets/builtin-target-documents.data.js';
import { checkTargetDocument, type TargetRuleDocument } from '../indicators/targets/target-rule-body.js';
import type { RuleDocumentRow } from './rule-document.entity.js';
import { RuleDocumentRepository } from './rule-document.repository.js';

/** The families the registry keeps: 备案标准 (filing) and 发展目标 (target). */
export const REGISTRY_RULE_FAMILIES = ['filing', 'target'] as const satisfies readonly RuleFamily[];

/** Refuses (VALIDATION, field family) a family another service keeps. */
export function assertRegistryFamily(family: string): asserts family is (typeof REGISTRY_RULE_FAMILIES)[number] {
  if ((REGISTRY_RULE_FAMILIES as readonly string[]).includes(family)) return;
  throw new DomainError('VALIDATION', `登记备案服务只保存备案标准（filing）和发展目标（target），${family} 类规则请向其所属服务发布`, [
    { field: 'family', code: 'isIn', message: '规则类别应为 filing（备案标准）或 target（发展目标）' },
  ]);
}

/** The one check of a document the registry keeps, by its family. Throws RULE_DOCUMENT_INVALID, or VALIDATION for another service's family. */
export function checkRegistryDocument(doc: RuleDocument): RuleDocument {
  assertRegistryFamily(doc.family);
  return doc.family === 'filing' ? checkFilingDocument(doc as FilingRuleDocument) : checkTargetDocument(doc as TargetRuleDocument);
}

/** Checks every built-in document as at start: a broken data file stops the service. */
export function loadBuiltInRuleDocuments(documents: readonly RuleDocument[] = [...BUILT_IN_FILING_DOCUMENTS, ...BUILT_IN_TARGET_DOCUMENTS]): RuleDocument[] {
  const versions = new Set<string>();
  return documents.map((doc) => {
    if (versions.has(doc.version)) throw new Error(`built-in rule document ${doc.version} is listed twice`);
    versions.add(doc.version);
    return checkRegistryDocument(JSON.parse(JSON.stringify(doc)) as RuleDocument);
  });
}

/** A document without what only cites or names (titles, sources, reasons): what decides a filing or sets a target. */
function decidingPart(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decidingPart);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'sources' && key !== 'title' && key !== 'reason')
      .map(([key, v]) => [key, decidingPart(v)]),
  );
}

export function toRow(doc: RuleDocument, origin: RuleDocumentRow['origin'], publishedBy: RuleDocumentRow['publishedBy'], publishedAt: Date): RuleDocumentRow {
  return {
    id: randomUUID(),
    family: doc.family,
    documentKey: doc.documentKey,
    version: doc.version,
    jurisdiction: doc.jurisdiction,
    effectiveFrom: doc.effectiveFrom,
    effectiveTo: doc.effectiveTo,
    document: doc,
    origin,
    publishedAt,
    publishedBy,
  };
}

/**
 * Stores the built-in versions the first time. A built-in version already stored must decide
 * the same — a version is never edited, a change is a new version — but its citations may be
 * corrected (a title, 文号 or article): the stored copy takes them.
 */
export async function ensureBuiltInRuleDocuments(ds: DataSource, documents: readonly RuleDocument[]): Promise<void> {
  const stored = new RuleDocumentRepository(ds.manager);
  for (const doc of documents) {
    const existing = await stored.byVersion(doc.version);
    if (!existing) {
      await stored.addIfAbsent(toRow(doc, 'built-in', { department: SYSTEM_ACTOR.department, userId: SYSTEM_ACTOR.userId }, new Date()));
      continue;
    }
    if (isDeepStrictEqual(existing.document, doc)) continue;
    if (existing.origin !== 'built-in' || !isDeepStrictEqual(decidingPart(existing.document), decidingPart(doc))) {
      throw new Error(`built-in rule document ${doc.version} differs from the stored version of the same name: publish a new version instead of editing one`);
    }
    await stored.replaceDocument(doc.version, doc);
  }
}

export function ruleDocumentView(row: RuleDocumentRow): RuleDocumentView {
  const doc = row.document;
  return {
    ...doc,
    jurisdictionName: jurisdictionName(doc.jurisdiction),
    level: jurisdictionLevel(doc.jurisdiction) ?? 'national',
    origin: row.origin,
  };
}

/**
 * The registry's rule documents (RuleDocumentSource): built-in and published versions of the
 * filing standards and development targets, read from its schema on each use, so every replica
 * judges by the same set.
 */
export class RegistryRuleDocuments implements RuleDocumentSource {
  constructor(private readonly dataSource: DataSource) {}

  async documents(family: RuleFamily, manager: EntityManager = this.dataSource.manager): Promise<StoredRuleDocument[]> {
    const rows = await new RuleDocumentRepository(manager).ofFamily(family);
    return rows.map((r) => ({ ...r.document, origin: r.origin }));
  }

  /** The filing documents (every version), for the check of a filing. */
  async filing(manager?: EntityManager): Promise<FilingRuleDocument[]> {
    return (await this.documents('filing', manager)) as unknown as FilingRuleDocument[];
  }

  /** The development targets (every version), for the indicators. */
  async targets(manager?: EntityManager): Promise<TargetRuleDocument[]> {
    return (await this.documents('target', manager)) as unknown as TargetRuleDocument[];
  }
}
