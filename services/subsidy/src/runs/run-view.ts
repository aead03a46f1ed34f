import type { RunApprovalView, RunView } from '@shanyu/contracts';
import type { RunRepository, RunRow } from './run.repository.js';

/** A run as its callers see it: progress, the streets still to approve, and every approval so far. */
export async function runView(runs: RunRepository, run: RunRow): Promise<RunView> {
  const approvals = await runs.approvals(run.id);
  const approved = await runs.approvedStreets(run);
  return {
    id: run.id,
    month: run.month,
    divisionCode: run.division_code,
    status: run.status,
    stage: run.stage,
    streetsPending: run.status === 'computed' && run.stage === 'street' ? run.streets.filter((s) => !approved.has(s)) : [],
    attempt: run.attempt,
    progress: { phase: run.phase, done: run.done, total: run.total },
    stale: run.stale,
    totals: run.totals,
    budgets: run.budgets ?? [],
    approvals: approvals.map((a): RunApprovalView => ({
      round: a.round,
      stage: a.stage,
      decision: a.decision,
      department: a.actor.department,
      userId: a.actor.userId,
      divisionCodes: a.division_codes,
      reason: a.reason,
      comment: a.comment,
      at: a.at.toISOString(),
    })),
    returned: run.returned ?? null,
    createdAt: run.created_at.toISOString(),
    createdBy: { department: run.created_by.department, userId: run.created_by.userId },
    computedAt: run.computed_at?.toISOString() ?? null,
    postedAt: run.posted_at?.toISOString() ?? null,
  };
}
