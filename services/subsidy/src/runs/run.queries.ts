import { type Actor, actorCoversDivision, departmentNotAllowed, divisionOutOfScope, divisionPrefix, DomainError, notOwnInstitution, scopePrefixes, withinDivision } from '@shanyu/common';
import type {
  LedgerEntryView, LedgerPage, LedgerQuery, ListRunsRequest, RunInstitutionTotalPage, RunLinePage, RunLinesRequest, RunLineView, RunRef, RunTotalsRequest, RunView,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { allPolicies } from '../policies/policy-store.js';
import { institutionOrThrow } from '../rosters/institutions.js';
import { tables } from '../sql.js';
import { runOrThrow, runView, type RunRow } from './run-store.js';

/** What of a run the caller may see: all of it, the streets in their area, or one institution of theirs. */
type Scope = { all: true } | { all: false; prefixes: string[] } | { all: false; institutionId: string };

async function scopeOf(ds: DataSource, access: SubsidyAccessPolicy, actor: Actor, run: RunRow, institutionId?: string): Promise<Scope> {
  if (actor.department === 'operator') {
    if (!institutionId) throw notOwnInstitution();
    access.assertCanRead(actor, await institutionOrThrow(ds, institutionId));
    return { all: false, institutionId };
  }
  access.assertDepartment(actor, ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'], '查看补助计算');
  if (actorCoversDivision(actor, run.division_code)) return { all: true };
  // A street office sees the lines of its streets in a district's run.
  const mine = actor.divisions.filter((d) => withinDivision(run.division_code, d));
  if (mine.length === 0) throw divisionOutOfScope(run.division_code);
  return { all: false, prefixes: mine.map(divisionPrefix) };
}

function scopeSql(scope: Scope, params: unknown[]): string {
  if (scope.all) return '';
  if ('institutionId' in scope) {
    params.push(scope.institutionId);
    return ` AND institution_id = $${params.length}`;
  }
  params.push(scope.prefixes.map((p) => `${p}%`));
  return ` AND division_code LIKE ANY($${params.length}::text[])`;
}

export class GetRun {
  constructor(
    private readonly ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(request: RunRef, actor: Actor): Promise<RunView> {
    const run = await runOrThrow(this.ds, request.id);
    if (actor.department === 'operator') throw departmentNotAllowed(actor, '查看整个补助计算（请按本机构查看补助明细）');
    await scopeOf(this.ds, this.access, actor, run);
    return runView(this.ds, run);
  }
}

export class ListRuns {
  constructor(
    private readonly ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(request: ListRunsRequest, actor: Actor): Promise<RunView[]> {
    this.access.assertDepartment(actor, ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'], '查看补助计算');
    const runs: RunRow[] = await this.ds.query(
      `SELECT * FROM ${tables(this.ds).run} WHERE ($1::text IS NULL OR month = $1) AND ($2::text IS NULL OR status = $2) ORDER BY month DESC, division_code LIMIT 500`,
      [request.month ?? null, request.status ?? null],
    );
    const prefixes = scopePrefixes(actor);
    const visible = runs.filter((r) =>
      (!request.divisionCode || withinDivision(request.divisionCode, r.division_code) || withinDivision(r.division_code, request.divisionCode))
      && (prefixes === null || actor.divisions.some((d) => withinDivision(d, r.division_code) || withinDivision(r.division_code, d))));
    return Promise.all(visible.map((r) => runView(this.ds, r)));
  }
}

interface LineRow {
  id: string; line_key: string; kind: RunLineView['kind']; period: string; institution_id: string; institution_name: string; division_code: string;
  child_key: string | null; roster_line_no: number | null; policy_key: string; policy_version: string; rule_id: string; rule_kind: RunLineView['ruleKind'];
  rule_title: string; status: RunLineView['status']; base_fen: string; amount_fen: string; capped: boolean; reason_code: string | null; explanation: string;
  inputs: Record<string, unknown>; adjusts_line_id: string | null;
}

const toLine = (r: LineRow, sources: Map<string, string>): RunLineView => ({
  id: r.id, lineKey: r.line_key, kind: r.kind, period: r.period, institutionId: r.institution_id, institutionName: r.institution_name, divisionCode: r.division_code,
  childKey: r.child_key, rosterLineNo: r.roster_line_no, policyKey: r.policy_key, policyVersion: r.policy_version, ruleId: r.rule_id, ruleKind: r.rule_kind,
  ruleTitle: r.rule_title, ruleSource: sources.get(`${r.policy_version}#${r.rule_id}`) ?? '', status: r.status, baseFen: Number(r.base_fen), amountFen: Number(r.amount_fen), capped: r.capped, reasonCode: r.reason_code,
  explanation: r.explanation, inputs: r.inputs, adjustsLineId: r.adjusts_line_id,
});

/** Lines of a run in a stable order (institution, line key): pages by number or, for exports, by cursor. */
export class RunLines {
  constructor(
    private readonly ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(request: RunLinesRequest, actor: Actor): Promise<RunLinePage> {
    const run = await runOrThrow(this.ds, request.id);
    const scope = await scopeOf(this.ds, this.access, actor, run, request.institutionId);
    const params: unknown[] = [run.id];
    let where = `run_id = $1${scopeSql(scope, params)}`;
    if (request.institutionId && !('institutionId' in scope)) { params.push(request.institutionId); where += ` AND institution_id = $${params.length}`; }
    if (request.status) { params.push(request.status); where += ` AND status = $${params.length}`; }
    if (request.kind) { params.push(request.kind); where += ` AND kind = $${params.length}`; }
    const t = tables(this.ds);
    const [{ n }]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM ${t.line} WHERE ${where}`, params);
    const pageSize = request.pageSize ?? 100;
    const page = request.page ?? 1;
    const listParams = [...params];
    let listWhere = where;
    let offset = (page - 1) * pageSize;
    if (request.after) {
      const cut = request.after.indexOf('|');
      if (cut < 0) throw DomainError.validation([{ field: 'after', code: 'cursor', message: '分页游标无效' }]);
      listParams.push(request.after.slice(0, cut), request.after.slice(cut + 1));
      listWhere += ` AND (institution_id, line_key) > ($${listParams.length - 1}::uuid, $${listParams.length})`;
      offset = 0;
    }
    listParams.push(pageSize, offset);
    const rows: LineRow[] = await this.ds.query(
      `SELECT id, line_key, kind, period, institution_id, institution_name, division_code, child_key, roster_line_no, policy_key, policy_version, rule_id, rule_kind,
         rule_title, status, base_fen::text, amount_fen::text, capped, reason_code, explanation, inputs, adjusts_line_id
       FROM ${t.line} WHERE ${listWhere} ORDER BY institution_id, line_key LIMIT $${listParams.length - 1} OFFSET $${listParams.length}`,
      listParams,
    );
    const last = rows.at(-1);
    const sources = new Map((await allPolicies(this.ds)).flatMap((p) => p.rules.map((rule) => [`${p.version}#${rule.id}`, rule.source] as const)));
    return {
      items: rows.map((r) => toLine(r, sources)), total: n, page: request.after ? 1 : page, pageSize,
      nextCursor: rows.length === pageSize && last ? `${last.institution_id}|${last.line_key}` : null,
    };
  }
}

/** Per-institution totals of a run, for finance and the export. */
export class RunTotalsQuery {
  constructor(
    private readonly ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(request: RunTotalsRequest, actor: Actor): Promise<RunInstitutionTotalPage> {
    const run = await runOrThrow(this.ds, request.id);
    if (actor.department === 'operator') throw departmentNotAllowed(actor, '查看整个补助计算（请按本机构查看补助明细）');
    const scope = await scopeOf(this.ds, this.access, actor, run);
    const params: unknown[] = [run.id];
    const where = `run_id = $1${scopeSql(scope, params)}`;
    const t = tables(this.ds);
    const [{ n }]: { n: number }[] = await this.ds.query(`SELECT count(DISTINCT institution_id)::int AS n FROM ${t.line} WHERE ${where}`, params);
    const pageSize = request.pageSize ?? 200;
    const page = request.page ?? 1;
    const rows: Record<string, string>[] = await this.ds.query(
      `SELECT institution_id, min(institution_name) AS institution_name, min(division_code) AS division_code, count(*) AS lines,
         count(DISTINCT child_key) FILTER (WHERE kind = 'regular') AS children,
         coalesce(sum(amount_fen) FILTER (WHERE status = 'payable'), 0) AS payable_fen, coalesce(sum(amount_fen) FILTER (WHERE kind = 'adjustment'), 0) AS adjustment_fen,
         count(*) FILTER (WHERE status = 'held') AS held_lines, count(*) FILTER (WHERE status = 'ineligible') AS ineligible_lines
       FROM ${t.line} WHERE ${where} GROUP BY institution_id ORDER BY institution_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((r) => ({
        institutionId: r.institution_id!, institutionName: r.institution_name!, divisionCode: r.division_code!, lines: Number(r.lines), children: Number(r.children),
        payableFen: Number(r.payable_fen), adjustmentFen: Number(r.adjustment_fen), heldLines: Number(r.held_lines), ineligibleLines: Number(r.ineligible_lines),
      })),
      total: n, page, pageSize,
    };
  }
}

/** The payment ledger: what each posted run pays each institution. */
export class ListLedger {
  constructor(
    private readonly ds: DataSource,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(request: LedgerQuery, actor: Actor): Promise<LedgerPage> {
    const t = tables(this.ds);
    const params: unknown[] = [];
    const where: string[] = [];
    if (actor.department === 'operator') {
      params.push(actor.userId);
      where.push(`e.institution_id IN (SELECT id FROM ${t.institution} WHERE owner_user_id = $${params.length})`);
    } else {
      this.access.assertDepartment(actor, ['health', 'street', 'finance', 'civil', 'education', 'market', 'admin'], '查看补助台账');
      const prefixes = scopePrefixes(actor);
      if (prefixes) { params.push(prefixes.map((p) => `${p}%`)); where.push(`e.division_code LIKE ANY($${params.length}::text[])`); }
    }
    if (request.institutionId) { params.push(request.institutionId); where.push(`e.institution_id = $${params.length}`); }
    if (request.divisionCode) { params.push(`${divisionPrefix(request.divisionCode)}%`); where.push(`e.division_code LIKE $${params.length}`); }
    if (request.month) { params.push(request.month); where.push(`e.month = $${params.length}`); }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM ${t.ledger} e ${clause}`, params);
    const pageSize = request.pageSize ?? 100;
    const page = request.page ?? 1;
    const rows: { id: string; run_id: string; month: string; institution_id: string; institution_name: string; division_code: string; amount_fen: string; lines: number; posted_at: Date; posted_by: { department: string; userId: string } }[] =
      await this.ds.query(
        `SELECT e.id, e.run_id, e.month, e.institution_id, e.institution_name, e.division_code, e.amount_fen::text, e.lines, e.posted_at, e.posted_by
         FROM ${t.ledger} e ${clause} ORDER BY e.month DESC, e.institution_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, pageSize, (page - 1) * pageSize],
      );
    return {
      items: rows.map((r): LedgerEntryView => ({
        id: r.id, runId: r.run_id, month: r.month, institutionId: r.institution_id, institutionName: r.institution_name, divisionCode: r.division_code,
        amountFen: Number(r.amount_fen), lines: r.lines, postedAt: r.posted_at.toISOString(), postedBy: r.posted_by,
      })),
      total: n, page, pageSize,
    };
  }
}
