import { JsonLogger } from '@shanyu/common';
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { OutboxRelay } from './outbox-relay.js';

const rows = [1, 2, 3, 4].map((n) => ({ seq: String(n), id: `id-${n}`, subject: `evt.test.thing.v${n}`, envelope: { n }, headers: null }));

/** A relay over an in-memory outbox whose publishes are acknowledged only when the test says so. */
function relayWithManualAcks() {
  const marked: string[][] = [];
  const sent: string[] = [];
  const acks: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const dataSource = {
    getRepository: () => ({ metadata: { tablePath: 'outbox' } }),
    transaction: async (work: (manager: unknown) => Promise<unknown>) =>
      work({
        query: async (sql: string, params: unknown[]) => {
          if (sql.startsWith('SELECT')) return rows;
          marked.push(params[0] as string[]);
          return [[], (params[0] as string[]).length];
        },
      }),
  } as unknown as DataSource;
  const js = {
    publish: (subject: string, _data: string, opts: { msgID: string }) => {
      sent.push(opts.msgID);
      return new Promise<void>((resolve, reject) => acks.push({ resolve, reject }));
    },
  };
  const relay = new OutboxRelay({ dataSource, js: js as never, logger: new JsonLogger('unit', 'error', () => undefined) });
  return { relay, marked, sent, acks };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OutboxRelay publishes one row after another', () => {
  it('sends the next row only once the previous one is acknowledged, and marks them all', async () => {
    const { relay, marked, sent, acks } = relayWithManualAcks();
    const batch = relay.publishBatch();
    for (let n = 1; n <= 4; n++) {
      await tick();
      expect(sent).toHaveLength(n); // the row before is acknowledged, this one in flight, none after it
      acks[n - 1]!.resolve();
    }
    expect(await batch).toBe(4);
    expect(sent).toEqual(['id-1', 'id-2', 'id-3', 'id-4']);
    expect(marked).toEqual([['1', '2', '3', '4']]);
    expect(relay.publishedCount).toBe(4);
  });

  it('stops at a failed publish, so no later row reaches the stream ahead of it, and marks the prefix', async () => {
    const { relay, marked, sent, acks } = relayWithManualAcks();
    const batch = relay.publishBatch();
    await tick();
    acks[0]!.resolve();
    await tick();
    acks[1]!.reject(new Error('timeout'));
    await expect(batch).rejects.toThrow('timeout');
    expect(sent).toEqual(['id-1', 'id-2']);
    expect(marked).toEqual([['1']]);
    expect(relay.publishedCount).toBe(1);
  });
});
