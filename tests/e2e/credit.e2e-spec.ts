// The credit service with real events: the registry driven through HTTP (filing approved), the
// staff and inspection events published into JetStream with their documented envelopes. Grades
// change with exactly one evt.credit.grade.changed.v1, redeliveries change nothing, unusable
// events land in the dead letter with the reason, repairs are the health bureau's, the
// explanation lists every entry, the standing equals a full recomputation, and red/black lists.
import { randomUUID } from 'node:crypto';
import { addDays, shanghaiToday } from '@shanyu/common';
import {
  type CreditDeadLetter,
  CreditEvents,
  type CreditView,
  type EventEnvelope,
  type GradeChangedData,
  InspectionEvents,
  RegistryEvents,
  StaffEvents,
} from '@shanyu/contracts';
import { CREDIT_RULE_DOCUMENTS, creditConsumerName, CreditModelStore, evaluate, Ledger, loadCreditModels } from '@shanyu/credit';
import { metricsFor } from '@shanyu/observability';
import { cleanInspectionCompleted, compliantFilingSubmission, eventually, lifetimeBanMatched, registeredInstitutionView, uniqueSchema } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Collector, type CreditStack, DEAD_LETTER_STREAM, EVENT_STREAM, startCreditStack } from './credit-support.js';
import { adminCliEnv, runAdminCli } from './support.js';

const today = shanghaiToday();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
type Institution = { id: string; divisionCode: string; name: string };

describe("credit: a ledger from every department's events, grades, explanations, repair, lists", () => {
  let stack: CreditStack;
  let gradeEvents: Collector<EventEnvelope<GradeChangedData>>;
  let deadLetters: Collector<CreditDeadLetter>;
  let operator: string, health: string, otherHealth: string, market: string, admin: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const inspectionClean = (i: Institution, completedOn = today, occurredAt?: string) => {
    const inspectionId = randomUUID();
    return stack.publish(InspectionEvents.inspectionCompleted, cleanInspectionCompleted(inspectionId, i.id, i.divisionCode, completedOn), {
      entityId: inspectionId,
      occurredAt,
    });
  };
  const findingRecorded = (i: Institution, severity: string) => {
    const findingId = randomUUID();
    return stack.publish(
      InspectionEvents.findingRecorded,
      {
        findingId,
        inspectionId: randomUUID(),
        institutionId: i.id,
        divisionCode: i.divisionCode,
        department: 'fire',
        itemCode: 'FIRE-01',
        severity,
        basic: false,
        deadline: addDays(today, 10),
      },
      { entityId: findingId },
    );
  };
  const banMatched = (i: Institution, occurredAt?: string) => stack.publish(StaffEvents.banMatched, lifetimeBanMatched(i.id, i.divisionCode), { occurredAt });
  const penalty = (i: Institution, kinds: string[], issuedOn = today) => {
    const penaltyId = randomUUID();
    return stack.publish(
      InspectionEvents.penaltyIssued,
      {
        penaltyId,
        findingId: randomUUID(),
        institutionId: i.id,
        divisionCode: i.divisionCode,
        department: 'fire',
        penaltyItemCode: 'PFIRE-01',
        kinds,
        fineFen: kinds.includes('fine') ? 500_000 : null,
        decisionNo: '西消行罚决字〔2026〕0012号',
        issuedOn,
      },
      { entityId: penaltyId },
    );
  };
  const entries = async (institutionId: string) =>
    (await stack.rows<{ n: number }>('SELECT count(*)::int AS n FROM credit.ledger_entry WHERE institution_id = $1', [institutionId]))[0]!.n;
  const waitForEntries = (institutionId: string, n: number) =>
    eventually(`${n} ledger entries of ${institutionId}`, async () => (await entries(institutionId)) >= n);
  const credit = async (institutionId: string, token = health, at?: string) =>
    (
      await stack.http
        .get(`/api/v1/credit/institutions/${institutionId}${at ? `?at=${at}` : ''}`)
        .set(auth(token))
        .expect(200)
    ).body as CreditView;
  /** A ban matched at an institution, in an event without its division (as staff published them before its fix). */
  const banWithoutDivision = (institutionId: string) => ({
    institutionId,
    divisionCode: '',
    ownerUserId: null,
    banId: randomUUID(),
    staffId: randomUUID(),
    banKind: 'lifetime',
    authority: '杭州市公安局西湖区分局',
    documentNo: '西公禁字〔2026〕9号',
    nameMasked: '孙*',
    idNumberMasked: '330106********5678',
  });
  const gradeChanges = (institutionId: string) =>
    gradeEvents.where((e) => e.subject === CreditEvents.gradeChanged && e.entityId === institutionId).map((e) => e.data);

  beforeAll(async () => {
    stack = await startCreditStack();
    gradeEvents = await Collector.start(stack.nc, EVENT_STREAM, 'evt.credit.>');
    deadLetters = await Collector.start(stack.nc, DEAD_LETTER_STREAM, 'dlq.>');
    [operator, health, otherHealth, market, admin] = await Promise.all(
      ['operator.demo', 'health.330106', 'health.371002', 'market.330106', 'admin'].map((u) => stack.tokenFor(u)),
    );
  });
  afterAll(async () => {
    await gradeEvents?.stop();
    await deadLetters?.stop();
    await stack?.stop();
  });

  let filed: Institution;

  it('a filing approved through the registry becomes a ledger entry with its rule and source; the grade stays B, no event', async () => {
    filed = await stack.institution('operator.demo');
    const filing = await stack.http.post(`/api/v1/institutions/${filed.id}/filings`).set(auth(operator)).send(compliantFilingSubmission()).expect(201);
    await stack.http.post(`/api/v1/filings/${filing.body.id}/decision`).set(auth(health)).send({ decision: 'approve' }).expect(200);
    await waitForEntries(filed.id, 1);
    const view = await credit(filed.id);
    expect(view).toMatchObject({
      institutionId: filed.id,
      institutionName: filed.name,
      divisionCode: filed.divisionCode,
      at: today,
      score: 82,
      grade: 'B',
      gradeLabel: '良',
      modelVersion: 'credit-model/2026.2',
      // 西湖区 has no credit scheme of its own: the national default judges it.
      modelJurisdiction: '000000',
      modelJurisdictionName: '全国',
      modelDocuments: [expect.objectContaining({ version: 'credit-model/2026.2', jurisdiction: '000000' })],
    });
    expect(view.entries).toEqual([
      expect.objectContaining({
        eventType: 'filing_approved',
        subject: 'evt.registry.filing.approved.v1',
        ruleId: 'FILING_APPROVED',
        points: 2,
        effectivePoints: 2,
        modelVersion: 'credit-model/2026.2',
        source: expect.stringContaining('国卫办人口发〔2019〕25号'),
      }),
    ]);
    // The operator sees its own grade; a department of the district too; another district's health bureau does not.
    expect((await credit(filed.id, operator)).score).toBe(82);
    expect((await credit(filed.id, market)).grade).toBe('B');
    const denied = await stack.http.get(`/api/v1/credit/institutions/${filed.id}`).set(auth(otherHealth)).expect(403);
    expect(denied.body.code).toBe('DIVISION_OUT_OF_SCOPE');
    // The public register side: the grade of a filed institution, nothing else.
    const publicGrade = await stack.http.get(`/api/v1/public/credit/institutions/${filed.id}`).expect(200);
    expect(publicGrade.body).toEqual({
      institutionId: filed.id,
      institutionName: filed.name,
      divisionCode: filed.divisionCode,
      grade: 'B',
      gradeLabel: '良',
      since: today,
      modelVersion: 'credit-model/2026.2',
      seriousBreach: null,
    });
    await stack.settled();
    expect(gradeChanges(filed.id)).toEqual([]);
  });

  it('grade changes publish exactly one evt.credit.grade.changed.v1 each; a ban on current staff makes it D whatever its points', async () => {
    for (let n = 0; n < 3; n++) await inspectionClean(filed);
    await waitForEntries(filed.id, 4);
    const [toA] = await eventually('B → A', () => {
      const c = gradeChanges(filed.id);
      return c.length ? c : null;
    });
    expect(toA).toMatchObject({
      institutionId: filed.id,
      divisionCode: filed.divisionCode,
      from: 'B',
      to: 'A',
      grade: 'A',
      score: 94,
      modelVersion: 'credit-model/2026.2',
      modelJurisdiction: '000000',
      modelDocuments: ['credit-model/2026.2'],
      effectiveOn: today,
    });
    // The registry follows the grade onto the public register.
    await eventually('register shows A', async () => (await stack.http.get(`/api/v1/public/institutions/${filed.id}`)).body.creditGrade === 'A');
    expect(toA!.reasons).toEqual([expect.objectContaining({ kind: 'score' })]);
    await inspectionClean(filed); // still A: no event
    await waitForEntries(filed.id, 5);
    await banMatched(filed);
    await waitForEntries(filed.id, 6);
    const [, toD] = await eventually('A → D', () => {
      const c = gradeChanges(filed.id);
      return c.length >= 2 ? c : null;
    });
    expect(toD).toMatchObject({ from: 'A', to: 'D', score: 78 });
    expect(toD!.reasons[0]).toMatchObject({ kind: 'd_trigger', ruleId: 'BAN_MATCHED', source: expect.stringContaining('未成年人保护法》 第六十二条') });
    await stack.settled();
    await new Promise((r) => setTimeout(r, 300)); // the relay's idle poll
    expect(gradeChanges(filed.id).map((c) => `${c.from}→${c.to}`)).toEqual(['B→A', 'A→D']);
    const view = await credit(filed.id);
    expect(view).toMatchObject({ grade: 'D', score: 78 });
    expect(view.dTriggers).toEqual([expect.objectContaining({ ruleId: 'BAN_MATCHED', occurredOn: today, activeUntil: addDays(today, 364) })]);
    expect(view.explanation).toMatch(/任一部门的 D 级触发事项使机构整体为 D/);
  });

  it('示范 requires A or B: refused for D (422 DEMONSTRATION_GRADE_TOO_LOW, nothing changed); allowed for B (no grade yet) and A', async () => {
    const designate = (id: string) => stack.http.post(`/api/v1/institutions/${id}/demonstration`).set(auth(health)).send({ year: 2026 });
    const fileNew = async () => {
      const i = await stack.institution('operator.demo');
      const filing = await stack.http.post(`/api/v1/institutions/${i.id}/filings`).set(auth(operator)).send(compliantFilingSubmission()).expect(201);
      await stack.http.post(`/api/v1/filings/${filing.body.id}/decision`).set(auth(health)).send({ decision: 'approve' }).expect(200);
      await waitForEntries(i.id, 1);
      return i;
    };
    // `filed` is D since the ban; the registry follows the grade.
    await eventually('register shows D', async () => (await stack.http.get(`/api/v1/public/institutions/${filed.id}`)).body.creditGrade === 'D');
    const entriesBefore = await entries(filed.id);
    const refused = await designate(filed.id).expect(422);
    expect(refused.body).toMatchObject({ code: 'DEMONSTRATION_GRADE_TOO_LOW', message: expect.stringMatching(/D 级（差）.*A 或 B.*国发〔2016〕33号/) });
    expect((await stack.http.get(`/api/v1/institutions/${filed.id}`).set(auth(health)).expect(200)).body.demonstrations).toEqual([]);
    expect((await stack.http.get(`/api/v1/public/institutions/${filed.id}`)).body.demonstrationYears).toEqual([]);
    await stack.settled();
    expect(await entries(filed.id)).toBe(entriesBefore); // no evt.registry.demonstration.designated.v1 reached credit

    const graded = await fileNew();
    for (let n = 0; n < 3; n++) await inspectionClean(graded);
    await eventually('register shows A', async () => (await stack.http.get(`/api/v1/public/institutions/${graded.id}`)).body.creditGrade === 'A');
    const ungraded = await fileNew();
    // Never graded by a change (the registry's copy has no grade; null counts as B for 示范): the public register shows the credit service's start grade.
    expect((await stack.http.get(`/api/v1/public/institutions/${ungraded.id}`)).body.creditGrade).toBe('B');
    for (const i of [graded, ungraded]) {
      expect((await designate(i.id).expect(200)).body.demonstrations).toEqual([expect.objectContaining({ year: 2026 })]);
    }
  });

  it("a redelivered event changes nothing: the same eventId again (after the duplicate window) and the stream's own dedupe", async () => {
    const before = await entries(filed.id);
    const { envelope } = await findingRecorded(filed, 'major');
    await waitForEntries(filed.id, before + 1);
    await stack.settled();
    const standing = await stack.rows('SELECT score, grade FROM credit.standing WHERE institution_id = $1', [filed.id]);
    const events = gradeChanges(filed.id).length;
    // Republished with a new Nats-Msg-Id, as after the stream's duplicate window: delivered again, the inbox drops it.
    const again = await stack.publish(envelope.subject, envelope.data, {
      eventId: envelope.eventId,
      occurredAt: envelope.occurredAt,
      msgId: `${envelope.eventId}-late`,
    });
    expect(again.ack.duplicate).toBe(false);
    // Within the window, JetStream itself drops it.
    const dup = await stack.publish(envelope.subject, envelope.data, { eventId: envelope.eventId, occurredAt: envelope.occurredAt });
    expect(dup.ack.duplicate).toBe(true);
    await stack.settled();
    const inbox = await stack.rows<{ n: number }>('SELECT count(*)::int AS n FROM credit.inbox WHERE event_id = $1', [envelope.eventId]);
    expect(inbox[0]!.n).toBe(1);
    expect(await entries(filed.id)).toBe(before + 1);
    expect(await stack.rows('SELECT score, grade FROM credit.standing WHERE institution_id = $1', [filed.id])).toEqual(standing);
    expect(gradeChanges(filed.id)).toHaveLength(events);
  });

  it('an unknown or malformed credit event lands in the dead letter with the reason; an irrelevant one is ignored', async () => {
    const before = await entries(filed.id);
    const malformed = await stack.publish(InspectionEvents.findingRecorded, {
      findingId: randomUUID(),
      inspectionId: randomUUID(),
      institutionId: filed.id,
      divisionCode: filed.divisionCode,
      department: 'fire',
      itemCode: 'FIRE-01',
      severity: 'catastrophic',
      basic: false,
      deadline: today,
    });
    const unknown = await stack.publish('evt.inspection.finding.recorded.v2', { findingId: randomUUID(), institutionId: filed.id, severity: 'major' });
    const irrelevant = await stack.publish(StaffEvents.credentialExpiring, {
      institutionId: filed.id,
      divisionCode: filed.divisionCode,
      staffId: randomUUID(),
    });
    const consumer = creditConsumerName(stack.creditSchema, 'inspection');
    const [bad] = await eventually('dead letter of the malformed event', () => {
      const d = deadLetters.where((b) => b.eventId === malformed.envelope.eventId);
      return d.length ? d : null;
    });
    expect(bad).toMatchObject({
      consumer,
      subject: InspectionEvents.findingRecorded,
      code: 'MALFORMED_CREDIT_EVENT',
      error: expect.stringContaining('data.severity'),
      event: { eventId: malformed.envelope.eventId },
    });
    const [unk] = await eventually('dead letter of the unknown event', () => {
      const d = deadLetters.where((b) => b.eventId === unknown.envelope.eventId);
      return d.length ? d : null;
    });
    expect(unk).toMatchObject({ consumer, subject: 'evt.inspection.finding.recorded.v2', code: 'UNKNOWN_CREDIT_EVENT' });
    await stack.settled();
    expect(deadLetters.where((b) => b.eventId === irrelevant.envelope.eventId)).toEqual([]);
    expect(
      await stack.rows('SELECT code FROM credit.rejected_event WHERE event_id = ANY($1::uuid[]) ORDER BY code', [
        [malformed.envelope.eventId, unknown.envelope.eventId, irrelevant.envelope.eventId],
      ]),
    ).toEqual([{ code: 'MALFORMED_CREDIT_EVENT' }, { code: 'UNKNOWN_CREDIT_EVENT' }]);
    expect(await entries(filed.id)).toBe(before);
  });

  it('an event about an institution not registered yet waits and applies when the registration arrives; no dead letter, whatever the order', async () => {
    const late = { id: randomUUID(), name: '迟到登记托育园', divisionCode: '330106109' };
    // A ban matched at an institution credit has no copy of yet, in an event without its division.
    const { envelope } = await stack.publish(StaffEvents.banMatched, banWithoutDivision(late.id));
    await eventually(
      'the ban parked',
      async () => (await stack.rows('SELECT 1 FROM credit.parked_event WHERE event_id = $1', [envelope.eventId])).length === 1,
    );
    await stack.settled();
    expect(await stack.rows('SELECT 1 FROM credit.rejected_event WHERE event_id = $1', [envelope.eventId])).toEqual([]);
    expect(deadLetters.where((b) => b.eventId === envelope.eventId)).toEqual([]);
    expect(await stack.rows('SELECT 1 FROM credit.inbox WHERE event_id = $1', [envelope.eventId])).toHaveLength(1);
    expect(await entries(late.id)).toBe(0);

    await stack.publish(RegistryEvents.institutionRegistered, { institution: registeredInstitutionView(late) }, { entityId: late.id });
    await waitForEntries(late.id, 1);
    await stack.settled();
    const recorded = await stack.rows<{ event_type: string; division_code: string; source_event_id: string }>(
      'SELECT event_type, division_code, source_event_id FROM credit.ledger_entry WHERE institution_id = $1',
      [late.id],
    );
    expect(recorded).toEqual([{ event_type: 'staff_ban_matched', division_code: late.divisionCode, source_event_id: envelope.eventId }]);
    expect(await stack.rows('SELECT 1 FROM credit.parked_event WHERE event_id = $1', [envelope.eventId])).toEqual([]);
    expect((await credit(late.id)).grade).toBe('D');
    await eventually('B → D of the late institution', () => gradeChanges(late.id).length === 1);
    expect(deadLetters.where((b) => b.eventId === envelope.eventId)).toEqual([]);
  });

  it('an event still waiting after the bound is dead-lettered, and re-driven (npm run admin -- dlq redrive) once its cause is fixed it is recorded exactly once; shanyu_dead_letters_total counts it', async () => {
    const consumer = creditConsumerName(stack.creditSchema, 'staff');
    // The Prometheus counter the ShanyuDeadLetters alert watches (deploy/observability/alerts.yml).
    const counted = async () => (await metricsFor('credit').deadLetters.get()).values.find((v) => v.labels.consumer === consumer)?.value ?? 0;
    const countedBefore = await counted();
    const admin = async (args: string[]) => {
      const { code, out, err } = await runAdminCli(args, adminCliEnv(uniqueSchema('gateway'), 'ops.zhang'));
      expect(code, err).toBe(0);
      return out;
    };
    const lost = { id: randomUUID(), name: '登记迟迟未到托育园', divisionCode: '330106109' };
    const { envelope } = await stack.publish(StaffEvents.banMatched, banWithoutDivision(lost.id));
    await eventually(
      'the ban parked',
      async () => (await stack.rows('SELECT 1 FROM credit.parked_event WHERE event_id = $1', [envelope.eventId])).length === 1,
    );
    await stack.settled();
    // The bound passes (the daily sweep dead-letters what was parked more than 30 days ago).
    expect(await stack.credit.expireParked(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    const [letter] = await eventually('dead letter of the ban', () => {
      const d = deadLetters.where((b) => b.eventId === envelope.eventId);
      return d.length ? d : null;
    });
    expect(letter).toMatchObject({ consumer, code: 'UNKNOWN_INSTITUTION', error: expect.stringContaining(lost.id) });
    await stack.settled();
    expect(await counted()).toBe(countedBefore + 1);
    expect(await stack.rows('SELECT code FROM credit.rejected_event WHERE event_id = $1', [envelope.eventId])).toEqual([{ code: 'UNKNOWN_INSTITUTION' }]);
    // Like an event the consumer dead-letters itself, a rejected one keeps no inbox row.
    expect(await stack.rows('SELECT 1 FROM credit.inbox WHERE event_id = $1', [envelope.eventId])).toEqual([]);
    expect(await entries(lost.id)).toBe(0);

    // The cause fixed: the registry's event for the institution arrives, then an admin re-drives the letter.
    await stack.publish(RegistryEvents.institutionRegistered, { institution: registeredInstitutionView(lost) }, { entityId: lost.id });
    await eventually(
      'credit replica of the institution',
      async () => (await stack.rows('SELECT 1 FROM credit.institution WHERE id = $1', [lost.id])).length === 1,
    );
    const listed = await eventually('the dead letter listed', async () => {
      const letters = JSON.parse(await admin(['dlq', 'list', '--consumer', consumer, '--json'])) as { seq: number; eventId: string }[];
      return letters.find((l) => l.eventId === envelope.eventId);
    });
    expect(await admin(['dlq', 'redrive', '--consumer', consumer, '--seq', String(listed.seq)])).toContain(`eventId ${envelope.eventId}`);
    await waitForEntries(lost.id, 1);
    await stack.settled();
    expect((await credit(lost.id)).grade).toBe('D');
    expect(await stack.rows('SELECT 1 FROM credit.rejected_event WHERE event_id = $1', [envelope.eventId])).toEqual([]);
    expect(await stack.rows('SELECT 1 FROM credit.inbox WHERE event_id = $1', [envelope.eventId])).toHaveLength(1);
    // Re-driven once more (a second copy of the same event): the inbox drops it.
    await stack.publish(envelope.subject, envelope.data, {
      eventId: envelope.eventId,
      occurredAt: envelope.occurredAt,
      entityId: envelope.entityId,
      msgId: `${envelope.eventId}:redrive:again`,
    });
    await stack.settled();
    await new Promise((r) => setTimeout(r, 300)); // the relay's idle poll
    expect(await entries(lost.id)).toBe(1);
    expect(gradeChanges(lost.id)).toHaveLength(1);
    expect(await counted()).toBe(countedBefore + 1);
  });

  it('the explanation lists every contributing entry with points, rule and source, newest first; the standing equals a full recomputation', async () => {
    const view = await credit(filed.id);
    const ledger = await stack.rows<{ id: string }>('SELECT id FROM credit.ledger_entry WHERE institution_id = $1', [filed.id]);
    expect(view.entries.map((e) => e.entryId).sort()).toEqual(ledger.map((r) => r.id).sort());
    for (const e of view.entries) {
      expect(e).toMatchObject({
        ruleId: expect.any(String),
        title: expect.any(String),
        points: expect.any(Number),
        modelVersion: expect.stringMatching(/^credit-model\//),
      });
      expect(e.source.length).toBeGreaterThan(10);
    }
    const order = view.entries.map((e) => `${e.occurredOn}|${e.occurredAt}`);
    expect(order).toEqual([...order].sort().reverse());
    expect(view.score).toBe(view.startScore + view.entries.reduce((s, e) => s + e.effectivePoints, 0));

    const store = new CreditModelStore(stack.credit.runtime.dataSource, loadCreditModels(CREDIT_RULE_DOCUMENTS));
    const models = await store.current();
    const ledgerReader = new Ledger(store);
    const standings = await stack.rows<{ institution_id: string; division_code: string; score: number; grade: string; model_version: string }>(
      'SELECT institution_id, division_code, score, grade, model_version FROM credit.standing',
    );
    expect(standings.length).toBeGreaterThan(0);
    for (const s of standings) {
      const recomputed = evaluate(await ledgerReader.forInstitution(stack.credit.runtime.dataSource, s.institution_id), today, models, s.division_code);
      expect({ score: s.score, grade: s.grade, model: s.model_version }).toEqual({
        score: recomputed.score,
        grade: recomputed.grade,
        model: recomputed.model.version,
      });
    }
  });

  it('recomputes at a past date with the model version in force then', async () => {
    const spring = await stack.institution('market.330106');
    await inspectionClean(spring, '2026-03-10', '2026-03-10T02:00:00.000Z');
    await inspectionClean(spring, '2026-04-10', '2026-04-10T02:00:00.000Z');
    await stack.publish(
      'evt.registry.demonstration.designated.v1',
      { institution: { id: spring.id, name: spring.name, divisionCode: spring.divisionCode }, designation: { year: 2026 } },
      { occurredAt: '2026-04-20T02:00:00.000Z' },
    );
    await waitForEntries(spring.id, 3);
    const past = await credit(spring.id, health, '2026-06-30');
    expect(past).toMatchObject({ at: '2026-06-30', modelVersion: 'credit-model/2023.1', score: 91, grade: 'A' });
    expect(past.thresholds[0]).toEqual({ grade: 'A', label: '守信', minScore: 90 });
    const now = await credit(spring.id);
    expect(now).toMatchObject({ modelVersion: 'credit-model/2026.2', score: 91, grade: 'B' });
    expect(now.entries.every((e) => e.modelVersion === 'credit-model/2023.1')).toBe(true);
    expect((await credit(spring.id, health, '2026-03-31')).entries).toHaveLength(1);
    expect((await stack.http.get(`/api/v1/credit/institutions/${spring.id}?at=2022-06-30`).set(auth(health)).expect(422)).body.code).toBe(
      'CREDIT_MODEL_NOT_IN_FORCE',
    );
    expect((await stack.http.get(`/api/v1/credit/institutions/${spring.id}?at=2099-01-01`).set(auth(health)).expect(400)).body.code).toBe('VALIDATION');
    expect((await stack.http.get(`/api/v1/credit/institutions/${spring.id}?at=2026-02-30`).set(auth(health)).expect(400)).body.details[0].field).toBe('at');
  });

  it('repair (信用修复): asked by the operator, refused without a reason or by a department without the right, decided by health', async () => {
    const banned = await stack.institution('operator.demo');
    const ban = await banMatched(banned, daysAgo(100));
    await waitForEntries(banned.id, 1);
    await stack.settled();
    const [entry] = (await credit(banned.id)).entries;
    expect(entry).toMatchObject({ eventType: 'staff_ban_matched', dTriggerActive: true, sourceEventId: ban.envelope.eventId });
    const snapshot = async () => ({
      standing: await stack.rows('SELECT score, grade FROM credit.standing WHERE institution_id = $1', [banned.id]),
      repairs: await stack.rows('SELECT id, status FROM credit.repair_request WHERE institution_id = $1 ORDER BY requested_at', [banned.id]),
      ledger: await entries(banned.id),
    });
    const ask = (token: string, body: object) => stack.http.post(`/api/v1/credit/institutions/${banned.id}/repair-requests`).set(auth(token)).send(body);
    const initial = await snapshot();

    expect((await ask(operator, { entryIds: [entry!.entryId] }).expect(400)).body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    expect((await ask(operator, { entryIds: [entry!.entryId], reason: '  ' }).expect(400)).body.code).toBe('VALIDATION');
    expect((await ask(market, { entryIds: [entry!.entryId], reason: '已辞退涉事人员' }).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await ask(otherHealth, { entryIds: [entry!.entryId], reason: '已辞退涉事人员' }).expect(403)).body.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect((await ask(operator, { entryIds: [randomUUID()], reason: '已辞退涉事人员' }).expect(404)).body.code).toBe('CREDIT_ENTRY_NOT_FOUND');
    expect(await snapshot()).toEqual(initial);

    const requested = await ask(operator, { entryIds: [entry!.entryId], reason: '已辞退涉事人员并完成全员培训，整改报告 2026-031 号' }).expect(201);
    expect(requested.body).toMatchObject({
      institutionId: banned.id,
      status: 'pending',
      entryIds: [entry!.entryId],
      requestedBy: { department: 'operator' },
      decision: null,
    });
    expect((await ask(operator, { entryIds: [entry!.entryId], reason: '再次申请' }).expect(409)).body.code).toBe('CREDIT_REPAIR_PENDING');
    const pending = await snapshot();

    const decide = (token: string, body: object) => stack.http.post(`/api/v1/credit/repair-requests/${requested.body.id}/decision`).set(auth(token)).send(body);
    expect((await decide(health, { decision: 'approve' }).expect(400)).body.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    expect((await decide(operator, { decision: 'approve', reason: '自行批准' }).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await decide(market, { decision: 'approve', reason: '同意修复' }).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await decide(otherHealth, { decision: 'approve', reason: '同意修复' }).expect(403)).body.code).toBe('DIVISION_OUT_OF_SCOPE');
    expect(await snapshot()).toEqual(pending);
    expect((await credit(banned.id)).grade).toBe('D');

    const approved = await decide(health, { decision: 'approve', reason: '涉事人员已离职满 90 日，整改到位，同意修复' }).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decision: { decision: 'approve', decidedBy: { department: 'health' }, decidedOn: today },
      ledgerEntryId: expect.any(String),
    });
    const after = await credit(banned.id);
    expect(after).toMatchObject({ grade: 'B', score: 80, dTriggers: [] });
    expect(after.entries.find((e) => e.entryId === entry!.entryId)).toMatchObject({ effectivePoints: 0, dTriggerActive: false, repairedBy: requested.body.id });
    expect(after.entries[0]).toMatchObject({ eventType: 'credit_repaired', points: 0, source: expect.stringContaining('信用信息修复') });
    // Before the repair the entry still counts: the past stays as it was.
    expect((await credit(banned.id, health, addDays(today, -1))).grade).toBe('D');
    await eventually('D → B after the repair', () => gradeChanges(banned.id).some((c) => c.from === 'D' && c.to === 'B'));
    await eventually(
      'repair decided event',
      () => gradeEvents.where((e) => e.subject === CreditEvents.repairDecided && e.entityId === requested.body.id).length === 1,
    );
    expect((await decide(health, { decision: 'reject', reason: '重复决定' }).expect(409)).body.code).toBe('CREDIT_REPAIR_ALREADY_DECIDED');

    // A positive entry, or one too recent for its rule's minimum period, cannot be repaired.
    const filedEntries = (await credit(filed.id)).entries;
    const positive = filedEntries.find((e) => e.eventType === 'filing_approved')!;
    const recentBan = filedEntries.find((e) => e.eventType === 'staff_ban_matched')!;
    const refused = await stack.http
      .post(`/api/v1/credit/institutions/${filed.id}/repair-requests`)
      .set(auth(operator))
      .send({ entryIds: [positive.entryId, recentBan.entryId], reason: '申请修复' })
      .expect(422);
    expect(refused.body.code).toBe('CREDIT_REPAIR_NOT_ALLOWED');
    expect(refused.body.details.map((d: { code: string }) => d.code)).toEqual(['NOT_REPAIRABLE', 'MIN_PERIOD']);

    const trail = await stack.http.get(`/api/v1/audit?service=credit&entity=repair_request&id=${requested.body.id}`).set(auth(admin)).expect(200);
    expect(trail.body.map((a: { action: string }) => a.action)).toEqual(['credit.repair.request', 'credit.repair.approve']);
    expect(trail.body[1].reason).toContain('同意修复');
    const list = await stack.http.get(`/api/v1/credit/repair-requests?institutionId=${banned.id}`).set(auth(operator)).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([requested.body.id]);
  });

  it('red and black lists by division; departments only', async () => {
    const good = await stack.institution('market.330106', { divisionCode: '330106109' });
    const bad = await stack.institution('market.330106', { divisionCode: '330106004' });
    for (let n = 0; n < 3; n++) await inspectionClean(good);
    await penalty(bad, ['fine', 'suspension']);
    await waitForEntries(good.id, 3);
    await waitForEntries(bad.id, 2);
    const list = async (query: string, token = health) => (await stack.http.get(`/api/v1/credit/lists?${query}`).set(auth(token)).expect(200)).body;
    const red = await list('list=red&divisionCode=330106');
    expect(red).toMatchObject({ list: 'red', grade: 'A', divisionCode: '330106' });
    expect(red.items.map((i: { institutionId: string }) => i.institutionId)).toContain(good.id);
    expect((await list('list=red&divisionCode=330106004')).items.map((i: { institutionId: string }) => i.institutionId)).not.toContain(good.id);
    const black = await list('list=black');
    const item = black.items.find((i: { institutionId: string }) => i.institutionId === bad.id);
    expect(item).toMatchObject({ institutionName: bad.name, divisionCode: '330106004', grade: 'D', score: 40 });
    expect(item.reasons[0]).toContain('责令停产停业');
    expect((await list('list=black&divisionCode=330106109')).items.map((i: { institutionId: string }) => i.institutionId)).not.toContain(bad.id);
    expect((await stack.http.get('/api/v1/credit/lists?list=black&divisionCode=330106').set(auth(otherHealth)).expect(403)).body.code).toBe(
      'DIVISION_OUT_OF_SCOPE',
    );
    expect((await stack.http.get('/api/v1/credit/lists?list=red').set(auth(operator)).expect(403)).body.code).toBe('DEPARTMENT_NOT_ALLOWED');
    expect((await stack.http.get('/api/v1/credit/lists?list=grey').set(auth(health)).expect(400)).body.code).toBe('VALIDATION');
    const models = await stack.http.get('/api/v1/credit/models').set(auth(market)).expect(200);
    // The national default's versions first, then each division's own scheme as it applies there.
    expect(models.body.map((m: { version: string; jurisdiction: string }) => `${m.jurisdiction} ${m.version}`)).toEqual([
      '000000 credit-model/2023.1',
      '000000 credit-model/2026.1',
      '000000 credit-model/2026.2',
      '000000 credit-model/2027.1',
      '371000 credit-model/2023.1',
      '371000 credit-model/2026.1',
      '371000 credit-model/2026.2',
      '371000 credit-model/2027.1',
      '371002 credit-model/2023.1',
      '371002 credit-model/2026.1',
      '371002 credit-model/2026.2',
      '371002 credit-model/2027.1',
    ]);
    const huancui2026 = models.body.find((m: { version: string; jurisdiction: string }) => m.jurisdiction === '371002' && m.version === 'credit-model/2026.2');
    expect(huancui2026.documents.map((d: { version: string }) => d.version)).toEqual([
      'credit-model/2026.2',
      'weihai-credit-scheme/2023.1',
      'huancui-credit-scheme/2023.1',
    ]);
    const status = await stack.http.get('/health').expect(200);
    expect(status.body.checks.credit.status).toBe('up');
  });

  // Last: it recomputes every standing a year ahead.
  it('time moves grades: the daily recomputation publishes the change once when a D trigger ends', async () => {
    const timed = await stack.institution('market.330106');
    await banMatched(timed);
    await waitForEntries(timed.id, 1);
    await eventually('B → D', () => gradeChanges(timed.id).length === 1);
    const nextYear = addDays(today, 365);
    const first = await stack.credit.sweep.run(nextYear);
    expect(first.recomputed).toBeGreaterThanOrEqual(4);
    expect(await stack.credit.sweep.run(nextYear)).toEqual({ recomputed: 0, changed: 0 });
    await eventually('D → C a year later', () => gradeChanges(timed.id).length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(gradeChanges(timed.id).map((c) => `${c.from}→${c.to}@${c.effectiveOn}`)).toEqual([`B→D@${today}`, `D→C@${nextYear}`]);
    expect((await stack.rows('SELECT score, grade, computed_on::text AS on FROM credit.standing WHERE institution_id = $1', [timed.id]))[0]).toEqual({
      score: 60,
      grade: 'C',
      on: nextYear,
    });
  });
});
