import { isIsoDate, shanghaiToday } from '@shanyu/common';
import { CreditEvt, type EventEnvelope, InspectionEvt, institutionOf, isEvent, RegistryEvt, StaffEvt } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { percent } from '../domain/format.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { RunRepository } from '../runs/run.repository.js';
import { markChanged } from './corrections.js';
import { FactRepository } from './fact.repository.js';
import { followListing, isListingEvent } from './listings.js';

/**
 * Facts from other services, only through their events (one durable consumer per source, its
 * filter in the NATS catalog: nats-server 2.9 allows one filter subject per consumer; of the staff
 * service only the 持证率 events). Each fact is kept with the date it holds from, so a month is
 * judged by the facts of its last day; a fact dated inside a month already posted becomes a
 * recalculation request (→ adjustment lines in the next run).
 */
export const FACT_SOURCES = ['registry', 'credit', 'inspection', 'staff'] as const;

const dayOf = (event: EventEnvelope) => shanghaiToday(new Date(event.occurredAt));

/** evt.registry.*: the institution replica, its status and 普惠 facts, 示范 designations. */
export async function followRegistry(event: EventEnvelope, manager: EntityManager): Promise<void> {
  const view = institutionOf(event);
  if (!view?.id || typeof view.version !== 'number') return;
  const institutions = new InstitutionRepository(manager);
  const facts = new FactRepository(manager);
  const before = await institutions.factsForUpdate(view.id);
  const changed = await institutions.upsert(view);

  if (!changed) return; // an older version of the record than the one we hold
  const today = dayOf(event);
  const institution = { id: view.id, divisionCode: view.divisionCode };
  const changedFrom: string[] = [];
  if (!before || before.status !== view.status) {
    // 注销 carries the day it stopped operating; every other status holds from the event.
    const stopped = isEvent(RegistryEvt.institutionDeregistered, event) ? event.data.effectiveOn : undefined;
    const on = isIsoDate(stopped) ? stopped : today;
    await facts.record(view.id, 'status', view.status, on, event.eventId);
    changedFrom.push(on);
  }
  if ((before?.inclusive?.grantedOn ?? null) !== (view.inclusive?.grantedOn ?? null)) {
    const on = view.inclusive?.grantedOn && isIsoDate(view.inclusive.grantedOn) ? view.inclusive.grantedOn : today;
    await facts.record(view.id, 'inclusive', view.inclusive ?? null, on, event.eventId);
    changedFrom.push(on);
  }
  const known = new Set((before?.demonstrations ?? []).map((d) => d.year));
  for (const d of view.demonstrations ?? []) if (!known.has(d.year)) changedFrom.push(d.designatedOn);
  if (before && changedFrom.length) {
    const from = changedFrom.sort()[0]!.slice(0, 7);
    await markChanged(new RunRepository(manager), institution, from, null, `登记信息变更（${event.subject}，${today}）`);
  }
}

/**
 * evt.credit.grade.changed.v1: the grade from the day it holds. evt.credit.listing.*: the
 * serious-breach listings (严重失信主体名单) and their publication (listings.ts).
 */
export async function followCredit(event: EventEnvelope, manager: EntityManager): Promise<void> {
  if (isListingEvent(event)) return followListing(event, manager);
  if (!isEvent(CreditEvt.gradeChanged, event)) return;
  // Typed by the contract, read defensively all the same (an event from elsewhere may lack a field).
  const data: Partial<typeof event.data> | null = event.data;
  const institutionId = data?.institutionId ?? event.entityId;
  const grade = data?.to ?? data?.grade;
  if (!institutionId || !grade) return;
  const on = isIsoDate(data?.effectiveOn) ? data.effectiveOn : dayOf(event);
  await new FactRepository(manager).record(institutionId, 'credit_grade', grade, on, event.eventId);
  const divisionCode = await new InstitutionRepository(manager).divisionOf(institutionId);
  if (divisionCode) await markChanged(new RunRepository(manager), { id: institutionId, divisionCode }, on.slice(0, 7), null, `信用等级变为 ${grade}（${on}）`);
}

/** evt.inspection.finding.*: findings, open until corrected (critical ones bar some subsidies). */
export async function followInspection(event: EventEnvelope, manager: EntityManager): Promise<void> {
  if (!isEvent(InspectionEvt.findingRecorded, event) && !isEvent(InspectionEvt.findingCorrected, event)) return;
  const data: Partial<typeof event.data> | null = event.data;
  if (!data?.findingId || !data.institutionId) return;
  const facts = new FactRepository(manager);
  const today = dayOf(event);
  if (event.subject === InspectionEvt.findingRecorded.subject) {
    await facts.recordFinding({
      findingId: data.findingId,
      institutionId: data.institutionId,
      severity: data.severity ?? 'minor',
      itemCode: data.itemCode ?? null,
      recordedOn: today,
    });
  } else {
    await facts.correctFinding(data.findingId, today);
  }
  if (data.severity === 'critical' && data.divisionCode) {
    await markChanged(
      new RunRepository(manager),
      { id: data.institutionId, divisionCode: data.divisionCode },
      today.slice(0, 7),
      null,
      `严重问题${event.subject === InspectionEvt.findingCorrected.subject ? '已整改' : '被记录'}（${today}）`,
    );
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
  await new FactRepository(manager).record(institutionId, 'certificate_rate', rateBp, on, event.eventId);
  const divisionCode = await new InstitutionRepository(manager).divisionOf(institutionId);
  const shown = rateBp === null ? '无（无需持证岗位）' : percent(rateBp);
  if (divisionCode)
    await markChanged(new RunRepository(manager), { id: institutionId, divisionCode }, on.slice(0, 7), null, `从业人员持证率变为 ${shown}（${on}）`);
}
