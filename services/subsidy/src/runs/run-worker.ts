import { divisionPrefix, type JsonLogger, multiplyFen, withinDivision } from '@shanyu/common';
import { type RunBudgetView, type RunTotals, SubsidyEvt, type SubsidyRunCompletedData } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { yuan } from '../domain/format.js';
import { type Policy, versionsInForce } from '../policies/policy.js';
import { allPolicies } from '../policies/policy-store.js';
import { tables, updateReturning } from '../sql.js';
import { computeInstitutionMonth, type ComputedLine, type MonthInput } from './compute-lines.js';
import { type LineToWrite, writeLines } from './line-writer.js';
import { loadMonthInputs, monthDuplicates } from './month-data.js';
import type { RunRow } from './run-store.js';

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

  constructor(
    private readonly ds: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly logger: JsonLogger,
    private readonly options: RunWorkerOptions,
  ) {}

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
      const rows: { id: string }[] = await this.ds.query(
        `SELECT id FROM ${tables(this.ds).run} WHERE status = 'computing' AND (lease_until IS NULL OR lease_until < now()) ORDER BY created_at LIMIT 20`,
      );
      for (const row of rows) this.kick(row.id);
    } catch (e) {
      if (!this.stopped) this.logger.warn('run sweep failed', { err: (e as Error).message });
    }
  }

  private async claim(runId: string): Promise<RunRow | undefined> {
    const [row] = await updateReturning<RunRow>(this.ds,
      `UPDATE ${tables(this.ds).run} SET lease_owner = $2, lease_until = now() + ($3::int * interval '1 millisecond')
       WHERE id = $1 AND status = 'computing' AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2)
       RETURNING *`,
      [runId, this.options.owner, this.options.leaseMs],
    );
    return row;
  }

  /** Commits progress only while this worker still holds the run at the same attempt and phase. */
  private async guard(manager: EntityManager, run: RunRow, set: string, params: unknown[]): Promise<void> {
    const rows = await updateReturning(manager,
      `UPDATE ${tables(manager).run} SET ${set}, lease_until = now() + ($5::int * interval '1 millisecond')
       WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND phase = $4 AND status = 'computing' RETURNING id`,
      [run.id, run.attempt, this.options.owner, run.phase, this.options.leaseMs, ...params],
    );
    if (rows.length === 0) throw new LostLease(`run ${run.id} is no longer ours`);
  }

  private async process(runId: string): Promise<void> {
    let batch = 0;
    let duplicates: { month: string; attempt: number; map: Map<string, string[]> } | undefined;
    try {
      const policies = await allPolicies(this.ds);
      for (;;) {
        if (this.stopped) return;
        const run = await this.claim(runId);
        if (!run) return;
        try {
          if (run.phase === 'regular') {
            batch++;
            // The month's duplicate claims, once per attempt (a roster changed meanwhile marks the run stale).
            if (duplicates?.attempt !== run.attempt) duplicates = { month: run.month, attempt: run.attempt, map: await monthDuplicates(this.ds, run.month) };
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
      else this.logger.error('run work failed; another attempt resumes from the last committed batch when the lease expires', { runId, err: (e as Error).message });
    }
  }

  private async timed(run: RunRow, work: () => Promise<void>): Promise<void> {
    const started = performance.now();
    await work();
    this.logger.debug('run phase', { runId: run.id, phase: run.phase, ms: Math.round(performance.now() - started) });
  }

  private async advance(run: RunRow, phase: string): Promise<void> {
    await this.ds.transaction((m) => this.guard(m, run, `phase = $6, cursor = NULL`, [phase]));
  }

  /** One batch of institutions (about batchSize children); false when none is left. */
  private async regularBatch(run: RunRow, policies: readonly Policy[], batch: number, duplicates: Map<string, string[]>): Promise<boolean> {
    const t = tables(this.ds);
    const candidates: { id: string; n: number }[] = await this.ds.query(
      `SELECT i.id, COALESCE(r.total, 0)::int AS n FROM ${t.institution} i
       LEFT JOIN ${t.roster} r ON r.institution_id = i.id AND r.month = $2 AND r.current
       WHERE i.division_code LIKE $1 AND ($3::uuid IS NULL OR i.id > $3::uuid)
       ORDER BY i.id LIMIT 2000`,
      [`${divisionPrefix(run.division_code)}%`, run.month, run.cursor],
    );
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
    const lap = (name: string, since: number) => { ms[name] = Math.round(performance.now() - since); return performance.now(); };
    let written = 0;
    await this.ds.transaction(async (manager) => {
      // The guard first: it locks the run row, so no other worker writes this batch meanwhile (COPY has no ON CONFLICT).
      await this.guard(manager, run, `cursor = $6, done = done + $7`, [ids.at(-1), children + ids.length]);
      let at = lap('select+guard', started);
      const inputs = await loadMonthInputs(manager, ids, run.month, policies, run.id, duplicates);
      at = lap('load', at);
      // Computed as COPY takes them: PostgreSQL parses one chunk while the next is computed.
      written = await writeLines(manager, run.id, regularLines(inputs));
      at = lap('compute+write', at);
      await this.options.afterBatch?.(run.id, batch);
      lap('commit', at);
    });
    this.logger.debug('run batch', { runId: run.id, batch, institutions: ids.length, children, lines: written, ms: { ...ms, total: Math.round(performance.now() - started) } });
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
      const t = tables(manager);
      const requests = await updateReturning<{ institution_id: string; month: string; reason: string }>(manager,
        `UPDATE ${t.recalc} SET consumed_by_run = $1
         WHERE consumed_by_run IS NULL AND month < $2 AND institution_id IN (SELECT id FROM ${t.institution} WHERE division_code LIKE $3)
         RETURNING institution_id, month, reason`,
        [run.id, run.month, `${divisionPrefix(run.division_code)}%`],
      );
      const pairs = new Map<string, { institutionId: string; month: string; reasons: string[] }>();
      for (const r of requests) {
        const key = `${r.month}|${r.institution_id}`;
        const pair = pairs.get(key) ?? { institutionId: r.institution_id, month: r.month, reasons: [] };
        if (!pair.reasons.includes(r.reason)) pair.reasons.push(r.reason);
        pairs.set(key, pair);
      }
      const lines: LineToWrite[] = [];
      for (const key of [...pairs.keys()].sort()) lines.push(...(await this.adjustmentsFor(manager, run, pairs.get(key)!, policies)));
      await writeLines(manager, run.id, lines);
      await this.guard(manager, run, `phase = 'budget', done = done + $6, total = total + $6`, [pairs.size]);
    });
  }

  private async adjustmentsFor(manager: EntityManager, run: RunRow, pair: { institutionId: string; month: string; reasons: string[] }, policies: readonly Policy[]): Promise<LineToWrite[]> {
    const t = tables(manager);
    const [input] = await loadMonthInputs(manager, [pair.institutionId], pair.month, policies, run.id);
    if (!input) return [];
    // The share of a capped budget the month's posted run paid is applied again.
    const postedRuns: { division_code: string; budgets: RunBudgetView[] }[] = await manager.query(
      `SELECT division_code, budgets FROM ${t.run} WHERE month = $1 AND status = 'posted'`, [pair.month],
    );
    const budgets = postedRuns.filter((r) => withinDivision(r.division_code, input.institution.divisionCode)).flatMap((r) => r.budgets);
    const recomputed = new Map<string, ComputedLine>();
    for (const line of computeInstitutionMonth(input)) {
      const budget = line.budgetKey ? budgets.find((b) => `${b.policyVersion.split('/')[0]}|${b.year}` === line.budgetKey && b.capped) : undefined;
      if (budget && line.status === 'payable') line.amountFen = multiplyFen(line.amountFen, budget.grantedFen, budget.requestedFen);
      recomputed.set(line.origKey, line);
    }
    const previous: {
      orig_key: string; paid: string; original_id: string | null; institution_name: string; division_code: string; child_key: string | null; roster_line_no: number | null;
      policy_key: string; policy_version: string; rule_id: string; rule_kind: string; rule_title: string; budget_key: string | null;
    }[] = await manager.query(
      `SELECT l.orig_key, sum(l.amount_fen)::text AS paid,
         (array_agg(l.id ORDER BY r.posted_at DESC) FILTER (WHERE l.kind = 'regular' AND r.status = 'posted'))[1] AS original_id,
         min(l.institution_name) AS institution_name, min(l.division_code) AS division_code, min(l.child_key) AS child_key, min(l.roster_line_no) AS roster_line_no,
         min(l.policy_key) AS policy_key, min(l.policy_version) AS policy_version, min(l.rule_id) AS rule_id, min(l.rule_kind) AS rule_kind,
         min(l.rule_title) AS rule_title, min(l.budget_key) AS budget_key
       FROM ${t.line} l JOIN ${t.run} r ON r.id = l.run_id
       WHERE l.institution_id = $1 AND l.period = $2 AND r.status <> 'returned' AND l.run_id <> $3
       GROUP BY l.orig_key`,
      [pair.institutionId, pair.month, run.id],
    );
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
        lineKey: `adj|${key}`, origKey: key, kind: 'adjustment', period: pair.month, institutionId: pair.institutionId,
        institutionName: now?.institutionName ?? was!.institution_name, divisionCode: now?.divisionCode ?? was!.division_code,
        childKey: now?.childKey ?? was!.child_key, rosterLineNo: now?.rosterLineNo ?? was!.roster_line_no,
        policyKey: now?.policyKey ?? was!.policy_key, policyVersion: now?.policyVersion ?? was!.policy_version, ruleId: now?.ruleId ?? was!.rule_id,
        ruleKind: (now?.ruleKind ?? was!.rule_kind) as LineToWrite['ruleKind'], ruleTitle: title,
        status: 'payable', baseFen: diff, amountFen: diff, reasonCode: 'ADJUSTMENT', budgetKey: now?.budgetKey ?? was?.budget_key ?? null,
        explanation: `更正 ${pair.month}：${title}已发 ${yuan(paid)}，按更正后的数据重算应发 ${yuan(due)}（${reasons}），本次${direction}。重算：${detail}`,
        inputs: { correctedMonth: pair.month, paidFen: paid, dueFen: due, reasons: pair.reasons, recomputedStatus: now?.status ?? null, recomputed: now?.inputs ?? null },
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
      const t = tables(manager);
      const asked: { budget_key: string; requested: string; policy_version: string }[] = await manager.query(
        `SELECT budget_key, sum(base_fen)::text AS requested, min(policy_version) AS policy_version FROM ${t.line}
         WHERE run_id = $1 AND kind = 'regular' AND status = 'payable' AND budget_key IS NOT NULL GROUP BY budget_key ORDER BY budget_key`,
        [run.id],
      );
      const inForce = versionsInForce(policies.map((p) => ({ ...p, effectiveTo: p.effectiveTo ?? null })), run.month);
      const views: RunBudgetView[] = [];
      for (const row of asked) {
        const [policyKey, year] = row.budget_key.split('|') as [string, string];
        const policy = inForce.find((p) => p.policyKey === policyKey);
        if (!policy?.budget) continue;
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`subsidy-budget:${row.budget_key}`]);
        const [{ committed }]: { committed: string }[] = await manager.query(
          `SELECT coalesce(sum(l.amount_fen), 0)::text AS committed FROM ${t.line} l JOIN ${t.run} r ON r.id = l.run_id
           WHERE l.budget_key = $1 AND l.run_id <> $2 AND r.status <> 'returned'`,
          [row.budget_key, run.id],
        );
        const requested = Number(row.requested);
        const left = Math.max(0, policy.budget.annualCapFen - Number(committed));
        const capped = requested > left;
        if (capped) await applyCap(manager, run.id, row.budget_key, left, requested, policy.budget.annualCapFen);
        views.push({
          policyVersion: policy.version, year: Number(year), rules: policy.budget.rules, annualCapFen: policy.budget.annualCapFen, committedBeforeFen: Number(committed),
          requestedFen: requested, grantedFen: capped ? left : requested, capped, source: policy.budget.source,
        });
      }
      await this.guard(manager, run, `phase = 'finalize', budgets = $6::jsonb`, [JSON.stringify(views)]);
    });
  }

  private async finalize(run: RunRow): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      const t = tables(tx.manager);
      const [s]: Record<string, string>[] = await tx.manager.query(
        `SELECT count(*) AS lines, count(*) FILTER (WHERE status = 'payable') AS payable_lines, count(*) FILTER (WHERE status = 'ineligible') AS ineligible_lines,
           count(*) FILTER (WHERE status = 'held') AS held_lines, count(*) FILTER (WHERE kind = 'adjustment') AS adjustment_lines,
           count(DISTINCT institution_id) AS institutions, count(DISTINCT child_key) FILTER (WHERE kind = 'regular') AS children,
           coalesce(sum(amount_fen) FILTER (WHERE status = 'payable'), 0) AS payable_fen, coalesce(sum(base_fen) FILTER (WHERE status = 'held'), 0) AS held_fen,
           coalesce(sum(amount_fen) FILTER (WHERE kind = 'adjustment'), 0) AS adjustment_fen, coalesce(sum(base_fen - amount_fen) FILTER (WHERE capped), 0) AS capped_away_fen
         FROM ${t.line} WHERE run_id = $1`,
        [run.id],
      );
      const totals: RunTotals = {
        lines: Number(s!.lines), payableLines: Number(s!.payable_lines), ineligibleLines: Number(s!.ineligible_lines), heldLines: Number(s!.held_lines),
        adjustmentLines: Number(s!.adjustment_lines), institutions: Number(s!.institutions), children: Number(s!.children), payableFen: Number(s!.payable_fen),
        heldFen: Number(s!.held_fen), adjustmentFen: Number(s!.adjustment_fen), cappedAwayFen: Number(s!.capped_away_fen),
      };
      const streets: string[] = (await tx.manager.query(`SELECT DISTINCT division_code FROM ${t.line} WHERE run_id = $1 ORDER BY 1`, [run.id]))
        .map((r: { division_code: string }) => r.division_code);
      const rows = await updateReturning(tx.manager,
        `UPDATE ${t.run} SET status = 'computed', phase = 'done', stage = $5, streets = $6::text[], totals = $7::jsonb, computed_at = now(), lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND phase = $4 AND status = 'computing' RETURNING id`,
        [run.id, run.attempt, this.options.owner, run.phase, streets.length ? 'street' : 'health', streets, JSON.stringify(totals)],
      );
      if (rows.length === 0) throw new LostLease(`run ${run.id} is no longer ours`);
      const data: SubsidyRunCompletedData = { runId: run.id, month: run.month, divisionCode: run.division_code, attempt: run.attempt, totals };
      await tx.publish(SubsidyEvt.runCompleted, { actor: run.created_by, entityId: run.id, data });
      await tx.audit({ actor: run.created_by, action: 'run.computed', entity: 'subsidy_run', entityId: run.id, after: { attempt: run.attempt, totals, budgets: run.budgets } });
    });
    this.logger.info('subsidy run computed', { runId: run.id, month: run.month, divisionCode: run.division_code, attempt: run.attempt });
  }
}

/** The regular lines of a batch's institutions, computed one institution at a time as COPY takes them. */
function* regularLines(inputs: readonly MonthInput[]): Generator<LineToWrite> {
  for (const input of inputs) for (const l of computeInstitutionMonth(input)) yield Object.assign(l, { kind: 'regular' as const, adjustsLineId: null });
}

/**
 * The budget rule in SQL: each capped line gets floor(base × left / requested); the fen still
 * missing go one each to the largest remainders, ties by line key (byte order, as in
 * allocateLargestRemainder), so the lines sum exactly to `left`.
 */
async function applyCap(manager: EntityManager, runId: string, budgetKey: string, left: number, requested: number, cap: number): Promise<void> {
  const t = tables(manager);
  await manager.query(
    `WITH capped AS (
       SELECT line_key, base_fen, (base_fen::numeric * $3::numeric) AS product
       FROM ${t.line} WHERE run_id = $1 AND budget_key = $2 AND kind = 'regular' AND status = 'payable'
     ), shares AS (
       SELECT line_key, base_fen, floor(product / $4::numeric)::bigint AS share, mod(product, $4::numeric) AS remainder FROM capped
     ), ranked AS (
       SELECT line_key, base_fen, share + CASE WHEN row_number() OVER (ORDER BY remainder DESC, line_key COLLATE "C") <= $3::bigint - (SELECT sum(share) FROM shares) THEN 1 ELSE 0 END AS amount
       FROM shares
     )
     UPDATE ${t.line} l SET amount_fen = ranked.amount, capped = true,
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
