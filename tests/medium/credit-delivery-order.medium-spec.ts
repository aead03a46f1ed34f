// Medium tier: the credit service's event handler on its real schema, no NATS. Grades are a
// function of the events, not of the order they arrive in: the same events — registrations, a ban
// that names no division (so it needs the register copy), findings, a penalty, a clean visit —
// delivered in the stream's order, reversed and shuffled, each into a fresh schema, leave the same
// ledger and the same standings; an event that arrived before its institution waited (parked) and
// nothing was dead-lettered.
import { randomUUID } from 'node:crypto';
import { JsonLogger, SYSTEM_ACTOR } from '@shanyu/common';
import { type EventEnvelope, InspectionEvents, RegistryEvents, StaffEvents } from '@shanyu/contracts';
import {
  CREDIT_RULE_DOCUMENTS,
  CREDIT_SOURCES,
  CreditEventsHandler,
  CreditModelStore,
  creditDataSource,
  InstitutionReplica,
  Ledger,
  loadCreditModels,
  Standings,
} from '@shanyu/credit';
import { Outbox } from '@shanyu/messaging';
import { AuditLog } from '@shanyu/persistence';
import { cleanInspectionCompleted, lifetimeBanMatched, type MediumSchema, registeredInstitutionView, startMediumSchema } from '@shanyu/testing';
import { afterAll, describe, expect, it } from 'vitest';

const NOW = new Date('2026-12-07T04:00:00Z');
const builtIn = loadCreditModels(CREDIT_RULE_DOCUMENTS);
const daysBefore = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function envelope(subject: string, data: unknown, occurredAt: string, entityId: string): EventEnvelope {
  return { eventId: randomUUID(), subject, occurredAt, actor: SYSTEM_ACTOR, entityId, data } as EventEnvelope;
}

function registered(id: string, divisionCode: string, at: string): EventEnvelope {
  const institution = registeredInstitutionView({ id, name: `次序测试托育园${id.slice(0, 4)}`, divisionCode }, at);
  return envelope(RegistryEvents.institutionRegistered, { institution }, at, id);
}

/** The history as the stream holds it: A in 西湖区 三墩镇, B in 环翠区 (威海's scheme). */
function history(): EventEnvelope[] {
  const a = randomUUID();
  const b = randomUUID();
  const finding = (institutionId: string, divisionCode: string, severity: string, at: string) => {
    const findingId = randomUUID();
    return envelope(
      InspectionEvents.findingRecorded,
      {
        findingId,
        inspectionId: randomUUID(),
        institutionId,
        divisionCode,
        department: 'fire',
        itemCode: 'FIRE-01',
        severity,
        basic: false,
        deadline: at.slice(0, 10),
      },
      at,
      findingId,
    );
  };
  const penaltyId = randomUUID();
  return [
    registered(a, '330106109', daysBefore(400)),
    registered(b, '371002001', daysBefore(380)),
    envelope(StaffEvents.banMatched, { ...lifetimeBanMatched(a, '330106109'), divisionCode: '' }, daysBefore(200), randomUUID()),
    finding(b, '371002001', 'critical', daysBefore(150)),
    finding(a, '330106109', 'minor', daysBefore(120)),
    envelope(
      InspectionEvents.penaltyIssued,
      {
        penaltyId,
        findingId: randomUUID(),
        institutionId: b,
        divisionCode: '371002001',
        department: 'fire',
        penaltyItemCode: 'PFIRE-01',
        kinds: ['suspension'],
        fineFen: null,
        decisionNo: '威环消行罚决字〔2026〕0031号',
        issuedOn: daysBefore(100).slice(0, 10),
      },
      daysBefore(100),
      penaltyId,
    ),
    envelope(StaffEvents.banMatched, { ...lifetimeBanMatched(b, '') }, daysBefore(60), randomUUID()),
    envelope(InspectionEvents.inspectionCompleted, cleanInspectionCompleted(randomUUID(), a, '330106109', daysBefore(30).slice(0, 10)), daysBefore(30), a),
  ];
}

/** A seeded shuffle (the order must be reproducible when a run fails). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('credit grades do not depend on delivery order (medium: real schema, no NATS)', () => {
  const schemas: MediumSchema[] = [];
  afterAll(async () => {
    await Promise.all(schemas.map((s) => s.stop()));
  });

  /** Delivers the events one by one, each in its own transaction, as the per-source consumers would. */
  async function deliver(events: EventEnvelope[]) {
    const db = await startMediumSchema(creditDataSource, 'credit');
    schemas.push(db);
    const models = new CreditModelStore(db.dataSource, builtIn);
    const ledger = new Ledger(models);
    const handler = new CreditEventsHandler(
      models,
      ledger,
      new Standings(models, ledger),
      new InstitutionReplica(),
      new Outbox(),
      new AuditLog(),
      new JsonLogger('credit', 'error'),
      () => NOW,
    );
    for (const event of events) {
      const source = CREDIT_SOURCES.find((s) => event.subject.startsWith(`evt.${s.key}.`))!.key;
      await db.transaction((m) => handler.handle(`credit-${source}`, source, event, m));
    }
    return {
      ledger: await db.sql(
        `SELECT institution_id, source_event_id, event_type, occurred_on::text, division_code, points, rule_id, model_version
           FROM $schema.ledger_entry ORDER BY source_event_id, event_type`,
      ),
      // Entry ids are each schema's own: the reasons are compared by what they say.
      standings: (
        await db.sql<{ reasons: { entryId?: string }[] }>(
          'SELECT institution_id, division_code, score, grade, model_version, reasons FROM $schema.standing ORDER BY institution_id',
        )
      ).map((s) => ({ ...s, reasons: s.reasons.map(({ entryId: _entryId, ...reason }) => reason) })),
      parked: await db.sql('SELECT event_id FROM $schema.parked_event'),
      rejected: await db.sql('SELECT event_id, code FROM $schema.rejected_event'),
    };
  }

  it('the same events in the stream’s order, reversed and shuffled give the same ledger and grades, nothing dead-lettered', async () => {
    const events = history();
    const inOrder = await deliver(events);
    expect(inOrder.ledger).toHaveLength(events.length - 2); // every fact but the two registrations
    expect(inOrder.standings.map((s) => s.grade)).toEqual(expect.arrayContaining(['D', 'D']));
    expect(inOrder.parked).toEqual([]);
    expect(inOrder.rejected).toEqual([]);
    for (const order of [[...events].reverse(), shuffled(events, 7), shuffled(events, 2026), shuffled(events, 12_345)]) {
      const other = await deliver(order);
      expect(other.ledger, order.map((e) => e.subject).join(' → ')).toEqual(inOrder.ledger);
      expect(other.standings).toEqual(inOrder.standings);
      expect(other.parked).toEqual([]);
      expect(other.rejected).toEqual([]);
    }
  });
});
