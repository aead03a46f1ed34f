import type { LineStatus, RunInstitutionTotalView, RunLineView, RunTotals } from '@shanyu/contracts';
import { copyRows } from '@shanyu/persistence';
import { SqlRepository } from '../sql.js';
import { COPY_COLUMNS, copyRow, type LineToWrite } from './line-writer.js';

/** The lines of a run a caller may see: all, those of some streets (division prefixes), or one institution's. */
export type LineScope = { all: true } | { all: false; prefixes: string[] } | { all: false; institutionId: string };

export interface LineFilter {
  institutionId?: string;
  status?: LineStatus;
  kind?: RunLineView['kind'];
}

export interface LineRow {
  id: string;
  line_key: string;
  kind: RunLineView['kind'];
  period: string;
  institution_id: string;
  institution_name: string;
  division_code: string;
  child_key: string | null;
  roster_line_no: number | null;
  policy_key: string;
  policy_version: string;
  rule_id: string;
  rule_kind: RunLineView['ruleKind'];
  rule_title: string;
  status: RunLineView['status'];
  base_fen: string;
  amount_fen: string;
  capped: boolean;
  reason_code: string | null;
  explanation: string;
  inputs: Record<string, unknown>;
  adjusts_line_id: string | null;
}

/** What the runs that stand (other than the one recomputing) paid for one rule of an institution-month. */
export interface PaidLine extends Pick<
  LineRow,
  'institution_name' | 'division_code' | 'child_key' | 'roster_line_no' | 'policy_key' | 'policy_version' | 'rule_id' | 'rule_title'
> {
  orig_key: string;
  paid: string;
  original_id: string | null;
  rule_kind: string;
  budget_key: string | null;
}

/** 补助明细: the lines of runs. */
export class RunLineRepository extends SqlRepository {
  /**
   * Writes lines with COPY on the transaction's own connection (copyRows), computed as PostgreSQL
   * reads them: an iterator computing them lazily keeps only a chunk of text in memory at a time.
   * COPY has no ON CONFLICT: the caller must hold the run (its batch guard locks the run row
   * first), so a batch is written once per committed cursor step, and the primary key (run, line
   * key) turns any second write into an error that rolls the batch back rather than into a
   * duplicate. Returns the number of lines.
   */
  write(runId: string, lines: Iterable<LineToWrite>): Promise<number> {
    function* rows(): Generator<string> {
      for (const line of lines) yield copyRow(runId, line);
    }
    return copyRows(this.manager, this.t.line, COPY_COLUMNS, rows());
  }

  async deleteOfRun(runId: string): Promise<void> {
    await this.manager.query(`DELETE FROM ${this.t.line} WHERE run_id = $1`, [runId]);
  }

  /**
   * A page of a run's lines in a stable order (institution, line key), with the number of all
   * that match: by offset, or after a cursor (the last line's institution and key) for exports.
   */
  async page(
    runId: string,
    scope: LineScope,
    filter: LineFilter,
    pageSize: number,
    offset: number,
    after?: [string, string],
  ): Promise<{ total: number; rows: LineRow[] }> {
    const params: unknown[] = [runId];
    let where = `run_id = $1${scopeSql(scope, params)}`;
    if (filter.institutionId) {
      params.push(filter.institutionId);
      where += ` AND institution_id = $${params.length}`;
    }
    if (filter.status) {
      params.push(filter.status);
      where += ` AND status = $${params.length}`;
    }
    if (filter.kind) {
      params.push(filter.kind);
      where += ` AND kind = $${params.length}`;
    }
    const [{ n }]: { n: number }[] = await this.manager.query(`SELECT count(*)::int AS n FROM ${this.t.line} WHERE ${where}`, params);
    const listParams = [...params];
    let listWhere = where;
    if (after) {
      listParams.push(after[0], after[1]);
      listWhere += ` AND (institution_id, line_key) > ($${listParams.length - 1}::uuid, $${listParams.length})`;
    }
    listParams.push(pageSize, offset);
    const rows: LineRow[] = await this.manager.query(
      `SELECT id, line_key, kind, period, institution_id, institution_name, division_code, child_key, roster_line_no, policy_key, policy_version, rule_id, rule_kind,
         rule_title, status, base_fen::text, amount_fen::text, capped, reason_code, explanation, inputs, adjusts_line_id
       FROM ${this.t.line} WHERE ${listWhere} ORDER BY institution_id, line_key LIMIT $${listParams.length - 1} OFFSET $${listParams.length}`,
      listParams,
    );
    return { total: n, rows };
  }

  /** A page of per-institution totals of a run, by institution id, with the number of institutions. */
  async institutionTotals(runId: string, scope: LineScope, page: number, pageSize: number): Promise<{ total: number; rows: RunInstitutionTotalView[] }> {
    const params: unknown[] = [runId];
    const where = `run_id = $1${scopeSql(scope, params)}`;
    const [{ n }]: { n: number }[] = await this.manager.query(`SELECT count(DISTINCT institution_id)::int AS n FROM ${this.t.line} WHERE ${where}`, params);
    const rows: Record<string, string>[] = await this.manager.query(
      `SELECT institution_id, min(institution_name) AS institution_name, min(division_code) AS division_code, count(*) AS lines,
         count(DISTINCT child_key) FILTER (WHERE kind = 'regular') AS children,
         coalesce(sum(amount_fen) FILTER (WHERE status = 'payable'), 0) AS payable_fen, coalesce(sum(amount_fen) FILTER (WHERE kind = 'adjustment'), 0) AS adjustment_fen,
         count(*) FILTER (WHERE status = 'held') AS held_lines, count(*) FILTER (WHERE status = 'ineligible') AS ineligible_lines
       FROM ${this.t.line} WHERE ${where} GROUP BY institution_id ORDER BY institution_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return {
      total: n,
      rows: rows.map((r) => ({
        institutionId: r.institution_id!,
        institutionName: r.institution_name!,
        divisionCode: r.division_code!,
        lines: Number(r.lines),
        children: Number(r.children),
        payableFen: Number(r.payable_fen),
        adjustmentFen: Number(r.adjustment_fen),
        heldLines: Number(r.held_lines),
        ineligibleLines: Number(r.ineligible_lines),
      })),
    };
  }

  /** Per budget key, what the run's payable regular lines ask for (before any cap). */
  async requestedByBudget(runId: string): Promise<{ budgetKey: string; requestedFen: number }[]> {
    const rows: { budget_key: string; requested: string }[] = await this.manager.query(
      `SELECT budget_key, sum(base_fen)::text AS requested FROM ${this.t.line}
       WHERE run_id = $1 AND kind = 'regular' AND status = 'payable' AND budget_key IS NOT NULL GROUP BY budget_key ORDER BY budget_key`,
      [runId],
    );
    return rows.map((r) => ({ budgetKey: r.budget_key, requestedFen: Number(r.requested) }));
  }

  /** Budgets are drawn on one after another (held until the transaction ends). */
  async lockBudget(budgetKey: string): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`subsidy-budget:${budgetKey}`]);
  }

  /** What the other runs that stand have drawn on a budget. */
  async committedToBudget(budgetKey: string, exceptRunId: string): Promise<number> {
    const [{ committed }]: { committed: string }[] = await this.manager.query(
      `SELECT coalesce(sum(l.amount_fen), 0)::text AS committed FROM ${this.t.line} l JOIN ${this.t.run} r ON r.id = l.run_id
       WHERE l.budget_key = $1 AND l.run_id <> $2 AND r.status <> 'returned'`,
      [budgetKey, exceptRunId],
    );
    return Number(committed);
  }

  /**
   * The budget rule in SQL: each capped line gets floor(base × left / requested); the fen still
   * missing go one each to the largest remainders, ties by line key (byte order, as in
   * allocateLargestRemainder), so the lines sum exactly to `left`.
   */
  async applyCap(runId: string, budgetKey: string, left: number, requested: number, cap: number): Promise<void> {
    await this.manager.query(
      `WITH capped AS (
         SELECT line_key, base_fen, (base_fen::numeric * $3::numeric) AS product
         FROM ${this.t.line} WHERE run_id = $1 AND budget_key = $2 AND kind = 'regular' AND status = 'payable'
       ), shares AS (
         SELECT line_key, base_fen, floor(product / $4::numeric)::bigint AS share, mod(product, $4::numeric) AS remainder FROM capped
       ), ranked AS (
         SELECT line_key, base_fen, share + CASE WHEN row_number() OVER (ORDER BY remainder DESC, line_key COLLATE "C") <= $3::bigint - (SELECT sum(share) FROM shares) THEN 1 ELSE 0 END AS amount
         FROM shares
       )
       UPDATE ${this.t.line} l SET amount_fen = ranked.amount, capped = true,
         explanation = regexp_replace(l.explanation, '。$', format('；年度预算 %s 元余额不足（余 %s 元，本月应发 %s 元），按比例发放：%s 元 → %s 元',
           ($5::bigint / 100)::text || '.' || lpad(($5::bigint % 100)::text, 2, '0'),
           ($3::bigint / 100)::text || '.' || lpad(($3::bigint % 100)::text, 2, '0'),
           ($4::bigint / 100)::text || '.' || lpad(($4::bigint % 100)::text, 2, '0'),
           (ranked.base_fen / 100)::text || '.' || lpad((ranked.base_fen % 100)::text, 2, '0'),
           (ranked.amount / 100)::text || '.' || lpad((ranked.amount % 100)::text, 2, '0')) || '。')
       FROM ranked WHERE l.run_id = $1 AND l.line_key = ranked.line_key`,
      [runId, budgetKey, left, requested, cap],
    );
  }

  /** The run's totals and the divisions (streets) its lines are in, in order: one pass over the lines. */
  async totals(runId: string): Promise<{ totals: RunTotals; divisions: string[] }> {
    const [s]: (Record<string, string> & { divisions: string[] | null })[] = await this.manager.query(
      `SELECT count(*) AS lines, count(*) FILTER (WHERE status = 'payable') AS payable_lines, count(*) FILTER (WHERE status = 'ineligible') AS ineligible_lines,
         count(*) FILTER (WHERE status = 'held') AS held_lines, count(*) FILTER (WHERE kind = 'adjustment') AS adjustment_lines,
         count(DISTINCT institution_id) AS institutions, count(DISTINCT child_key) FILTER (WHERE kind = 'regular') AS children,
         coalesce(sum(amount_fen) FILTER (WHERE status = 'payable'), 0) AS payable_fen, coalesce(sum(base_fen) FILTER (WHERE status = 'held'), 0) AS held_fen,
         coalesce(sum(amount_fen) FILTER (WHERE kind = 'adjustment'), 0) AS adjustment_fen, coalesce(sum(base_fen - amount_fen) FILTER (WHERE capped), 0) AS capped_away_fen,
         array_agg(DISTINCT division_code ORDER BY division_code) AS divisions
       FROM ${this.t.line} WHERE run_id = $1`,
      [runId],
    );
    return {
      totals: {
        lines: Number(s!.lines),
        payableLines: Number(s!.payable_lines),
        ineligibleLines: Number(s!.ineligible_lines),
        heldLines: Number(s!.held_lines),
        adjustmentLines: Number(s!.adjustment_lines),
        institutions: Number(s!.institutions),
        children: Number(s!.children),
        payableFen: Number(s!.payable_fen),
        heldFen: Number(s!.held_fen),
        adjustmentFen: Number(s!.adjustment_fen),
        cappedAwayFen: Number(s!.capped_away_fen),
      },
      divisions: s!.divisions ?? [],
    };
  }

  /** Per rule (original key), what the runs that stand other than `exceptRunId` paid for the institution-month, and the posted regular line it goes back to. */
  paidFor(institutionId: string, month: string, exceptRunId: string): Promise<PaidLine[]> {
    return this.manager.query(
      `SELECT l.orig_key, sum(l.amount_fen)::text AS paid,
         (array_agg(l.id ORDER BY r.posted_at DESC) FILTER (WHERE l.kind = 'regular' AND r.status = 'posted'))[1] AS original_id,
         min(l.institution_name) AS institution_name, min(l.division_code) AS division_code, min(l.child_key) AS child_key, min(l.roster_line_no) AS roster_line_no,
         min(l.policy_key) AS policy_key, min(l.policy_version) AS policy_version, min(l.rule_id) AS rule_id, min(l.rule_kind) AS rule_kind,
         min(l.rule_title) AS rule_title, min(l.budget_key) AS budget_key
       FROM ${this.t.line} l JOIN ${this.t.run} r ON r.id = l.run_id
       WHERE l.institution_id = $1 AND l.period = $2 AND r.status <> 'returned' AND l.run_id <> $3
       GROUP BY l.orig_key`,
      [institutionId, month, exceptRunId],
    );
  }
}

function scopeSql(scope: LineScope, params: unknown[]): string {
  if (scope.all) return '';
  if ('institutionId' in scope) {
    params.push(scope.institutionId);
    return ` AND institution_id = $${params.length}`;
  }
  params.push(scope.prefixes.map((p) => `${p}%`));
  return ` AND division_code LIKE ANY($${params.length}::text[])`;
}
