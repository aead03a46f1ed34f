import { randomUUID } from 'node:crypto';
import { type Actor, addDays, daysBetween, DomainError, type FieldProblem, type IsoDate, shanghaiToday } from '@shanyu/common';
import {
  CreditEvt,
  CreditEvents,
  type CreditEventType,
  type DecideRepairRequest,
  type ListRepairRequestsRequest,
  type RepairRequestView,
  type RequestRepairRequest,
} from '@shanyu/contracts';
import type { Transaction, UnitOfWork } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { type CreditAccessPolicy, scopeOfRecord } from '../access/credit-access.policy.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { Ledger } from '../ledger/ledger.js';
import { StandingRepository } from '../ledger/standing.repository.js';
import type { Standings } from '../ledger/standings.js';
import type { CreditModels } from '../model/credit-model.js';
import type { CreditModelStore } from '../model/credit-rule-documents.js';
import { evaluate, type LedgerEntry } from '../model/evaluate.js';
import { ListingRepository, type ListingRow } from '../listing/listing.repository.js';
import { listingEventData, toListingView } from '../listing/listing.use-cases.js';
import { RepairRepository, type RepairRow } from './repair.repository.js';

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
      ? {
          decision: r.decision,
          reason: r.decision_reason!,
          decidedBy: r.decided_by!,
          decidedAt: new Date(r.decided_at!).toISOString(),
          decidedOn: r.decided_on!,
        }
      : null,
    ledgerEntryId: r.ledger_entry_id,
  };
}

const who = (actor: Actor) => ({ department: actor.department, userId: actor.userId });

/**
 * Whether entries may be repaired today: each must be an entry of the institution, negative,
 * repairable under the rule that judged it, past the rule's minimum period (公示期), and not
 * repaired already. Returns one problem per entry that may not.
 */
function repairProblems(
  models: CreditModels,
  all: LedgerEntry[],
  entryIds: string[],
  today: IsoDate,
  divisionCode: string,
  listed: readonly ListingRow[],
): FieldProblem[] {
  const evaluation = evaluate(all, today, models, divisionCode);
  const byId = new Map(evaluation.entries.map((e) => [e.entry.id, e]));
  const problems: FieldProblem[] = [];
  entryIds.forEach((id, i) => {
    const field = `entryIds.${i}`;
    const e = byId.get(id);
    if (!e) return problems.push({ field, code: 'CREDIT_ENTRY_NOT_FOUND', message: `信用记录 ${id} 不是本机构截至今日的记录` });
    if (e.repairedBy) return problems.push({ field, code: 'ALREADY_REPAIRED', message: `“${e.rule.title}”已修复` });
    if (e.entry.points >= 0 || !e.rule.repair.allowed)
      return problems.push({ field, code: 'NOT_REPAIRABLE', message: `“${e.rule.title}”不适用信用修复（${e.entry.modelVersion}）` });
    // A serious-breach listing in publication holds its grounds until its minimum period has passed.
    const listing = listed.find((l) => l.entry_ids.includes(id) && l.repairable_from! > today);
    if (listing) {
      return problems.push({
        field,
        code: 'MIN_PERIOD',
        message: `“${e.rule.title}”已列入严重失信主体名单（${listing.decision_no}），最短公示期满（${listing.repairable_from} 起）方可申请修复`,
      });
    }
    const days = daysBetween(e.entry.occurredOn, today);
    if (days < e.rule.repair.minDays) {
      return problems.push({
        field,
        code: 'MIN_PERIOD',
        message: `“${e.rule.title}”须自 ${e.entry.occurredOn} 起满 ${e.rule.repair.minDays} 天方可修复（${addDays(e.entry.occurredOn, e.rule.repair.minDays)} 起）`,
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
    private readonly models: CreditModelStore,
    private readonly ledger: Ledger,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(request: RequestRepairRequest, actor: Actor, requestId?: string): Promise<RepairRequestView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const repairs = new RepairRepository(m);
      const institution = await new InstitutionRepository(m).get(request.institutionId);
      const entries = await this.ledger.forInstitution(m, request.institutionId);
      if (!institution && entries.length === 0) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${request.institutionId} 不存在（或尚无信用记录）`);
      const divisionCode = institution?.divisionCode ?? [...entries].reverse().find((e) => e.divisionCode)?.divisionCode ?? null;
      this.policy.assertCanRequestRepair(actor, { divisionCode, ownerUserId: institution?.ownerUserId ?? null });
      await new StandingRepository(m).lock(request.institutionId);
      const today = shanghaiToday(this.now());
      const problems = repairProblems(
        await this.models.current(m),
        await this.ledger.forInstitution(m, request.institutionId),
        request.entryIds,
        today,
        divisionCode ?? '',
        await new ListingRepository(m).inPublication([request.institutionId], today),
      );
      if (problems.length) refuse(problems);
      const pending = await repairs.pendingListing(request.institutionId, request.entryIds);
      if (pending.length) throw new DomainError('CREDIT_REPAIR_PENDING', `所列记录已在待决定的修复申请 ${pending.join('、')} 中`);
      const id = randomUUID();
      const view = toView(
        await repairs.insertPending({
          id,
          institutionId: request.institutionId,
          divisionCode: divisionCode ?? '',
          entryIds: request.entryIds,
          reason: request.reason,
          requestedBy: who(actor),
          requestedAt: this.now(),
        }),
      );
      await tx.publish(CreditEvt.repairRequested, {
        actor,
        entityId: id,
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
    private readonly models: CreditModelStore,
    private readonly ledger: Ledger,
    private readonly standings: Standings,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(request: DecideRepairRequest, actor: Actor, requestId?: string): Promise<RepairRequestView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const repairs = new RepairRepository(m);
      const found = await repairs.byId(request.id);
      if (!found) throw new DomainError('CREDIT_REPAIR_NOT_FOUND', `信用修复申请 ${request.id} 不存在`);
      const scope = await scopeOfRecord(m, found);
      this.policy.assertCanDecideRepair(actor, scope);
      const divisionCode = scope.divisionCode ?? found.division_code;
      await new StandingRepository(m).lock(found.institution_id);
      const repair = (await repairs.byId(request.id, true))!;
      if (repair.status !== 'pending')
        throw new DomainError('CREDIT_REPAIR_ALREADY_DECIDED', `信用修复申请 ${repair.id} 已${repair.status === 'approved' ? '批准' : '驳回'}`);
      const now = this.now();
      const today = shanghaiToday(now);
      const entries = await this.ledger.forInstitution(m, repair.institution_id);
      let ledgerEntryId: string | null = null;
      if (request.decision === 'approve') {
        const listings = new ListingRepository(m);
        const problems = repairProblems(
          await this.models.current(m),
          entries,
          repair.entry_ids,
          today,
          divisionCode,
          await listings.inPublication([repair.institution_id], today),
        );
        if (problems.length) refuse(problems);
        const appended = await this.ledger.append(m, {
          institutionId: repair.institution_id,
          sourceEventId: repair.id,
          subject: CreditEvents.repairDecided,
          eventType: 'credit_repaired',
          occurredAt: now.toISOString(),
          occurredOn: today,
          ref: repair.id,
          department: 'health',
          divisionCode: divisionCode,
          facts: { requestId: repair.id, entryIds: repair.entry_ids, reason: request.reason, decidedBy: who(actor) },
        });
        ledgerEntryId = appended!.id;
      }
      const view = toView(
        await repairs.decide(repair.id, {
          status: request.decision === 'approve' ? 'approved' : 'rejected',
          decision: request.decision,
          reason: request.reason,
          decidedBy: who(actor),
          decidedAt: now,
          decidedOn: today,
          ledgerEntryId,
        }),
      );
      if (ledgerEntryId) {
        await this.refresh(tx, m, repair.institution_id, today, `credit repair ${repair.id}`);
        await this.removeListings(tx, repair, today, actor);
      }
      const repaired = entries.filter((e) => repair.entry_ids.includes(e.id)).map((e) => e.eventType);
      await tx.publish(CreditEvt.repairDecided, {
        actor,
        entityId: repair.id,
        data: {
          requestId: repair.id,
          institutionId: repair.institution_id,
          divisionCode: view.divisionCode,
          entryIds: repair.entry_ids,
          reason: repair.reason,
          decision: request.decision,
          decisionReason: request.reason,
          decidedOn: today,
          ledgerEntryId,
          eventTypes: repaired as CreditEventType[],
        },
      });
      await tx.audit({
        actor,
        action: `credit.repair.${request.decision}`,
        entity: 'repair_request',
        entityId: repair.id,
        before: { status: 'pending' },
        after: view,
        reason: request.reason,
        requestId,
      });
      return view;
    });
  }

  /** Repaired grounds end the publication of the serious-breach listings they grounded (移出名单). */
  private async removeListings(tx: Transaction, repair: RepairRow, today: IsoDate, actor: Actor): Promise<void> {
    const listings = new ListingRepository(tx.manager);
    for (const id of await listings.removeNaming(repair.institution_id, repair.entry_ids, today, `信用修复（申请 ${repair.id}）`)) {
      const view = toListingView((await listings.byId(id))!, today);
      await tx.publish(CreditEvt.listingRemoved, { actor, entityId: id, data: listingEventData(view) });
      await tx.audit({ actor, action: 'credit.listing.remove', entity: 'listing', entityId: id, after: view.removal, reason: view.removal!.reason });
    }
  }

  private refresh(tx: Transaction, manager: EntityManager, institutionId: string, today: IsoDate, cause: string) {
    return this.standings.refresh(manager, institutionId, today, { publish: (e) => tx.publish(e), audit: (entry) => tx.audit(entry) }, cause);
  }
}

/** Repair requests: one (the institution's readers), or a page in the caller's scope. */
export class RepairQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: CreditAccessPolicy,
  ) {}

  async get(id: string, actor: Actor): Promise<RepairRequestView> {
    const row = await new RepairRepository(this.dataSource).byId(id);
    if (!row) throw new DomainError('CREDIT_REPAIR_NOT_FOUND', `信用修复申请 ${id} 不存在`);
    this.policy.assertCanRead(actor, await scopeOfRecord(this.dataSource, row));
    return toView(row);
  }

  async list(request: ListRepairRequestsRequest, actor: Actor): Promise<{ items: RepairRequestView[]; total: number; page: number; pageSize: number }> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    let prefixes: string[] | null = null;
    let owner: string | null = null;
    if (actor.department === 'operator') owner = actor.userId;
    else prefixes = this.policy.listScope(actor, undefined);
    const { rows, total } = await new RepairRepository(this.dataSource).page(
      { institutionId: request.institutionId ?? null, status: request.status ?? null, prefixes, ownerUserId: owner },
      page,
      pageSize,
    );
    return { items: rows.map(toView), total, page, pageSize };
  }
}
