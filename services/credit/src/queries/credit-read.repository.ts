import type { CreditGrade, GradeReason } from '@shanyu/contracts';
import { type Db, schemaTable } from '@shanyu/persistence';

export interface GradeListRow {
  institutionId: string;
  name: string | null;
  divisionCode: string;
  grade: CreditGrade;
  score: number;
  since: string;
  modelVersion: string;
  reasons: GradeReason[];
}

export interface PublicRow {
  id: string;
  name: string;
  divisionCode: string;
  grade: CreditGrade | null;
  since: string | null;
  modelVersion: string | null;
}

/**
 * The credit lists and the public register, read from standings and the institution copy. Each
 * page comes with its total from a window count (one statement).
 */
export class CreditReadRepository {
  constructor(private readonly db: Db) {}

  /** Standings of one grade within division prefixes (null: all), of institutions not deregistered; by division, then name. */
  async gradeList(grade: CreditGrade, prefixes: string[] | null, page: number, pageSize: number): Promise<{ rows: GradeListRow[]; total: number }> {
    const rows: {
      institution_id: string;
      name: string | null;
      division_code: string;
      grade: CreditGrade;
      score: number;
      since: string;
      model_version: string;
      reasons: GradeReason[];
      total: number;
    }[] = await this.db.query(
      `SELECT s.institution_id, i.name, s.division_code, s.grade, s.score, s.since::text AS since, s.model_version, s.reasons, count(*) OVER ()::int AS total
         FROM ${schemaTable(this.db, 'standing')} s LEFT JOIN ${schemaTable(this.db, 'institution')} i ON i.id = s.institution_id
         WHERE s.grade = $1 AND ($2::text[] IS NULL OR s.division_code LIKE ANY (SELECT p || '%' FROM unnest($2::text[]) AS p))
           AND (i.status IS NULL OR i.status <> 'deregistered')
         ORDER BY s.division_code, i.name NULLS LAST, s.institution_id
         LIMIT $3 OFFSET $4`,
      [grade, prefixes, pageSize, (page - 1) * pageSize],
    );
    return {
      rows: rows.map((r) => ({
        institutionId: r.institution_id,
        name: r.name,
        divisionCode: r.division_code,
        grade: r.grade,
        score: r.score,
        since: r.since,
        modelVersion: r.model_version,
        reasons: r.reasons,
      })),
      total: rows[0]?.total ?? 0,
    };
  }

  /**
   * Filed institutions with their standing (none yet: null grade), by name: one by id, or those
   * in a division prefix and/or of a grade (`startGrade` counts for those without a standing).
   */
  async publicRegister(
    filter: { ids: string[] | null; divisionPrefix: string | null; grade: CreditGrade | null; startGrade: CreditGrade },
    page: number,
    pageSize: number,
  ): Promise<{ rows: PublicRow[]; total: number }> {
    const rows: {
      id: string;
      name: string;
      division_code: string;
      grade: CreditGrade | null;
      since: string | null;
      model_version: string | null;
      total: number;
    }[] = await this.db.query(
      `SELECT i.id, i.name, i.division_code, s.grade, s.since::text AS since, s.model_version, count(*) OVER ()::int AS total
         FROM ${schemaTable(this.db, 'institution')} i LEFT JOIN ${schemaTable(this.db, 'standing')} s ON s.institution_id = i.id
         WHERE i.status = 'filed' AND ($1::uuid[] IS NULL OR i.id = ANY($1::uuid[])) AND ($2::text IS NULL OR i.division_code LIKE $2 || '%')
           AND ($3::text IS NULL OR coalesce(s.grade, $4) = $3)
         ORDER BY i.name, i.id LIMIT $5 OFFSET $6`,
      [filter.ids, filter.divisionPrefix, filter.grade, filter.startGrade, pageSize, (page - 1) * pageSize],
    );
    return {
      rows: rows.map((r) => ({ id: r.id, name: r.name, divisionCode: r.division_code, grade: r.grade, since: r.since, modelVersion: r.model_version })),
      total: rows[0]?.total ?? 0,
    };
  }
}
