import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, shanghaiToday, withinDivision } from '@shanyu/common';
import type { RunView, StartRunRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { RunLineRepository } from './run-line.repository.js';
import type { RunWorker } from './run-worker.js';
import { runView } from './run-view.js';
import { RunRepository } from './run.repository.js';

/**
 * POST /subsidy/runs {month, divisionCode}: the district health bureau computes a month. A run
 * is one per division and month; computing it again (before it is posted) discards its lines and
 * approvals and computes them afresh — from the same inputs, the same lines with the same ids.
 * A posted run is never changed: corrections go into the next run as adjustments. The reply
 * comes at once; the work goes on in the background (progress on GET /subsidy/runs/:id).
 */
export class StartRun {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly access: SubsidyAccessPolicy,
    private readonly worker: RunWorker,
    private readonly now: () => Date,
  ) {}

  async execute(request: StartRunRequest, actor: Actor, requestId?: string): Promise<RunView> {
    this.access.assertDepartment(actor, ['health', 'admin'], '发起补助计算');
    this.access.assertCovers(actor, request.divisionCode);
    const thisMonth = shanghaiToday(this.now()).slice(0, 7);
    if (request.month > thisMonth) {
      throw new DomainError('SUBSIDY_RUN_MONTH_IN_FUTURE', `不能计算未来月份（${request.month}）的补助，本月为 ${thisMonth}`, [
        { field: 'month', code: 'SUBSIDY_RUN_MONTH_IN_FUTURE', message: `${request.month} 尚未到来` },
      ]);
    }
    const view = await this.unitOfWork.run(async (tx) => {
      const runs = new RunRepository(tx.manager);
      await runs.lockMonth(request.month);
      const sameMonth = await runs.ofMonthForUpdate(request.month);
      const overlap = sameMonth.find(
        (r) =>
          r.division_code !== request.divisionCode &&
          r.status !== 'returned' &&
          (withinDivision(r.division_code, request.divisionCode) || withinDivision(request.divisionCode, r.division_code)),
      );
      if (overlap) {
        throw new DomainError(
          'SUBSIDY_RUN_OVERLAP',
          `${request.month} 已有覆盖 ${overlap.division_code} 的补助计算（${overlap.id}），同一机构同一月份只能在一个批次中计算`,
        );
      }
      const existing = sameMonth.find((r) => r.division_code === request.divisionCode);
      if (existing?.status === 'posted') {
        throw new DomainError('SUBSIDY_RUN_POSTED', `${request.divisionCode} ${request.month} 的补助已入账，不能重算；更正将在下期计算中形成调整明细`);
      }
      const total = await runs.workTotal(request.divisionCode, request.month);
      let id: string;
      if (existing) {
        id = existing.id;
        await new RunLineRepository(tx.manager).deleteOfRun(id);
        await runs.releaseRecalcRequests(id);
        await runs.restart(id, total);
        await tx.audit({
          actor,
          action: 'run.recompute',
          entity: 'subsidy_run',
          entityId: id,
          before: { status: existing.status, attempt: existing.attempt, totals: existing.totals },
          requestId,
        });
      } else {
        id = randomUUID();
        await runs.insert({ id, divisionCode: request.divisionCode, month: request.month, total, createdBy: actor });
        await tx.audit({
          actor,
          action: 'run.start',
          entity: 'subsidy_run',
          entityId: id,
          after: { month: request.month, divisionCode: request.divisionCode },
          requestId,
        });
      }
      return runView(runs, await runs.byIdOrThrow(id));
    });
    this.worker.kick(view.id);
    return view;
  }
}
