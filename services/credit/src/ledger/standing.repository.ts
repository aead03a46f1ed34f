import type { IsoDate } from '@shanyu/common';
import type { CreditGrade, GradeReason } from '@shanyu/contracts';
import { type Db, schemaTable } from '@shanyu/persistence';

export interface StandingRow {
  institutionId: string;
  divisionCode: string;
  score: number;
  grade: CreditGrade;
  modelVersion: string;
  computedOn: string;
  since: string;
}

/** Namespace of the per-institution advisory lock (two-key form: separate from the audit log's lock). */
const LOCK_SPACE = 4_2_6;

/** Standings (`standing`): score and grade of an institution today, a projection of its ledger. */
export class StandingRepository {
  constructor(private readonly db: Db) {}

  /** Serialises the changes of one institution's standing until the transaction ends. */
  async lock(institutionId: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_SPACE, institutionId]);
  }

  async get(institutionId: string): Promise<StandingRow | null> {
    const rows: {
      institution_id: string;
      division_code: string;
      score: number;
      grade: CreditGrade;
      model_version: string;
      computed_on: string;
      since: string;
    }[] = await this.db.query(
      `SELECT institution_id, division_code, score, grade, model_version, computed_on::text AS computed_on, since::text AS since
         FROM ${this.table} WHERE institution_id = $1`,
      [institutionId],
    );
    const r = rows[0];
    return r
      ? {
          institutionId: r.institution_id,
          divisionCode: r.division_code,
          score: r.score,
          grade: r.grade,
          modelVersion: r.model_version,
          computedOn: r.computed_on,
          since: r.since,
        }
      : null;
  }

  async save(standing: StandingRow, reasons: GradeReason[]): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table} (institution_id, division_code, score, grade, model_version, computed_on, since, reasons)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (institution_id) DO UPDATE SET division_code = EXCLUDED.division_code, score = EXCLUDED.score, grade = EXCLUDED.grade,
         model_version = EXCLUDED.model_version, computed_on = EXCLUDED.computed_on, since = EXCLUDED.since, reasons = EXCLUDED.reasons, updated_at = now()`,
      [
        standing.institutionId,
        standing.divisionCode,
        standing.score,
        standing.grade,
        standing.modelVersion,
        standing.computedOn,
        standing.since,
        JSON.stringify(reasons),
      ],
    );
  }

  async reasons(institutionId: string): Promise<GradeReason[]> {
    return (await this.db.query(`SELECT reasons FROM ${this.table} WHERE institution_id = $1`, [institutionId]))[0].reasons;
  }

  /** Institutions whose standing was last computed before `today`, a batch at a time. */
  async stale(today: IsoDate, limit: number): Promise<string[]> {
    const rows: { institution_id: string }[] = await this.db.query(
      `SELECT institution_id FROM ${this.table} WHERE computed_on < $1 ORDER BY institution_id LIMIT $2`,
      [today, limit],
    );
    return rows.map((r) => r.institution_id);
  }

  /**
   * Standings of the divisions under `prefix` ('' for all) computed on or after `from` count as
   * computed the day before, so the sweep recomputes them: rules taking effect on `from` were
   * published after they were computed.
   */
  async markStale(prefix: string, from: IsoDate): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `UPDATE ${this.table} SET computed_on = $1::date - 1 WHERE computed_on >= $1::date AND division_code LIKE $2 || '%' RETURNING institution_id`,
      [from, prefix],
    );
    return rows.length;
  }

  /** Files the standing under the institution's new division (lists are by division). */
  async moveToDivision(institutionId: string, divisionCode: string): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET division_code = $2 WHERE institution_id = $1 AND division_code <> $2`, [institutionId, divisionCode]);
  }

  async setSince(institutionId: string, since: string): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET since = $2 WHERE institution_id = $1`, [institutionId, since]);
  }

  /** Grade, score and since of every standing. */
  async all(): Promise<Pick<StandingRow, 'institutionId' | 'grade' | 'score' | 'since'>[]> {
    const rows: { institution_id: string; grade: CreditGrade; score: number; since: string }[] = await this.db.query(
      `SELECT institution_id, grade, score, since::text AS since FROM ${this.table}`,
    );
    return rows.map((r) => ({ institutionId: r.institution_id, grade: r.grade, score: r.score, since: r.since }));
  }

  async deleteAll(): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table}`);
  }

  private get table(): string {
    return schemaTable(this.db, 'standing');
  }
}
