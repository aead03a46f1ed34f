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
  maxBackoffMs?: number;
  /** The service, for `shanyu_outbox_published_total`. */
  service?: string;
}

/**
 * Publishes committed outbox rows to JetStream in order, each with `Nats-Msg-Id` = row id so
 * a republish after a crash is dropped by the stream's duplicate window. A row is marked
 * published only after JetStream acknowledged it; on any failure the relay backs off and
 * tries again, forever: nothing is lost while the broker is down.
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
      const rows: { seq: string; id: string; subject: string; envelope: unknown; headers: Record<string, string> | null }[] = await manager.query(
        `SELECT seq, id, subject, envelope, headers FROM ${this.table()} WHERE published_at IS NULL
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      // One publish after another, each acknowledged before the next: a refused publish stops the
      // batch, so no later row of the outbox reaches consumers ahead of it. Sending the batch at once
      // and awaiting the acks together measured no faster on this machine (bench/README.md).
      const done: string[] = [];
      for (const row of rows) {
        try {
          await js.publish(row.subject, JSON.stringify(row.envelope), { msgID: row.id, timeout: 5_000, headers: eventHeaders(row.headers) });
          done.push(row.seq);
        } catch (e) {
          failure = e;
          break; // keep order: later rows wait for this one
        }
      }
      // Rows acknowledged before a failure are marked in this same commit, not republished.
      if (done.length) {
        await manager.query(`UPDATE ${this.table()} SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`, [done]);
      }
      return done.length;
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
        if (n > 0) continue;
        await this.sleep(idle);
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

function eventHeaders(stored: Record<string, string> | null): ReturnType<typeof natsHeaders> | undefined {
  if (!stored) return undefined;
  const h = natsHeaders();
  for (const [key, value] of Object.entries(stored)) h.set(key, value);
  return h;
}
