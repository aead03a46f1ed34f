import { type JsonLogger, multiplyFen, withinDivision } from '@shanyu/common';
import { type RunBudgetView, SubsidyEvt, type SubsidyRunCompletedData } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { yuan } from '../domain/format.js';
import { type Policy, versionsInForce } from '../policies/policy.js';
import { PolicyRepository } from '../policies/policy.repository.js';
import { computeInstitutionMonth, type ComputedLine, type MonthInput } from './compute-lines.js';
import type { LineToWrite } from './line-writer.js';
import { loadMonthInputs } from './month-data.js';
import { MonthDataRepository } from './month-data.repository.js';
import { RunLineRepository } from './run-line.repository.js';
import { type RunLease, RunRepository, type RunRow } from './run.repository.js';

export interface RunWorkerOptions {
  /** Roster entries (children) per batch transaction. */
  batchSize: number;
  /** How long a claim on a run lasts without renewal. */
  leaseMs: number;
  /** This instance's name in the lease. */
  owner: string;
  /** Test hook, called inside each batch transaction after its lines are written: a throw is a crash mid-run. */
  afterBatch?: (runId: string, batch: number) => void | Promise<void>;
}

/** The run was taken over, reset or finished elsewhere: this worker stops without writing. */
class LostLease extends Error {
  override name = 'LostLease';
}

/**
 * Computes runs in the background, resumably. A run is a state machine: phase `regular`
 * (institutions in id order, a batch of about `batchSize` children per transaction, the cursor
 * and the progress committed with the batch's lines), then `adjustments` (corrections of months
 * already posted), `budget` (the annual caps), `finalize` (totals, `computed`). Whoever holds
 * the lease works on it; a crashed worker's lease runs out and any instance resumes from the
 * last committed batch. Line keys are unique per run, so nothing is ever written twice, and the
 * lines do not depend on how the work was cut into batches.
 */
export class RunWorker {
  private readonly active = new Map<string, Promise<void>>();
  private stopped = false;
  private readonly lease: RunLease;

  constructor(
    private readonly ds: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly logger: JsonLogger,
    private readonly options: RunWorkerOptions,
  ) {
    this.lease = { owner: options.owner, leaseMs: options.leaseMs };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.active.values()]);
  }

  kick(runId: string): void {
    if (this.stopped || this.active.has(runId)) return;
    const work = this.process(runId).finally(() => this.active.delete(runId));
    this.active.set(runId, work);
  }

  /** Waits for the work on a run in this instance (tests and tools). */
  async settled(runId: string): Promise<void> {
    await this.active.get(runId);
  }

  /** Takes up runs left computing whose lease ran out (a crashed or stopped instance's). */
  async resumeExpired(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const id of await new RunRepository(this.ds.manager).expiredComputing()) this.kick(id);
    } catch (e) {
      if (!this.stopped) this.logger.warn('run sweep failed', { err: (e as Error).message });
    }
  }

  private claim(runId: string): Promise<RunRow | undefined> {
    return new RunRepository(this.ds.manager).claim(runId, this.lease);
  }

  /** Progress is committed only while this worker still holds the run at the same attempt and phase. */
  private assertHeld(run: RunRow, held: boolean): void {
    if (!held) throw new LostLease(`run ${run.id} is no longer ours`);
  }

  private async process(runId: string): Promise<void> {
    let batch = 0;
    let duplicates: { month: string; attempt: number; map: Map<string, string[]> } | undefined;
    try {
      const policies = await new PolicyRepository(this.ds.manager).documents();
      for (;;) {
        if (this.stopped) return;
        const run = await this.claim(runId);
        if (!run) return;
        try {
          if (run.phase === 'regular') {
            batch++;
            // The month's duplicate claims, once per attempt (a roster changed meanwhile marks the run stale).
            if (duplicates?.attempt !== run.attempt)
              duplicates = { month: run.month, attempt: run.attempt, map: await new MonthDataRepository(this.ds.manager).duplicateClaims(run.month) };
            if (!(await this.regularBatch(run, policies, batch, duplicates.map))) await this.advance(run, 'adjustments');
          } else if (run.phase === 'adjustments') {
            await this.timed(run, () => this.adjustments(run, policies));
          } else if (run.phase === 'budget') {
            await this.timed(run, () => this.budgets(run, policies));
          } else if (run.phase === 'finalize') {
            await this.timed(run, () => this.finalize(run));
            return;
          } else {
            throw new Error(`unknown run phase ${run.phase}`);
          }
        } catch (e) {
          // Reset for a recomputation meanwhile: claim it again (the claim fails if someone else holds it).
          if (!(e instanceof LostLease)) throw e;
        }
      }
    } catch (e) {
      if (e instanceof LostLease || this.stopped) this.logger.info('run work stopped', { runId, reason: (e as Error).message });
      else
        this.logger.error('run work failed; another attempt resumes from the last committed batch when the lease expires', {
          runId,
          err: (e as Error).message,
        });
    }
  }

  private async timed(run: RunRow, work: () => Promise<void>): Promise<void> {
    const started = performance.now();
    await work();
    this.logger.debug('run phase', { runId: run.id, phase: run.phase, ms: Math.round(performance.now() - started) });
  }

  private async advance(run: RunRow, phase: string): Promise<void> {
    await this.ds.transaction(async (m) => this.assertHeld(run, await new RunRepository(m).enterPhase(run, this.lease, phase)));
  }

  /** One batch of institutions (about batchSize children); false when none is left. */
  private async regularBatch(run: RunRow, policies: readonly Policy[], batch: number, duplicates: Map<string, string[]>): Promise<boolean> {
    const candidates = await new RunRepository(this.ds.manager).nextInstitutions(run.division_code, run.month, run.cursor);
    if (candidates.length === 0) return false;
    const ids: string[] = [];
    let children = 0;
    for (const c of candidates) {
      if (ids.length > 0 && children + c.n > this.options.batchSize) break;
      ids.push(c.id);
      children += c.n;
    }
    const started = performance.now();
    const ms: Record<string, number> = {};
    const lap = (name: string, since: number) => {
      ms[name] = Math.round(performance.now() - since);
      return performance.now();
    };
    let written = 0;
    await this.ds.transaction(async (manager) => {
      // The lease check first: it locks the run row, so no other worker writes this batch meanwhile (COPY has no ON CONFLICT).
      this.assertHeld(run, await new RunRepository(manager).advanceCursor(run, this.lease, ids.at(-1)!, children + ids.length));
      let at = lap('select+guard', started);
      const inputs = await loadMonthInputs(manager, ids, run.month, policies, run.id, duplicates);
      at = lap('load', at);
      // Computed as COPY takes them: PostgreSQL parses one chunk while the next is computed.
      written = await new RunLineRepository(manager).write(run.id, regularLines(inputs));
      at = lap('compute+write', at);
      await this.options.afterBatch?.(run.id, batch);
      lap('commit', at);
    });
    this.logger.debug('run batch', {
      runId: run.id,
      batch,
      institutions: ids.length,
      children,
      lines: written,
      ms: { ...ms, total: Math.round(performance.now() - started) },
    });
    return true;
  }

  /**
   * Months already posted whose facts changed (late or corrected rosters, facts dated inside
   * them): each institution-month is recomputed with the policy version of that month and the
   * cap share its run applied, compared with what was paid for each line, and every difference
   * becomes an adjustment line of this run linked to the line it corrects.
   */
  private async adjustments(run: RunRow, policies: readonly Policy[]): Promise<void> {
    await this.ds.transaction(async (manager) => {
      const runs = new RunRepository(manager);
      const requests = await runs.consumeRecalcRequests(run);
      const pairs = new Map<string, { institutionId: string; month: string; reasons: string[] }>();
      for (const r of requests) {
        const key = `${r.month}|${r.institution_id}`;
        const pair = pairs.get(key) ?? { institutionId: r.institution_id, month: r.month, reasons: [] };
        if (!pair.reasons.includes(r.reason)) pair.reasons.push(r.reason);
        pairs.set(key, pair);
      }
      const lines: LineToWrite[] = [];
      for (const key of [...pairs.keys()].sort()) lines.push(...(await this.adjustmentsFor(manager, run, pairs.get(key)!, policies)));
      await new RunLineRepository(manager).write(run.id, lines);
      this.assertHeld(run, await runs.finishAdjustments(run, this.lease, pairs.size));
    });
  }

  private async adjustmentsFor(
    manager: EntityManager,
    run: RunRow,
    pair: { institutionId: string; month: string; reasons: string[] },
    policies: readonly Policy[],
  ): Promise<LineToWrite[]> {
    const [input] = await loadMonthInputs(manager, [pair.institutionId], pair.month, policies, run.id);
    if (!input) return [];
    // The share of a capped budget the month's posted run paid is applied again.
    const postedRuns = await new RunRepository(manager).postedRuns(pair.month);
    const budgets = postedRuns.filter((r) => withinDivision(r.division_code, input.institution.divisionCode)).flatMap((r) => r.budgets);
    const recomputed = new Map<string, ComputedLine>();
    for (const line of computeInstitutionMonth(input)) {
      const budget = line.budgetKey ? budgets.find((b) => `${b.policyVersion.split('/')[0]}|${b.year}` === line.budgetKey && b.capped) : undefined;
      if (budget && line.status === 'payable') line.amountFen = multiplyFen(line.amountFen, budget.grantedFen, budget.requestedFen);
      recomputed.set(line.origKey, line);
    }
    const previous = await new RunLineRepository(manager).paidFor(pair.institutionId, pair.month, run.id);
    const before = new Map(previous.map((p) => [p.orig_key, p]));
    const reasons = pair.reasons.join('；');
    const out: LineToWrite[] = [];
    for (const key of [...new Set([...recomputed.keys(), ...before.keys()])].sort()) {
      const now = recomputed.get(key);
      const was = before.get(key);
      const paid = Number(was?.paid ?? 0);
      const due = now?.status === 'payable' ? now.amountFen : 0;
      const diff = due - paid;
      if (diff === 0) continue;
      const direction = diff > 0 ? `补发 ${yuan(diff)}` : `扣回 ${yuan(-diff)}`;
      const title = now?.ruleTitle ?? was!.rule_title;
      const detail = now ? now.explanation : '更正后的名册或事实中已无此项';
      out.push({
        lineKey: `adj|${key}`,
        origKey: key,
        kind: 'adjustment',
        period: pair.month,
        institutionId: pair.institutionId,
        institutionName: now?.institutionName ?? was!.institution_name,
        divisionCode: now?.divisionCode ?? was!.division_code,
        childKey: now?.childKey ?? was!.child_key,
        rosterLineNo: now?.rosterLineNo ?? was!.roster_line_no,
        policyKey: now?.policyKey ?? was!.policy_key,
        policyVersion: now?.policyVersion ?? was!.policy_version,
        ruleId: now?.ruleId ?? was!.rule_id,
        ruleKind: (now?.ruleKind ?? was!.rule_kind) as LineToWrite['ruleKind'],
        ruleTitle: title,
        status: 'payable',
        baseFen: diff,
        amountFen: diff,
        reasonCode: 'ADJUSTMENT',
        budgetKey: now?.budgetKey ?? was?.budget_key ?? null,
        explanation: `更正 ${pair.month}：${title}已发 ${yuan(paid)}，按更正后的数据重算应发 ${yuan(due)}（${reasons}），本次${direction}。重算：${detail}`,
        inputs: {
          correctedMonth: pair.month,
          paidFen: paid,
          dueFen: due,
          reasons: pair.reasons,
          recomputedStatus: now?.status ?? null,
          recomputed: now?.inputs ?? null,
        },
        adjustsLineId: was?.original_id ?? null,
      });
    }
    return out;
  }

  /**
   * Annual budget caps: for each capped policy and year, what is left after the other runs that
   * stand is shared pro rata among this run's capped lines, largest remainders first, so they sum
   * exactly to it (the rule `allocateLargestRemainder` specifies), in one statement.
   */
  private async budgets(run: RunRow, policies: readonly Policy[]): Promise<void> {
    await this.ds.transaction(async (manager) => {
      const runs = new RunRepository(manager);
      const lines = new RunLineRepository(manager);
      const asked = await lines.requestedByBudget(run.id);
      const inForce = versionsInForce(
        policies.map((p) => ({ ...p, effectiveTo: p.effectiveTo ?? null })),
        run.month,
      );
      const views: RunBudgetView[] = [];
      for (const row of asked) {
        const [policyKey, year] = row.budgetKey.split('|') as [string, string];
        const policy = inForce.find((p) => p.policyKey === policyKey);
        if (!policy?.budget) continue;
        await lines.lockBudget(row.budgetKey);
        const committed = await lines.committedToBudget(row.budgetKey, run.id);
        const requested = row.requestedFen;
        const left = Math.max(0, policy.budget.annualCapFen - committed);
        const capped = requested > left;
        if (capped) await lines.applyCap(run.id, row.budgetKey, left, requested, policy.budget.annualCapFen);
        views.push({
          policyVersion: policy.version,
          year: Number(year),
          rules: policy.budget.rules,
          annualCapFen: policy.budget.annualCapFen,
          committedBeforeFen: committed,
          requestedFen: requested,
          grantedFen: capped ? left : requested,
          capped,
          source: policy.budget.source,
        });
      }
      this.assertHeld(run, await runs.finishBudgets(run, this.lease, views));
    });
  }

  private async finalize(run: RunRow): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const lines = new RunLineRepository(tx.manager);
      const { totals, divisions: streets } = await lines.totals(run.id);
      this.assertHeld(run, await new RunRepository(tx.manager).complete(run, this.lease, streets.length ? 'street' : 'health', streets, totals));
      const data: SubsidyRunCompletedData = { runId: run.id, month: run.month, divisionCode: run.division_code, attempt: run.attempt, totals };
      await tx.publish(SubsidyEvt.runCompleted, { actor: run.created_by, entityId: run.id, data });
      await tx.audit({
        actor: run.created_by,
        action: 'run.computed',
        entity: 'subsidy_run',
        entityId: run.id,
        after: { attempt: run.attempt, totals, budgets: run.budgets },
      });
    });
    this.logger.info('subsidy run computed', { runId: run.id, month: run.month, divisionCode: run.division_code, attempt: run.attempt });
  }
}

/** The regular lines of a batch's institutions, computed one institution at a time as COPY takes them. */
function* regularLines(inputs: readonly MonthInput[]): Generator<LineToWrite> {
  for (const input of inputs) for (const l of computeInstitutionMonth(input)) yield Object.assign(l, { kind: 'regular' as const, adjustsLineId: null });
}
