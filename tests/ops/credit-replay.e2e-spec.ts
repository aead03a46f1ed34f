// Replay (issue 11 part 4): the credit projection is rebuilt from stream EVENTS and equals what
// the live consumers built — ledger (same entry ids, so an approved repair still covers its entry),
// standings, the register replica, rejected events and inbox — after the projection was damaged;
// a grade the replay corrects is announced once; the restarted service then applies new events
// once and does not apply the replayed ones again.
import { randomUUID } from 'node:crypto';
import { shanghaiToday } from '@shanyu/common';
import { CreditEvents, InspectionEvents, StaffEvents } from '@shanyu/contracts';
import { CREDIT_SOURCES, creditConsumerName, replayCredit, type RunningCredit, startCredit } from '@shanyu/credit';
import {
  cleanInspectionCompleted,
  compliantFilingSubmission,
  eventually,
  lifetimeBanMatched,
  testDatabaseUrl,
  testNatsUrl,
  testServiceEnv,
  testStackSecrets,
} from '@shanyu/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreditStack, EVENT_STREAM, startCreditStack } from '../e2e/credit-support.js';

const today = shanghaiToday();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
type Institution = { id: string; divisionCode: string; name: string };

describe('replay: the credit projection rebuilt from the event stream equals the one the consumers built', () => {
  let stack: CreditStack;
  let restarted: RunningCredit | undefined;
  let creditStopped = false;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  let filed: Institution, banned: Institution, fined: Institution;
  let consumers: string[];
  /** The stream's last sequence before this file published anything (what the stack's start published comes before it). */
  let startSeq: number;
  // The credit service's own DataSource closes when it stops: the test reads through its own pool.
  let pool: pg.Pool;
  const rows = async <R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> =>
    (await pool.query(sql.replace(/\bcredit\./g, `"${stack.creditSchema}".`), params)).rows as R[];

  const replay = (options: Parameters<typeof replayCredit>[1] = {}) =>
    replayCredit(
      { DATABASE_URL: testDatabaseUrl(), NATS_URL: testNatsUrl(), ...testStackSecrets(), CREDIT_DB_SCHEMA: stack.creditSchema, LOG_LEVEL: 'error' },
      options,
    );

  /** The whole projection, in a stable order (updated_at and processed_at are when, not what). */
  const projection = async () => ({
    standing: await rows(
      `SELECT institution_id, division_code, score, grade, model_version, computed_on::text, since::text, reasons FROM credit.standing ORDER BY institution_id`,
    ),
    ledger:
      await rows(`SELECT id, institution_id, source_event_id, subject, event_type, occurred_at, occurred_on::text, ref, department, division_code, facts, rule_id, points, source, model_version
      FROM credit.ledger_entry ORDER BY id`),
    institution: await rows('SELECT id, name, division_code, owner_user_id, status, source_version FROM credit.institution ORDER BY id'),
    rejected: await rows('SELECT consumer, event_id, subject, code, error, envelope, rejected_at FROM credit.rejected_event ORDER BY consumer, event_id'),
    inbox: await rows('SELECT consumer, event_id, subject FROM credit.inbox ORDER BY consumer, event_id'),
    repairs: await rows('SELECT * FROM credit.repair_request ORDER BY id'),
  });

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    stack = await startCreditStack();
    consumers = CREDIT_SOURCES.map((s) => creditConsumerName(stack.creditSchema, s.key));
    startSeq = (await stack.jsm.streams.info(EVENT_STREAM)).state.last_seq;
    const [operator, health] = await Promise.all(['operator.demo', 'health.330106'].map((u) => stack.tokenFor(u)));

    // A filing approved through the registry (its event gives a ledger entry), a clean inspection, a finding.
    filed = await stack.institution('operator.demo');
    const filing = await stack.http.post(`/api/v1/institutions/${filed.id}/filings`).set(auth(operator)).send(compliantFilingSubmission()).expect(201);
    await stack.http.post(`/api/v1/filings/${filing.body.id}/decision`).set(auth(health)).send({ decision: 'approve' }).expect(200);
    const inspectionId = randomUUID();
    await stack.publish(InspectionEvents.inspectionCompleted, cleanInspectionCompleted(inspectionId, filed.id, filed.divisionCode, today), {
      entityId: inspectionId,
    });
    const findingId = randomUUID();
    const finding = await stack.publish(
      InspectionEvents.findingRecorded,
      {
        findingId,
        inspectionId,
        institutionId: filed.id,
        divisionCode: filed.divisionCode,
        department: 'fire',
        itemCode: 'FIRE-01',
        severity: 'major',
        basic: false,
        deadline: today,
      },
      { entityId: findingId },
    );
    // The same event again under another message id: the inbox gives it no second effect.
    await stack.publish(finding.envelope.subject, finding.envelope.data, {
      eventId: finding.envelope.eventId,
      occurredAt: finding.envelope.occurredAt,
      msgId: `${finding.envelope.eventId}-again`,
    });
    // An unusable event: rejected (and dead-lettered once).
    await stack.publish(InspectionEvents.findingRecorded, { findingId: randomUUID(), institutionId: filed.id, severity: 'catastrophic' });

    // A ban 100 days ago makes an institution D; the health bureau approves its repair: B again.
    banned = await stack.institution('operator.demo');
    await stack.publish(StaffEvents.banMatched, lifetimeBanMatched(banned.id, banned.divisionCode), { occurredAt: daysAgo(100) });
    await eventually('the ban in the ledger', async () => (await rows('SELECT 1 FROM credit.ledger_entry WHERE institution_id = $1', [banned.id])).length > 0);
    await stack.settled();
    const entryId = (await rows<{ id: string }>('SELECT id FROM credit.ledger_entry WHERE institution_id = $1', [banned.id]))[0]!.id;
    const requested = await stack.http
      .post(`/api/v1/credit/institutions/${banned.id}/repair-requests`)
      .set(auth(operator))
      .send({ entryIds: [entryId], reason: '已辞退涉事人员并完成全员培训' })
      .expect(201);
    await stack.http
      .post(`/api/v1/credit/repair-requests/${requested.body.id}/decision`)
      .set(auth(health))
      .send({ decision: 'approve', reason: '整改到位，同意修复' })
      .expect(200);

    // A fine: C or worse.
    fined = await stack.institution('operator.demo');
    await stack.publish(InspectionEvents.penaltyIssued, {
      penaltyId: randomUUID(),
      findingId: randomUUID(),
      institutionId: fined.id,
      divisionCode: fined.divisionCode,
      department: 'fire',
      penaltyItemCode: 'PFIRE-01',
      kinds: ['fine'],
      fineFen: 500_000,
      decisionNo: '西消行罚决字〔2026〕0012号',
      issuedOn: today,
    });
    await eventually(
      'every institution graded',
      async () => (await rows('SELECT 1 FROM credit.standing WHERE institution_id = ANY($1::uuid[])', [[filed.id, banned.id, fined.id]])).length === 3,
    );
    await stack.settled();
  });

  afterAll(async () => {
    await stack?.gateway.stop();
    if (restarted) await restarted.stop();
    else if (!creditStopped) await stack?.credit.stop();
    await stack?.registry.stop();
    for (const name of consumers ?? []) await stack.jsm.consumers.delete(EVENT_STREAM, name).catch(() => undefined);
    await stack?.nc.drain();
    await pool?.end();
  });

  let built: Awaited<ReturnType<typeof projection>>;

  it('rebuilds a damaged projection to exactly what the consumers had built', async () => {
    built = await projection();
    const grade = (id: string) => (built.standing as { institution_id: string; grade: string }[]).find((s) => s.institution_id === id)?.grade;
    expect([grade(filed.id), grade(banned.id)]).toEqual(['B', 'B']);
    expect(grade(fined.id)).not.toBe('A');
    expect(built.rejected.length).toBeGreaterThan(0);
    expect(built.repairs).toHaveLength(1);

    await stack.credit.stop();
    creditStopped = true;
    // Damage: a standing lost, a score wrong, a replica row lost, the registry consumer's inbox gone.
    await rows('DELETE FROM credit.standing WHERE institution_id = $1', [fined.id]);
    await rows('UPDATE credit.standing SET score = score + 1 WHERE institution_id = $1', [filed.id]);
    await rows('DELETE FROM credit.institution WHERE id = $1', [banned.id]);
    await rows('DELETE FROM credit.inbox WHERE consumer = $1', [creditConsumerName(stack.creditSchema, 'registry')]);
    expect(await projection()).not.toEqual(built);

    const report = await replay();
    expect(await projection()).toEqual(built);
    const streamInfo = await stack.jsm.streams.info(EVENT_STREAM);
    expect(report).toMatchObject({
      schema: stack.creditSchema,
      stream: EVENT_STREAM,
      lastSeq: streamInfo.state.last_seq,
      eventsRead: streamInfo.state.messages,
      gradeChanges: [],
      standingsRemoved: [],
      today,
      ledgerEntries: { before: built.ledger.length, after: built.ledger.length, kept: 1 },
      standings: { before: built.standing.length - 1, after: built.standing.length },
    });
    expect(report.skipped.filter((e) => e.seq > startSeq)).toEqual([]);
    expect(report.duplicates).toBeGreaterThanOrEqual(1);
    expect(report.rejected).toBe(built.rejected.length);
    // A rejected event keeps no inbox row (so that a re-drive is handled again), live and replayed.
    expect(report.applied.registry + report.applied.staff + report.applied.inspection + report.applied.subsidy).toBe(
      built.inbox.length + built.rejected.length,
    );

    // The ledger stays append-only for everyone else.
    await expect(rows('DELETE FROM credit.ledger_entry WHERE institution_id = $1', [filed.id])).rejects.toThrow(/append-only/);
  });

  it('announces a grade the replay corrects, once, through the outbox (and audits it)', async () => {
    await rows(`UPDATE credit.standing SET grade = 'A' WHERE institution_id = $1`, [filed.id]);
    const outboxBefore = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM credit.outbox WHERE subject = $1`, [CreditEvents.gradeChanged]);
    const report = await replay();
    expect(report.gradeChanges).toEqual([{ institutionId: filed.id, from: 'A', to: 'B' }]);
    expect(await projection()).toEqual(built);
    const announced = await rows<{ envelope: { entityId: string; data: { from: string; to: string; effectiveOn: string } } }>(
      `SELECT envelope FROM credit.outbox WHERE subject = $1 ORDER BY seq DESC LIMIT 1`,
      [CreditEvents.gradeChanged],
    );
    expect((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM credit.outbox WHERE subject = $1`, [CreditEvents.gradeChanged]))[0]!.n).toBe(
      outboxBefore[0]!.n + 1,
    );
    expect(announced[0]!.envelope).toMatchObject({ entityId: filed.id, data: { from: 'A', to: 'B', effectiveOn: today } });
    const audit = await rows<{ reason: string }>(`SELECT reason FROM credit.audit_log WHERE action = $2 AND entity_id = $1 ORDER BY seq DESC LIMIT 1`, [
      filed.id,
      'credit.grade.change',
    ]);
    expect(audit[0]!.reason).toMatch(/^replay of EVENTS up to sequence \d+$/);
  });

  it('the restarted service applies a new event once and none of the replayed ones again', async () => {
    restarted = await startCredit({
      ...testServiceEnv('credit'),
      LOG_LEVEL: 'error',
      CREDIT_DB_SCHEMA: stack.creditSchema,
      CREDIT_SWEEP_INTERVAL_MS: 0,
      RPC_TIMEOUT_MS: 10_000,
    } as Parameters<typeof startCredit>[0]);
    const findingId = randomUUID();
    const { envelope } = await stack.publish(
      InspectionEvents.findingRecorded,
      {
        findingId,
        inspectionId: randomUUID(),
        institutionId: fined.id,
        divisionCode: fined.divisionCode,
        department: 'fire',
        itemCode: 'FIRE-01',
        severity: 'minor',
        basic: false,
        deadline: today,
      },
      { entityId: findingId },
    );
    // Up to ack_wait (30 s): nats-server 2.9 may hand the event to a pull request the stopped service left waiting.
    await eventually(
      'the new finding in the ledger',
      async () => (await rows('SELECT 1 FROM credit.ledger_entry WHERE source_event_id = $1', [envelope.eventId])).length === 1,
      60_000,
    );
    await stack.settled();
    const now = await projection();
    expect(now.ledger).toHaveLength(built.ledger.length + 1);
    expect(now.inbox).toHaveLength(built.inbox.length + 1);
  }, 90_000);
});
