import type { RuleDocumentSource, StoredRuleDocument } from '@shanyu/messaging';
import type { Db } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import { CREDIT_WATCHED_SUBJECTS, CreditModelError, type CreditModels, type CreditRuleDocument, loadCreditModels } from './credit-model.js';
import { CreditRuleDocumentRepository } from './rule-document.repository.js';

/**
 * The credit rule documents the service judges by: the built-in ones it ships
 * (credit-models.data.ts, checked at start) and the versions published since through the API
 * (POST /api/v1/credit/models, stored in `rule_document`). Read from the schema where a model is
 * needed — inside the caller's transaction — so every replica judges by the same set from the
 * moment a publication commits; the composed models are rebuilt only when a version was added.
 * Also the source of `credit.rules.*` (GET /api/v1/rules/effective|diff|documents?family=credit).
 */
export class CreditModelStore implements RuleDocumentSource {
  private cached: { fingerprint: string; models: CreditModels; published: CreditRuleDocument[] } | null = null;

  /** @param builtIn the shipped documents, loaded and checked (loadCreditModels) before the service connects. */
  constructor(
    private readonly dataSource: DataSource,
    readonly builtIn: CreditModels,
  ) {}

  /** Subject prefixes the service follows: part of the service, not of any document. */
  get watchedSubjects(): readonly string[] {
    return CREDIT_WATCHED_SUBJECTS;
  }

  /** The models of the built-in and published documents, as stored in `db` (a transaction's manager sees its own). */
  async current(db: Db = this.dataSource): Promise<CreditModels> {
    return (await this.snapshot(db)).models;
  }

  /** Every version, built-in first (for `credit.rules.*`). */
  async documents(): Promise<StoredRuleDocument[]> {
    const { published } = await this.snapshot(this.dataSource);
    return [...this.builtIn.documents.map((d) => ({ ...d, origin: 'built-in' as const })), ...published.map((d) => ({ ...d, origin: 'published' as const }))];
  }

  /** The published versions as stored in `db`. */
  async published(db: Db): Promise<CreditRuleDocument[]> {
    return (await this.snapshot(db)).published;
  }

  private async snapshot(db: Db) {
    const repository = new CreditRuleDocumentRepository(db);
    const fingerprint = await repository.fingerprint();
    if (this.cached?.fingerprint === fingerprint) return this.cached;
    const published = (await repository.all()).map((r) => r.document);
    let models: CreditModels;
    try {
      models = published.length ? loadCreditModels([...this.builtIn.documents, ...published]) : this.builtIn;
    } catch (e) {
      // Published versions were checked against the others when they were published: a built-in
      // shipped since that clashes with one (the same version, or no whole model any more) stops here.
      if (e instanceof CreditModelError)
        throw new CreditModelError(`the built-in and published credit rule documents do not load together: ${e.message}`, e.problems);
      throw e;
    }
    this.cached = { fingerprint, models, published };
    return this.cached;
  }
}
