import type { JsonLogger } from '@shanyu/common';
import { departmentConsumers, EVENT_STREAM } from '@shanyu/contracts';
import { AckPolicy, type ConsumerConfig, DeliverPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/**
 * The durable pull consumers of the department systems (`dept-fire-inspection`, …; the catalog's
 * departmentConsumers()), created when missing and their ack settings kept as here — idempotent, at
 * every gateway start. Department users may not create, change or delete consumers themselves
 * (a consumer's push delivery subject is in the request body, which NATS permissions cannot see);
 * they pull from these by name. A new one starts with every event the stream still holds.
 * A consumer of that name which is not the catalog's pull consumer (an operator made it) is left
 * alone and logged: only `admin` may delete it, and the next start creates it anew.
 */
export async function provisionDepartmentConsumers(jsm: JetStreamManager, logger: JsonLogger): Promise<string[]> {
  const provisioned: string[] = [];
  for (const { name, filterSubject } of departmentConsumers()) {
    const config: Partial<ConsumerConfig> = {
      durable_name: name,
      filter_subject: filterSubject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(30_000),
      max_ack_pending: 1_000,
    };
    try {
      const existing = await jsm.consumers.info(EVENT_STREAM, name).catch(() => undefined);
      if (!existing) {
        await jsm.consumers.add(EVENT_STREAM, config);
      } else if (existing.config.deliver_subject || existing.config.filter_subject !== filterSubject || existing.config.ack_policy !== AckPolicy.Explicit) {
        logger.error('a department consumer is not the one the catalog gives: delete it as admin, the next gateway start creates it', {
          consumer: name,
          filterSubject: existing.config.filter_subject,
          deliverSubject: existing.config.deliver_subject,
        });
        continue;
      } else if (existing.config.ack_wait !== config.ack_wait || existing.config.max_ack_pending !== config.max_ack_pending) {
        await jsm.consumers.update(EVENT_STREAM, name, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending });
      }
      provisioned.push(name);
    } catch (e) {
      logger.error('could not provision a department consumer', { consumer: name, err: (e as Error)?.message ?? String(e) });
    }
  }
  return provisioned;
}
