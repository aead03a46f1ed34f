import type { Actor, IsoDate } from '@shanyu/common';
import { StaffEvt, type StaffRole } from '@shanyu/contracts';
import { newEvent } from '@shanyu/messaging';
import { In, IsNull, type EntityManager } from 'typeorm';
import { Credential } from '../credentials/credential.entity.js';
import { complianceOf } from '../domain/compliance.js';
import { Employment } from '../employments/employment.entity.js';
import { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import type { StaffRules } from '../rules/staff-rules.js';
import { schemaTable } from '@shanyu/persistence';
import type { EventSink } from './ratio-monitor.js';

/**
 * 持证率 of an institution, re-evaluated after each change of its staff or of their credentials
 * (and by the daily sweep when a credential expires): when the rate in basis points differs from
 * the one last published, evt.staff.certificate-rate.changed.v1 tells the subsidy service, whose
 * eligibility rule (持证率 ≥ the policy's minimum, e.g. 90% in 西政办函〔2021〕15号 §一(二)) follows it from that day.
 */
export class CertificateRateMonitor {
  constructor(private readonly rules: StaffRules) {}

  /** Institutions where the person is currently employed (a credential belongs to the person). */
  async institutionsOfPerson(manager: EntityManager, personId: string): Promise<InstitutionReplica[]> {
    const employments = await manager.getRepository(Employment).findBy({ personId, endDate: IsNull() });
    const ids = [...new Set(employments.map((e) => e.institutionId))];
    return ids.length ? manager.getRepository(InstitutionReplica).findBy({ id: In(ids) }) : [];
  }

  async evaluate(manager: EntityManager, sink: EventSink, institutions: InstitutionReplica[], actor: Actor, today: IsoDate): Promise<void> {
    for (const institution of institutions) {
      // Only the columns the rate needs, and `= ANY($1)`: an institution may have a thousand staff after an import.
      const employments: { personId: string; role: StaffRole }[] = await manager.query(
        `SELECT person_id AS "personId", role FROM ${schemaTable(manager, 'employment')} WHERE institution_id = $1 AND end_date IS NULL`,
        [institution.id],
      );
      const personIds = [...new Set(employments.map((e) => e.personId))];
      const credentials = personIds.length
        ? await manager.getRepository(Credential).createQueryBuilder('c').where('c.person_id = ANY(:ids)', { ids: personIds }).getMany()
        : [];
      const credentialsOf = new Map<string, Credential[]>();
      for (const c of credentials) credentialsOf.set(c.personId, [...(credentialsOf.get(c.personId) ?? []), c]);
      let required = 0;
      let holding = 0;
      for (const e of employments) {
        const c = complianceOf(this.rules, e.role, credentialsOf.get(e.personId) ?? [], today);
        if (c.needsQualification) { required++; if (c.qualified) holding++; }
      }
      const rateBp = required === 0 ? null : Math.round((holding * 10_000) / required);
      const t = schemaTable(manager, 'certificate_rate_state');
      const [before]: { rate_bp: number | null }[] = await manager.query(`SELECT rate_bp FROM ${t} WHERE institution_id = $1 FOR UPDATE`, [institution.id]);
      // Nothing published yet and nothing to judge: stay silent (an institution with no qualified roles).
      if (before ? before.rate_bp === rateBp : rateBp === null) continue;
      await manager.query(
        `INSERT INTO ${t} (institution_id, required, holding, rate_bp, effective_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (institution_id) DO UPDATE SET required = EXCLUDED.required, holding = EXCLUDED.holding, rate_bp = EXCLUDED.rate_bp,
           effective_on = EXCLUDED.effective_on, changed_at = now()`,
        [institution.id, required, holding, rateBp, today],
      );
      const targetBp = Math.round(this.rules.certificateRateTarget.value * 10_000);
      await sink.publish(newEvent(StaffEvt.certificateRateChanged, {
        actor,
        entityId: institution.id,
        data: {
          institutionId: institution.id, divisionCode: institution.divisionCode, ownerUserId: institution.ownerUserId,
          required, holding, rateBp, previousRateBp: before?.rate_bp ?? null, targetBp, meetsTarget: rateBp === null ? null : rateBp >= targetBp,
          effectiveOn: today, rulesVersion: this.rules.version, source: this.rules.certificateRateTarget.source,
        },
      }));
    }
  }
}
