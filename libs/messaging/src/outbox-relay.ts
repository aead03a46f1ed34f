import type { JsonLogger } from '@shanyu/common';
import { metricsFor, type OutboxStats } from '@shanyu/observability';
import { type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { OutboxRow } from '@shanyu/persistence';
import type { DataSource } from 'typeorm';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  js: JetStreamClient;
  logger: JsonLogger;
  batchSize?: number;
  idleDelayMs?: number;
  /**
   * After a batch that was not full, how long the relay lets commits gather before the next one
   * (default 5 ms): each batch costs four statements, however few rows it holds.
   */
  lingerMs?: number;
  maxBackoffMs?: number;
  /** The service, for `shanyu_outbox_published_total`. */
  service?: string;
}

/**
 * Publishes committed outbox rows to JetStream, in outbox order for each entity (`entityId`),
 * each with `Nats-Msg-Id` = row id so a republish after a crash is dropped by the stream's
 * duplicate window. The rows of a batch are published at once, those of one entity one after
 * another (publishInEntityOrder). A row is marked published only after JetStream acknowledged
 * it; on any failure the relay backs off and tries again, forever: nothing is lost while the
 * broker is down.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A notify() that came while a batch was being published: the next sleep is skipped. */
  private nudged = false;
  private published = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Nudges the relay after a commit so events go out without waiting for the poll. */
  notify(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  get publishedCount(): number {
    return this.published;
  }

  /** Rows committed but not yet acknowledged by JetStream (for /health and metrics). */
  async backlog(): Promise<number> {
    const [row] = await this.options.dataSource.query(`SELECT count(*)::int AS n FROM ${this.table()} WHERE published_at IS NULL`);
    return row.n;
  }

  /** The backlog and how long its oldest row has waited (for `shanyu_outbox_*`). */
  async stats(): Promise<OutboxStats> {
    const [row] = await this.options.dataSource.query(
      `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age
       FROM ${this.table()} WHERE published_at IS NULL`,
    );
    return { backlog: row.n, oldestAgeSeconds: Math.max(0, row.age) };
  }

  /** Publishes one batch; returns how many rows it published. Public for tests and tools. */
  async publishBatch(): Promise<number> {
    const { dataSource, js } = this.options;
    const batchSize = this.options.batchSize ?? 200;
    let failure: unknown;
    const count = await dataSource.transaction(async (manager) => {
      // SKIP LOCKED lets several replicas of a service relay without publishing a row twice at once.
      const rows: OutboxBatchRow[] = await manager.query(
        `SELECT seq, id, subject, envelope, headers FROM ${this.table()} WHERE published_at IS NULL
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      const result = await publishInEntityOrder(rows, (row) =>
        js.publish(row.subject, JSON.stringify(row.envelope), { msgID: row.id, timeout: 5_000, headers: eventHeaders(row.headers) }),
      );
      failure = result.failure;
      // Rows acknowledged are marked in this same commit, not republished; the rest wait for the next batch.
      if (result.done.length) {
        await manager.query(`UPDATE ${this.table()} SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`, [result.done]);
      }
      return result.done.length;
    });
    this.published += count;
    if (count && this.options.service) metricsFor(this.options.service).outboxPublished.inc(count);
    if (failure) throw failure;
    return count;
  }

  private table(): string {
    return this.options.dataSource.getRepository(OutboxRow).metadata.tablePath;
  }

  private async run(): Promise<void> {
    const idle = this.options.idleDelayMs ?? 200;
    const maxBackoff = this.options.maxBackoffMs ?? 5_000;
    let backoff = idle;
    while (this.running) {
      try {
        this.nudged = false; // this batch sees every row committed before now
        const n = await this.publishBatch();
        backoff = idle;
        if (n >= (this.options.batchSize ?? 200)) continue;
        if (n > 0) await new Promise((resolve) => setTimeout(resolve, this.options.lingerMs ?? 5));
        else await this.sleep(idle);
      } catch (e) {
        this.options.logger.warn('outbox relay: publish failed, will retry', { err: (e as Error).message, retryInMs: backoff });
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

interface OutboxBatchRow {
  seq: string;
  id: string;
  subject: string;
  envelope: { entityId?: string };
  headers: Record<string, string> | null;
}

/**
 * Publishes the rows of different entities at once and the rows of one entity one after another,
 * each sent only once the one before it was acknowledged: a publish that fails (a timeout, a
 * refusal, a lost connection) stops its entity's later rows, so none of them can reach the stream
 * ahead of it. Returns the seqs acknowledged, in outbox order, and the first failure.
 */
async function publishInEntityOrder<R extends OutboxBatchRow>(
  rows: R[],
  publish: (row: R) => Promise<unknown>,
): Promise<{ done: string[]; failure?: unknown }> {
  const lanes = new Map<string, R[]>();
  for (const row of rows) {
    const key = row.envelope?.entityId ?? '';
    const lane = lanes.get(key);
    if (lane) lane.push(row);
    else lanes.set(key, [row]);
  }
  const acked = new Set<string>();
  let failure: unknown;
  await Promise.all(
    [...lanes.values()].map(async (lane) => {
      for (const row of lane) {
        try {
          await publish(row);
          acked.add(row.seq);
        } catch (e) {
          failure ??= e;
          return;
        }
      }
    }),
  );
  return { done: rows.filter((row) => acked.has(row.seq)).map((row) => row.seq), failure };
}

function eventHeaders(stored: Record<string, string> | null): ReturnType<typeof natsHeaders> | undefined {
  if (!stored) return undefined;
  const h = natsHeaders();
  for (const [key, value] of Object.entries(stored)) h.set(key, value);
  return h;
}
