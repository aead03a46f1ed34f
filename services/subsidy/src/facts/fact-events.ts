import { isIsoDate, shanghaiToday } from '@shanyu/common';
import { CreditEvt, type EventEnvelope, InspectionEvt, institutionOf, isEvent, RegistryEvt, StaffEvt } from '@shanyu/contracts';
import { upsertNewerVersion } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { percent } from '../domain/format.js';
import { tables } from '../sql.js';
import { markChanged } from './corrections.js';

/**
 * Facts from other services, only through their events (one durable consumer per source, its
 * filter in the NATS catalog: nats-server 2.9 allows one filter subject per consumer; of the staff
 * service only the 持证率 events). Each fact is kept with the date it holds from, so a month is
 * judged by the facts of its last day; a fact dated inside a month already posted becomes a
 * recalculation request (→ adjustment lines in the next run).
 */
export const FACT_SOURCES = ['registry', 'credit', 'inspection', 'staff'] as const;

type Replica = { status: string; inclusive: { grantedOn: string } | null; demonstrations: { year: number; designatedOn: string }[]; division_code: string };

const dayOf = (event: EventEnvelope) => shanghaiToday(new Date(event.occurredAt));

async function recordFact(manager: EntityManager, event: EventEnvelope, institutionId: string, fact: string, value: unknown, effectiveOn: string): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables(manager).fact} (institution_id, fact, value, effective_on, source_event) VALUES ($1, $2, $3::jsonb, $4, $5)`,
    [institutionId, fact, JSON.stringify(value), effectiveOn, event.eventId],
  );
}

/** evt.registry.*: the institution replica, its status and 普惠 facts, 示范 designations. */
export async function followRegistry(event: EventEnvelope, manager: EntityManager): Promise<void> {
  const view = institutionOf(event);
  if (!view?.id || typeof view.version !== 'number') return;
  const t = tables(manager);
  const [before]: Replica[] = await manager.query(
    `SELECT status, inclusive, demonstrations, division_code FROM ${t.institution} WHERE id = $1 FOR UPDATE`, [view.id],
  );
  const changed = await upsertNewerVersion(manager, t.institution, {
    id: view.id, name: view.name, division_code: view.divisionCode, owner_user_id: view.ownerUserId ?? null, status: view.status,
    places: JSON.stringify(view.places), total_places: view.totalPlaces, inclusive: view.inclusive ? JSON.stringify(view.inclusive) : null,
    demonstrations: JSON.stringify(view.demonstrations ?? []), source_version: view.version,
  });

  if (!changed) return; // an older version of the record than the one we hold
  const today = dayOf(event);
  const institution = { id: view.id, divisionCode: view.divisionCode };
  const changedFrom: string[] = [];
  if (!before || before.status !== view.status) {
    // 注销 carries the day it stopped operating; every other status holds from the event.
    const stopped = isEvent(RegistryEvt.institutionDeregistered, event) ? event.data.effectiveOn : undefined;
    const on = isIsoDate(stopped) ? stopped : today;
    await recordFact(manager, event, view.id, 'status', view.status, on);
    changedFrom.push(on);
  }
  if ((before?.inclusive?.grantedOn ?? null) !== (view.inclusive?.grantedOn ?? null)) {
    const on = view.inclusive?.grantedOn && isIsoDate(view.inclusive.grantedOn) ? view.inclusive.grantedOn : today;
    await recordFact(manager, event, view.id, 'inclusive', view.inclusive ?? null, on);
    changedFrom.push(on);
  }
  const known = new Set((before?.demonstrations ?? []).map((d) => d.year));
  for (const d of view.demonstrations ?? []) if (!known.has(d.year)) changedFrom.push(d.designatedOn);
  if (before && changedFrom.length) {
    const from = changedFrom.sort()[0]!.slice(0, 7);
    await markChanged(manager, institution, from, null, `登记信息变更（${event.subject}，${today}）`);
  }
}

/** evt.credit.grade.changed.v1: the grade from the day it holds. */
export async function followCredit(event: EventEnvelope, manager: EntityManager): Promise<void> {
  if (!isEvent(CreditEvt.gradeChanged, event)) return;
  // Typed by the contract, read defensively all the same (an event from elsewhere may lack a field).
  const data: Partial<typeof event.data> | null = event.data;
  const institutionId = data?.institutionId ?? event.entityId;
  const grade = data?.to ?? data?.grade;
  if (!institutionId || !grade) return;
  const on = isIsoDate(data?.effectiveOn) ? data.effectiveOn : dayOf(event);
  await recordFact(manager, event, institutionId, 'credit_grade', grade, on);
  const [inst]: { division_code: string }[] = await manager.query(`SELECT division_code FROM ${tables(manager).institution} WHERE id = $1`, [institutionId]);
  if (inst) await markChanged(manager, { id: institutionId, divisionCode: inst.division_code }, on.slice(0, 7), null, `信用等级变为 ${grade}（${on}）`);
}

/** evt.inspection.finding.*: findings, open until corrected (critical ones bar some subsidies). */
export async function followInspection(event: EventEnvelope, manager: EntityManager): Promise<void> {
  if (!isEvent(InspectionEvt.findingRecorded, event) && !isEvent(InspectionEvt.findingCorrected, event)) return;
  const data: Partial<typeof event.data> | null = event.data;
  if (!data?.findingId || !data.institutionId) return;
  const t = tables(manager);
  const today = dayOf(event);
  if (event.subject === InspectionEvt.findingRecorded.subject) {
    await manager.query(
      `INSERT INTO ${t.finding} (finding_id, institution_id, severity, item_code, recorded_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (finding_id) DO NOTHING`,
      [data.findingId, data.institutionId, data.severity ?? 'minor', data.itemCode ?? null, today],
    );
  } else {
    await manager.query(`UPDATE ${t.finding} SET corrected_on = $2 WHERE finding_id = $1 AND corrected_on IS NULL`, [data.findingId, today]);
  }
  if (data.severity === 'critical' && data.divisionCode) {
    await markChanged(manager, { id: data.institutionId, divisionCode: data.divisionCode }, today.slice(0, 7), null, `严重问题${event.subject === InspectionEvt.findingCorrected.subject ? '已整改' : '被记录'}（${today}）`);
  }
}

/** evt.staff.certificate-rate.changed.v1: 持证率 (basis points) from the day it holds, for the certificate_rate eligibility rule. */
export async function followStaff(event: EventEnvelope, manager: EntityManager): Promise<void> {
  if (!isEvent(StaffEvt.certificateRateChanged, event)) return;
  const data: Partial<typeof event.data> | null = event.data;
  const institutionId = data?.institutionId ?? event.entityId;
  const raw = data?.rateBp;
  const rateBp = raw === null ? null : typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= 10_000 ? raw : undefined;
  if (!institutionId || rateBp === undefined) return;
  const on = isIsoDate(data?.effectiveOn) ? data.effectiveOn : dayOf(event);
  await recordFact(manager, event, institutionId, 'certificate_rate', rateBp, on);
  const [inst]: { division_code: string }[] = await manager.query(`SELECT division_code FROM ${tables(manager).institution} WHERE id = $1`, [institutionId]);
  const shown = rateBp === null ? '无（无需持证岗位）' : percent(rateBp);
  if (inst) await markChanged(manager, { id: institutionId, divisionCode: inst.division_code }, on.slice(0, 7), null, `从业人员持证率变为 ${shown}（${on}）`);
}
