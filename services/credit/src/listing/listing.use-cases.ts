import { randomUUID } from 'node:crypto';
import { type Actor, addDays, DomainError, type FieldProblem, type IsoDate, shanghaiDateTime, shanghaiToday } from '@shanyu/common';
import {
  CreditEvt,
  type DecideListingRequest,
  type ListingChangedData,
  type ListingStatementRequest,
  type ListingView,
  type ListListingsRequest,
  type StartListingRequest,
} from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { type CreditAccessPolicy, scopeOfRecord } from '../access/credit-access.policy.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { Ledger } from '../ledger/ledger.js';
import { StandingRepository } from '../ledger/standing.repository.js';
import type { CreditModel, ListingPolicy } from '../model/credit-model.js';
import type { CreditModelStore } from '../model/credit-rule-documents.js';
import { evaluate, type Evaluation } from '../model/evaluate.js';
import { ListingRepository, type ListingRow } from './listing.repository.js';

const who = (actor: Actor) => ({ department: actor.department, userId: actor.userId });
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The listing as its readers see it; `listed` past its end reads `expired`. */
export function toListingView(r: ListingRow, today: IsoDate): ListingView {
  const expired = r.status === 'listed' && !!r.published_until && r.published_until <= today;
  return {
    id: r.id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    divisionCode: r.division_code,
    status: expired ? 'expired' : r.status,
    entryIds: r.entry_ids,
    facts: r.facts,
    basis: r.basis,
    modelVersion: r.model_version,
    notice: { notifiedBy: r.notified_by, notifiedAt: iso(r.notified_at)!, text: r.notice_text, statementDue: r.statement_due },
    statement: r.statement ? { text: r.statement, statedBy: r.stated_by!, statedAt: iso(r.stated_at)! } : null,
    decision: r.decision
      ? {
          decision: r.decision,
          decisionNo: r.decision_no,
          reason: r.decision_reason!,
          decidedBy: r.decided_by!,
          decidedAt: iso(r.decided_at)!,
          decidedOn: r.decided_on!,
        }
      : null,
    publication: r.published_from ? { from: r.published_from, repairableFrom: r.repairable_from!, until: r.published_until! } : null,
    removal: r.removed_on ? { on: r.removed_on, reason: r.removal_reason! } : null,
  };
}

export function listingEventData(v: ListingView): ListingChangedData {
  return {
    listingId: v.id,
    institutionId: v.institutionId,
    divisionCode: v.divisionCode,
    status: v.status,
    entryIds: v.entryIds,
    statementDue: v.notice.statementDue,
    decisionNo: v.decision?.decisionNo ?? null,
    publishedFrom: v.publication?.from ?? null,
    repairableFrom: v.publication?.repairableFrom ?? null,
    publishedUntil: v.publication?.until ?? null,
    removedOn: v.removal?.on ?? null,
  };
}

const years = (days: number) => (days % 365 === 0 ? `${days / 365} 年` : `${days} 日`);

/**
 * Whether the entries ground a listing today under the model's `listing` rule: each an entry of
 * the institution up to today, not repaired, of an event type the rule names. One problem per
 * entry that does not.
 */
function groundingProblems(evaluation: Evaluation, policy: ListingPolicy, entryIds: string[]): FieldProblem[] {
  const byId = new Map(evaluation.entries.map((e) => [e.entry.id, e]));
  const problems: FieldProblem[] = [];
  entryIds.forEach((id, i) => {
    const field = `entryIds.${i}`;
    const e = byId.get(id);
    if (!e) problems.push({ field, code: 'CREDIT_ENTRY_NOT_FOUND', message: `信用记录 ${id} 不是本机构截至今日的记录` });
    else if (e.repairedBy) problems.push({ field, code: 'REPAIRED', message: `“${e.rule.title}”已信用修复，不能作为认定依据` });
    else if (!policy.groundedBy.includes(e.entry.eventType))
      problems.push({ field, code: 'NOT_GROUNDED', message: `“${e.rule.title}”不属于可认定严重失信的事项` });
  });
  return problems;
}

function refuseGrounding(problems: FieldProblem[], policy: ListingPolicy, model: CreditModel): never {
  if (problems.every((p) => p.code === 'CREDIT_ENTRY_NOT_FOUND'))
    throw new DomainError('CREDIT_ENTRY_NOT_FOUND', problems.map((p) => p.message).join('；'), problems);
  const grounds = model.rules.filter((r) => policy.groundedBy.includes(r.eventType)).map((r) => `“${r.title}”`);
  throw new DomainError(
    'CREDIT_LISTING_NOT_GROUNDED',
    `不能认定严重失信：${problems.map((p) => p.message).join('；')}（${model.version} 可作为认定依据的：${grounds.join('、')}）`,
    problems,
  );
}

/** The model's listing procedure in the division today, or CREDIT_LISTING_NOT_GROUNDED. */
function listingPolicyOf(model: CreditModel): ListingPolicy {
  if (!model.listing)
    throw new DomainError('CREDIT_LISTING_NOT_GROUNDED', `${model.jurisdictionName}适用的信用评价模型（${model.version}）未规定严重失信主体名单认定程序`);
  return model.listing;
}

/**
 * 严重失信主体名单认定 — 告知: the health bureau names the grounding entries and the facts; the
 * notice states them with their legal basis, the institution's right to state its case and the
 * last day to do so. Audited and evented; nothing is published.
 */
export class StartListing {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly models: CreditModelStore,
    private readonly ledger: Ledger,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(request: StartListingRequest, actor: Actor, requestId?: string): Promise<ListingView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const institution = await new InstitutionRepository(m).get(request.institutionId);
      if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${request.institutionId} 不存在`);
      this.policy.assertCanDecideListing(actor, { divisionCode: institution.divisionCode, ownerUserId: institution.ownerUserId });
      await new StandingRepository(m).lock(request.institutionId);
      const now = this.now();
      const today = shanghaiToday(now);
      const models = await this.models.current(m);
      const model = models.inForce(institution.divisionCode, today);
      const procedure = listingPolicyOf(model);
      const evaluation = evaluate(await this.ledger.forInstitution(m, request.institutionId), today, models, institution.divisionCode);
      const problems = groundingProblems(evaluation, procedure, request.entryIds);
      if (problems.length) refuseGrounding(problems, procedure, model);
      const listings = new ListingRepository(m);
      const open = await listings.openNaming(request.institutionId, request.entryIds, today);
      if (open.length) throw new DomainError('CREDIT_LISTING_PENDING', `所列记录已在认定程序或公示中（${open.join('、')}）`);

      const grounds = evaluation.entries.filter((e) => request.entryIds.includes(e.entry.id));
      const basis = [
        ...grounds.map((e) => `${e.entry.occurredOn} ${e.rule.title}（${e.rule.source}）`),
        `认定程序：${procedure.source}（${procedure.documentVersion}）`,
      ].join('；');
      const statementDue = addDays(today, procedure.statementDays);
      const noticeText =
        `${institution.name}：经查，${request.facts.trim()}。依据${basis}，本机关拟将你单位列入严重失信主体名单。` +
        `你单位有权陈述、申辩，请于 ${statementDue}（含）前在善育平台提出；期满未提出的，视为放弃。` +
        `列入后公示最短 ${years(procedure.minPublicationDays)}、最长 ${years(procedure.maxPublicationDays)}，最短公示期满后可申请信用修复。`;
      const id = randomUUID();
      await listings.insertNotified({
        id,
        institutionId: request.institutionId,
        divisionCode: institution.divisionCode,
        entryIds: request.entryIds,
        facts: request.facts.trim(),
        basis,
        modelVersion: procedure.documentVersion,
        notifiedBy: who(actor),
        notifiedAt: now,
        noticeText,
        statementDue,
      });
      const view = toListingView((await listings.byId(id))!, today);
      await tx.publish(CreditEvt.listingNotified, { actor, entityId: id, data: listingEventData(view) });
      await tx.audit({ actor, action: 'credit.listing.notify', entity: 'listing', entityId: id, after: view, requestId });
      return view;
    });
  }
}

/** 陈述申辩: the operator answers the notice, once, by the last day it gives. Audited and evented. */
export class StateListingCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(request: ListingStatementRequest, actor: Actor, requestId?: string): Promise<ListingView> {
    return this.uow.run(async (tx) => {
      const listings = new ListingRepository(tx.manager);
      const found = await listings.byId(request.id);
      if (!found) throw new DomainError('CREDIT_LISTING_NOT_FOUND', `严重失信认定 ${request.id} 不存在`);
      this.policy.assertCanStateCase(actor, await scopeOfRecord(tx.manager, found));
      const row = (await listings.byId(request.id, true))!;
      const now = this.now();
      const today = shanghaiToday(now);
      if (row.status !== 'notified') throw new DomainError('CREDIT_LISTING_STATEMENT_CLOSED', '该认定已作出决定，不能再陈述申辩');
      if (row.statement) throw new DomainError('CREDIT_LISTING_STATEMENT_CLOSED', `已于 ${shanghaiDateTime(row.stated_at!)} 陈述申辩`);
      if (today > row.statement_due) throw new DomainError('CREDIT_LISTING_STATEMENT_CLOSED', `陈述申辩期已于 ${row.statement_due} 届满`);
      await listings.recordStatement(row.id, request.statement.trim(), who(actor), now);
      const view = toListingView((await listings.byId(row.id))!, today);
      await tx.publish(CreditEvt.listingStated, { actor, entityId: row.id, data: listingEventData(view) });
      await tx.audit({ actor, action: 'credit.listing.statement', entity: 'listing', entityId: row.id, after: view.statement, requestId });
      return view;
    });
  }
}

/**
 * 认定决定: after the statement period (or once the institution has stated its case), list —
 * publication from today, repair possible after the minimum period, ending by itself after the
 * maximum — or not list. Listing checks the grounds again (a repair meanwhile removes them).
 */
export class DecideListing {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly models: CreditModelStore,
    private readonly ledger: Ledger,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(request: DecideListingRequest, actor: Actor, requestId?: string): Promise<ListingView> {
    return this.uow.run(async (tx) => {
      const m = tx.manager;
      const listings = new ListingRepository(m);
      const found = await listings.byId(request.id);
      if (!found) throw new DomainError('CREDIT_LISTING_NOT_FOUND', `严重失信认定 ${request.id} 不存在`);
      const scope = await scopeOfRecord(m, found);
      this.policy.assertCanDecideListing(actor, scope);
      await new StandingRepository(m).lock(found.institution_id);
      const row = (await listings.byId(request.id, true))!;
      if (row.status !== 'notified') throw new DomainError('CREDIT_LISTING_ALREADY_DECIDED', `该认定已于 ${row.decided_on} 作出决定`);
      const now = this.now();
      const today = shanghaiToday(now);
      if (!row.statement && today <= row.statement_due)
        throw new DomainError('CREDIT_LISTING_STATEMENT_OPEN', `陈述申辩期至 ${row.statement_due} 止，机构尚未陈述申辩：期满后方可作出决定`);
      let publication: { from: string; repairableFrom: string; until: string } | null = null;
      if (request.decision === 'list') {
        const models = await this.models.current(m);
        const model = models.inForce(scope.divisionCode ?? row.division_code, today);
        const procedure = listingPolicyOf(model);
        const evaluation = evaluate(await this.ledger.forInstitution(m, row.institution_id), today, models, scope.divisionCode ?? row.division_code);
        const problems = groundingProblems(evaluation, procedure, row.entry_ids);
        if (problems.length) refuseGrounding(problems, procedure, model);
        publication = { from: today, repairableFrom: addDays(today, procedure.minPublicationDays), until: addDays(today, procedure.maxPublicationDays) };
      }
      await listings.decide(row.id, {
        decision: request.decision,
        decisionNo: request.decision === 'list' ? request.decisionNo!.trim() : (request.decisionNo?.trim() ?? null),
        reason: request.reason.trim(),
        decidedBy: who(actor),
        decidedAt: now,
        decidedOn: today,
        publication,
      });
      const view = toListingView((await listings.byId(row.id))!, today);
      await tx.publish(CreditEvt.listingDecided, { actor, entityId: row.id, data: listingEventData(view) });
      await tx.audit({
        actor,
        action: `credit.listing.${request.decision}`,
        entity: 'listing',
        entityId: row.id,
        before: { status: 'notified' },
        after: view,
        reason: request.reason,
        requestId,
      });
      return view;
    });
  }
}

/** Listings: one (the institution's readers), or a page in the caller's scope (operators: their own). */
export class ListingQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(id: string, actor: Actor): Promise<ListingView> {
    const row = await new ListingRepository(this.dataSource).byId(id);
    if (!row) throw new DomainError('CREDIT_LISTING_NOT_FOUND', `严重失信认定 ${id} 不存在`);
    this.policy.assertCanRead(actor, await scopeOfRecord(this.dataSource, row));
    return toListingView(row, shanghaiToday(this.now()));
  }

  async list(request: ListListingsRequest, actor: Actor): Promise<{ items: ListingView[]; total: number; page: number; pageSize: number }> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const today = shanghaiToday(this.now());
    const operator = actor.department === 'operator';
    const { rows, total } = await new ListingRepository(this.dataSource).page(
      {
        institutionId: request.institutionId ?? null,
        status: request.status ?? null,
        prefixes: operator ? null : this.policy.listScope(actor, undefined),
        ownerUserId: operator ? actor.userId : null,
        today,
      },
      page,
      pageSize,
    );
    return { items: rows.map((r) => toListingView(r, today)), total, page, pageSize };
  }
}
