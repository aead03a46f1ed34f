import { type Actor, departmentNotAllowed } from '@shanyu/common';
import { AuditHistoryRequest, type AuditEntryView, type AuditVerificationView, auditSubjects } from '@shanyu/contracts';
import { AuditLog, type AuditRow } from '@shanyu/persistence';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Caller } from './rpc-context.js';

export function toAuditEntryView(row: AuditRow): AuditEntryView {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actor: { department: row.actorDepartment, role: row.actorRole, userId: row.actorUser, clientId: row.actorClient },
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    reason: row.reason,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    hash: row.hash,
    prevHash: row.prevHash,
  };
}

function assertAuditor(actor: Actor): void {
  if (actor.department !== 'admin') throw departmentNotAllowed(actor, '查看审计日志', ['admin']);
}

/** `<service>.audit.history` and `<service>.audit.verify` for a service's own audit log. */
export function auditHandlersFor(service: string): Type<unknown> {
  const subjects = auditSubjects(service);

  @Controller()
  class AuditHandlers {
    private readonly auditLog = new AuditLog();

    constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

    @MessagePattern(subjects.history)
    async history(@Payload() body: AuditHistoryRequest, @Caller() actor: Actor): Promise<AuditEntryView[]> {
      assertAuditor(actor);
      return (await this.auditLog.history(this.dataSource, body.entity, body.id)).map(toAuditEntryView);
    }

    @MessagePattern(subjects.verify)
    async verify(@Caller() actor: Actor): Promise<AuditVerificationView> {
      assertAuditor(actor);
      return { service, ...(await this.auditLog.verify(this.dataSource)) };
    }
  }
  return AuditHandlers;
}
