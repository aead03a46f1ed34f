import { SqlRepository } from '../sql.js';

export interface LedgerFilter {
  /** Entries of the institutions this operator account owns. */
  ownerUserId?: string;
  /** Division code prefixes (`LIKE prefix%`), any of which matches. */
  divisionPrefixes?: string[];
  institutionId?: string;
  divisionPrefix?: string;
  month?: string;
}

export interface LedgerRow {
  id: string;
  run_id: string;
  month: string;
  institution_id: string;
  institution_name: string;
  division_code: string;
  amount_fen: string;
  lines: number;
  posted_at: Date;
  posted_by: { department: string; userId: string };
}

/** 补助台账: what each posted run pays each institution. */
export class LedgerRepository extends SqlRepository {
  /**
   * One entry per institution with payable lines in the run (net of adjustments, none when they
   * cancel out), its id derived from the run and the institution: posting again adds nothing.
   */
  async post(runId: string, month: string, postedBy: { department: string; userId: string }): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.ledger} (id, run_id, month, institution_id, institution_name, division_code, amount_fen, lines, posted_by)
       SELECT md5($1::uuid::text || ':' || institution_id::text)::uuid, $1::uuid, $2, institution_id, min(institution_name), min(division_code), sum(amount_fen), count(*), $3::jsonb
       FROM ${this.t.line} WHERE run_id = $1 AND status = 'payable' GROUP BY institution_id HAVING sum(amount_fen) <> 0
       ON CONFLICT (run_id, institution_id) DO NOTHING`,
      [runId, month, JSON.stringify(postedBy)],
    );
  }

  /** The run's entries, by institution. */
  async ofRun(runId: string): Promise<{ institutionId: string; amountFen: number }[]> {
    const rows: { institution_id: string; amount_fen: string }[] = await this.manager.query(
      `SELECT institution_id, amount_fen::text FROM ${this.t.ledger} WHERE run_id = $1 ORDER BY institution_id`,
      [runId],
    );
    return rows.map((e) => ({ institutionId: e.institution_id, amountFen: Number(e.amount_fen) }));
  }

  /** A page, newest month first, with the number of all that match. */
  async page(filter: LedgerFilter, page: number, pageSize: number): Promise<{ total: number; rows: LedgerRow[] }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.ownerUserId !== undefined) {
      params.push(filter.ownerUserId);
      where.push(`e.institution_id IN (SELECT id FROM ${this.t.institution} WHERE owner_user_id = $${params.length})`);
    }
    if (filter.divisionPrefixes) {
      params.push(filter.divisionPrefixes.map((p) => `${p}%`));
      where.push(`e.division_code LIKE ANY($${params.length}::text[])`);
    }
    if (filter.institutionId) {
      params.push(filter.institutionId);
      where.push(`e.institution_id = $${params.length}`);
    }
    if (filter.divisionPrefix) {
      params.push(`${filter.divisionPrefix}%`);
      where.push(`e.division_code LIKE $${params.length}`);
    }
    if (filter.month) {
      params.push(filter.month);
      where.push(`e.month = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }]: { n: number }[] = await this.manager.query(`SELECT count(*)::int AS n FROM ${this.t.ledger} e ${clause}`, params);
    const rows: LedgerRow[] = await this.manager.query(
      `SELECT e.id, e.run_id, e.month, e.institution_id, e.institution_name, e.division_code, e.amount_fen::text, e.lines, e.posted_at, e.posted_by
       FROM ${this.t.ledger} e ${clause} ORDER BY e.month DESC, e.institution_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { total: n, rows };
  }
}
