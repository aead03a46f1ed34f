// Registry, credit and gateway from the one test stack builder (tests/support/stack.ts); a raw
// JetStream publisher for the events of services that are not started here (staff,
// inspection, subsidy), with the documented envelope and Nats-Msg-Id = eventId, as the outbox
// relay publishes them; collectors for credit events and dead letters.
import { randomInt } from 'node:crypto';
import { DEAD_LETTER_STREAM, EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import type { RunningCredit } from '@shanyu/credit';
import type { RunningGateway } from '@shanyu/gateway';
import type { RunningRegistry } from '@shanyu/registry';
import { eventually, institutionRequest, type PublishOptions } from '@shanyu/testing';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type PubAck,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import request from 'supertest';
import { startTestStack, TEST_DEMO_PASSWORD } from '../support/stack.js';

export const CREDIT_TEST_PASSWORD = TEST_DEMO_PASSWORD;
export type { PublishOptions };

/** Collects every message of a stream under a filter from the moment it starts. */
export class Collector<T = unknown> {
  readonly messages: { subject: string; body: T }[] = [];
  private consumer?: ConsumerMessages;
  private loop?: Promise<void>;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly stream: string,
    private readonly durable: string,
  ) {}

  static async start<T>(nc: NatsConnection, stream: string, filter: string): Promise<Collector<T>> {
    const durable = `credit-test-${randomInt(1e9)}`;
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(stream, { durable_name: durable, filter_subject: filter, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New });
    const collector = new Collector<T>(nc, stream, durable);
    collector.consumer = await (await jetstream(nc).consumers.get(stream, durable)).consume({ max_messages: 100 });
    collector.loop = (async () => {
      for await (const m of collector.consumer!) {
        collector.messages.push({ subject: m.subject, body: m.json<T>() });
        m.ack();
      }
    })();
    return collector;
  }

  where(test: (body: T, subject: string) => boolean): T[] {
    return this.messages.filter((m) => test(m.body, m.subject)).map((m) => m.body);
  }

  async stop(): Promise<void> {
    await this.consumer?.close();
    await this.loop;
    await (await jetstreamManager(this.nc)).consumers.delete(this.stream, this.durable).catch(() => undefined);
  }
}

export interface CreditStack {
  registry: RunningRegistry;
  credit: RunningCredit;
  gateway: RunningGateway;
  http: ReturnType<typeof request>;
  creditSchema: string;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  tokenFor(username: string): Promise<string>;
  /** Publishes an event into stream EVENTS with the documented envelope. */
  publish<T>(subject: string, data: T, options?: PublishOptions): Promise<{ envelope: EventEnvelope<T>; ack: PubAck }>;
  /** Registers an institution through the gateway; the credit replica follows the registry's event. */
  institution(username: string, overrides?: Record<string, unknown>): Promise<{ id: string; divisionCode: string; name: string }>;
  /** Waits until every credit consumer has acknowledged everything delivered to it. */
  settled(): Promise<void>;
  /** Rows of a credit-schema table. */
  rows<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

export async function startCreditStack(options: { now?: () => Date } = {}): Promise<CreditStack> {
  // The credit service warns of every dead letter: the tests provoke some on purpose.
  const stack = await startTestStack({
    services: ['registry', 'credit'],
    config: { credit: { LOG_LEVEL: 'error' } },
    startOptions: { credit: { now: options.now } },
  });
  const { nc, js, jsm } = await stack.nats();
  const creditSchema = stack.schemas.credit;
  return {
    registry: stack.registry,
    credit: stack.credit,
    gateway: stack.gateway,
    http: stack.http,
    creditSchema,
    nc,
    js,
    jsm,
    tokenFor: (username) => stack.tokenFor(username),
    publish: (subject, data, o) => stack.publish(subject, data, o),
    async institution(username, overrides = {}) {
      const res = await stack.http
        .post('/api/v1/institutions')
        .set(await stack.auth(username))
        .send(institutionRequest(overrides));
      if (res.status !== 201) throw new Error(`institution: ${res.status} ${JSON.stringify(res.body)}`);
      await eventually(
        `credit replica of ${res.body.id}`,
        async () => (await stack.sql('credit', 'SELECT 1 FROM $schema.institution WHERE id = $1', [res.body.id])).length > 0,
      );
      return { id: res.body.id, divisionCode: res.body.divisionCode, name: res.body.name };
    },
    settled: () => stack.settled(),
    rows(sql, params = []) {
      return stack.sql('credit', sql.replace(/\bcredit\./g, '$schema.'), params);
    },
    stop: () => stack.stop(),
  };
}

export { DEAD_LETTER_STREAM, EVENT_STREAM };
