import type { Actor } from '@shanyu/common';
import { CLASS_TYPES, type ClassType, type RatioView, StaffEvt } from '@shanyu/contracts';
import { type NewEvent, newEvent } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { computeRatios } from '../domain/ratios.js';
import { enrolmentOf } from '../institutions/institutions.js';
import type { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import type { StaffRules } from '../rules/staff-rules.js';
import { schemaTable } from '@shanyu/persistence';

/** Where events go: a use case's transaction, or the outbox of an event handler's transaction. */
export interface EventSink {
  publish<T>(event: NewEvent<T>): Promise<unknown>;
}

/** Carers (保育人员) assigned to each class type, per institution, among current employments. */
export async function carersByClass(db: EntityManager | DataSource, institutionIds: string[]): Promise<Map<string, Partial<Record<ClassType, number>>>> {
  const rows: { institution_id: string; class_type: ClassType; n: number }[] = institutionIds.length
    ? await db.query(
      `SELECT institution_id, class_type, count(*)::int AS n FROM ${schemaTable(db, 'employment')}
       WHERE institution_id = ANY($1::uuid[]) AND end_date IS NULL AND role = 'carer' AND class_type IS NOT NULL
       GROUP BY institution_id, class_type`,
      [institutionIds],
    )
    : [];
  const out = new Map<string, Partial<Record<ClassType, number>>>();
  for (const r of rows) out.set(r.institution_id, { ...out.get(r.institution_id), [r.class_type]: r.n });
  return out;
}

/**
 * Re-evaluates an institution's carer-to-child ratios after a change of staff or enrolment and
 * publishes evt.staff.ratio.breached.v1 when a class type falls below the standard (once per
 * breach: the state is kept per class type, so a breach is published again only after it was
 * fixed). Institutions that have reported no staff yet are not judged.
 */
export class RatioMonitor {
  constructor(private readonly rules: StaffRules) {}

  async evaluate(manager: EntityManager, sink: EventSink, institution: InstitutionReplica, actor: Actor): Promise<RatioView[]> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM ${schemaTable(manager, 'employment')} WHERE institution_id = $1 AND end_date IS NULL`, [institution.id]);
    if (n === 0) return [];
    const enrolment = (await enrolmentOf(manager, [institution.id])).get(institution.id) ?? {};
    const carers = (await carersByClass(manager, [institution.id])).get(institution.id) ?? {};
    const ratios = computeRatios(this.rules, enrolment, carers);
    const t = schemaTable(manager, 'ratio_state');
    const states: { class_type: ClassType; breached: boolean }[] = await manager.query(`SELECT class_type, breached FROM ${t} WHERE institution_id = $1`, [institution.id]);
    for (const classType of CLASS_TYPES) {
      const ratio = ratios.find((r) => r.classType === classType);
      const breached = ratio?.breached ?? false;
      const before = states.find((s) => s.class_type === classType)?.breached ?? false;
      if (breached === before) continue;
      await manager.query(
        `INSERT INTO ${t} (institution_id, class_type, breached) VALUES ($1, $2, $3)
         ON CONFLICT (institution_id, class_type) DO UPDATE SET breached = EXCLUDED.breached, changed_at = now()`,
        [institution.id, classType, breached],
      );
      if (breached && ratio) {
        await sink.publish(newEvent(StaffEvt.ratioBreached, {
          actor,
          entityId: institution.id,
          data: {
            institutionId: institution.id, divisionCode: institution.divisionCode, ownerUserId: institution.ownerUserId,
            classType, children: ratio.children, enrolmentSource: ratio.enrolmentSource, carers: ratio.carers,
            childrenPerCarer: ratio.childrenPerCarer, requiredCarers: ratio.requiredCarers, rulesVersion: this.rules.version,
          },
        }));
      }
    }
    return ratios;
  }
}
