import { JsonLogger } from '@shanyu/common';
import type { DataSource } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { OutboxRelay } from './outbox-relay.js';

interface Row {
  seq: string;
  id: string;
  subject: string;
  envelope: { n: number; entityId?: string };
  headers: null;
}

const row = (n: number, entityId?: string): Row => ({
  seq: String(n),
  id: `id-${n}`,
  subject: `evt.test.thing.v${n}`,
  envelope: { n, entityId },
  headers: null,
});

/**
 * A relay over an in-memory outbox (rows marked published leave it) whose publishes are
 * acknowledged or refused only when the test says so; `stream` is what JetStream stored, in order.
 */
function relayWithManualAcks(outbox: Row[]) {
  const marked: string[][] = [];
  const sent: string[] = [];
  const stream: string[] = [];
  const acks = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  const dataSource = {
    getRepository: () => ({ metadata: { tablePath: 'outbox' } }),
    transaction: async (work: (manager: unknown) => Promise<unknown>) =>
      work({
        query: async (sql: string, params: unknown[]) => {
          if (sql.startsWith('SELECT')) return outbox.filter((r) => !marked.flat().includes(r.seq));
          marked.push(params[0] as string[]);
          return [[], (params[0] as string[]).length];
        },
      }),
  } as unknown as DataSource;
  const js = {
    publish: (_subject: string, _data: string, opts: { msgID: string }) => {
      sent.push(opts.msgID);
      return new Promise<void>((resolve, reject) =>
        acks.set(opts.msgID, {
          resolve: () => {
            stream.push(opts.msgID);
            resolve();
          },
          reject,
        }),
      );
    },
  };
  const relay = new OutboxRelay({ dataSource, js: js as never, logger: new JsonLogger('unit', 'error', () => undefined) });
  const ack = (n: number) => acks.get(`id-${n}`)!.resolve();
  const refuse = (n: number) => acks.get(`id-${n}`)!.reject(new Error('timeout'));
  return { relay, marked, sent, stream, ack, refuse };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OutboxRelay: the rows of one entity one after another, different entities at once', () => {
  it('sends the next row of an entity only once the previous one is acknowledged, and marks them all', async () => {
    const { relay, marked, sent, ack } = relayWithManualAcks([1, 2, 3, 4].map((n) => row(n, 'a')));
    const batch = relay.publishBatch();
    for (let n = 1; n <= 4; n++) {
      await tick();
      expect(sent).toHaveLength(n); // the row before is acknowledged, this one in flight, none after it
      ack(n);
    }
    expect(await batch).toBe(4);
    expect(sent).toEqual(['id-1', 'id-2', 'id-3', 'id-4']);
    expect(marked).toEqual([['1', '2', '3', '4']]);
    expect(relay.publishedCount).toBe(4);
  });

  it('sends the first row of every entity at once, and keeps each entity in outbox order', async () => {
    const { relay, sent, stream, ack, marked } = relayWithManualAcks([row(1, 'a'), row(2, 'b'), row(3, 'a'), row(4, 'c'), row(5, 'b')]);
    const batch = relay.publishBatch();
    await tick();
    expect(sent).toEqual(['id-1', 'id-2', 'id-4']); // in flight together; 3 and 5 wait for 1 and 2
    ack(4);
    ack(2);
    await tick();
    expect(sent).toEqual(['id-1', 'id-2', 'id-4', 'id-5']);
    ack(5);
    ack(1);
    await tick();
    ack(3);
    expect(await batch).toBe(5);
    expect(stream).toEqual(['id-4', 'id-2', 'id-5', 'id-1', 'id-3']);
    expect(marked).toEqual([['1', '2', '3', '4', '5']]); // one update, in outbox order
  });

  it('a failed publish stops its entity: its later rows are neither sent nor marked, the other entities are', async () => {
    const { relay, marked, sent, ack, refuse } = relayWithManualAcks([row(1, 'a'), row(2, 'b'), row(3, 'a'), row(4, 'b'), row(5, 'a')]);
    const batch = relay.publishBatch();
    await tick();
    ack(1);
    refuse(2);
    await tick();
    ack(3);
    await tick();
    ack(5);
    await expect(batch).rejects.toThrow('timeout');
    expect(sent).toEqual(['id-1', 'id-2', 'id-3', 'id-5']); // 4 waited for 2, which failed
    expect(marked).toEqual([['1', '3', '5']]);
    expect(relay.publishedCount).toBe(3);
  });

  it('after a failure the next batch publishes the failed row before the later rows of its entity', async () => {
    const { relay, marked, sent, stream, ack, refuse } = relayWithManualAcks([row(1, 'a'), row(2, 'a'), row(3, 'b')]);
    const first = relay.publishBatch();
    await tick();
    refuse(1);
    ack(3);
    await expect(first).rejects.toThrow('timeout');
    const second = relay.publishBatch();
    await tick();
    expect(sent).toEqual(['id-1', 'id-3', 'id-1']); // 2 not yet: it waits for 1's acknowledgement
    ack(1);
    await tick();
    ack(2);
    expect(await second).toBe(2);
    expect(stream).toEqual(['id-3', 'id-1', 'id-2']);
    expect(marked).toEqual([['3'], ['1', '2']]);
  });

  it('rows without an entity id keep outbox order among themselves', async () => {
    const { relay, sent, ack } = relayWithManualAcks([row(1), row(2), row(3, 'a')]);
    const batch = relay.publishBatch();
    await tick();
    expect(sent).toEqual(['id-1', 'id-3']);
    ack(1);
    ack(3);
    await tick();
    expect(sent).toEqual(['id-1', 'id-3', 'id-2']);
    ack(2);
    expect(await batch).toBe(3);
  });
});

describe('OutboxRelay lets commits gather after a batch that was not full', () => {
  /** A relay whose publishes are acknowledged at once; `selects` counts its batches. */
  function autoAckRelay(outbox: Row[], options: { batchSize?: number; lingerMs?: number }) {
    const published = new Set<string>();
    let selects = 0;
    const dataSource = {
      getRepository: () => ({ metadata: { tablePath: 'outbox' } }),
      transaction: async (work: (manager: unknown) => Promise<unknown>) =>
        work({
          query: async (sql: string, params: unknown[]) => {
            if (!sql.startsWith('SELECT')) return (params[0] as string[]).forEach((seq) => published.add(seq));
            selects++;
            return outbox.filter((r) => !published.has(r.seq)).slice(0, params[0] as number);
          },
        }),
    } as unknown as DataSource;
    const js = { publish: async () => undefined };
    const relay = new OutboxRelay({ dataSource, js: js as never, logger: new JsonLogger('unit', 'error', () => undefined), ...options });
    return { relay, selects: () => selects };
  }

  it('waits lingerMs before the next batch, even when nudged, and goes on at once after a full batch', async () => {
    vi.useFakeTimers();
    try {
      const outbox = [1, 2, 3].map((n) => row(n, `e${n}`));
      const { relay, selects } = autoAckRelay(outbox, { batchSize: 2, lingerMs: 50 });
      relay.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(selects()).toBe(2); // a full batch (1, 2), then at once the rest (3)
      expect(relay.publishedCount).toBe(3);
      outbox.push(row(4, 'e4'));
      relay.notify();
      await vi.advanceTimersByTimeAsync(40);
      expect(selects()).toBe(2); // still lingering after the batch of one
      await vi.advanceTimersByTimeAsync(20);
      expect(selects()).toBe(3);
      expect(relay.publishedCount).toBe(4);
      const stopped = relay.stop();
      await vi.advanceTimersByTimeAsync(100);
      await stopped;
    } finally {
      vi.useRealTimers();
    }
  });
});
