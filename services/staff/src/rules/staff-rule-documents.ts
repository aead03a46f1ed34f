import type { RuleDocumentSource, StoredRuleDocument } from '@shanyu/messaging';
import type { Db } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';
import { StaffRuleDocumentRepository } from './rule-document.repository.js';
import { StaffRuleBook, type StaffRuleDocument, StaffRulesError, wholeSetProblems } from './staff-rules.js';

/**
 * The staff rule documents the service judges by: those of the rules file it was started with
 * (services/staff/rules/staff-rules.json, checked at start) and the versions published since
 * through the API (POST /api/v1/staff/rules, stored in `rule_document`). Read from the schema
 * where rules are needed — inside the caller's transaction — so every replica judges by the same
 * set from the moment a publication commits; the book is rebuilt only when a version was added.
 * Also the source of `staff.rules.*` (GET /api/v1/rules/effective|diff|documents?family=staff).
 */
export class StaffRuleStore implements RuleDocumentSource {
  private cached: { fingerprint: string; book: StaffRuleBook; published: StaffRuleDocument[] } | null = null;

  /** @param builtIn the rules file's book, loaded and checked (loadStaffRules) before the service connects. */
  constructor(
    private readonly dataSource: DataSource,
    readonly builtIn: StaffRuleBook,
  ) {}

  /** The rule book of the built-in and published documents, as stored in `db` (a transaction's manager sees its own). */
  async current(db: Db = this.dataSource): Promise<StaffRuleBook> {
    return (await this.snapshot(db)).book;
  }

  /** Every version, built-in first (for `staff.rules.*`). */
  async documents(): Promise<StoredRuleDocument[]> {
    const { published } = await this.snapshot(this.dataSource);
    return [...this.builtIn.documents.map((d) => ({ ...d, origin: 'built-in' as const })), ...published.map((d) => ({ ...d, origin: 'published' as const }))];
  }

  /** The published versions as stored in `db`. */
  async published(db: Db): Promise<StaffRuleDocument[]> {
    return (await this.snapshot(db)).published;
  }

  private async snapshot(db: Db) {
    const repository = new StaffRuleDocumentRepository(db);
    const fingerprint = await repository.fingerprint();
    if (this.cached?.fingerprint === fingerprint) return this.cached;
    const published = (await repository.all()).map((r) => r.document);
    let book = this.builtIn;
    if (published.length) {
      // Published versions were checked against the others when they were published: a rules file
      // shipped since that clashes with one (the same version, or no whole set any more) stops here.
      const documents = [...this.builtIn.documents, ...published];
      const versions = new Set(this.builtIn.documents.map((d) => d.version));
      const clash = published.find((d) => versions.has(d.version));
      const problems = clash ? [`${clash.version} is both built in and published`] : wholeSetProblems(documents);
      if (problems.length) throw new StaffRulesError(`the built-in and published staff rule documents do not load together:\n  ${problems.join('\n  ')}`);
      book = new StaffRuleBook(documents, this.builtIn.expiring);
    }
    this.cached = { fingerprint, book, published };
    return this.cached;
  }
}
