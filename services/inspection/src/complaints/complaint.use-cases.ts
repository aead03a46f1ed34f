import { randomUUID } from 'node:crypto';
import { type Actor, departmentNotAllowed, DomainError, maskName, maskPhone, type PiiCipher, shanghaiToday } from '@shanyu/common';
import {
  type ComplaintCategory,
  type ComplaintClosedData,
  type ComplaintOutcomeRequest,
  type ComplaintReceipt,
  type ComplaintView,
  type FileComplaintBody,
  InspectionEvt,
  type ListComplaintsRequest,
  type Page,
  type TriageComplaintRequest,
} from '@shanyu/contracts';
import type { Transaction, UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { assertCovers, assertDepartment, isOperator } from '../access.js';
import { divisionScopeOf } from '../division-scope.js';
import { InspectionRepository } from '../inspections/inspection.repository.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import type { Complaint } from './complaint.entity.js';
import { ComplaintRepository } from './complaint.repository.js';

/** Which department answers a complaint of each category (the street office takes what is nobody's alone). */
export const COMPLAINT_ROUTING: Record<ComplaintCategory, string> = {
  fire: 'fire',
  food: 'market',
  fees: 'market',
  health: 'health',
  abuse: 'police',
  security: 'police',
  staff: 'hrss',
  safety: 'street',
  other: 'street',
};

/** The actor recorded for what the public does without an account. */
export const PUBLIC_ACTOR: Actor = { department: 'admin', role: 'system', userId: 'public', divisions: [] };

/** Departments that may see and handle a complaint: the responsible one, the street office and admins. */
function assertHandles(actor: Actor, complaint: Complaint): void {
  assertDepartment(actor, [complaint.department, 'street'], '处理该投诉');
  assertCovers(actor, complaint.divisionCode);
}

async function publishClosed(
  tx: Transaction,
  complaint: Complaint,
  actor: Actor,
  outcome: ComplaintClosedData['outcome'],
  summary: string,
  closedOn: string,
): Promise<void> {
  const data: ComplaintClosedData = {
    complaintId: complaint.id,
    institutionId: complaint.institutionId,
    divisionCode: complaint.divisionCode,
    department: complaint.department,
    category: complaint.category,
    outcome,
    summary,
    closedOn,
  };
  await tx.publish(InspectionEvt.complaintClosed, { actor, entityId: complaint.id, data });
}

/** 投诉举报 from the public (no login): routed by category; the contact is encrypted and never published. */
export class FileComplaint {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cipher: PiiCipher,
    private readonly now: () => Date,
  ) {}

  async execute(body: FileComplaintBody, requestId?: string): Promise<ComplaintReceipt> {
    return this.unitOfWork.run(async (tx) => {
      const institution = await new InstitutionRepository(tx.manager).get(body.institutionId);
      const id = randomUUID();
      const contact = body.contact && (body.contact.name || body.contact.phone) ? { name: body.contact.name ?? null, phone: body.contact.phone ?? null } : null;
      const complaint = await new ComplaintRepository(tx.manager).add({
        id,
        institutionId: institution.id,
        institutionName: institution.name,
        divisionCode: institution.divisionCode,
        category: body.category,
        description: body.description,
        occurredOn: body.occurredOn ?? null,
        department: COMPLAINT_ROUTING[body.category],
        status: 'received',
        contactCipher: contact ? this.cipher.encrypt(JSON.stringify(contact), id) : null,
        contactMasked: contact ? { name: contact.name ? maskName(contact.name) : null, phone: contact.phone ? maskPhone(contact.phone) : null } : null,
        receivedAt: this.now(),
        triage: null,
        inspectionId: null,
        outcome: null,
      });
      await tx.audit({
        actor: PUBLIC_ACTOR,
        action: 'complaint.file',
        entity: 'complaint',
        entityId: id,
        after: { institutionId: institution.id, category: body.category, department: complaint.department, withContact: !!contact },
        requestId,
      });
      return { id, status: complaint.status, department: complaint.department, receivedAt: complaint.receivedAt.toISOString() };
    });
  }
}

export class ListComplaints {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListComplaintsRequest, actor: Actor): Promise<Page<ComplaintView>> {
    if (isOperator(actor)) throw departmentNotAllowed(actor, '查看投诉（投诉由主管部门处理）');
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    // The street office and admins see every department's complaints; a department its own.
    const department = actor.department !== 'admin' && actor.department !== 'street' ? actor.department : undefined;
    const { items, total } = await new ComplaintRepository(this.dataSource.manager).page(
      divisionScopeOf(actor),
      { department, status: request.status, institutionId: request.institutionId },
      page,
      pageSize,
    );
    return { items: items.map((c) => c.toView()), total, page, pageSize };
  }
}

/** 受理 or 不予受理, with a reason; a rejected complaint is closed (and announced for credit as rejected). */
export class TriageComplaint {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
  ) {}

  async execute(request: TriageComplaintRequest, actor: Actor, requestId?: string): Promise<ComplaintView> {
    return this.unitOfWork.run(async (tx) => {
      const complaints = new ComplaintRepository(tx.manager);
      const complaint = await complaints.lock(request.id);
      assertHandles(actor, complaint);
      if (complaint.status !== 'received')
        throw new DomainError('COMPLAINT_ALREADY_TRIAGED', `该投诉已${complaint.triage?.decision === 'accept' ? '受理' : '处理'}`);
      const now = this.now();
      complaint.triage = { decision: request.decision, reason: request.reason, department: actor.department, userId: actor.userId, at: now.toISOString() };
      complaint.status = request.decision === 'accept' ? 'accepted' : 'rejected';
      await complaints.save(complaint);
      if (request.decision === 'reject') await publishClosed(tx, complaint, actor, 'rejected', request.reason, shanghaiToday(now));
      await tx.audit({
        actor,
        action: `complaint.${request.decision}`,
        entity: 'complaint',
        entityId: complaint.id,
        after: { status: complaint.status },
        reason: request.reason,
        requestId,
      });
      return complaint.toView();
    });
  }
}

/** The outcome of an accepted complaint (substantiated or not), published without the complainant. */
export class RecordComplaintOutcome {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date,
  ) {}

  async execute(request: ComplaintOutcomeRequest, actor: Actor, requestId?: string): Promise<ComplaintView> {
    return this.unitOfWork.run(async (tx) => {
      const complaints = new ComplaintRepository(tx.manager);
      const complaint = await complaints.lock(request.id);
      assertHandles(actor, complaint);
      if (complaint.status !== 'accepted')
        throw new DomainError('COMPLAINT_NOT_ACCEPTED', complaint.status === 'closed' ? '该投诉已办结' : '只有已受理的投诉才能登记办理结果');
      if (request.inspectionId) {
        const inspection = await new InspectionRepository(tx.manager).find(request.inspectionId);
        if (!inspection || inspection.institutionId !== complaint.institutionId) {
          throw DomainError.validation([{ field: 'inspectionId', code: 'mismatch', message: '该检查不存在或不是对被投诉机构的检查' }]);
        }
        complaint.inspectionId = inspection.id;
      }
      const closedOn = shanghaiToday(this.now());
      complaint.outcome = { substantiated: request.substantiated, summary: request.summary, closedOn };
      complaint.status = 'closed';
      await complaints.save(complaint);
      await publishClosed(tx, complaint, actor, request.substantiated ? 'substantiated' : 'unsubstantiated', request.summary, closedOn);
      await tx.audit({
        actor,
        action: 'complaint.outcome',
        entity: 'complaint',
        entityId: complaint.id,
        after: { substantiated: request.substantiated, inspectionId: complaint.inspectionId },
        requestId,
      });
      return complaint.toView();
    });
  }
}
