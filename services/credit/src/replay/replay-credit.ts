import { type IsoDate, JsonLogger, shanghaiToday, SYSTEM_ACTOR } from '@shanyu/common';
import { CreditEvt, type CreditGrade, EVENT_STREAM, type EventEnvelope, type GradeChangedData } from '@shanyu/contracts';
import { connectNats, newEvent, Outbox } from '@shanyu/messaging';
import { AuditLog, initializeAndMigrate } from '@shanyu/persistence';
import { DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { creditDataSource } from '../data-source.js';
import { CREDIT_SOURCES, creditConsumerName, CreditEventsHandler, type CreditSource } from '../events/credit-events.handler.js';
import { DeadLetterRepository } from '../events/dead-letter.repository.js';
import { ParkedEventRepository } from '../events/parked-event.repository.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { InstitutionReplica } from '../institutions/institutions.js';
import { Ledger, type NewLedgerEntry } from '../ledger/ledger.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { StandingRepository } from '../ledger/standing.repository.js';
import { Standings } from '../ledger/standings.js';
import { loadCreditModels } from '../model/credit-model.js';
import { CreditModelStore } from '../model/credit-rule-documents.js';
import { CREDIT_RULE_DOCUMENTS } from '../model/credit-models.data.js';
import { ProjectionRepository } from './projection.repository.js';

/**
 * Rebuilding the credit projection from the event stream (`npm run replay -- credit`).
 *
 * What is rebuilt: everything the credit service derives from other services' events — the
 * register replica (`institution`), the ledger entries of those events, the standings (score and
 * grade today), the rejected events, and the inbox rows of the four credit consumers. What is
 * kept: what people decided through the credit service itself (repair requests and the
 * `credit_repaired` ledger entries of approved repairs, subject `evt.credit.*`), the outbox and
 * the audit log (append-only).
 *
 * How: one transaction that locks the projection tables against writes (readers keep seeing the
 * old state until the commit), deletes the derived rows, reads EVENTS from its first message up to
 * the last one present when the replay started with an ordered consumer (ephemeral, nothing left
 * on the server if the tool dies), and applies each event with the service's own handler as the
 * durable consumers would — inbox row under the real consumer name, then the effect (a rejected
 * event's inbox row is removed again, as live: its re-driven copy later in the stream is applied),
 * each in a savepoint so an event that fails is skipped as the live consumer would dead-letter it. Each
 * standing is recomputed once at the end. A failure anywhere rolls everything back.
 *
 * The durable consumers are left alone: events they deliver later that the replay already applied
 * find their inbox row and are acknowledged with no second effect, exactly as a redelivery.
 * Stopping the credit service first is recommended (it would only wait on the lock otherwise).
 */

export interface ReplayCreditOptions {
  /** The credit DataSource (initialised, migrated), on the schema to rebuild. */
  dataSource: DataSource;
  js: JetStreamClient;
  jsm: JetStreamManager;
  logger?: JsonLogger;
  /** "Today" for the standings (default: now, Asia/Shanghai day). */
  now?: () => Date;
  /**
   * Publish `evt.credit.grade.changed.v1` (through the outbox) for each institution whose grade
   * after the replay differs from the grade it had before: other services follow grades. Default on.
   */
  announceGradeChanges?: boolean;
  /** How long to wait for the projection tables' lock (a running credit service holds it while it handles an event). */
  lockTimeoutMs?: number;
  /** Progress callback, every 1,000 events. */
  progress?: (done: number, lastSeq: number) => void;
}

export interface ReplayCreditReport {
  schema: string;
  stream: string;
  /** The stream's last sequence when the replay started: events up to it were applied. */
  lastSeq: number;
  eventsRead: number;
  /** Events handed to the handler, per source consumer. */
  applied: Record<CreditSource, number>;
  /** Same event id seen again (published twice under different message ids): no second effect. */
  duplicates: number;
  /** Events that are not JSON envelopes, or whose handler threw: skipped, as the live consumer dead-letters them. */
  skipped: { seq: number; subject: string; error: string }[];
  rejected: number;
  ledgerEntries: { before: number; after: number; kept: number };
  institutions: { before: number; after: number };
  standings: { before: number; after: number };
  gradeChanges: { institutionId: string; from: CreditGrade; to: CreditGrade }[];
  /** Standings that existed before and have no ledger entry any more (removed). */
  standingsRemoved: string[];
  today: IsoDate;
  durationMs: number;
}

/** A Ledger that gives a re-derived entry the id it had before the replay (repairs refer to entries by id). */
class ReplayLedger extends Ledger {
  constructor(
    models: CreditModelStore,
    private readonly previousIds: Map<string, string>,
  ) {
    super(models);
  }

  static key(sourceEventId: string, institutionId: string, eventType: string): string {
    return `${sourceEventId}|${institutionId}|${eventType}`;
  }

  override append(db: Parameters<Ledger['append']>[0], fact: NewLedgerEntry) {
    const id = fact.id ?? this.previousIds.get(ReplayLedger.key(fact.sourceEventId, fact.institutionId, fact.eventType));
    return super.append(db, { ...fact, id });
  }
}

function sourceOf(subject: string): CreditSource | null {
  for (const { key, filter } of CREDIT_SOURCES) if (subject.startsWith(filter.slice(0, -1))) return key;
  return null;
}

/** Rebuilds the credit projection of `options.dataSource`'s schema from stream EVENTS. */
export async function replayCreditProjection(options: ReplayCreditOptions): Promise<ReplayCreditReport> {
  const started = Date.now();
  const { dataSource, js, jsm } = options;
  const logger = options.logger ?? new JsonLogger('credit-replay');
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('the credit DataSource has no schema');
  // The built-in documents and those published (not derived from events: the replay keeps them).
  const models = new CreditModelStore(dataSource, loadCreditModels(CREDIT_RULE_DOCUMENTS));
  const now = options.now ?? (() => new Date());
  const today = shanghaiToday(now());
  const consumers = Object.fromEntries(CREDIT_SOURCES.map((s) => [s.key, creditConsumerName(schema, s.key)])) as Record<CreditSource, string>;
  const consumerNames = Object.values(consumers);

  const found = await jsm.streams.info(EVENT_STREAM).then(
    () => true,
    () => false,
  );
  if (!found) throw new Error(`stream ${EVENT_STREAM} not found on this NATS server: there is nothing to replay from (restore it first)`);

  return dataSource.transaction(async (m) => {
    const projection = new ProjectionRepository(m);
    const ledgerRows = new LedgerRepository(m);
    const standingRows = new StandingRepository(m);
    const institutionRows = new InstitutionRepository(m);
    const deadLetters = new DeadLetterRepository(m);
    await projection.lock(options.lockTimeoutMs ?? 30_000);

    const oldStandings = await standingRows.all();
    const previousIds = new Map<string, string>();
    for (const r of await ledgerRows.derived()) previousIds.set(ReplayLedger.key(r.sourceEventId, r.institutionId, r.eventType), r.id);
    const before = { ledger: await ledgerRows.count(), institutions: await institutionRows.count() };

    // The ledger is append-only for the application; the replay alone may rebuild it.
    await ledgerRows.deleteDerived();
    const kept = await ledgerRows.count();
    await standingRows.deleteAll();
    await institutionRows.deleteAll();
    const oldRejections = new Map((await deadLetters.rejections(consumerNames)).map((r) => [`${r.consumer}|${r.eventId}`, r.rejectedAt]));
    await deadLetters.deleteRejections(consumerNames);
    // Parked events are re-derived too: those whose institution never arrives wait again.
    await new ParkedEventRepository(m).deleteFor(consumerNames);
    await projection.deleteDeliveries(consumerNames);

    const ledger = new ReplayLedger(models, previousIds);
    const replica = new InstitutionReplica();
    const standings = new Standings(models, ledger);
    const outbox = new Outbox();
    const auditLog = new AuditLog();
    const handler = new CreditEventsHandler(models, ledger, standings, replica, outbox, auditLog, logger, now);

    const info = await jsm.streams.info(EVENT_STREAM);
    const lastSeq = info.state.last_seq;
    const applied = { registry: 0, staff: 0, inspection: 0, subsidy: 0 } as Record<CreditSource, number>;
    const skipped: ReplayCreditReport['skipped'] = [];
    let eventsRead = 0;
    let duplicates = 0;
    let rejected = 0;

    const apply = async (msg: JsMsg) => {
      const source = sourceOf(msg.subject);
      if (!source) return;
      let envelope: EventEnvelope;
      try {
        envelope = msg.json<EventEnvelope>();
        if (!envelope?.eventId) throw new Error('event has no eventId');
      } catch (e) {
        skipped.push({ seq: msg.seq, subject: msg.subject, error: (e as Error).message });
        return;
      }
      await projection.savepoint();
      try {
        if (!(await projection.claimDelivery(consumers[source], envelope.eventId, msg.subject))) {
          duplicates++;
        } else {
          const outcome = await handler.record(consumers[source], source, envelope, m, { publishDeadLetters: false });
          applied[source]++;
          if (outcome.rejected) rejected++;
        }
        await projection.releaseSavepoint();
      } catch (e) {
        await projection.rollbackToSavepoint();
        skipped.push({ seq: msg.seq, subject: msg.subject, error: (e as Error).message });
      }
    };

    if (info.state.messages > 0) {
      const consumer = await js.consumers.get(EVENT_STREAM, { deliver_policy: DeliverPolicy.All });
      const messages = await consumer.consume({ max_messages: 256 });
      try {
        for await (const msg of messages) {
          if (msg.seq > lastSeq) break;
          await apply(msg);
          eventsRead++;
          if (eventsRead % 1000 === 0) options.progress?.(msg.seq, lastSeq);
          if (msg.seq >= lastSeq || msg.info.pending === 0) break;
        }
      } finally {
        await messages.close().catch(() => undefined);
      }
    }

    // Rejections that happen again keep the time they were first recorded.
    for (const r of await deadLetters.rejections(consumerNames)) {
      const at = oldRejections.get(`${r.consumer}|${r.eventId}`);
      if (at) await deadLetters.setRejectedAt(r.consumer, r.eventId, at);
    }

    // Every institution with a ledger entry gets its standing, recomputed once from its whole ledger.
    const quiet = { publish: async () => undefined, audit: async () => undefined };
    for (const institutionId of await ledgerRows.institutionIds()) await standings.refresh(m, institutionId, today, quiet, 'replay');

    const old = new Map(oldStandings.map((s) => [s.institutionId, s]));
    const fresh = await standingRows.all();
    const gradeChanges: ReplayCreditReport['gradeChanges'] = [];
    for (const s of fresh) {
      const previous = old.get(s.institutionId);
      if (!previous) continue;
      if (previous.grade === s.grade) {
        // The grade held before the replay: it still holds since the same day.
        await standingRows.setSince(s.institutionId, previous.since);
        continue;
      }
      gradeChanges.push({ institutionId: s.institutionId, from: previous.grade, to: s.grade });
      if (options.announceGradeChanges === false) continue;
      const standing = (await standingRows.get(s.institutionId))!;
      const reasons = await standingRows.reasons(s.institutionId);
      const judging = (await models.current(m)).judging(standing.divisionCode, today);
      const data: GradeChangedData = {
        institutionId: s.institutionId,
        divisionCode: standing.divisionCode,
        from: previous.grade,
        to: s.grade,
        grade: s.grade,
        score: s.score,
        modelVersion: standing.modelVersion,
        modelJurisdiction: judging.jurisdiction,
        modelDocuments: judging.documents.map((d) => d.version),
        effectiveOn: today,
        reasons,
      };
      await outbox.append(m, newEvent(CreditEvt.gradeChanged, { actor: SYSTEM_ACTOR, entityId: s.institutionId, data }));
      await auditLog.record(m, {
        actor: SYSTEM_ACTOR,
        action: 'credit.grade.change',
        entity: 'institution',
        entityId: s.institutionId,
        before: { grade: previous.grade, score: previous.score },
        after: { grade: s.grade, score: s.score, modelVersion: standing.modelVersion },
        reason: `replay of ${EVENT_STREAM} up to sequence ${lastSeq}`,
      });
    }
    const freshIds = new Set(fresh.map((s) => s.institutionId));
    const report: ReplayCreditReport = {
      schema,
      stream: EVENT_STREAM,
      lastSeq,
      eventsRead,
      applied,
      duplicates,
      skipped,
      rejected,
      ledgerEntries: { before: before.ledger, after: await ledgerRows.count(), kept },
      institutions: { before: before.institutions, after: await institutionRows.count() },
      standings: { before: oldStandings.length, after: fresh.length },
      gradeChanges,
      standingsRemoved: oldStandings.map((s) => s.institutionId).filter((id) => !freshIds.has(id)),
      today,
      durationMs: Date.now() - started,
    };
    logger.info('credit projection replayed', {
      ...report,
      skipped: report.skipped.length,
      gradeChanges: report.gradeChanges.length,
      standingsRemoved: report.standingsRemoved.length,
    });
    return report;
  });
}

export interface ReplayCreditConfig {
  DATABASE_URL: string;
  NATS_URL: string;
  /** The NATS user the replay connects as: it reads the whole of EVENTS (an operator's user, e.g. `admin`). */
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  CREDIT_DB_SCHEMA?: string;
  LOG_LEVEL?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * The replay as a command: connects like the credit service does (its DataSource, migrated; NATS
 * through the messaging library's connectNats), replays, disconnects.
 */
export async function replayCredit(
  config: ReplayCreditConfig,
  options: Omit<ReplayCreditOptions, 'dataSource' | 'js' | 'jsm'> = {},
): Promise<ReplayCreditReport> {
  const dataSource = creditDataSource(config.DATABASE_URL, config.CREDIT_DB_SCHEMA ?? 'credit');
  await initializeAndMigrate(dataSource);
  try {
    const nats = await connectNats(config.NATS_URL, 'credit-replay', { user: config.NATS_USER, password: config.NATS_PASSWORD });
    try {
      return await replayCreditProjection({
        ...options,
        dataSource,
        js: jetstream(nats),
        jsm: await jetstreamManager(nats),
        logger: options.logger ?? new JsonLogger('credit-replay', config.LOG_LEVEL ?? 'info'),
      });
    } finally {
      await nats.drain().catch(() => undefined);
    }
  } finally {
    await dataSource.destroy();
  }
}
