import { randomUUID } from 'node:crypto';
import { type Actor, addDays, daysBetween, DomainError, type FieldProblem, type IsoDate, shanghaiToday } from '@shanyu/common';
import {
  CreditEvt, CreditEvents, type CreditEventType, type DecideRepairRequest, type ListRepairRequestsRequest,
  type RepairRequestView, type RepairStatus, type RequestRepairRequest,
} from '@shanyu/contracts';
import type { Transaction, UnitOfWork } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreditAccessPolicy } from '../access/credit-access.policy.js';
import type { InstitutionReplica } from '../institutions/institutions.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Standings } from '../ledger/standings.js';
import type { CreditModels } from '../model/credit-model.js';
import { evaluate, type LedgerEntry } from '../model/evaluate.js';
import { schemaTable, type Db } from '@shanyu/persistence';

interface RepairRow {
  id: string;
  institution_id: string;
  division_code: string;
  entry_ids: string[];
  reason: string;
  status: RepairStatus;
  requested_by: { department: string; userId: string };
  requested_at: Date;
  decision: 'approve' | 'reject' | null;
  decision_reason: string | null;
  decided_by: { department: string; userId: string } | null;
  decided_at: Date | null;
  decided_on: string | null;
  ledger_entry_id: string | null;
  total?: number;
}

const COLUMNS = `id, institution_id, division_code, entry_ids, reason, status, requested_by, requested_at, decision, decision_reason, decided_by, decided_at,
  decided_on::text AS decided_on, ledger_entry_id`;

function toView(r: RepairRow): RepairRequestView {
  return {
    id: r.id,
    institutionId: r.institution_id,
    divisionCode: r.division_code,
    entryIds: r.entry_ids,
    reason: r.reason,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    decision: r.decision
      ? { decision: r.decision, reason: r.decision_reason!, decidedBy: r.decided_by!, decidedAt: new Date(r.decided_at!).toISOString(), decidedOn: r.decided_on! }
      : null,
    ledgerEntryId: r.ledger_entry_id,
  };
}

async function findRepair(db: Db, id: string, forUpdate = false): Promise<RepairRow | null> {
  const rows: RepairRow[] = await db.query(`SELECT ${COLUMNS} FROM ${schemaTable(db, 'repair_request')} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

const who = (actor: Actor) => ({ department: actor.department, userId: actor.userId });

/**
 * Whether entries may be repaired today: each must be an entry of the institution, negative,
 * repairable under the rule that judged it, past the rule's minimum period (公示期), and not
 * repaired already. Returns one problem per entry that may not.
 */
function repairProblems(models: CreditModels, all: LedgerEntry[], entryIds: string[], today: IsoDate): FieldProblem[] {
  const evaluation = evaluate(all, today, models);
  const byId = new Map(evaluation.entries.map((e) => [e.entry.id, e]));
  const problems: FieldProblem[] = [];
  entryIds.forEach((id, i) => {
    const field = `entryIds.${i}`;
    const e = byId.get(id);
    if (!e) return problems.push({ field, code: 'CREDIT_ENTRY_NOT_FOUND', message: `信用记录 ${id} 不是本机构截至今日的记录` });
    if (e.repairedBy) return problems.push({ field, code: 'ALREADY_REPAIRED', message: `“${e.rule.title}”已修复` });
    if (e.entry.points >= 0 || !e.rule.repair.allowed) return problems.push({ field, code: 'NOT_REPAIRABLE', message: `“${e.rule.title}”不适用信用修复（${e.entry.modelVersion}）` });
    const days = daysBetween(e.entry.occurredOn, today);
    if (days < e.rule.repair.minDays) {
      return problems.push({
        field, code: 'MIN_PERIOD', message: `“${e.rule.title}”须自 ${e.entry.occurredOn} 起满 ${e.rule.repair.minDays} 天方可修复（${addDays(e.entry.occurredOn, e.rule.repair.minDays)} 起）`,
      });
    }
    return undefined;
  });
  return problems;
}

function refuse(problems: FieldProblem[]): never {
  const code = problems.every((p) => p.code === 'CREDIT_ENTRY_NOT_FOUND') ? 'CREDIT_ENTRY_NOT_FOUND' : 'CREDIT_REPAIR_NOT_ALLOWED';
  throw new DomainError(code, `不能修复：${problems.map((p) => p.message).join('；')}`, problems);
}

/** 信用修复申请: recorded (pending), announced, audited; nothing counts until health approves. */
export class RequestRepair {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly models: CreditModels,
    private readonly ledger: Ledger,
    private readonly standings: Standings,
    private readonly institutions: InstitutionReplica,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(request: RequestRepairRequest, actor: Actor, requestId?: string): Promise<RepairRequestView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const institution = await this.institutions.get(m, request.institutionId);
      const entries = await this.ledger.forInstitution(m, request.institutionId);
      if (!institution && entries.length === 0) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${request.institutionId} 不存在（或尚无信用记录）`);
      const divisionCode = institution?.divisionCode ?? [...entries].reverse().find((e) => e.divisionCode)?.divisionCode ?? null;
      this.policy.assertCanRequestRepair(actor, { divisionCode, ownerUserId: institution?.ownerUserId ?? null });
      await this.standings.lock(m, request.institutionId);
      const problems = repairProblems(this.models, await this.ledger.forInstitution(m, request.institutionId), request.entryIds, shanghaiToday(this.now()));
      if (problems.length) refuse(problems);
      const pending: { id: string }[] = await m.query(
        `SELECT id FROM ${schemaTable(m, 'repair_request')} WHERE institution_id = $1 AND status = 'pending' AND entry_ids && $2::uuid[]`,
        [request.institutionId, request.entryIds],
      );
      if (pending.length) throw new DomainError('CREDIT_REPAIR_PENDING', `所列记录已在待决定的修复申请 ${pending.map((p) => p.id).join('、')} 中`);
      const id = randomUUID();
      const rows: RepairRow[] = await m.query(
        `INSERT INTO ${schemaTable(m, 'repair_request')} (id, institution_id, division_code, entry_ids, reason, status, requested_by, requested_at)
         VALUES ($1, $2, $3, $4::uuid[], $5, 'pending', $6::jsonb, $7) RETURNING ${COLUMNS}`,
        [id, request.institutionId, divisionCode ?? '', request.entryIds, request.reason, JSON.stringify(who(actor)), this.now()],
      );
      const view = toView(rows[0]!);
      await tx.publish(CreditEvt.repairRequested, {
        actor, entityId: id,
        data: { requestId: id, institutionId: view.institutionId, divisionCode: view.divisionCode, entryIds: view.entryIds, reason: view.reason },
      });
      await tx.audit({ actor, action: 'credit.repair.request', entity: 'repair_request', entityId: id, after: view, reason: request.reason, requestId });
      return view;
    });
  }
}

/**
 * 信用修复决定 by the district health bureau: approval appends a `credit_repaired` ledger entry
 * (the listed entries count nothing and trigger no D from today) and refreshes the standing —
 * a grade change is published as usual. The reason is kept either way; audited.
 */
export class DecideRepair {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly models: CreditModels,
    private readonly ledger: Ledger,
    private readonly standings: Standings,
    private readonly institutions: InstitutionReplica,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(request: DecideRepairRequest, actor: Actor, requestId?: string): Promise<RepairRequestView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const found = await findRepair(m, request.id);
      if (!found) throw new DomainError('CREDIT_REPAIR_NOT_FOUND', `信用修复申请 ${request.id} 不存在`);
      const institution = await this.institutions.get(m, found.institution_id);
      this.policy.assertCanDecideRepair(actor, { divisionCode: institution?.divisionCode ?? found.division_code, ownerUserId: institution?.ownerUserId ?? null });
      await this.standings.lock(m, found.institution_id);
      const repair = (await findRepair(m, request.id, true))!;
      if (repair.status !== 'pending') throw new DomainError('CREDIT_REPAIR_ALREADY_DECIDED', `信用修复申请 ${repair.id} 已${repair.status === 'approved' ? '批准' : '驳回'}`);
      const now = this.now();
      const today = shanghaiToday(now);
      const entries = await this.ledger.forInstitution(m, repair.institution_id);
      let ledgerEntryId: string | null = null;
      if (request.decision === 'approve') {
        const problems = repairProblems(this.models, entries, repair.entry_ids, today);
        if (problems.length) refuse(problems);
        const appended = await this.ledger.append(m, {
          institutionId: repair.institution_id, sourceEventId: repair.id, subject: CreditEvents.repairDecided, eventType: 'credit_repaired',
          occurredAt: now.toISOString(), occurredOn: today, ref: repair.id, department: 'health', divisionCode: institution?.divisionCode ?? repair.division_code,
          facts: { requestId: repair.id, entryIds: repair.entry_ids, reason: request.reason, decidedBy: who(actor) },
        });
        ledgerEntryId = appended!.id;
      }
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [rows]: [RepairRow[], number] = await m.query(
        `UPDATE ${schemaTable(m, 'repair_request')} SET status = $2, decision = $3, decision_reason = $4, decided_by = $5::jsonb, decided_at = $6, decided_on = $7,
           ledger_entry_id = $8 WHERE id = $1 RETURNING ${COLUMNS}`,
        [repair.id, request.decision === 'approve' ? 'approved' : 'rejected', request.decision, request.reason, JSON.stringify(who(actor)), now, today, ledgerEntryId],
      );
      const view = toView(rows[0]!);
      if (ledgerEntryId) await this.refresh(tx, m, repair.institution_id, today, `credit repair ${repair.id}`);
      const repaired = entries.filter((e) => repair.entry_ids.includes(e.id)).map((e) => e.eventType);
      await tx.publish(CreditEvt.repairDecided, {
        actor, entityId: repair.id,
        data: {
          requestId: repair.id, institutionId: repair.institution_id, divisionCode: view.divisionCode, entryIds: repair.entry_ids, reason: repair.reason,
          decision: request.decision, decisionReason: request.reason, decidedOn: today, ledgerEntryId, eventTypes: repaired as CreditEventType[],
        },
      });
      await tx.audit({
        actor, action: `credit.repair.${request.decision}`, entity: 'repair_request', entityId: repair.id, before: { status: 'pending' }, after: view, reason: request.reason, requestId,
      });
      return view;
    });
  }

  private refresh(tx: Transaction, manager: EntityManager, institutionId: string, today: IsoDate, cause: string) {
    return this.standings.refresh(manager, institutionId, today, { publish: (e) => tx.publish(e), audit: (entry) => tx.audit(entry) }, cause);
  }
}

/** Repair requests: one (the institution's readers), or a page in the caller's scope. */
export class RepairQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly institutions: InstitutionReplica,
    private readonly policy: CreditAccessPolicy,
  ) {}

  async get(id: string, actor: Actor): Promise<RepairRequestView> {
    const row = await findRepair(this.dataSource, id);
    if (!row) throw new DomainError('CREDIT_REPAIR_NOT_FOUND', `信用修复申请 ${id} 不存在`);
    const institution = await this.institutions.get(this.dataSource, row.institution_id);
    this.policy.assertCanRead(actor, { divisionCode: institution?.divisionCode ?? row.division_code, ownerUserId: institution?.ownerUserId ?? null });
    return toView(row);
  }

  async list(request: ListRepairRequestsRequest, actor: Actor): Promise<{ items: RepairRequestView[]; total: number; page: number; pageSize: number }> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    let prefixes: string[] | null = null;
    let owner: string | null = null;
    if (actor.department === 'operator') owner = actor.userId;
    else prefixes = this.policy.listScope(actor, undefined);
    const rows: RepairRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1r.$2')}, count(*) OVER ()::int AS total
       FROM ${schemaTable(this.dataSource, 'repair_request')} r LEFT JOIN ${schemaTable(this.dataSource, 'institution')} i ON i.id = r.institution_id
       WHERE ($1::uuid IS NULL OR r.institution_id = $1) AND ($2::text IS NULL OR r.status = $2)
         AND ($3::text[] IS NULL OR coalesce(i.division_code, r.division_code) LIKE ANY (SELECT p || '%' FROM unnest($3::text[]) AS p))
         AND ($4::text IS NULL OR i.owner_user_id = $4)
       ORDER BY r.requested_at DESC, r.id LIMIT $5 OFFSET $6`,
      [request.institutionId ?? null, request.status ?? null, prefixes, owner, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toView), total: rows[0]?.total ?? 0, page, pageSize };
  }
}
