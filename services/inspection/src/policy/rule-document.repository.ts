import type { RuleDocument, RuleFamily } from '@shanyu/common';
import type { EntityManager } from 'typeorm';
import { RuleDocumentRow } from './rule-document.entity.js';

/** Published rule documents of the families this service keeps besides the lists (supervision). */
export class RuleDocumentRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Every version of the family, by start and then publication. */
  async ofFamily(family: RuleFamily): Promise<RuleDocumentRow[]> {
    return this.manager.getRepository(RuleDocumentRow).find({ where: { family }, order: { effectiveFrom: 'ASC', publishedAt: 'ASC' } });
  }

  /** Serializes publications of one document key (their versions' order is checked inside). */
  async lockKey(documentKey: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('rule_document:' || $1))`, [documentKey]);
  }

  async add(id: string, document: RuleDocument, publishedAt: Date, publishedBy: { department: string; userId: string }): Promise<RuleDocumentRow> {
    const row = this.manager.getRepository(RuleDocumentRow).create({
      id,
      family: document.family,
      documentKey: document.documentKey,
      version: document.version,
      jurisdiction: document.jurisdiction,
      effectiveFrom: document.effectiveFrom,
      effectiveTo: document.effectiveTo,
      document,
      publishedAt,
      publishedBy,
    });
    await this.manager.save(row);
    return row;
  }
}
