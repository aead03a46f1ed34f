import { type Db, schemaTable } from '@shanyu/persistence';

/** What the credit indicators count, per division. */
export class CreditIndicatorRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per division under `prefix`: standings per grade (institutions not deregistered), pending
   * repair requests, and repairs approved between `from` and `to`. `measure` is the grade letter,
   * `repairsPending` or `repairsApproved`.
   */
  async counts(prefix: string, from: string, to: string): Promise<{ divisionCode: string; measure: string; n: number }[]> {
    const standing = schemaTable(this.db, 'standing');
    const institution = schemaTable(this.db, 'institution');
    const repair = schemaTable(this.db, 'repair_request');
    const rows: { division_code: string; measure: string; n: number }[] = await this.db.query(
      `SELECT s.division_code, s.grade::text AS measure, count(*)::int AS n
         FROM ${standing} s LEFT JOIN ${institution} i ON i.id = s.institution_id
        WHERE s.division_code LIKE $1 AND (i.status IS NULL OR i.status <> 'deregistered')
        GROUP BY s.division_code, s.grade
       UNION ALL
       SELECT division_code, 'repairsPending', count(*)::int FROM ${repair}
        WHERE division_code LIKE $1 AND status = 'pending' GROUP BY division_code
       UNION ALL
       SELECT division_code, 'repairsApproved', count(*)::int FROM ${repair}
        WHERE division_code LIKE $1 AND status = 'approved' AND decided_on BETWEEN $2 AND $3 GROUP BY division_code`,
      [`${prefix}%`, from, to],
    );
    return rows.map((r) => ({ divisionCode: r.division_code, measure: r.measure, n: r.n }));
  }
}
