import { DEAD_LETTER_STREAM, DEAD_LETTER_SUBJECTS, EVENT_STREAM, EVENT_SUBJECTS } from '@shanyu/contracts';
import { type JetStreamManager, RetentionPolicy, StorageType, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

const STREAMS: (Partial<StreamConfig> & { name: string })[] = [
  {
    name: EVENT_STREAM,
    subjects: [EVENT_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(365 * 24 * 3600 * 1000),
    // Republishing an outbox row within this window is deduplicated by Nats-Msg-Id.
    duplicate_window: nanos(10 * 60 * 1000),
  },
  {
    name: DEAD_LETTER_STREAM,
    subjects: [DEAD_LETTER_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: nanos(90 * 24 * 3600 * 1000),
  },
];

export interface EventStreamOptions {
  /** JetStream replicas of EVENTS and DEADLETTER (default: EVENTS_REPLICAS, else 1). */
  replicas?: number;
}

/**
 * EVENTS_REPLICAS from the environment: how many JetStream servers keep a copy of each event
 * (1 on a single server, 3 on the 3-node cluster of deploy/k8s; at most 5). Every service reads it
 * the same way, whichever creates the streams first.
 */
export function eventReplicasFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.EVENTS_REPLICAS?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new Error(`EVENTS_REPLICAS must be an integer from 1 to 5 (got "${raw}")`);
  return n;
}

/**
 * Creates the EVENTS and DEADLETTER streams when missing (idempotent; every service may call it),
 * with the configured number of replicas; a stream that has fewer replicas than configured is
 * scaled up (never down: lowering the replicas of a live stream is an operator's decision).
 */
export async function ensureEventStreams(jsm: JetStreamManager, options: EventStreamOptions = {}): Promise<void> {
  const replicas = options.replicas ?? eventReplicasFromEnv();
  for (const config of STREAMS) {
    let existing: Awaited<ReturnType<JetStreamManager['streams']['info']>> | undefined;
    try {
      existing = await jsm.streams.info(config.name!);
    } catch {
      try {
        await jsm.streams.add({ ...config, num_replicas: replicas });
        continue;
      } catch (e) {
        // Another service created it between our look-up and our add.
        existing = await jsm.streams.info(config.name!).catch(() => {
          throw e;
        });
      }
    }
    if ((existing.config.num_replicas ?? 1) < replicas) {
      await jsm.streams.update(config.name!, { ...existing.config, num_replicas: replicas });
    }
  }
}
