import { randomUUID } from 'node:crypto';
import { type Actor, assertMayPublishRules, DomainError, departmentName, shanghaiToday } from '@shanyu/common';
import { type ChecklistVersionView, InspectionEvt, type ListChecklistsRequest, type PublishChecklistBody } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import type { ChecklistCatalog } from './checklist-catalog.js';
import { checkChecklistDocument } from './checklist-rules.js';
import { checkCatalog, type ChecklistData, ChecklistError, checkPlacement, loadChecklist } from './checklist-schema.js';
import { ChecklistRepository } from './checklist.repository.js';

function invalid(e: unknown): never {
  if (e instanceof ChecklistError) {
    throw new DomainError(
      'CHECKLIST_INVALID',
      `清单有误（${e.problems.length} 处）：${e.problems
        .slice(0, 5)
        .map((p) => `${p.field}：${p.message}`)
        .join('；')}`,
      e.problems.map((p) => ({ field: p.field, code: 'CHECKLIST_INVALID', message: p.message })),
    );
  }
  throw e;
}

/** 两张清单 in force on a date (default today): every jurisdiction's, or those applying in a division, or one jurisdiction's. */
export class ListChecklists {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ChecklistCatalog,
    private readonly now: () => Date,
  ) {}

  async execute(request: ListChecklistsRequest): Promise<ChecklistVersionView[]> {
    const on = request.on ?? shanghaiToday(this.now());
    const { kind, department, divisionCode, jurisdiction } = request;
    return (await this.catalog.inForce(this.dataSource.manager, on, { kind, department, divisionCode, jurisdiction })).map((v) => v.toView());
  }
}

/**
 * A department publishes a new version of its own list for a jurisdiction it covers (the
 * platform admin: any list, national ones included); versions are never edited. The list is
 * checked as a list, as a rule document of family `inspection` and against the lists above it.
 */
export class PublishChecklist {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly catalog: ChecklistCatalog,
    private readonly now: () => Date,
  ) {}

  async execute(body: PublishChecklistBody, actor: Actor, requestId?: string): Promise<ChecklistVersionView> {
    // Family `inspection` is open to every supervising department, but each only for its own list.
    if (actor.department !== 'admin' && body.department !== actor.department) {
      throw new DomainError(
        'DEPARTMENT_NOT_ALLOWED',
        `${departmentName(actor.department)}只能发布本部门的清单，不能发布${departmentName(body.department)}的清单`,
        [{ field: 'department', code: 'DEPARTMENT_NOT_ALLOWED', message: `${departmentName(body.department)}的清单只能由该部门（或平台管理员）发布` }],
      );
    }
    assertMayPublishRules(actor, 'inspection', body.jurisdiction);
    let data: ChecklistData;
    try {
      data = loadChecklist(JSON.parse(JSON.stringify(body)));
    } catch (e) {
      invalid(e);
    }
    checkChecklistDocument(data);
    return this.unitOfWork.run(async (tx) => {
      const existing = (await this.catalog.all(tx.manager)).map((v) => v.toData());
      if (existing.some((v) => v.kind === data.kind && v.department === data.department && v.version === data.version)) {
        throw new DomainError('CHECKLIST_VERSION_EXISTS', `清单版本 ${data.version} 已存在；修改请发布新版本`);
      }
      try {
        checkCatalog([...existing, data]);
        checkPlacement(data, existing);
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
      const items = data.inspectionItems.length + data.penaltyItems.length + data.discretionItems.length;
      await tx.publish(InspectionEvt.checklistPublished, {
        actor,
        entityId: row.id,
        data: {
          kind: data.kind,
          department: data.department,
          version: data.version,
          jurisdiction: data.jurisdiction,
          effectiveFrom: data.effectiveFrom,
          items,
        },
      });
      await tx.audit({
        actor,
        action: 'checklist.publish',
        entity: 'checklist',
        entityId: row.id,
        after: {
          kind: data.kind,
          version: data.version,
          jurisdiction: data.jurisdiction,
          effectiveFrom: data.effectiveFrom,
          items,
          disabled: data.disabledItems.map((d) => d.code),
        },
        requestId,
      });
      return row.toView();
    });
  }
}
