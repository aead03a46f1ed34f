import type { RuleFamily } from '@shanyu/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { RuleDocumentRow } from './rule-document.entity.js';

// The document column holds a rule document whose bodies are the family's (unknown to TypeORM's typing).
const values = (row: Partial<RuleDocumentRow>) => row as QueryDeepPartialEntity<RuleDocumentRow>;

/** 分级规则文件 the registry keeps (备案标准): every version, built-in and published. */
export class RuleDocumentRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Every version of the family's documents, by key and start. */
  ofFamily(family: RuleFamily): Promise<RuleDocumentRow[]> {
    return this.manager.find(RuleDocumentRow, { where: { family }, order: { documentKey: 'ASC', effectiveFrom: 'ASC' } });
  }

  versionsOf(documentKey: string): Promise<RuleDocumentRow[]> {
    return this.manager.find(RuleDocumentRow, { where: { documentKey }, order: { effectiveFrom: 'ASC' } });
  }

  async byVersion(version: string): Promise<RuleDocumentRow | undefined> {
    return (await this.manager.findOne(RuleDocumentRow, { where: { version } })) ?? undefined;
  }

  /**
   * Serialises publications of one document key until the transaction ends, so two versions
   * racing cannot both pass the ordering check. Raw SQL: an advisory lock has no entity form.
   */
  async lockKey(documentKey: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('rule_document:' || $1))`, [documentKey]);
  }

  /** A published version (its key is locked: lockKey). */
  async add(row: RuleDocumentRow): Promise<void> {
    await this.manager.insert(RuleDocumentRow, values(row));
  }

  /** A built-in version, unless another instance stored it meanwhile. */
  async addIfAbsent(row: RuleDocumentRow): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(RuleDocumentRow).values(values(row)).orIgnore().execute();
  }

  /** A built-in's corrected citations (titles, sources): nothing that decides a filing changes. */
  async replaceDocument(version: string, document: RuleDocumentRow['document']): Promise<void> {
    await this.manager.update(RuleDocumentRow, { version }, values({ document }));
  }
}
