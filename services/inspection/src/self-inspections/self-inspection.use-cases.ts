import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, type FieldProblem, shanghaiToday } from '@shanyu/common';
import { INSPECTION_DEPARTMENTS, type SelfInspectionFormView, type SelfInspectionView, type SubmitSelfInspectionBody } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { assertCanRead, assertOwner } from '../access.js';
import type { ChecklistCatalog } from '../checklists/checklist-catalog.js';
import { buildForm, groupByArea } from '../forms/merged-form.js';
import type { InstitutionReplica } from '../replicas/institution-replica.entity.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import { SelfInspectionRepository } from './self-inspection.repository.js';

/** Every department's items in force where the institution is. */
async function fullForm(manager: EntityManager, catalog: ChecklistCatalog, institution: InstitutionReplica, on: string) {
  const items = await catalog.inspectionItems(manager, institution.divisionCode, on, INSPECTION_DEPARTMENTS);
  return buildForm({ items, operatorType: institution.operatorType, nature: institution.nature, kind: 'full' });
}

/** 举办者自查 against the same lists; not an inspection (no cap, no findings), shown to inspectors on the form. */
export class SubmitSelfInspection {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly catalog: ChecklistCatalog,
    private readonly now: () => Date,
  ) {}

  async execute(body: SubmitSelfInspectionBody, actor: Actor, requestId?: string): Promise<SelfInspectionView> {
    return this.unitOfWork.run(async (tx) => {
      const institution = await new InstitutionRepository(tx.manager).get(body.institutionId);
      assertOwner(actor, institution);
      const now = this.now();
      const codes = new Set((await fullForm(tx.manager, this.catalog, institution, shanghaiToday(now))).map((i) => i.code));
      const unknown: FieldProblem[] = body.results
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => !codes.has(r.itemCode))
        .map(({ r, i }) => ({ field: `results.${i}.itemCode`, code: 'ITEM_NOT_ON_FORM', message: `事项 ${r.itemCode} 不在适用于本机构的清单上` }));
      if (unknown.length) throw new DomainError('ITEM_NOT_ON_FORM', unknown.map((p) => p.message).join('；'), unknown);
      const row = await new SelfInspectionRepository(tx.manager).add({
        id: randomUUID(),
        institutionId: institution.id,
        submittedAt: now,
        submittedBy: { department: actor.department, userId: actor.userId },
        results: body.results.map((r) => ({ itemCode: r.itemCode, result: r.result, note: r.note ?? null })),
      });
      await tx.audit({
        actor,
        action: 'self-inspection.submit',
        entity: 'institution',
        entityId: institution.id,
        after: { selfInspectionId: row.id, summary: row.toView().summary },
        requestId,
      });
      return row.toView();
    });
  }
}

export class ListSelfInspections {
  constructor(private readonly dataSource: DataSource) {}

  async execute(institutionId: string, actor: Actor): Promise<SelfInspectionView[]> {
    const institution = await new InstitutionRepository(this.dataSource.manager).get(institutionId);
    assertCanRead(actor, { divisionCode: institution.divisionCode, institutionId }, institution);
    return (await new SelfInspectionRepository(this.dataSource.manager).ofInstitution(institutionId)).map((s) => s.toView());
  }
}

export class SelfInspectionForm {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: ChecklistCatalog,
    private readonly now: () => Date,
  ) {}

  async execute(institutionId: string, actor: Actor): Promise<SelfInspectionFormView> {
    const institution = await new InstitutionRepository(this.dataSource.manager).get(institutionId);
    assertCanRead(actor, { divisionCode: institution.divisionCode, institutionId }, institution);
    const form = await fullForm(this.dataSource.manager, this.catalog, institution, shanghaiToday(this.now()));
    return {
      institutionId,
      institutionName: institution.name,
      areas: groupByArea(form).map((g) => ({ ...g, items: g.items.map((i) => ({ ...i, result: null })) })),
    };
  }
}
