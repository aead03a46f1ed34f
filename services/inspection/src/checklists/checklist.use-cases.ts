import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type ChecklistVersionView, InspectionEvt, type ListChecklistsRequest, type PublishChecklistBody } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { assertDepartment } from '../access.js';
import type { ChecklistCatalog } from './checklist-catalog.js';
import { checkCatalog, type ChecklistData, ChecklistError, loadChecklist } from './checklist-schema.js';
import { ChecklistRepository } from './checklist.repository.js';

function invalid(e: unknown): never {
  if (e instanceof ChecklistError) {
    throw new DomainError(
      'CHECKLIST_INVALID',
      `清单有误（${e.problems.length} 处）`,
      e.problems.map((p) => ({ field: p.field, code: 'CHECKLIST_INVALID', message: p.message })),
    );
  }
  throw e;
}

/** 两张清单 in force on a date (default today). */
export class ListChecklists {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ChecklistCatalog,
    private readonly now: () => Date,
  ) {}

  async execute(request: ListChecklistsRequest): Promise<ChecklistVersionView[]> {
    const on = request.on ?? shanghaiToday(this.now());
    return (await this.catalog.inForce(this.dataSource.manager, on, { kind: request.kind, department: request.department })).map((v) => v.toView());
  }
}

/** A department publishes a new version of its list; versions are never edited. */
export class PublishChecklist {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly catalog: ChecklistCatalog,
    private readonly now: () => Date,
  ) {}

  async execute(body: PublishChecklistBody, actor: Actor, requestId?: string): Promise<ChecklistVersionView> {
    assertDepartment(actor, [body.department], `发布 ${body.department} 部门的清单`);
    let data: ChecklistData;
    try {
      data = loadChecklist(JSON.parse(JSON.stringify(body)));
    } catch (e) {
      invalid(e);
    }
    return this.unitOfWork.run(async (tx) => {
      const existing = await this.catalog.all(tx.manager);
      if (existing.some((v) => v.kind === data.kind && v.department === data.department && v.version === data.version)) {
        throw new DomainError('CHECKLIST_VERSION_EXISTS', `清单版本 ${data.version} 已存在；修改请发布新版本`);
      }
      try {
        checkCatalog([...existing.map((v) => v.toData()), data]);
      } catch (e) {
        invalid(e);
      }
      const row = await new ChecklistRepository(tx.manager).add({
        id: randomUUID(),
        ...data,
        origin: 'published',
        publishedAt: this.now(),
        publishedBy: { department: actor.department, userId: actor.userId },
      });
      const items = data.inspectionItems.length + data.penaltyItems.length;
      await tx.publish(InspectionEvt.checklistPublished, {
        actor,
        entityId: row.id,
        data: { kind: data.kind, department: data.department, version: data.version, effectiveFrom: data.effectiveFrom, items },
      });
      await tx.audit({
        actor,
        action: 'checklist.publish',
        entity: 'checklist',
        entityId: row.id,
        after: { kind: data.kind, version: data.version, effectiveFrom: data.effectiveFrom, items },
        requestId,
      });
      return row.toView();
    });
  }
}
