import {
  type Actor,
  actorCoversDivision,
  departmentNotAllowed,
  divisionOutOfScope,
  divisionPrefix,
  DomainError,
  notOwnInstitution,
  scopePrefixes,
  withinDivision,
} from '@shanyu/common';
import type {
  LedgerEntryView,
  LedgerPage,
  LedgerQuery,
  ListRunsRequest,
  RunInstitutionTotalPage,
  RunLinePage,
  RunLinesRequest,
  RunLineView,
  RunRef,
  RunTotalsRequest,
  RunView,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { PolicyRepository } from '../policies/policy.repository.js';
import { LedgerRepository, type LedgerFilter } from './ledger.repository.js';
import { type LineRow, type LineScope, RunLineRepository } from './run-line.repository.js';
import { runView } from './run-view.js';
import { RunRepository, type RunRow } from './run.repository.js';

/** What of a run the caller may see: all of it, the streets in their area, or one institution of theirs. */
async function scopeOf(
  institutions: InstitutionRepository,
  access: SubsidyAccessPolicy,
  actor: Actor,
  run: RunRow,
  institutionId?: string,
): Promise<LineScope> {
  if (actor.department === 'operator') {
    if (!institutionId) throw notOwnInstitution();
    access.assertCanRead(actor, await institutions.byIdOrThrow(institutionId));
    return { all: false, institutionId };
  }
  access.assertDepartment(actor, ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'], '查看补助计算');
  if (actorCoversDivision(actor, run.division_code)) return { all: true };
  // A street office sees the lines of its streets in a district's run.
  const mine = actor.divisions.filter((d) => withinDivision(run.division_code, d));
  if (mine.length === 0) throw divisionOutOfScope(run.division_code);
  return { all: false, prefixes: mine.map(divisionPrefix) };
}

/** A query about one run, answered with what of it the caller may see. */
abstract class RunQuery {
  protected readonly runs: RunRepository;
  protected readonly lines: RunLineRepository;
  private readonly institutions: InstitutionRepository;

  constructor(
    ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {
    this.runs = new RunRepository(ds.manager);
    this.lines = new RunLineRepository(ds.manager);
    this.institutions = new InstitutionRepository(ds.manager);
  }

  /** The run and the caller's part of it (an operator's: the lines of `institutionId`, theirs). */
  protected async scoped(id: string, actor: Actor, institutionId?: string): Promise<{ run: RunRow; scope: LineScope }> {
    const run = await this.runs.byIdOrThrow(id);
    return { run, scope: await scopeOf(this.institutions, this.access, actor, run, institutionId) };
  }

  /** The run as a whole, which operators do not see. */
  protected async whole(id: string, actor: Actor): Promise<{ run: RunRow; scope: LineScope }> {
    const run = await this.runs.byIdOrThrow(id);
    if (actor.department === 'operator') throw departmentNotAllowed(actor, '查看整个补助计算（请按本机构查看补助明细）');
    return { run, scope: await scopeOf(this.institutions, this.access, actor, run) };
  }
}

export class GetRun extends RunQuery {
  async execute(request: RunRef, actor: Actor): Promise<RunView> {
    const { run } = await this.whole(request.id, actor);
    return runView(this.runs, run);
  }
}

export class ListRuns {
  private readonly runs: RunRepository;

  constructor(
    ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {
    this.runs = new RunRepository(ds.manager);
  }

  async execute(request: ListRunsRequest, actor: Actor): Promise<RunView[]> {
    this.access.assertDepartment(actor, ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'], '查看补助计算');
    const runs = await this.runs.list(request.month ?? null, request.status ?? null);
    const prefixes = scopePrefixes(actor);
    const visible = runs.filter(
      (r) =>
        (!request.divisionCode || withinDivision(request.divisionCode, r.division_code) || withinDivision(r.division_code, request.divisionCode)) &&
        (prefixes === null || actor.divisions.some((d) => withinDivision(d, r.division_code) || withinDivision(r.division_code, d))),
    );
    return Promise.all(visible.map((r) => runView(this.runs, r)));
  }
}

const toLine = (r: LineRow, sources: Map<string, string>): RunLineView => ({
  id: r.id,
  lineKey: r.line_key,
  kind: r.kind,
  period: r.period,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  divisionCode: r.division_code,
  childKey: r.child_key,
  rosterLineNo: r.roster_line_no,
  policyKey: r.policy_key,
  policyVersion: r.policy_version,
  ruleId: r.rule_id,
  ruleKind: r.rule_kind,
  ruleTitle: r.rule_title,
  ruleSource: sources.get(`${r.policy_version}#${r.rule_id}`) ?? '',
  status: r.status,
  baseFen: Number(r.base_fen),
  amountFen: Number(r.amount_fen),
  capped: r.capped,
  reasonCode: r.reason_code,
  explanation: r.explanation,
  inputs: r.inputs,
  adjustsLineId: r.adjusts_line_id,
});

/** Lines of a run in a stable order (institution, line key): pages by number or, for exports, by cursor. */
export class RunLines extends RunQuery {
  private readonly policies: PolicyRepository;

  constructor(ds: DataSource, access: SubsidyAccessPolicy) {
    super(ds, access);
    this.policies = new PolicyRepository(ds.manager);
  }

  async execute(request: RunLinesRequest, actor: Actor): Promise<RunLinePage> {
    const { run, scope } = await this.scoped(request.id, actor, request.institutionId);
    const filter = { institutionId: 'institutionId' in scope ? undefined : request.institutionId, status: request.status, kind: request.kind };
    const pageSize = request.pageSize ?? 100;
    const page = request.page ?? 1;
    let after: [string, string] | undefined;
    if (request.after) {
      const cut = request.after.indexOf('|');
      if (cut < 0) throw DomainError.validation([{ field: 'after', code: 'cursor', message: '分页游标无效' }]);
      after = [request.after.slice(0, cut), request.after.slice(cut + 1)];
    }
    const { total: n, rows } = await this.lines.page(run.id, scope, filter, pageSize, after ? 0 : (page - 1) * pageSize, after);
    const last = rows.at(-1);
    const sources = new Map((await this.policies.documents()).flatMap((p) => p.rules.map((rule) => [`${p.version}#${rule.id}`, rule.source] as const)));
    return {
      items: rows.map((r) => toLine(r, sources)),
      total: n,
      page: request.after ? 1 : page,
      pageSize,
      nextCursor: rows.length === pageSize && last ? `${last.institution_id}|${last.line_key}` : null,
    };
  }
}

/** Per-institution totals of a run, for finance and the export. */
export class RunTotalsQuery extends RunQuery {
  async execute(request: RunTotalsRequest, actor: Actor): Promise<RunInstitutionTotalPage> {
    const { run, scope } = await this.whole(request.id, actor);
    const pageSize = request.pageSize ?? 200;
    const page = request.page ?? 1;
    const { total, rows } = await this.lines.institutionTotals(run.id, scope, page, pageSize);
    return { items: rows, total, page, pageSize };
  }
}

/** The payment ledger: what each posted run pays each institution. */
export class ListLedger {
  private readonly ledger: LedgerRepository;

  constructor(
    ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {
    this.ledger = new LedgerRepository(ds.manager);
  }

  async execute(request: LedgerQuery, actor: Actor): Promise<LedgerPage> {
    const filter: LedgerFilter = {};
    if (actor.department === 'operator') {
      filter.ownerUserId = actor.userId;
    } else {
      this.access.assertDepartment(actor, ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'], '查看补助台账');
      const prefixes = scopePrefixes(actor);
      if (prefixes) filter.divisionPrefixes = prefixes;
    }
    filter.institutionId = request.institutionId;
    if (request.divisionCode) filter.divisionPrefix = divisionPrefix(request.divisionCode);
    filter.month = request.month;
    const pageSize = request.pageSize ?? 100;
    const page = request.page ?? 1;
    const { total: n, rows } = await this.ledger.page(filter, page, pageSize);
    return {
      items: rows.map((r): LedgerEntryView => ({
        id: r.id,
        runId: r.run_id,
        month: r.month,
        institutionId: r.institution_id,
        institutionName: r.institution_name,
        divisionCode: r.division_code,
        amountFen: Number(r.amount_fen),
        lines: r.lines,
        postedAt: r.posted_at.toISOString(),
        postedBy: r.posted_by,
      })),
      total: n,
      page,
      pageSize,
    };
  }
}
