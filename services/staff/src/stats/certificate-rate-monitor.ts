import type { Actor, IsoDate } from '@shanyu/common';
import { StaffEvt } from '@shanyu/contracts';
import { newEvent } from '@shanyu/messaging';
import type { EntityManager } from 'typeorm';
import type { Credential } from '../credentials/credential.entity.js';
import { CredentialRepository } from '../credentials/credential.repository.js';
import { complianceOf } from '../domain/compliance.js';
import { EmploymentRepository } from '../employments/employment.repository.js';
import type { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import { ComplianceStateRepository } from './compliance-state.repository.js';
import type { EventSink } from './ratio-monitor.js';

/**
 * 持证率 of an institution, re-evaluated after each change of its staff or of their credentials
 * (and by the daily sweep when a credential expires): when the rate in basis points differs from
 * the one last published, evt.staff.certificate-rate.changed.v1 tells the subsidy service, whose
 * eligibility rule (持证率 ≥ the policy's own minimum) follows it from that day. The event names
 * the 持证率 target of the institution's division for the alerts (西湖区's district target in
 * 330106); where no level has set one, `targetBp` and `meetsTarget` are null.
 */
export class CertificateRateMonitor {
  constructor(private readonly book: StaffRuleStore) {}

  /** Institutions where the person is currently employed (a credential belongs to the person). */
  async institutionsOfPerson(manager: EntityManager, personId: string): Promise<InstitutionReplica[]> {
    const employments = await new EmploymentRepository(manager).currentOfPerson(personId);
    return new InstitutionRepository(manager).byIds([...new Set(employments.map((e) => e.institutionId))]);
  }

  async evaluate(manager: EntityManager, sink: EventSink, institutions: InstitutionReplica[], actor: Actor, today: IsoDate): Promise<void> {
    const states = new ComplianceStateRepository(manager);
    const book = await this.book.current(manager);
    for (const institution of institutions) {
      const rules = book.for(institution.divisionCode, today);
      const employments = await new EmploymentRepository(manager).currentRoles(institution.id);
      const personIds = [...new Set(employments.map((e) => e.personId))];
      const credentials = await new CredentialRepository(manager).ofPeople(personIds);
      const credentialsOf = new Map<string, Credential[]>();
      for (const c of credentials) credentialsOf.set(c.personId, [...(credentialsOf.get(c.personId) ?? []), c]);
      let required = 0;
      let holding = 0;
      for (const e of employments) {
        const c = complianceOf(rules, e.role, credentialsOf.get(e.personId) ?? [], today);
        if (c.needsQualification) {
          required++;
          if (c.qualified) holding++;
        }
      }
      const rateBp = required === 0 ? null : Math.round((holding * 10_000) / required);
      const before = await states.certificateRateForUpdate(institution.id);
      // Nothing published yet and nothing to judge: stay silent (an institution with no qualified roles).
      if (before ? before.rateBp === rateBp : rateBp === null) continue;
      await states.saveCertificateRate(institution.id, required, holding, rateBp, today);
      const target = rules.certificateRateTarget;
      const targetBp = target?.targetBp ?? null;
      await sink.publish(
        newEvent(StaffEvt.certificateRateChanged, {
          actor,
          entityId: institution.id,
          data: {
            institutionId: institution.id,
            divisionCode: institution.divisionCode,
            ownerUserId: institution.ownerUserId,
            required,
            holding,
            rateBp,
            previousRateBp: before?.rateBp ?? null,
            targetBp,
            meetsTarget: rateBp === null || targetBp === null ? null : rateBp >= targetBp,
            effectiveOn: today,
            rulesVersion: rules.version,
            source: target?.source ?? null,
          },
        }),
      );
    }
  }
}
