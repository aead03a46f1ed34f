import type { JsonLogger } from '@shanyu/common';
import { deadLetterSubject, EVENT_STREAM, type EventEnvelope, RpcHeaders } from '@shanyu/contracts';
import { contextFromHeaders, inSpan, metricsFor, type ServiceMetrics, SpanKind } from '@shanyu/observability';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import { InboxRow } from '@shanyu/persistence';
import { isDatabaseUnavailable } from './rpc-error.filter.js';

export type EventHandler = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

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
}

/**
 * A durable pull consumer with exactly-once effect: the handler runs in a transaction that
 * also records (consumer, eventId) in the inbox; the message is acked only after that commit.
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
  private readonly metrics: ServiceMetrics;
  private removeMetricsSource?: () => void;

  constructor(private readonly options: DurableEventConsumerOptions) {
    this.metrics = metricsFor(options.service ?? options.logger.service);
  }

  get maxDeliver(): number {
    return this.options.maxDeliver ?? 5;
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
        ack_wait: config.ack_wait, max_deliver: config.max_deliver, max_ack_pending: config.max_ack_pending,
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
      // A throw here would end the loop (no more events for this consumer) and reject `loop`
      // with no one awaiting it (an unhandled rejection ends a Node process). The message is
      // left unacked: the server redelivers it after ack_wait.
      try {
        await this.process(msg);
      } catch (e) {
        this.options.logger.error('event processing failed, left for redelivery', { consumer: this.options.name, seq: msg.seq, err: (e as Error)?.message ?? String(e) });
      }
    }
  }

  /**
   * Handles one delivery in a consumer span continuing the publisher's trace (the event's
   * `traceparent` header); public so tests can drive a single message.
   */
  async process(msg: JsMsg): Promise<'done' | 'duplicate' | 'retry' | 'dead'> {
    const consumer = this.options.name;
    if (msg.info.deliveryCount > 1) this.metrics.consumerRedeliveries.inc({ consumer });
    const parent = contextFromHeaders(msg.headers, msg.headers?.get(RpcHeaders.requestId) || undefined);
    const outcome = await inSpan(msg.subject, SpanKind.CONSUMER, parent, { 'messaging.system': 'nats', 'messaging.consumer.group.name': consumer }, async () => {
      const result = await this.deliver(msg);
      // Inside the span: the line carries the publisher's trace and request id (as the RPC server's 'rpc' line).
      this.options.logger.debug('event', { consumer, subject: msg.subject, seq: msg.seq, delivery: msg.info.deliveryCount, outcome: result });
      return result;
    });
    this.metrics.consumerEvents.inc({ consumer, outcome });
    return outcome;
  }

  private async deliver(msg: JsMsg): Promise<'done' | 'duplicate' | 'retry' | 'dead'> {
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
        if (attempt === 0) logger.warn('database unavailable, retrying the delivery (not counted toward the dead-letter limit)', { consumer: name, eventId: envelope.eventId, err: (e as Error).message });
        msg.working();
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }

  private async handleOnce(msg: JsMsg, envelope: EventEnvelope): Promise<'done' | 'duplicate'> {
    const { dataSource, handler, name } = this.options;
    const effect = await dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(InboxRow)
        .values({ consumer: name, eventId: envelope.eventId, subject: msg.subject })
        .orIgnore()
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return 'duplicate' as const;
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
