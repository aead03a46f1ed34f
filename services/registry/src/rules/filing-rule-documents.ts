import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { jurisdictionLevel, jurisdictionName, type RuleDocument, type RuleFamily, SYSTEM_ACTOR } from '@shanyu/common';
import type { RuleDocumentView } from '@shanyu/contracts';
import type { RuleDocumentSource, StoredRuleDocument } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { BUILT_IN_FILING_DOCUMENTS } from '../filing/standards/builtin-filing-documents.data.js';
import { checkFilingDocument, type FilingRuleDocument } from '../filing/standards/filing-rule-body.js';
import type { RuleDocumentRow } from './rule-document.entity.js';
import { RuleDocumentRepository } from './rule-document.repository.js';

/** Checks every built-in filing document as at start: a broken data file stops the service. */
export function loadBuiltInFilingDocuments(documents: readonly FilingRuleDocument[] = BUILT_IN_FILING_DOCUMENTS): FilingRuleDocument[] {
  const versions = new Set<string>();
  return documents.map((doc) => {
    if (versions.has(doc.version)) throw new Error(`built-in filing rule document ${doc.version} is listed twice`);
    versions.add(doc.version);
    return checkFilingDocument(JSON.parse(JSON.stringify(doc)) as FilingRuleDocument);
  });
}

/** A document without what only cites or names (titles, sources, reasons): what decides a filing. */
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
export async function ensureBuiltInFilingDocuments(ds: DataSource, documents: readonly FilingRuleDocument[]): Promise<void> {
  const stored = new RuleDocumentRepository(ds.manager);
  for (const doc of documents) {
    const existing = await stored.byVersion(doc.version);
    if (!existing) {
      await stored.addIfAbsent(toRow(doc, 'built-in', { department: SYSTEM_ACTOR.department, userId: SYSTEM_ACTOR.userId }, new Date()));
      continue;
    }
    if (isDeepStrictEqual(existing.document, doc)) continue;
    if (existing.origin !== 'built-in' || !isDeepStrictEqual(decidingPart(existing.document), decidingPart(doc))) {
      throw new Error(
        `built-in filing rule document ${doc.version} differs from the stored version of the same name: publish a new version instead of editing one`,
      );
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
 * filing standards, read from its schema on each use, so every replica judges by the same set.
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
}
