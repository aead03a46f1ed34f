import { type Actor, DomainError } from '@shanyu/common';
import type { ApprovalStage, RunApprovalView, RunBudgetView, RunStatus, RunTotals, RunView } from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { tables } from '../sql.js';

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

interface ApprovalRow {
  round: number;
  stage: ApprovalStage;
  decision: 'approve' | 'reject';
  division_codes: string[];
  actor: Actor;
  reason: string | null;
  comment: string | null;
  at: Date;
}

export async function runOrThrow(db: EntityManager | DataSource, id: string, lock = false): Promise<RunRow> {
  const [row]: RunRow[] = await db.query(`SELECT * FROM ${tables(db).run} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw new DomainError('SUBSIDY_RUN_NOT_FOUND', `补助计算批次 ${id} 不存在`);
  return row;
}

/** Streets whose office has approved the current round. */
export async function approvedStreets(db: EntityManager | DataSource, run: RunRow): Promise<Set<string>> {
  const rows: { division_codes: string[] }[] = await db.query(
    `SELECT division_codes FROM ${tables(db).approval} WHERE run_id = $1 AND round = $2 AND stage = 'street' AND decision = 'approve'`, [run.id, run.attempt],
  );
  return new Set(rows.flatMap((r) => r.division_codes));
}

export async function runView(db: EntityManager | DataSource, run: RunRow): Promise<RunView> {
  const approvals: ApprovalRow[] = await db.query(
    `SELECT round, stage, decision, division_codes, actor, reason, comment, at FROM ${tables(db).approval} WHERE run_id = $1 ORDER BY at, id`, [run.id],
  );
  const approved = await approvedStreets(db, run);
  return {
    id: run.id, month: run.month, divisionCode: run.division_code, status: run.status, stage: run.stage,
    streetsPending: run.status === 'computed' && run.stage === 'street' ? run.streets.filter((s) => !approved.has(s)) : [],
    attempt: run.attempt, progress: { phase: run.phase, done: run.done, total: run.total }, stale: run.stale,
    totals: run.totals, budgets: run.budgets ?? [],
    approvals: approvals.map((a): RunApprovalView => ({
      round: a.round, stage: a.stage, decision: a.decision, department: a.actor.department, userId: a.actor.userId, divisionCodes: a.division_codes,
      reason: a.reason, comment: a.comment, at: a.at.toISOString(),
    })),
    returned: run.returned ?? null,
    createdAt: run.created_at.toISOString(), createdBy: { department: run.created_by.department, userId: run.created_by.userId },
    computedAt: run.computed_at?.toISOString() ?? null, postedAt: run.posted_at?.toISOString() ?? null,
  };
}
