// Event helpers shared by the integration tests: poll until something holds, and collect the
// events a test causes from a durable consumer that starts at "now".
import { randomInt } from 'node:crypto';
import { EVENT_STREAM, type EventEnvelope } from '@shanyu/contracts';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { eventually } from '@shanyu/testing';

/**
 * JetStream for the test itself, connected without credentials (`admin` on the harness broker).
 * A service's own connection may publish only its own events and consume only what it follows
 * (its NATS permissions), so a test that plays another service, or watches a service's events,
 * uses this instead. Drain `nc` when done.
 */
export async function testJetStream(natsUrl: string): Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }> {
  const nc = await connect({ servers: natsUrl, name: 'test-jetstream' });
  return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
}

/** Collects every event of a filter (default evt.staff.>) published from the moment it starts. */
export class EventCollector {
  readonly events: EventEnvelope[] = [];
  readonly raw: string[] = [];
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly durable: string,
  ) {}

  static async start(natsUrl: string, filter = 'evt.staff.>'): Promise<EventCollector> {
    const nc = await connect({ servers: natsUrl });
    const durable = `test-collector-${randomInt(1e9)}`;
    const jsm = await jetstreamManager(nc);
    await jsm.consumers.add(EVENT_STREAM, { durable_name: durable, filter_subject: filter, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New });
    const collector = new EventCollector(nc, durable);
    const consumer = await jetstream(nc).consumers.get(EVENT_STREAM, durable);
    collector.messages = await consumer.consume({ max_messages: 100 });
    collector.loop = (async () => {
      for await (const m of collector.messages!) {
        collector.raw.push(m.string());
        collector.events.push(m.json<EventEnvelope>());
        m.ack();
      }
    })();
    return collector;
  }

  of(subject: string, where: (e: EventEnvelope<any>) => boolean = () => true): EventEnvelope<any>[] {
    return this.events.filter((e) => e.subject === subject && where(e));
  }

  async waitFor(subject: string, where: (e: EventEnvelope<any>) => boolean = () => true, count = 1): Promise<EventEnvelope<any>[]> {
    return eventually(`${count} × ${subject}`, () => {
      const found = this.of(subject, where);
      return found.length >= count ? found : null;
    });
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
    await (await jetstreamManager(this.nc)).consumers.delete(EVENT_STREAM, this.durable).catch(() => undefined);
    await this.nc.drain();
  }
}
