import { type Actor, actorCoversDivision, departmentName, DomainError } from '@shanyu/common';
import {
  APPROVAL_STAGE_LABELS,
  type ApprovalStage,
  type ApproveRunRequest,
  type RunView,
  SubsidyEvt,
  type SubsidyRunApprovedData,
  type SubsidyRunReturnedData,
} from '@shanyu/contracts';
import type { Transaction, UnitOfWork } from '@shanyu/messaging';
import { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { LedgerRepository } from './ledger.repository.js';
import { runView } from './run-view.js';
import { RunRepository, type RunRow } from './run.repository.js';

const NEXT: Record<ApprovalStage, ApprovalStage | null> = { street: 'health', health: 'finance', finance: null };

/**
 * 审核: street office (镇街, for the streets in its area) → district health (卫健) → finance
 * (财政), each in its own divisions. A rejection sends the run back with the reason (it is
 * recomputed and goes through all three again). Finance's approval posts the run: one ledger
 * entry per institution, in the same transaction; approving a posted run again changes nothing.
 */
export class ApproveRun {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(request: ApproveRunRequest, actor: Actor, requestId?: string): Promise<RunView> {
    this.access.assertDepartment(actor, SubsidyAccessPolicy.APPROVERS, '审核补助');
    return this.unitOfWork.run(async (tx) => {
      const runs = new RunRepository(tx.manager);
      const run = await runs.byIdOrThrow(request.id, true);
      if (run.status === 'posted') {
        // Idempotent: finance posting again (a retry, a double click) changes nothing.
        if (actor.department === 'finance' && request.decision === 'approve' && actorCoversDivision(actor, run.division_code)) return runView(runs, run);
        throw new DomainError('SUBSIDY_RUN_POSTED', `${run.division_code} ${run.month} 的补助已入账，不能再审核`);
      }
      if (run.status !== 'computed') {
        throw new DomainError(
          'SUBSIDY_RUN_NOT_READY',
          run.status === 'computing' ? '补助尚在计算中，请稍后审核' : `补助已退回（${run.returned?.reason ?? ''}），请重新计算后再审核`,
        );
      }
      const stage = run.stage!;
      if (actor.department !== stage) {
        throw new DomainError(
          'SUBSIDY_APPROVAL_WRONG_STAGE',
          `当前待${APPROVAL_STAGE_LABELS[stage]}，${departmentName(actor.department)}暂不能审核（顺序：镇街 → 卫生健康部门 → 财政部门）`,
        );
      }
      let covered: string[];
      if (stage === 'street') {
        const approved = await runs.approvedStreets(run);
        covered = run.streets.filter((s) => !approved.has(s) && actorCoversDivision(actor, s));
        if (covered.length === 0) {
          const pending = run.streets.filter((s) => !approved.has(s));
          throw new DomainError('DIVISION_OUT_OF_SCOPE', `待审核的街道（${pending.join('、')}）不在您的管辖范围内`);
        }
      } else {
        this.access.assertCovers(actor, run.division_code);
        covered = [run.division_code];
      }
      if (request.decision === 'approve' && run.stale) {
        throw new DomainError('SUBSIDY_RUN_STALE', '计算后名册或机构情况已有变化，请重新计算后再审核');
      }
      await runs.insertApproval({
        runId: run.id,
        round: run.attempt,
        stage,
        decision: request.decision,
        divisionCodes: covered,
        actor,
        reason: request.reason ?? null,
        comment: request.comment ?? null,
      });
      if (request.decision === 'reject') return this.reject(tx, runs, run, stage, request.reason!, actor, requestId);
      if (stage === 'street') {
        const approved = await runs.approvedStreets(run);
        if (run.streets.some((s) => !approved.has(s))) {
          await tx.audit({
            actor,
            action: 'run.approve.street',
            entity: 'subsidy_run',
            entityId: run.id,
            after: { streets: covered },
            reason: request.comment ?? null,
            requestId,
          });
          return runView(runs, run);
        }
      }
      return NEXT[stage] ? this.advance(tx, runs, run, stage, actor, request.comment, requestId) : this.post(tx, runs, run, actor, request.comment, requestId);
    });
  }

  private async advance(
    tx: Transaction,
    runs: RunRepository,
    run: RunRow,
    stage: ApprovalStage,
    actor: Actor,
    comment: string | undefined,
    requestId?: string,
  ): Promise<RunView> {
    const next = NEXT[stage]!;
    await runs.setStage(run.id, next);
    const data: SubsidyRunApprovedData = {
      runId: run.id,
      month: run.month,
      divisionCode: run.division_code,
      stage,
      nextStage: next,
      posted: false,
      payableFen: run.totals?.payableFen ?? 0,
      institutions: [],
    };
    await tx.publish(SubsidyEvt.runApproved, { actor, entityId: run.id, data });
    await tx.audit({
      actor,
      action: `run.approve.${stage}`,
      entity: 'subsidy_run',
      entityId: run.id,
      before: { stage },
      after: { stage: next },
      reason: comment ?? null,
      requestId,
    });
    return runView(runs, await runs.byIdOrThrow(run.id));
  }

  /** Finance: the run is posted to the ledger, one entry per institution (net of adjustments). */
  private async post(tx: Transaction, runs: RunRepository, run: RunRow, actor: Actor, comment: string | undefined, requestId?: string): Promise<RunView> {
    const ledger = new LedgerRepository(tx.manager);
    await ledger.post(run.id, run.month, { department: actor.department, userId: actor.userId });
    await runs.markPosted(run.id);
    const institutions = await ledger.ofRun(run.id);
    const data: SubsidyRunApprovedData = {
      runId: run.id,
      month: run.month,
      divisionCode: run.division_code,
      stage: 'finance',
      nextStage: null,
      posted: true,
      payableFen: institutions.reduce((s, i) => s + i.amountFen, 0),
      institutions,
    };
    await tx.publish(SubsidyEvt.runApproved, { actor, entityId: run.id, data });
    await tx.audit({
      actor,
      action: 'run.post',
      entity: 'subsidy_run',
      entityId: run.id,
      before: { status: 'computed' },
      after: { status: 'posted', ledger: institutions },
      reason: comment ?? null,
      requestId,
    });
    return runView(runs, await runs.byIdOrThrow(run.id));
  }

  private async reject(
    tx: Transaction,
    runs: RunRepository,
    run: RunRow,
    stage: ApprovalStage,
    reason: string,
    actor: Actor,
    requestId?: string,
  ): Promise<RunView> {
    const returned = { stage, reason, by: { department: actor.department, userId: actor.userId }, at: new Date().toISOString() };
    await runs.markReturned(run.id, returned);
    // Corrections this run had taken up wait for the next run that stands.
    await runs.releaseRecalcRequests(run.id);
    const data: SubsidyRunReturnedData = { runId: run.id, month: run.month, divisionCode: run.division_code, stage, reason };
    await tx.publish(SubsidyEvt.runReturned, { actor, entityId: run.id, data });
    await tx.audit({
      actor,
      action: `run.reject.${stage}`,
      entity: 'subsidy_run',
      entityId: run.id,
      before: { status: 'computed', stage },
      after: { status: 'returned' },
      reason,
      requestId,
    });
    return runView(runs, await runs.byIdOrThrow(run.id));
  }
}
