import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import {
  type FindingClosedData,
  type FindingView,
  InspectionEvt,
  InspectionEvents,
  type ListRectificationsRequest,
  type Page,
  type ReportRectificationRequest,
  type VerifyRectificationRequest,
} from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { assertCanRead, assertCovers, assertDepartment, assertOwner, isOperator } from '../access.js';
import { divisionScopeOf } from '../division-scope.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import { findingEventData } from './finding-events.js';
import { FindingRepository, type FindingReaders } from './finding.repository.js';

/** How many overdue findings one sweep announces (the next sweep takes the rest). */
const SWEEP_BATCH = 500;

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
    const readers: FindingReaders = isOperator(actor)
      ? { institutionIds: await new InstitutionRepository(this.dataSource.manager).idsOwnedBy(actor.userId) }
      : { scope: divisionScopeOf(actor) };
    const { items, total } = await new FindingRepository(this.dataSource.manager).page(
      readers,
      { institutionId: request.institutionId, department: request.department, status: request.status },
      today,
      page,
      pageSize,
    );
    return { items: items.map((f) => f.toView(today)), total, page, pageSize };
  }
}

export class GetRectification {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async execute(id: string, actor: Actor): Promise<FindingView> {
    const finding = await new FindingRepository(this.dataSource.manager).get(id);
    const institution = isOperator(actor) ? await new InstitutionRepository(this.dataSource.manager).find(finding.institutionId) : null;
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
      const findings = new FindingRepository(tx.manager);
      const finding = await findings.lock(request.id);
      assertDepartment(actor, [finding.department], '核查其他部门的整改事项');
      assertCovers(actor, finding.divisionCode);
      if (!finding.isOpen) throw new DomainError('FINDING_CLOSED', `该整改事项已于 ${finding.closedOn} 结案`);
      const today = shanghaiToday(this.now());
      const before = finding.status;
      finding.status = request.outcome;
      finding.closedOn = today;
      finding.closure = { by: 'verification', inspectionId: null, department: actor.department, note: request.note };
      await findings.save(finding);
      const data: FindingClosedData = { ...findingEventData(finding), status: finding.status, closedOn: today, by: 'verification', reinspectionId: null };
      await tx.publish({
        subject: request.outcome === 'corrected' ? InspectionEvents.findingCorrected : InspectionEvents.findingUncorrected,
        actor,
        entityId: finding.id,
        data,
      });
      await tx.audit({
        actor,
        action: 'finding.verify',
        entity: 'finding',
        entityId: finding.id,
        before: { status: before },
        after: { status: finding.status },
        reason: request.note,
        requestId,
      });
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
      const findings = new FindingRepository(tx.manager);
      const finding = await findings.lock(request.id);
      const institution = await new InstitutionRepository(tx.manager).find(finding.institutionId);
      assertOwner(actor, institution);
      if (!finding.isOpen) throw new DomainError('FINDING_CLOSED', `该整改事项已于 ${finding.closedOn} 结案`);
      const now = this.now();
      finding.status = 'reported';
      finding.report = {
        text: request.text,
        reportedAt: now.toISOString(),
        evidence: (request.evidence ?? []).map((e) => ({ ref: e.ref, takenAt: e.takenAt, location: e.location })),
      };
      await findings.save(finding);
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
      const findings = new FindingRepository(tx.manager);
      const due = await findings.lockOverdueNotAnnounced(today, SWEEP_BATCH);
      for (const finding of due) {
        finding.overdueNotifiedOn = today;
        await findings.save(finding);
        await tx.publish(InspectionEvt.findingOverdue, { actor: this.actor, entityId: finding.id, data: findingEventData(finding) });
      }
      return due.length;
    });
  }
}
