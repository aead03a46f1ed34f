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

/** Creates the EVENTS and DEADLETTER streams when missing (idempotent; every service may call it). */
export async function ensureEventStreams(jsm: JetStreamManager): Promise<void> {
  for (const config of STREAMS) {
    try {
      await jsm.streams.info(config.name!);
    } catch {
      try {
        await jsm.streams.add(config);
      } catch (e) {
        // Another service created it between our look-up and our add.
        await jsm.streams.info(config.name!).catch(() => { throw e; });
      }
    }
  }
}
