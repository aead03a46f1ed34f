import { type Actor, type IsoDate, shanghaiToday } from '@shanyu/common';
import { CLASS_TYPES, type ClassType, type RatioView, StaffEvt } from '@shanyu/contracts';
import { type NewEvent, newEvent } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import { computeRatios } from '../domain/ratios.js';
import { EmploymentRepository } from '../employments/employment.repository.js';
import { enrolmentOf } from '../institutions/institutions.js';
import type { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import { ComplianceStateRepository } from './compliance-state.repository.js';

/** Where events go: a use case's transaction, or the outbox of an event handler's transaction. */
export interface EventSink {
  publish<T>(event: NewEvent<T>): Promise<unknown>;
}

/** Carers (保育人员) assigned to each class type, per institution, among current employments. */
export async function carersByClass(manager: EntityManager, institutionIds: string[]): Promise<Map<string, Partial<Record<ClassType, number>>>> {
  const rows = await new EmploymentRepository(manager).carersByClass(institutionIds);
  const out = new Map<string, Partial<Record<ClassType, number>>>();
  for (const r of rows) out.set(r.institutionId, { ...out.get(r.institutionId), [r.classType]: r.carers });
  return out;
}

/**
 * Re-evaluates an institution's carer-to-child ratios after a change of staff or enrolment and
 * publishes evt.staff.ratio.breached.v1 when a class type falls below the standard (once per
 * breach: the state is kept per class type, so a breach is published again only after it was
 * fixed). Institutions that have reported no staff yet are not judged.
 */
export class RatioMonitor {
  constructor(private readonly book: StaffRuleStore) {}

  /** Judged by the ratios of the institution's division on `today`. */
  async evaluate(
    manager: EntityManager,
    sink: EventSink,
    institution: InstitutionReplica,
    actor: Actor,
    today: IsoDate = shanghaiToday(),
  ): Promise<RatioView[]> {
    const rules = (await this.book.current(manager)).for(institution.divisionCode, today);
    if ((await new EmploymentRepository(manager).countCurrent(institution.id)) === 0) return [];
    const enrolment = (await enrolmentOf(manager, [institution.id])).get(institution.id) ?? {};
    const carers = (await carersByClass(manager, [institution.id])).get(institution.id) ?? {};
    const ratios = computeRatios(rules, enrolment, carers, institution.operatorType);
    const stateRepository = new ComplianceStateRepository(manager);
    const states = await stateRepository.ratioStates(institution.id);
    for (const classType of CLASS_TYPES) {
      const ratio = ratios.find((r) => r.classType === classType);
      const breached = ratio?.breached ?? false;
      const before = states.find((s) => s.classType === classType)?.breached ?? false;
      if (breached === before) continue;
      await stateRepository.saveRatioState(institution.id, classType, breached);
      if (breached && ratio) {
        await sink.publish(
          newEvent(StaffEvt.ratioBreached, {
            actor,
            entityId: institution.id,
            data: {
              institutionId: institution.id,
              divisionCode: institution.divisionCode,
              ownerUserId: institution.ownerUserId,
              classType,
              children: ratio.children,
              enrolmentSource: ratio.enrolmentSource,
              carers: ratio.carers,
              childrenPerCarer: ratio.childrenPerCarer,
              requiredCarers: ratio.requiredCarers,
              rulesVersion: rules.version,
            },
          }),
        );
      }
    }
    return ratios;
  }
}
