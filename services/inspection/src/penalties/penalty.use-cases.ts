import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { InspectionEvt, type IssuePenaltyBody, type ListPenaltiesRequest, type PenaltyIssuedData, type PenaltyView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { assertCanRead, assertCovers, assertDepartment, isOperator } from '../access.js';
import type { ChecklistCatalog } from '../checklists/checklist-catalog.js';
import { FindingRepository } from '../findings/finding.repository.js';
import { InspectionRepository } from '../inspections/inspection.repository.js';
import type { InstitutionReplica } from '../replicas/institution-replica.entity.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import { checkDiscretion, discretionEntryFor, noDiscretionWithoutFine } from './discretion.js';
import { checkPenalty } from './penalty-rules.js';
import { PenaltyRepository } from './penalty.repository.js';

/**
 * 行政处罚 by the department that holds the power for the penalty item (the penalty list in
 * force on the day the inspection found the violation), tied to a finding, kinds and fine inside
 * the item's limits.
 */
export class IssuePenalty {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly catalog: ChecklistCatalog,
    private readonly now: () => Date,
  ) {}

  async execute(body: IssuePenaltyBody, actor: Actor, requestId?: string): Promise<PenaltyView> {
    return this.unitOfWork.run(async (tx) => {
      const finding = await new FindingRepository(tx.manager).get(body.findingId);
      assertCovers(actor, finding.divisionCode);
      const inspection = await new InspectionRepository(tx.manager).get(finding.inspectionId);
      // The penalty list in force where the institution is, on the day the inspection found the violation.
      const on = inspection.completedOn ?? finding.recordedOn;
      const { penalty: found, discretion: benchmarks } = await this.catalog.penaltyRules(tx.manager, finding.divisionCode, on, body.penaltyItemCode);
      if (!found)
        throw new DomainError('PENALTY_ITEM_NOT_FOUND', `处罚事项 ${body.penaltyItemCode} 不在 ${on} 适用于 ${finding.divisionCode} 的行政处罚事项清单中`);
      const { item, department, checklistVersion } = found;
      assertDepartment(actor, [department], `作出处罚事项 ${item.code} 的处罚`);
      const fineRange = checkPenalty(item, finding.itemCode, body);
      const discretion = fineRange
        ? checkDiscretion(item, body.fineFen!, fineRange, discretionEntryFor(benchmarks, item, department), body.discretionLevel)
        : noDiscretionWithoutFine(body.discretionLevel);
      const issuedOn = shanghaiToday(this.now());
      const penalty = await new PenaltyRepository(tx.manager).add({
        id: randomUUID(),
        findingId: finding.id,
        inspectionId: finding.inspectionId,
        institutionId: finding.institutionId,
        institutionName: finding.institutionName,
        divisionCode: finding.divisionCode,
        department,
        penaltyItemCode: item.code,
        penaltyItem: item,
        checklistVersion,
        kinds: body.kinds,
        fineFen: body.kinds.includes('fine') ? body.fineFen! : null,
        basisAmountFen: body.basisAmountFen ?? null,
        circumstances: body.circumstances ?? [],
        fineRange,
        discretion,
        decisionNo: body.decisionNo,
        reason: body.reason,
        issuedOn,
        issuedBy: { department: actor.department, userId: actor.userId },
      });
      const data: PenaltyIssuedData = {
        penaltyId: penalty.id,
        findingId: finding.id,
        institutionId: finding.institutionId,
        divisionCode: finding.divisionCode,
        department: penalty.department,
        penaltyItemCode: item.code,
        kinds: penalty.kinds,
        fineFen: penalty.fineFen,
        decisionNo: penalty.decisionNo,
        issuedOn,
      };
      await tx.publish(InspectionEvt.penaltyIssued, { actor, entityId: penalty.id, data });
      await tx.audit({
        actor,
        action: 'penalty.issue',
        entity: 'penalty',
        entityId: penalty.id,
        after: { ...data, checklistVersion, basisAmountFen: body.basisAmountFen ?? null, circumstances: body.circumstances ?? [], fineRange, discretion },
        reason: body.reason,
        requestId,
      });
      return penalty.toView();
    });
  }
}

export class ListPenalties {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ListPenaltiesRequest, actor: Actor): Promise<PenaltyView[]> {
    const rows = await new PenaltyRepository(this.dataSource.manager).list({ institutionId: request.institutionId, findingId: request.findingId });
    const owned = isOperator(actor) ? new Set(await new InstitutionRepository(this.dataSource.manager).idsOwnedBy(actor.userId)) : null;
    return rows
      .filter((p) => {
        try {
          assertCanRead(actor, p, owned?.has(p.institutionId) ? ({ ownerUserId: actor.userId } as InstitutionReplica) : null);
          return true;
        } catch {
          return false;
        }
      })
      .map((p) => p.toView());
  }
}
