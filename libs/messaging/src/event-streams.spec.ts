import type { JetStreamManager } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { ensureEventStreams, eventReplicasFromEnv } from './event-streams.js';

/** A JetStream manager that keeps stream configs in a map and records what was asked of it. */
function fakeJsm(existing: Record<string, { num_replicas: number }> = {}) {
  const streams = new Map(Object.entries(existing).map(([name, c]) => [name, { name, ...c }]));
  const calls: string[] = [];
  const jsm = {
    streams: {
      info: async (name: string) => {
        const config = streams.get(name);
        if (!config) throw new Error('stream not found');
        return { config };
      },
      add: async (config: { name: string; num_replicas: number }) => {
        calls.push(`add ${config.name} R${config.num_replicas}`);
        streams.set(config.name, config);
      },
      update: async (name: string, config: { num_replicas: number }) => {
        calls.push(`update ${name} R${config.num_replicas}`);
        streams.set(name, { name, ...config });
      },
    },
  } as unknown as JetStreamManager;
  return { jsm, calls };
}

describe('event streams: replicas (EVENTS_REPLICAS)', () => {
  it('creates EVENTS and DEADLETTER with the configured replicas', async () => {
    const { jsm, calls } = fakeJsm();
    await ensureEventStreams(jsm, { replicas: 3 });
    expect(calls).toEqual(['add EVENTS R3', 'add DEADLETTER R3']);
  });

  it('scales an existing stream up to the configured replicas, never down, and leaves a matching one alone', async () => {
    const { jsm, calls } = fakeJsm({ EVENTS: { num_replicas: 1 }, DEADLETTER: { num_replicas: 3 } });
    await ensureEventStreams(jsm, { replicas: 3 });
    expect(calls).toEqual(['update EVENTS R3']);
    const again = fakeJsm({ EVENTS: { num_replicas: 3 }, DEADLETTER: { num_replicas: 3 } });
    await ensureEventStreams(again.jsm, { replicas: 1 });
    expect(again.calls).toEqual([]);
  });

  it('reads EVENTS_REPLICAS (default 1) and refuses a bad value naming the variable', () => {
    expect(eventReplicasFromEnv({})).toBe(1);
    expect(eventReplicasFromEnv({ EVENTS_REPLICAS: '3' })).toBe(3);
    expect(() => eventReplicasFromEnv({ EVENTS_REPLICAS: 'three' })).toThrow(/EVENTS_REPLICAS/);
    expect(() => eventReplicasFromEnv({ EVENTS_REPLICAS: '7' })).toThrow(/1 to 5/);
  });
});
