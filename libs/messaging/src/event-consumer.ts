import type { JsonLogger } from '@shanyu/common';
import { deadLetterSubject, EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import { InboxRow } from '@shanyu/persistence';

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
  /** Deliveries before the event goes to the dead-letter subject. */
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
}

/**
 * A durable pull consumer with exactly-once effect: the handler runs in a transaction that
 * also records (consumer, eventId) in the inbox; the message is acked only after that commit.
 * A redelivery finds the inbox row and is acked with no second effect. After `maxDeliver`
 * failures the event is published to `dlq.<name>` and terminated.
 */
export class DurableEventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopped = false;
  private processed = 0;

  constructor(private readonly options: DurableEventConsumerOptions) {}

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
    this.messages = await consumer.consume({ max_messages: 100 });
    this.loop = this.run(this.messages);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      if (this.stopped) break;
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

  /** Handles one delivery; public so tests can drive a single message. */
  async process(msg: JsMsg): Promise<'done' | 'duplicate' | 'retry' | 'dead'> {
    const { dataSource, handler, name, logger } = this.options;
    let envelope: EventEnvelope;
    try {
      envelope = msg.json<EventEnvelope>();
      if (!envelope?.eventId) throw new Error('event has no eventId');
    } catch (e) {
      await this.deadLetter(msg, e, null);
      return 'dead';
    }
    try {
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
    } catch (e) {
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
    logger.error('event dead-lettered', { consumer: name, subject: msg.subject, seq: msg.seq, err: body.error });
    msg.term(body.error.slice(0, 200));
  }
}
