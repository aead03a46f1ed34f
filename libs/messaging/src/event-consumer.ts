import type { JsonLogger } from '@shanyu/common';
import { type AnyEventDef, deadLetterSubject, EVENT_STREAM, type EventEnvelope, type EventOf, RpcHeaders } from '@shanyu/contracts';
import { type Context, contextFromHeaders, metricsFor, runWithContext, type ServiceMetrics, SpanKind, SpanStatusCode, startSpan } from '@shanyu/observability';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import { InboxRow } from '@shanyu/persistence';
import { isDatabaseUnavailable } from './rpc-error.filter.js';

export type EventHandler = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

type Outcome = 'done' | 'duplicate' | 'retry' | 'dead';

/** A delivery waiting for its batch: the message, its consumer span's context, who awaits the outcome. */
interface Pending {
  msg: JsMsg;
  ctx: Context;
  envelope?: EventEnvelope;
  settle: (outcome: Outcome) => void;
  fail: (e: unknown) => void;
}

/** A batch that rolled back: the delivery whose handler threw (-1: not one handler's fault) and why. */
interface BatchFailure {
  index: number;
  error: unknown;
}

export interface DurableEventConsumerOptions {
  /** Durable name, unique per consuming service and purpose, e.g. `credit-registry-events`. */
  name: string;
  /** One subject or wildcard (nats-server 2.9 has no filter_subjects). */
  filterSubject: string;
  dataSource: DataSource;
  js: JetStreamClient;
  jsm: JetStreamManager;
  logger: JsonLogger;
  handler: EventHandler;
  /**
   * Handler failures before the event goes to the dead-letter subject. A database that is
   * unavailable is waited for on the same delivery: it does not count (the event is not at fault).
   */
  maxDeliver?: number;
  /** Delay before each redelivery after a failure (ms), last value repeats. */
  backoffMs?: number[];
  /**
   * Where a new durable consumer starts: `all` (default: everything the stream holds) or `new`
   * (only events published from now on — for a test stack sharing a broker with earlier ones).
   */
  deliverFrom?: 'all' | 'new';
  /** How long the server waits for an ack before redelivering (a crashed consumer). */
  ackWaitMs?: number;
  /** The consuming service, for metrics (default: the logger's service). */
  service?: string;
  /**
   * Most deliveries handled in one transaction (default 100). Deliveries that arrive while a batch
   * commits form the next one: a quiet consumer handles each event alone, at once.
   */
  maxBatch?: number;
}

/**
 * A durable pull consumer with exactly-once effect: the handler runs in a transaction that
 * also records (consumer, eventId) in the inbox; the message is acked only after that commit.
 * Deliveries that are waiting together share one transaction (inbox rows, then each handler in
 * stream order, one COMMIT, then an ack each: bench/README.md "Event path"); if a handler throws,
 * the batch rolls back, the deliveries before it commit again without it, it alone is retried or
 * dead-lettered, and the rest form the next batch.
 * A redelivery finds the inbox row and is acked with no second effect. After `maxDeliver`
 * handler failures the event is published to `dlq.<name>` and terminated. A failure because the
 * database is unavailable (isDatabaseUnavailable) is not the event's fault: the same delivery is
 * tried again, the message held (`working`), until the database is back — it never counts.
 */
export class DurableEventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopped = false;
  private processed = 0;
  private readonly queue: Pending[] = [];
  private flushing?: Promise<void>;
  private readonly metrics: ServiceMetrics;
  private removeMetricsSource?: () => void;

  constructor(private readonly options: DurableEventConsumerOptions) {
    this.metrics = metricsFor(options.service ?? options.logger.service);
  }

  get maxDeliver(): number {
    return this.options.maxDeliver ?? 5;
  }

  get maxBatch(): number {
    return Math.max(1, this.options.maxBatch ?? 100);
  }

  get processedCount(): number {
    return this.processed;
  }

  async start(): Promise<void> {
    const { jsm, js, name, filterSubject } = this.options;
    const config = {
      durable_name: name,
      filter_subject: filterSubject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: this.options.deliverFrom === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
      max_deliver: this.maxDeliver,
      max_ack_pending: 1_000,
    };
    try {
      await jsm.consumers.info(EVENT_STREAM, name);
      await jsm.consumers.update(EVENT_STREAM, name, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
        max_ack_pending: config.max_ack_pending,
      });
    } catch {
      await jsm.consumers.add(EVENT_STREAM, config);
    }
    const consumer = await js.consumers.get(EVENT_STREAM, name);
    this.removeMetricsSource = this.metrics.addConsumerSource(name, async () => (await jsm.consumers.info(EVENT_STREAM, name)).num_pending);
    this.messages = await consumer.consume({ max_messages: 100 });
    this.loop = this.run(this.messages);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.removeMetricsSource?.();
    await this.messages?.close();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    // Deliveries are handed to process() without waiting, so the next batch gathers while one
    // commits; at most two batches are outstanding (the client's buffer and ack_wait are not outrun).
    const limit = 2 * this.maxBatch;
    let outstanding = 0;
    let room: (() => void) | undefined;
    const waitForRoom = (below: number) =>
      new Promise<void>((resolve) => {
        room = () => {
          if (outstanding < below) resolve();
        };
      });
    for await (const msg of messages) {
      if (this.stopped) {
        // Handed back at once for another replica (or the next start) instead of waiting out ack_wait.
        try {
          msg.nak();
        } catch {
          // the connection is already closed: the server redelivers after ack_wait
        }
        continue;
      }
      outstanding++;
      // A rejection here must not end the loop (no more events for this consumer) nor go
      // unhandled (that ends a Node process). The message is left unacked: the server redelivers
      // it after ack_wait.
      void this.process(msg)
        .catch((e) => {
          this.options.logger.error('event processing failed, left for redelivery', {
            consumer: this.options.name,
            seq: msg.seq,
            err: (e as Error)?.message ?? String(e),
          });
        })
        .finally(() => {
          outstanding--;
          room?.();
        });
      if (outstanding >= limit) await waitForRoom(limit);
    }
    if (outstanding > 0) await waitForRoom(1);
  }

  /**
   * Handles one delivery in a consumer span continuing the publisher's trace (the event's
   * `traceparent` header): it joins the next batch and resolves once its batch committed and
   * it was acked (or nak'd, dead-lettered). Public so tests can drive a single message.
   */
  async process(msg: JsMsg): Promise<Outcome> {
    const consumer = this.options.name;
    if (msg.info.deliveryCount > 1) this.metrics.consumerRedeliveries.inc({ consumer });
    const parent = contextFromHeaders(msg.headers, msg.headers?.get(RpcHeaders.requestId) || undefined);
    const { span, ctx } = startSpan(msg.subject, SpanKind.CONSUMER, { 'messaging.system': 'nats', 'messaging.consumer.group.name': consumer }, parent);
    let outcome: Outcome;
    try {
      outcome = await new Promise<Outcome>((settle, fail) => {
        this.queue.push({ msg, ctx, settle, fail });
        this.scheduleFlush();
      });
      // In the span: the line carries the publisher's trace and request id (as the RPC server's 'rpc' line).
      runWithContext(ctx, () =>
        this.options.logger.debug('event', { consumer, subject: msg.subject, seq: msg.seq, delivery: msg.info.deliveryCount, outcome }),
      );
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
      throw e;
    } finally {
      span.end();
    }
    this.metrics.consumerEvents.inc({ consumer, outcome });
    return outcome;
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    // Outside any one delivery's span: each handler runs in its own delivery's context.
    this.flushing = runWithContext(contextFromHeaders(undefined), () => this.flush()).finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.scheduleFlush();
    });
  }

  private async flush(): Promise<void> {
    // The deliveries the client has already buffered join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.handleBatch(batch);
      } catch (e) {
        for (const p of batch) p.fail(e); // a no-op for those already settled
      }
    }
  }

  private async handleBatch(batch: Pending[]): Promise<void> {
    if (this.stopped) {
      for (const p of batch) {
        try {
          p.msg.nak();
        } catch {
          // the connection is already closed: the server redelivers after ack_wait
        }
        p.settle('retry');
      }
      return;
    }
    let rest: Pending[] = [];
    for (const p of batch) {
      p.envelope = envelopeOf(p.msg);
      if (p.envelope) rest.push(p);
      else await this.alone(p); // dead-lettered: no entity, so no order to keep
    }
    while (rest.length > 0) {
      if (rest.length === 1) return this.alone(rest[0]!);
      const failure = await this.tryBatch(rest);
      if (!failure) return;
      if (failure.index < 0) {
        for (const p of rest) await this.alone(p);
        return;
      }
      // The deliveries before the failing one succeeded in the rolled-back batch: commit them again together.
      // Should that fail as well, each is handled alone.
      const before = rest.slice(0, failure.index);
      const failedAgain = before.length > 1 ? await this.tryBatch(before) : undefined;
      if (before.length === 1 || failedAgain) for (const p of before) await this.alone(p);
      // The failing one is not run again: this failure counts for this delivery, as it would alone.
      const poison = rest[failure.index]!;
      await this.settle(poison, () => this.failed(poison.msg, poison.envelope!, failure.error));
      rest = rest.slice(failure.index + 1);
    }
  }

  /**
   * One transaction for `batch` (envelopes parsed): inbox rows, then each new event's handler in
   * order, COMMIT, then each message acked and settled. Returns the failure after a rollback
   * (nothing settled then); a database that is unavailable is waited for, as for one delivery.
   */
  private async tryBatch(batch: Pending[]): Promise<BatchFailure | undefined> {
    const { dataSource, handler, name, logger } = this.options;
    for (let attempt = 0; ; attempt++) {
      let current = -1;
      try {
        const outcomes = await dataSource.transaction(async (manager) => {
          const fresh = await insertInbox(manager, name, batch as Required<Pending>[]);
          const result: ('done' | 'duplicate')[] = [];
          for (const [i, p] of batch.entries()) {
            // Not inserted: handled before (or earlier in this batch, a redelivery of the same event).
            if (!fresh.delete(p.envelope!.eventId.toLowerCase())) {
              result.push('duplicate');
              continue;
            }
            current = i;
            await runWithContext(p.ctx, () => handler(p.envelope!, manager));
            result.push('done');
          }
          current = -1; // a failing COMMIT is no one handler's fault
          return result;
        });
        batch.forEach((p, i) => {
          p.msg.ack();
          if (outcomes[i] === 'done') this.processed++;
          p.settle(outcomes[i]!);
        });
        return undefined;
      } catch (e) {
        if (!isDatabaseUnavailable(e)) return { index: notTheHandlers(e) ? -1 : current, error: e };
        if (this.stopped) {
          for (const p of batch) p.settle('retry'); // left unacked: redelivered after ack_wait
          return undefined;
        }
        if (attempt === 0)
          logger.warn('database unavailable, retrying the batch (not counted toward the dead-letter limit)', {
            consumer: name,
            events: batch.length,
            err: (e as Error).message,
          });
        for (const p of batch) p.msg.working();
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }

  /** One delivery in its own transaction, as before batching. Settles `p`; never throws. */
  private alone(p: Pending): Promise<void> {
    return this.settle(p, () => this.deliver(p.msg));
  }

  private async settle(p: Pending, work: () => Promise<Outcome>): Promise<void> {
    try {
      p.settle(await runWithContext(p.ctx, work));
    } catch (e) {
      p.fail(e);
    }
  }

  private async deliver(msg: JsMsg): Promise<Outcome> {
    const { name, logger } = this.options;
    let envelope: EventEnvelope;
    try {
      envelope = msg.json<EventEnvelope>();
      if (!envelope?.eventId) throw new Error('event has no eventId');
    } catch (e) {
      await this.deadLetter(msg, e, null);
      return 'dead';
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.handleOnce(msg, envelope);
      } catch (e) {
        if (!isDatabaseUnavailable(e)) return this.failed(msg, envelope, e);
        if (this.stopped) return 'retry'; // left unacked: redelivered after ack_wait
        if (attempt === 0)
          logger.warn('database unavailable, retrying the delivery (not counted toward the dead-letter limit)', {
            consumer: name,
            eventId: envelope.eventId,
            err: (e as Error).message,
          });
        msg.working();
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }

  private async handleOnce(msg: JsMsg, envelope: EventEnvelope): Promise<'done' | 'duplicate'> {
    const { dataSource, handler, name } = this.options;
    const effect = await dataSource.transaction(async (manager) => {
      const inserted = await insertInbox(manager, name, [{ envelope, msg }]);
      if (inserted.size === 0) return 'duplicate' as const;
      await handler(envelope, manager);
      return 'done' as const;
    });
    msg.ack();
    if (effect === 'done') this.processed++;
    return effect;
  }

  private async failed(msg: JsMsg, envelope: EventEnvelope, e: unknown): Promise<'retry' | 'dead'> {
    const { name, logger } = this.options;
    const delivery = msg.info.deliveryCount;
    if (delivery >= this.maxDeliver) {
      await this.deadLetter(msg, e, envelope);
      return 'dead';
    }
    const backoff = this.options.backoffMs ?? [1_000, 5_000, 30_000, 120_000];
    const delay = backoff[Math.min(delivery - 1, backoff.length - 1)];
    logger.warn('event handler failed, will redeliver', { consumer: name, eventId: envelope.eventId, delivery, delayMs: delay, err: (e as Error).message });
    msg.nak(delay);
    return 'retry';
  }

  private async deadLetter(msg: JsMsg, error: unknown, envelope: EventEnvelope | null): Promise<void> {
    const { js, name, logger } = this.options;
    const body = {
      consumer: name,
      subject: msg.subject,
      streamSequence: msg.seq,
      deliveries: msg.info.deliveryCount,
      error: (error as Error)?.message ?? String(error),
      failedAt: new Date().toISOString(),
      event: envelope ?? new TextDecoder().decode(msg.data),
    };
    // This is the last delivery (the server will not redeliver it), so the dead letter must not
    // be lost to a broker outage: retry like the outbox relay, until it is stored or we stop.
    for (let retryInMs = 250; ; retryInMs = Math.min(retryInMs * 2, 2_000)) {
      try {
        await js.publish(deadLetterSubject(name), JSON.stringify(body), {
          msgID: `${name}:${msg.seq}`,
        });
        break;
      } catch (e) {
        if (this.stopped || (e as Error)?.name === 'ClosedConnectionError') throw e;
        logger.warn('dead-letter publish failed, will retry', { consumer: name, seq: msg.seq, err: (e as Error)?.message, retryInMs });
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
      }
    }
    this.metrics.deadLetters.inc({ consumer: name });
    logger.error('event dead-lettered', { consumer: name, subject: msg.subject, seq: msg.seq, err: body.error });
    msg.term(body.error.slice(0, 200));
  }
}

/** Records the events in the inbox; returns the ids (lower case) of those not recorded before. */
async function insertInbox(manager: EntityManager, consumer: string, events: { envelope: EventEnvelope; msg: JsMsg }[]): Promise<Set<string>> {
  const inbox = manager.getRepository(InboxRow).metadata.tablePath;
  const inserted: { event_id: string }[] = await manager.query(
    `INSERT INTO ${inbox} (consumer, event_id, subject)
     SELECT $1, e.id, e.subject FROM unnest($2::uuid[], $3::text[]) AS e(id, subject)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, events.map((e) => e.envelope.eventId), events.map((e) => e.msg.subject)],
  );
  return new Set(inserted.map((row) => row.event_id));
}

function envelopeOf(msg: JsMsg): EventEnvelope | undefined {
  try {
    const envelope = msg.json<EventEnvelope>();
    return typeof envelope?.eventId === 'string' && envelope.eventId ? envelope : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A batch failure that may come from the batch itself rather than the handler that saw it: a
 * transaction aborted by an earlier statement (25P02), or a serialization failure or deadlock
 * (class 40) that a smaller transaction may not meet. Those deliveries are each retried alone.
 */
function notTheHandlers(e: unknown): boolean {
  for (let err = e as { code?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 4; depth++) {
    if (typeof err.code === 'string' && (err.code === '25P02' || err.code.startsWith('40'))) return true;
    err = (err.driverError ?? err.cause) as typeof err;
  }
  return false;
}

/**
 * The handler of a consumer that follows several events, each routed by its definition with its
 * `data` typed: `new EventRoutes().on(CreditEvt.gradeChanged, (event, manager) => …)`. Events of
 * the consumer's filter that no route names have no effect (acked, as a handler that ignores them).
 */
export class EventRoutes {
  private readonly routes = new Map<string, EventHandler>();

  on<D extends AnyEventDef>(def: D, handler: (event: EventOf<D>, manager: EntityManager) => Promise<void>): this {
    if (this.routes.has(def.subject)) throw new Error(`${def.subject} is routed twice`);
    this.routes.set(def.subject, handler as EventHandler);
    return this;
  }

  /** The subjects routed, for a consumer's filter or a test. */
  get subjects(): string[] {
    return [...this.routes.keys()];
  }

  readonly handler: EventHandler = (event, manager) => this.routes.get(event.subject)?.(event, manager) ?? Promise.resolve();
}
