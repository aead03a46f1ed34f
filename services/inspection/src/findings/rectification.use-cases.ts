import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import {
  type FindingClosedData, type FindingView, InspectionEvt, InspectionEvents, type ListRectificationsRequest, type Page, type ReportRectificationRequest, type VerifyRectificationRequest,
} from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { assertCanRead, assertCovers, assertDepartment, assertOwner, isOperator, scopeWhere } from '../access.js';
import { InstitutionReplica } from '../replicas/institution-replica.entity.js';
import { Finding } from './finding.entity.js';
import { findingEventData } from './finding-events.js';

function findingNotFound(id: string): DomainError {
  return new DomainError('FINDING_NOT_FOUND', `整改事项 ${id} 不存在`);
}

async function lockFinding(manager: EntityManager, id: string): Promise<Finding> {
  const finding = await manager.getRepository(Finding).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!finding) throw findingNotFound(id);
  return finding;
}

/** Rectifications (整改): findings in scope, or the operator's own; `overdue` = open past the deadline. */
export class ListRectifications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async execute(request: ListRectificationsRequest, actor: Actor): Promise<Page<FindingView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const today = shanghaiToday(this.now());
    const qb = this.dataSource.getRepository(Finding).createQueryBuilder('f');
    if (isOperator(actor)) {
      const own = (await this.dataSource.getRepository(InstitutionReplica).findBy({ ownerUserId: actor.userId })).map((x) => x.id);
      qb.where('f.institution_id = ANY(:own)', { own });
    } else {
      const scope = scopeWhere(actor, 'f.division_code');
      qb.where(scope.sql, scope.params);
    }
    if (request.institutionId) qb.andWhere('f.institution_id = :institutionId', { institutionId: request.institutionId });
    if (request.department) qb.andWhere('f.department = :department', { department: request.department });
    if (request.status === 'overdue') qb.andWhere(`f.status IN ('open', 'reported') AND f.deadline < :today`, { today });
    else if (request.status) qb.andWhere('f.status = :status', { status: request.status });
    const [rows, total] = await qb.orderBy('f.deadline', 'ASC').addOrderBy('f.item_code', 'ASC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: rows.map((f) => f.toView(today)), total, page, pageSize };
  }
}

export class GetRectification {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async execute(id: string, actor: Actor): Promise<FindingView> {
    const finding = await this.dataSource.getRepository(Finding).findOneBy({ id });
    if (!finding) throw findingNotFound(id);
    const institution = isOperator(actor) ? await this.dataSource.getRepository(InstitutionReplica).findOneBy({ id: finding.institutionId }) : null;
    assertCanRead(actor, finding, institution);
    return finding.toView(shanghaiToday(this.now()));
  }
}

/** 书面核查: the finding's department closes it on documents, corrected or not corrected. */
export class VerifyRectification {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
  ) {}

  async execute(request: VerifyRectificationRequest, actor: Actor, requestId?: string): Promise<FindingView> {
    return this.unitOfWork.run(async (tx) => {
      const finding = await lockFinding(tx.manager, request.id);
      assertDepartment(actor, [finding.department], '核查其他部门的整改事项');
      assertCovers(actor, finding.divisionCode);
      if (!finding.isOpen) throw new DomainError('FINDING_CLOSED', `该整改事项已于 ${finding.closedOn} 结案`);
      const today = shanghaiToday(this.now());
      const before = finding.status;
      finding.status = request.outcome;
      finding.closedOn = today;
      finding.closure = { by: 'verification', inspectionId: null, department: actor.department, note: request.note };
      await tx.manager.save(finding);
      const data: FindingClosedData = { ...findingEventData(finding), status: finding.status, closedOn: today, by: 'verification', reinspectionId: null };
      await tx.publish({ subject: request.outcome === 'corrected' ? InspectionEvents.findingCorrected : InspectionEvents.findingUncorrected, actor, entityId: finding.id, data });
      await tx.audit({ actor, action: 'finding.verify', entity: 'finding', entityId: finding.id, before: { status: before }, after: { status: finding.status }, reason: request.note, requestId });
      return finding.toView(today);
    });
  }
}

/** 整改报告: the operator of the institution reports what was done. */
export class ReportRectification {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
  ) {}

  async execute(request: ReportRectificationRequest, actor: Actor, requestId?: string): Promise<FindingView> {
    return this.unitOfWork.run(async (tx) => {
      const finding = await lockFinding(tx.manager, request.id);
      const institution = await tx.manager.getRepository(InstitutionReplica).findOneBy({ id: finding.institutionId });
      assertOwner(actor, institution);
      if (!finding.isOpen) throw new DomainError('FINDING_CLOSED', `该整改事项已于 ${finding.closedOn} 结案`);
      const now = this.now();
      finding.status = 'reported';
      finding.report = { text: request.text, reportedAt: now.toISOString(), evidence: (request.evidence ?? []).map((e) => ({ ref: e.ref, takenAt: e.takenAt, location: e.location })) };
      await tx.manager.save(finding);
      await tx.audit({ actor, action: 'finding.report', entity: 'finding', entityId: finding.id, after: { status: 'reported' }, requestId });
      return finding.toView(shanghaiToday(now));
    });
  }
}

/** Publishes evt.inspection.finding.overdue.v1 once per finding still open after its deadline. */
export class SweepOverdueFindings {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
    private readonly actor: Actor,
  ) {}

  async run(): Promise<number> {
    const today = shanghaiToday(this.now());
    return this.unitOfWork.run(async (tx) => {
      const due = await tx.manager.getRepository(Finding).createQueryBuilder('f')
        .where(`f.status IN ('open', 'reported') AND f.deadline < :today AND f.overdue_notified_on IS NULL`, { today })
        .orderBy('f.deadline', 'ASC').limit(500).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
      for (const finding of due) {
        finding.overdueNotifiedOn = today;
        await tx.manager.save(finding);
        await tx.publish(InspectionEvt.findingOverdue, { actor: this.actor, entityId: finding.id, data: findingEventData(finding) });
      }
      return due.length;
    });
  }
}
