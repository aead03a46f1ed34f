import { randomUUID } from 'node:crypto';
import { type Actor, divisionPrefix, DomainError } from '@shanyu/common';
import type { ApprovalStage, RunBudgetView, RunStatus, RunTotals, RunView } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { SqlRepository } from '../sql.js';

export interface RunRow {
  id: string;
  division_code: string;
  month: string;
  status: RunStatus;
  stage: ApprovalStage | null;
  phase: string;
  attempt: number;
  cursor: string | null;
  done: number;
  total: number;
  lease_owner: string | null;
  lease_until: Date | null;
  stale: boolean;
  streets: string[];
  totals: RunTotals | null;
  budgets: RunBudgetView[];
  returned: RunView['returned'];
  created_at: Date;
  created_by: Actor;
  computed_at: Date | null;
  posted_at: Date | null;
}

export interface ApprovalRow {
  round: number;
  stage: ApprovalStage;
  decision: 'approve' | 'reject';
  division_codes: string[];
  actor: Actor;
  reason: string | null;
  comment: string | null;
  at: Date;
}

export interface NewApproval {
  runId: string;
  round: number;
  stage: ApprovalStage;
  decision: 'approve' | 'reject';
  divisionCodes: string[];
  actor: Actor;
  reason: string | null;
  comment: string | null;
}

/** Who works on a run: a worker holds it while its lease lasts. */
export interface RunLease {
  owner: string;
  leaseMs: number;
}

/**
 * Runs an `UPDATE … RETURNING` and gives back its rows. (TypeORM answers a raw UPDATE with
 * `[rows, count]` rather than the rows; wrapped in a CTE it is a SELECT and answers with rows.)
 */
function updateReturning<T>(manager: EntityManager, statement: string, params: unknown[]): Promise<T[]> {
  return manager.query(`WITH changed AS (${statement}) SELECT * FROM changed`, params);
}

/** 补助计算批次: runs, their approvals and leases, and the recalculation requests they take up. */
export class RunRepository extends SqlRepository {
  async byIdOrThrow(id: string, lock = false): Promise<RunRow> {
    const [row]: RunRow[] = await this.manager.query(`SELECT * FROM ${this.t.run} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!row) throw new DomainError('SUBSIDY_RUN_NOT_FOUND', `补助计算批次 ${id} 不存在`);
    return row;
  }

  /** Newest month first, at most 500. */
  list(month: string | null, status: string | null): Promise<RunRow[]> {
    return this.manager.query(
      `SELECT * FROM ${this.t.run} WHERE ($1::text IS NULL OR month = $1) AND ($2::text IS NULL OR status = $2) ORDER BY month DESC, division_code LIMIT 500`,
      [month, status],
    );
  }

  /** Runs of a month start one after another (held until the transaction ends). */
  async lockMonth(month: string): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`subsidy-run:${month}`]);
  }

  /** Every run of the month, locked until the transaction ends. */
  ofMonthForUpdate(month: string): Promise<RunRow[]> {
    return this.manager.query(`SELECT * FROM ${this.t.run} WHERE month = $1 FOR UPDATE`, [month]);
  }

  /** Posted runs of the month (any division), by id. */
  postedRuns(month: string): Promise<{ id: string; division_code: string; budgets: RunBudgetView[] }[]> {
    return this.manager.query(`SELECT id, division_code, budgets FROM ${this.t.run} WHERE month = $1 AND status = 'posted' ORDER BY id`, [month]);
  }

  /** The posted runs of the months from `from` (to `to`, when given), by month. */
  postedMonths(from: string, to: string | null): Promise<{ month: string; division_code: string }[]> {
    return this.manager.query(
      `SELECT month, division_code FROM ${this.t.run} WHERE status = 'posted' AND month >= $1 AND ($2::text IS NULL OR month <= $2) ORDER BY month`,
      [from, to],
    );
  }

  /** Whether a posted run paid anything under the policy version. */
  async postedUnder(policyVersion: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM ${this.t.line} l JOIN ${this.t.run} r ON r.id = l.run_id WHERE r.status = 'posted' AND l.policy_version = $1 LIMIT 1`,
      [policyVersion],
    );
    return rows.length > 0;
  }

  /** Runs that stand (not returned) of the months from `from` (to `to`, when given). */
  standingFrom(from: string, to: string | null): Promise<{ id: string; division_code: string; month: string; status: string }[]> {
    return this.manager.query(
      `SELECT id, division_code, month, status FROM ${this.t.run} WHERE month >= $1 AND ($2::text IS NULL OR month <= $2) AND status <> 'returned'`,
      [from, to],
    );
  }

  /** The work of a run: one step per institution of the division and one per child on its current roster of the month. */
  async workTotal(divisionCode: string, month: string): Promise<number> {
    const [{ total }]: { total: number }[] = await this.manager.query(
      `SELECT (count(*) + coalesce(sum(r.total), 0))::int AS total FROM ${this.t.institution} i
       LEFT JOIN ${this.t.roster} r ON r.institution_id = i.id AND r.month = $2 AND r.current WHERE i.division_code LIKE $1`,
      [`${divisionPrefix(divisionCode)}%`, month],
    );
    return total;
  }

  /** The division's next institutions after `after` in id order (at most 2,000), each with the children on its current roster. */
  nextInstitutions(divisionCode: string, month: string, after: string | null): Promise<{ id: string; n: number }[]> {
    return this.manager.query(
      `SELECT i.id, COALESCE(r.total, 0)::int AS n FROM ${this.t.institution} i
       LEFT JOIN ${this.t.roster} r ON r.institution_id = i.id AND r.month = $2 AND r.current
       WHERE i.division_code LIKE $1 AND ($3::uuid IS NULL OR i.id > $3::uuid)
       ORDER BY i.id LIMIT 2000`,
      [`${divisionPrefix(divisionCode)}%`, month, after],
    );
  }

  async insert(run: { id: string; divisionCode: string; month: string; total: number; createdBy: Actor }): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.run} (id, division_code, month, status, phase, total, created_by) VALUES ($1, $2, $3, 'computing', 'regular', $4, $5::jsonb)`,
      [run.id, run.divisionCode, run.month, run.total, JSON.stringify(run.createdBy)],
    );
  }

  /** Back to the start for a new attempt: no lease, no approvals stage, no totals. */
  async restart(id: string, total: number): Promise<void> {
    await this.manager.query(
      `UPDATE ${this.t.run} SET status = 'computing', stage = NULL, phase = 'regular', attempt = attempt + 1, cursor = NULL, done = 0, total = $2,
         lease_owner = NULL, lease_until = NULL, stale = false, streets = '{}', totals = NULL, budgets = '[]'::jsonb, returned = NULL, computed_at = NULL
       WHERE id = $1`,
      [id, total],
    );
  }

  async markStale(ids: string[]): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.run} SET stale = true WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async setStage(id: string, stage: ApprovalStage): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.run} SET stage = $2 WHERE id = $1`, [id, stage]);
  }

  async markPosted(id: string): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.run} SET status = 'posted', stage = NULL, posted_at = now() WHERE id = $1`, [id]);
  }

  async markReturned(id: string, returned: NonNullable<RunView['returned']>): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.run} SET status = 'returned', stage = NULL, returned = $2::jsonb WHERE id = $1`, [id, JSON.stringify(returned)]);
  }

  approvals(runId: string): Promise<ApprovalRow[]> {
    return this.manager.query(
      `SELECT round, stage, decision, division_codes, actor, reason, comment, at FROM ${this.t.approval} WHERE run_id = $1 ORDER BY at, id`,
      [runId],
    );
  }

  /** Streets whose office has approved the current round. */
  async approvedStreets(run: RunRow): Promise<Set<string>> {
    const rows: { division_codes: string[] }[] = await this.manager.query(
      `SELECT division_codes FROM ${this.t.approval} WHERE run_id = $1 AND round = $2 AND stage = 'street' AND decision = 'approve'`,
      [run.id, run.attempt],
    );
    return new Set(rows.flatMap((r) => r.division_codes));
  }

  async insertApproval(approval: NewApproval): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.approval} (id, run_id, round, stage, decision, division_codes, actor, reason, comment) VALUES ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8, $9)`,
      [
        randomUUID(),
        approval.runId,
        approval.round,
        approval.stage,
        approval.decision,
        approval.divisionCodes,
        JSON.stringify(approval.actor),
        approval.reason,
        approval.comment,
      ],
    );
  }

  /** A posted month of the institution is to be recalculated by the next run of its division. */
  async requestRecalc(institutionId: string, month: string, reason: string): Promise<void> {
    await this.manager.query(`INSERT INTO ${this.t.recalc} (institution_id, month, reason) VALUES ($1, $2, $3)`, [institutionId, month, reason]);
  }

  /** The requests of the division's institutions for months before the run's, now taken up by the run. */
  consumeRecalcRequests(run: RunRow): Promise<{ institution_id: string; month: string; reason: string }[]> {
    return updateReturning(
      this.manager,
      `UPDATE ${this.t.recalc} SET consumed_by_run = $1
       WHERE consumed_by_run IS NULL AND month < $2 AND institution_id IN (SELECT id FROM ${this.t.institution} WHERE division_code LIKE $3)
       RETURNING institution_id, month, reason`,
      [run.id, run.month, `${divisionPrefix(run.division_code)}%`],
    );
  }

  /** The requests a run had taken up wait for the next run. */
  async releaseRecalcRequests(runId: string): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.recalc} SET consumed_by_run = NULL WHERE consumed_by_run = $1`, [runId]);
  }

  /** Runs left computing whose lease ran out, oldest first (at most 20). */
  async expiredComputing(): Promise<string[]> {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM ${this.t.run} WHERE status = 'computing' AND (lease_until IS NULL OR lease_until < now()) ORDER BY created_at LIMIT 20`,
    );
    return rows.map((r) => r.id);
  }

  /** Takes (or renews) the lease of a computing run; undefined when another worker holds it or it is not computing. */
  async claim(runId: string, lease: RunLease): Promise<RunRow | undefined> {
    const [row] = await updateReturning<RunRow>(
      this.manager,
      `UPDATE ${this.t.run} SET lease_owner = $2, lease_until = now() + ($3::int * interval '1 millisecond')
       WHERE id = $1 AND status = 'computing' AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2)
       RETURNING *`,
      [runId, lease.owner, lease.leaseMs],
    );
    return row;
  }

  /** The next cursor of the regular phase and the work done; false when the run is no longer held at this attempt and phase. */
  advanceCursor(run: RunRow, lease: RunLease, cursor: string, done: number): Promise<boolean> {
    return this.guarded(run, lease, `cursor = $6, done = done + $7`, [cursor, done]);
  }

  /** The next phase, from its start; false when the run is no longer held at this attempt and phase. */
  enterPhase(run: RunRow, lease: RunLease, phase: string): Promise<boolean> {
    return this.guarded(run, lease, `phase = $6, cursor = NULL`, [phase]);
  }

  /** Adjustments done (one step per corrected institution-month); false when the run is no longer held. */
  finishAdjustments(run: RunRow, lease: RunLease, pairs: number): Promise<boolean> {
    return this.guarded(run, lease, `phase = 'budget', done = done + $6, total = total + $6`, [pairs]);
  }

  /** Budgets applied; false when the run is no longer held. */
  finishBudgets(run: RunRow, lease: RunLease, budgets: RunBudgetView[]): Promise<boolean> {
    return this.guarded(run, lease, `phase = 'finalize', budgets = $6::jsonb`, [JSON.stringify(budgets)]);
  }

  /** Computed: waits for approval at `stage`, the lease given up; false when the run is no longer held. */
  async complete(run: RunRow, lease: RunLease, stage: ApprovalStage, streets: string[], totals: RunTotals): Promise<boolean> {
    const rows = await updateReturning(
      this.manager,
      `UPDATE ${this.t.run} SET status = 'computed', phase = 'done', stage = $5, streets = $6::text[], totals = $7::jsonb, computed_at = now(), lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND phase = $4 AND status = 'computing' RETURNING id`,
      [run.id, run.attempt, lease.owner, run.phase, stage, streets, JSON.stringify(totals)],
    );
    return rows.length > 0;
  }

  /** Commits progress only while the worker still holds the run at the same attempt and phase (and renews its lease). */
  private async guarded(run: RunRow, lease: RunLease, set: string, params: unknown[]): Promise<boolean> {
    const rows = await updateReturning(
      this.manager,
      `UPDATE ${this.t.run} SET ${set}, lease_until = now() + ($5::int * interval '1 millisecond')
       WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND phase = $4 AND status = 'computing' RETURNING id`,
      [run.id, run.attempt, lease.owner, run.phase, lease.leaseMs, ...params],
    );
    return rows.length > 0;
  }
}
